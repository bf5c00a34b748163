# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub services: paths, fields, normalisation, identity and the set of a hub's services.
"""

from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.common import (
    booleans_given_as_integers,
    name_errors,
    stored_text,
)
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    Resource,
    SetMapping,
    SetPlan,
    index_unique,
    plan_set,
    single_match,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub import CREATED, is_deleted

SERVICES_PATH = "/services"
SERVICE_PATH = "/services/%s"
# assumed (contract): a service has the writable fields name and description, nothing else.
SERVICE_FIELDS = ("name", "description")
# assumed (contract): deletes are soft, as for subscriptions; a deleted service stays readable with flags.deleted and
# no longer counts, so lists ask for the live ones and check the flag too.
LIVE_SERVICES_QUERY = {"deleted": "false", "extend": "flags"}
# assumed: the longest service name the API accepts (the simulator's limit for titles).
NAME_MAX_LENGTH = 255

# The options that describe a service, shared by the single and the plural module.
SERVICE_FIELD_SPEC = dict(
    name=dict(type="str"),
    description=dict(type="str"),
)


def normalise(service):
    """A service as the modules return it: id, name and description ('' when unset)."""
    return {"id": service.get("id"), "name": service.get("name"), "description": stored_text(service.get("description"))}


def validation_errors(fields, where=""):
    """Messages naming the option, the value and the rule, for every field the API would refuse."""
    return booleans_given_as_integers(fields, ("id",), where) + name_errors(fields, NAME_MAX_LENGTH, where)


def desired_fields(params):
    fields = dict((field, params[field]) for field in SERVICE_FIELDS if params.get(field) is not None)
    if "description" in fields:
        fields["description"] = stored_text(fields["description"])
    return fields


def differing_fields(current, desired):
    """The desired fields whose value differs from the current one (normalised: descriptions as stored_text)."""
    return dict((field, value) for field, value in desired.items() if current.get(field) != value)


class Services:
    """The service endpoints of one hub."""

    def __init__(self, hub):
        self.hub = hub

    def list(self):
        """The hub's live services: a deleted one is not found by name, counted, pruned or subscribed to."""
        return [normalise(item) for item in self.hub.list(SERVICES_PATH, LIVE_SERVICES_QUERY) if not is_deleted(item)]

    def get(self, service_id):
        """The service, or None when the hub has no (live) service with that id."""
        item = self.hub.read(api_path(SERVICE_PATH, service_id))
        return item and normalise(item)

    def create(self, body):
        return normalise(self.hub.post(SERVICES_PATH, body, expect=CREATED))

    def update(self, service_id, body):
        return normalise(self.hub.put(api_path(SERVICE_PATH, service_id), body))

    def delete(self, service_id):
        self.hub.delete(api_path(SERVICE_PATH, service_id))


def named(items, name):
    """The one service with this name, or None; two fail naming both ids."""
    return single_match([item for item in items if item["name"] == name], "service %r" % name, "service")


class Service(Resource):
    """One service, identified by id, else by name."""

    noun = "service"

    def __init__(self, services, params):
        self.services = services
        self.params = params

    def find(self):
        if self.params.get("id") is not None:
            return self.services.get(self.params["id"])
        return named(self.services.list(), self.params["name"])

    def desired(self):
        return desired_fields(self.params)

    def changes(self, current, desired):
        return differing_fields(current, desired)

    def create(self, desired):
        self._check_creatable()
        return self.services.create(desired)

    def update(self, current, desired, changes):
        return self.services.update(current["id"], changes)

    def delete(self, current):
        self.services.delete(current["id"])

    def _check_creatable(self):
        if self.params.get("id") is not None:
            raise ReconcileError("service id %s: the hub has no service with that id; omit id to create a service by name"
                                 % self.params["id"])

    def preview(self, current, desired):
        if current is None:
            self._check_creatable()
        merged = dict(current or {"id": None, "description": ""})
        merged.update(desired)
        return merged


def declared_services(items, state):
    """{name: desired fields} of the declared list; duplicates and bad values fail before any request."""
    errors = []
    declared = {}
    for position, item in enumerate(items):
        where = "services[%d]." % position
        if not item.get("name"):
            errors.append("%sname is required" % where)
            continue
        errors.extend(validation_errors(item, where))
        if item["name"] in declared:
            errors.append("%sname %r is declared more than once" % (where, item["name"]))
        declared[item["name"]] = desired_fields(item) if state == "present" else {"name": item["name"]}
    return declared, errors


class ServiceSet(SetMapping):
    """A hub's services as a declared set, keyed by name (undeclared ones by id: two may share a name)."""

    noun = "service"

    def __init__(self, services, declared, prune, state):
        self.services = services
        self.declared = declared
        self.prune = prune
        self.absent = state == "absent"

    def read(self):
        return self.services.list()

    def plan(self, current):
        names = set(self.declared)
        by_name = index_unique([item for item in current if item["name"] in names],
                               lambda item: item["name"], lambda name: "service %r" % name, "service")
        current_by_key = dict(by_name)
        current_by_key.update((("#id", item["id"]), item) for item in current if item["name"] not in names)
        return plan_set(current_by_key, self.declared, lambda key, item, desired: differing_fields(item, desired),
                        prune=self.prune, absent=self.absent, plan=SetPlan(current))

    def create(self, plan, key, desired, done):
        return self.services.create(desired)

    def find_created(self, plan, key, desired, done):
        return [item for item in self.services.list() if item["name"] == key]

    def update(self, plan, key, current, desired, changes, done):
        return self.services.update(current["id"], changes)

    def delete(self, plan, key, current):
        self.services.delete(current["id"])

    def preview_create(self, plan, key, desired, done):
        return dict({"id": None, "description": ""}, **desired)

    def result(self, reconciler):
        after = reconciler.after()
        return dict(services=after, diff={"before": {"services": reconciler.plan.context}, "after": {"services": after}})


class ServiceNames:
    """Resolves services named by name or by id; the hub's live services are read once.

    planned names the services an earlier task of the same run would create (check mode): they resolve as if the hub
    had them, with a negative id (the API's ids are positive) that is shown as null.
    """

    def __init__(self, hub, planned=()):
        self.hub = hub
        self.planned = planned
        self._services = None

    @property
    def services(self):
        if self._services is None:
            live = Services(self.hub).list()
            on_hub = set(service["name"] for service in live)
            to_come = [name for name in dict.fromkeys(self.planned) if name not in on_hub]
            self._services = live + [{"id": -number, "name": name} for number, name in enumerate(to_come, 1)]
        return self._services

    def shown(self, service_id):
        """The service as a preview shows it: a planned one has no id yet."""
        return {"id": service_id if service_id > 0 else None, "name": self.name_of(service_id)}

    def id_of(self, reference):
        """The id of the service named by id or by name; unknown or ambiguous names fail."""
        text = str(reference)
        if text.isdigit() and any(service["id"] == int(text) for service in self.services):
            return int(text)
        matches = [service for service in self.services if service["name"] == text]
        if not matches:
            raise ReconcileError("service %r: the hub has no service with that name or id" % text)
        return single_match(matches, "service %r" % text, "service")["id"]

    def name_of(self, service_id):
        for service in self.services:
            if service["id"] == service_id:
                return service["name"]
        return str(service_id)

    def all_ids(self):
        return sorted(service["id"] for service in self.services)
