# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Statusmate components: the component endpoints of a page, and one component as a resource to reconcile, identified
by uuid or by (name, parent).
"""

from ansible_collections.statusops.status.plugins.module_utils.answers import LIST, Identified
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.kinds import Endpoints, Kind
from ansible_collections.statusops.status.plugins.module_utils.reconcile import Resource, single_match
from ansible_collections.statusops.status.plugins.module_utils.statusmate.page import read_page
from ansible_collections.statusops.status.plugins.module_utils.statusmate.rules import component_fields, differing_fields, unverifiable_fields, update_body

# The page-token API: a path for each verb, updates are POSTs, deletes are real; the list is irregular (below).
COMPONENT = Kind(
    "component", "page", "/api-components-list/", id_key="uuid", soft_delete=False, update_verb="post",
    paths={"create": "/api-components-create/", "update": "/api-components-update/%s/",
           "delete": "/api-components-delete/%s/"},
    created=Identified("uuid"),
)


class Components(Endpoints):
    """The component endpoints of one page."""

    def __init__(self, api):
        super().__init__(api, COMPONENT)

    def list(self, parent=None, uuids=None):
        query = {}
        if parent is not None:
            query["parent"] = parent
        if uuids:
            query["component"] = list(uuids)
        items = self.api.get(COMPONENT.path, query, expect=LIST)
        if parent is not None:
            for item in items:
                item.setdefault("parent", parent)
        return items

    def update(self, object_id, body):
        # An update sends the whole object (API_CONTRACT.md): repeating it is safe, so it is retried like a PUT.
        return self.api.post(self._path(object_id, "update"), body, repeatable=True)

    def children_of(self, parents):
        """{parent: its children} for each parent uuid, the lists read at once."""
        parents = list(parents)
        return dict(zip(parents, self.api.concurrently(lambda parent: self.list(parent=parent), parents)))


def set_impact(components, item, impact):
    """Update one listed component's impact, sending every other field as the server reported it."""
    return components.update(item["uuid"], update_body(item, {"impact": impact}))


def describe(name, parent):
    return "component %r%s" % (name, " under parent %s" % parent if parent else " at the top level")


class Component(Resource):
    """One component, identified by uuid or by (name, parent)."""

    noun = "component"
    id_key = "uuid"

    def __init__(self, components, params):
        self.components = components
        self.params = params
        self.unverified = []
        self.page = None
        self.parent = None  # the parent's uuid, or None for the top level; resolved by find()

    def manages_parent(self):
        return not self.params.get("uuid") or self.params.get("parent") is not None

    def find(self):
        reference = self.params.get("parent")
        # A uuid alone is read by itself: the page is read only to resolve a parent or to look up a name.
        self.page = read_page(self.components) if reference or not self.params.get("uuid") else None
        self.parent = self.page.resolve(reference) if reference else None
        current = single_match(self._matches(self.page), describe(self.params["name"], self.parent), "component", "uuid")
        if current is not None:
            self.unverified = unverifiable_fields(current, self.desired())
            self._check_no_loop(current)
        return current

    def find_created(self):
        return self._matches(read_page(self.components))

    def _matches(self, page):
        """The components of the page that have the declared identity: the uuid, else the name under the parent."""
        uuid = self.params.get("uuid")
        if uuid:
            return [item for item in self.components.list(uuids=[uuid]) if item["uuid"] == uuid]
        return page.named_under(self.params["name"], self.parent)

    def _check_no_loop(self, current):
        """A component moved under itself or under a component below it would put a loop in the page."""
        if self.parent is None or current.get("parent") == self.parent:
            return
        reference = self.params["parent"]
        if self.parent == current["uuid"]:
            raise ReconcileError("parent %r is component %s itself; a component cannot be its own parent"
                                 % (reference, current["uuid"]))
        if self.parent in self.page.descendants(current["uuid"]):
            raise ReconcileError("parent %r (%s) is below component %s; moving the component under it would put a "
                                 "loop in the page" % (reference, self.parent, current["uuid"]))

    def desired(self):
        fields = component_fields(self.params)
        if self.manages_parent():
            fields["parent"] = self.parent
        return fields

    def changes(self, current, desired):
        return differing_fields(current, desired)

    def must_update(self, current, desired, changes):
        return bool(changes) or bool(self.params["update_unverified"] and self.unverified)

    def create(self, desired):
        self._check_creatable()
        return self.components.create(desired)

    def preview(self, current, desired):
        if current is None:
            self._check_creatable()
        return super().preview(current, desired)

    def _check_creatable(self):
        """A uuid names one existing component: when there is none, nothing is created in its place."""
        if self.params.get("uuid"):
            raise ReconcileError("uuid %r: no component of the page has that uuid; omit uuid to create a component "
                                 "by name" % self.params["uuid"])

    def update(self, current, desired, changes):
        return self.components.update(current["uuid"], update_body(current, desired))

    def delete(self, current):
        self.components.delete(current["uuid"])
