# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Statusmate page-token API: paths, fields, normalisation and component identity."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.common import (
    booleans_given_as_integers,
    build_client,
    connection_spec,
    normalise_time,
    parse_time,
)
from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    ReconcileError,
    Resource,
    single_match,
)

DEFAULT_API_URL = "https://status.statusmate.top"
CREATE_PATH = "/api-components-create/"
UPDATE_PATH = "/api-components-update/%s/"
DELETE_PATH = "/api-components-delete/%s/"
LIST_PATH = "/api-components-list/"

IMPACTS = ("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage")
# The fields the vendor's (abbreviated) list items carry; any other field may be missing.
LISTED_FIELDS = ("uuid", "name", "description", "impact")
WRITABLE_FIELDS = ("index", "name", "description", "parent", "histogram", "start_date",
                   "collapse", "enabled", "private", "impact")
INDEX_RANGE = (0, 32767)
NAME_MAX_LENGTH = 255

# The options that describe a component, shared by the single and the plural module.
COMPONENT_FIELD_SPEC = dict(
    name=dict(type="str"),
    description=dict(type="str"),
    index=dict(type="int"),
    impact=dict(type="str", choices=list(IMPACTS)),
    histogram=dict(type="bool"),
    collapse=dict(type="bool"),
    enabled=dict(type="bool"),
    private=dict(type="bool"),
    start_date=dict(type="str"),
)


def argument_spec(**extra):
    spec = connection_spec("STATUSMATE_API_URL", DEFAULT_API_URL, "api_token", "STATUSMATE_API_TOKEN")
    spec.update(extra)
    return spec


def client(module):
    api = build_client(module, "api_token")
    api.set_concurrency(module.params.get("concurrency") or 1)
    return api


def validation_errors(fields, where=""):
    """Messages naming the option and value of every field the API would refuse."""
    errors = []
    name = fields.get("name")
    if name is not None and (not name.strip() or len(name) > NAME_MAX_LENGTH):
        errors.append("%sname must be 1 to %d characters and not blank, got %r" % (where, NAME_MAX_LENGTH, name))
    errors.extend(booleans_given_as_integers(fields, ("index",), where))
    index = fields.get("index")
    if index is not None and not isinstance(index, bool) and not INDEX_RANGE[0] <= index <= INDEX_RANGE[1]:
        errors.append("%sindex must be between %d and %d, got %s" % ((where,) + INDEX_RANGE + (index,)))
    start_date = fields.get("start_date")
    if start_date is not None and parse_time(start_date) is None:
        errors.append("%sstart_date must be ISO-8601 with a UTC offset (like 2025-05-24T11:02:11+03:00), got %r"
                      % (where, start_date))
    return errors


def normalise(field, value):
    if field == "description":
        return value or ""
    if field == "start_date":
        return normalise_time(value)
    return value


def differing_fields(current, desired):
    """The desired fields that current reports with another value."""
    return dict((field, value) for field, value in desired.items()
                if field in current and normalise(field, current[field]) != normalise(field, value))


def unverifiable_fields(current, desired):
    return sorted(field for field in desired if field not in current)


class Components:
    """The component endpoints of one page."""

    def __init__(self, api):
        self.api = api

    def list(self, parent=None, uuids=None):
        query = {}
        if parent is not None:
            query["parent"] = parent
        if uuids:
            query["component"] = list(uuids)
        items = self.api.get(LIST_PATH, query) or []
        if parent is not None:
            for item in items:
                item.setdefault("parent", parent)
        return items

    def children_of(self, parents):
        """{parent: its children} for each parent uuid, the lists read at once."""
        parents = list(parents)
        return dict(zip(parents, self.api.concurrently(lambda parent: self.list(parent=parent), parents)))

    def create(self, body):
        return self.api.post(CREATE_PATH, body)

    def update(self, uuid, body):
        return self.api.post(api_path(UPDATE_PATH, uuid), body)

    def delete(self, uuid):
        self.api.delete(api_path(DELETE_PATH, uuid))


class PageIndex:
    """The page's components, read once, with the tree learned as it is needed."""

    def __init__(self, components):
        self.components = components
        self._all = None

    @property
    def all(self):
        if self._all is None:
            self._all = self.components.list()
        return self._all

    @property
    def full_items(self):
        """True when the server's list items report every field (parent included)."""
        return any("parent" in item for item in self.all)

    def resolve(self, reference, what="parent"):
        """The uuid of the component named by uuid or by name (names must be unique)."""
        for item in self.all:
            if item["uuid"] == reference:
                return reference
        matches = [item for item in self.all if item["name"] == reference]
        if not matches:
            raise ReconcileError("%s %r: no component of the page has that name or uuid" % (what, reference))
        return single_match(matches, "%s %r" % (what, reference), "component", "uuid")["uuid"]

    def children(self, parent):
        if self.full_items:
            return [item for item in self.all if item.get("parent") == parent]
        return self.components.list(parent=parent)

    def descendants(self, uuid):
        """The uuids of every component below this one, at any depth."""
        found = set()
        pending = [uuid]
        while pending:
            for child in self.children(pending.pop()):
                if child["uuid"] not in found:
                    found.add(child["uuid"])
                    pending.append(child["uuid"])
        return found

    def top_level(self, candidates):
        """The candidates that have no parent."""
        if self.full_items:
            return [item for item in candidates if item.get("parent") is None]
        remaining = dict((item["uuid"], item) for item in candidates)
        # The others are read first; then the candidates', as one may sit under a namesake (never under itself).
        for item in sorted(self.all, key=lambda item: item["uuid"] in remaining):
            if not remaining:
                break
            if list(remaining) == [item["uuid"]]:
                continue
            for child in self.components.list(parent=item["uuid"]):
                remaining.pop(child["uuid"], None)
        for item in remaining.values():
            item["parent"] = None
        return list(remaining.values())


def named_under(page, name, parent):
    """The components of the page with this name whose parent is this uuid (None: at the top level)."""
    if parent:
        return [item for item in page.children(parent) if item["name"] == name]
    named = [item for item in page.all if item["name"] == name]
    return page.top_level(named) if named else []


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
        self.page = PageIndex(self.components)
        reference = self.params.get("parent")
        self.parent = self.page.resolve(reference) if reference else None
        current = single_match(self._matches(self.page), describe(self.params["name"], self.parent), "component", "uuid")
        if current is not None:
            self.unverified = unverifiable_fields(current, self.desired())
            self._check_no_loop(current)
        return current

    def find_created(self):
        return self._matches(PageIndex(self.components))

    def _matches(self, page):
        """The components of the page that have the declared identity: the uuid, else the name under the parent."""
        uuid = self.params.get("uuid")
        if uuid:
            return [item for item in self.components.list(uuids=[uuid]) if item["uuid"] == uuid]
        return named_under(page, self.params["name"], self.parent)

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
        fields = dict((field, self.params[field]) for field in COMPONENT_FIELD_SPEC if self.params.get(field) is not None)
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


def update_body(current, desired):
    """Every field known: what the server reported, overridden by what the user set.

    A field neither reported nor set is left out, so its real value is kept.
    """
    body = {"uuid": current["uuid"]}
    for field in WRITABLE_FIELDS:
        if field in desired:
            body[field] = desired[field]
        elif field in current:
            body[field] = current[field]
    return body
