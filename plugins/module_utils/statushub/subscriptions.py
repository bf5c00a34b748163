# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub subscriptions: paths, normalisation, identity, the single resource and the set (their options, validation
and secrets: subscription_fields.py).
"""

from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.kinds import Endpoints, Kind, KindResource
from ansible_collections.statusops.status.plugins.module_utils.reconcile import Outcome, single_match
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import CREATED, is_deleted
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscribers import Declared, Subscribers
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import (
    OPTIONAL_REPORTED_FIELDS,
    PLAIN_FIELDS,
    address_key,
    redacted_pair,
    shown_address,
    validation_errors,
)

SUBSCRIPTIONS_PATH = "/subscriptions"
SUBSCRIBER_PATH = "/subscribers/%s"


# ---------------------------------------------------------------- secrets


def redacted_diff(outcome):
    before, after = redacted_pair(outcome.before, outcome.after)
    return Outcome(outcome.action, before, after, outcome.changes).diff


# ---------------------------------------------------------- normalisation


def selection_ids(selection):
    """The service ids of a services_selection, as the API answers it (services) or takes it (service_ids)."""
    selection = selection or {}
    if selection.get("service_ids"):
        return sorted(selection["service_ids"])
    return sorted(service["id"] if isinstance(service, dict) else service for service in selection.get("services") or [])


def selection_key(selection, names):
    """'all', or the sorted ids; a list naming every service of the hub is 'all' (the API says so)."""
    selection = selection or {"all": True}
    if selection.get("all"):
        return "all"
    ids = selection_ids(selection)
    if ids and ids == names.all_ids():
        return "all"
    return tuple(ids)


def desired_fields(item, names):
    """The fields the user set, in the API's shape; omitted services mean all services."""
    fields = {}
    if item.get("address") is not None:
        fields["address"] = item["address"]
    for option, field in PLAIN_FIELDS:
        if item.get(option) is not None:
            fields[field] = item[option]
    if item.get("services") is None:
        fields["services_selection"] = {"all": True, "service_ids": []}
    else:
        ids = sorted(set(names.id_of(reference) for reference in item["services"]))
        fields["services_selection"] = {"all": False, "service_ids": ids}
    return fields


def differing_fields(current, desired, names, where=""):
    """The desired fields whose normalised value differs from the current one.

    A method that differs fails (assumed: a subscription's method cannot be changed in place, as the API documents
    no such update); an address is checked against the current method when the method was not given.
    """
    method = current.get("method_name")
    if "method_name" in desired and desired["method_name"] != method:
        raise ReconcileError("%saddress %r is already used by subscription %s with method %s, not %s; delete that "
                             "subscription first to subscribe the address with another method"
                             % (where, shown_address(method, current.get("address")), current.get("id"), method,
                                desired["method_name"]))
    if "method_name" not in desired:
        errors = validation_errors({"address": desired.get("address"), "label": desired.get("label")}, where,
                                   method=method)
        if errors:
            raise ReconcileError("; ".join(errors))
    changes = {}
    for field, value in desired.items():
        if field == "services_selection":
            if selection_key(current.get(field), names) != selection_key(value, names):
                changes[field] = value
        elif field == "configuration":
            if (current.get(field) or {}) != value:
                changes[field] = value
        elif field == "label":
            if (current.get(field) or "") != (value or ""):
                changes[field] = value
        elif field in OPTIONAL_REPORTED_FIELDS and field not in current:
            continue
        elif current.get(field) != value:
            changes[field] = value
    return changes


def update_body(current, desired, changes):
    """The changed fields, plus the set fields the server does not report (they cannot be compared)."""
    body = dict(changes)
    for field in OPTIONAL_REPORTED_FIELDS:
        if field in desired and field not in current:
            body[field] = desired[field]
    return body


def preview(current, desired, names):
    """The subscription as it would be, in the API's answer shape."""
    merged = dict(current or {"id": None, "configuration": {}, "label": None, "less_verbose": False,
                              "protected": False, "subscriber_id": None})
    merged.update(desired)
    selection = desired.get("services_selection")
    if selection is not None:
        all_services = selection_key(selection, names) == "all"
        ids = names.all_ids() if all_services else selection["service_ids"]
        merged["services_selection"] = {"all": all_services,
                                        "services": [names.shown(i) for i in ids]}
    return merged


# -------------------------------------------------------------- endpoints


SUBSCRIPTION = Kind("subscription", "hub", SUBSCRIPTIONS_PATH, key="address", created=CREATED)


class Subscriptions(Endpoints):
    """The subscription endpoints of one hub; the list takes the API's filters."""

    def __init__(self, hub):
        super().__init__(hub, SUBSCRIPTION)

    def list(self, query=None):
        params = {"deleted": "false"}
        params.update(query or {})
        items = self.api.list(SUBSCRIPTIONS_PATH, params)
        if params["deleted"] == "false":
            items = [item for item in items if not is_deleted(item)]
        return items

    def subscriber(self, subscriber_id):
        """The live subscriber, or None."""
        return self.api.read(api_path(SUBSCRIBER_PATH, subscriber_id))


def find_by_address(items, address):
    key = address_key(address)
    matches = [item for item in items if address_key(item.get("address")) == key]
    shown = shown_address(matches[0].get("method_name"), address) if matches else address
    return single_match(matches, "address %r" % shown, "subscription")


def declared_subscriber(item, current, where):
    """The declared subscription (module options) as the subscriber rules see it."""
    address = item.get("address") or (current or {}).get("address")
    method = item.get("method") or (current or {}).get("method_name")
    return Declared(where, address_key(address), method, shown_address(method, address), current,
                    item.get("subscriber_of"), item.get("subscriber_id"))


def with_subscriber(desired, subscriber_id):
    """The create body, joining the subscriber when there is one (else the API makes a new one)."""
    return desired if subscriber_id is None else dict(desired, subscriber_id=subscriber_id)


def check_creatable(desired, where=""):
    missing = [option for option, field in (("address", "address"), ("method", "method_name")) if field not in desired]
    if missing:
        raise ReconcileError("%sthe subscription does not exist; %s required to create it"
                             % (where, " and ".join(missing) + (" are" if len(missing) > 1 else " is")))


class Subscription(KindResource):
    """One subscription, identified by id, else by address; subscriptions: its endpoints (Subscriptions)."""

    def __init__(self, subscriptions, names, params, where=""):
        super().__init__(SUBSCRIPTION, None, params, endpoints=subscriptions)
        self.names = names
        self.where = where
        self._desired = self._hub_items = None
        # The subscriber a create joins (None: a new one); find sets it, or the set that plans this subscription.
        self.joining = None

    def find(self):
        if self.params.get("id") is not None:
            current = self.endpoints.get(self.params["id"])
        else:
            self._hub_items = self.endpoints.list()
            current = find_by_address(self._hub_items, self.params["address"])
        self.joining = self._subscriber_id(current)
        return current

    def find_created(self):
        """Those with the address and the method: the identity of a subscription made without an id."""
        key = (address_key(self.params["address"]), self.params["method"])
        return [item for item in self.endpoints.list() if (address_key(item.get("address")), item.get("method_name")) == key]

    def desired(self):
        if self._desired is None:
            self._desired = desired_fields(self.params, self.names)
        return self._desired

    def changes(self, current, desired):
        return differing_fields(current, desired, self.names, self.where)

    def create(self, desired):
        self.check_creatable(desired)
        return self.endpoints.create(with_subscriber(desired, self.joining))

    def update(self, current, desired, changes):
        return self.endpoints.update(current["id"], update_body(current, desired, changes))

    def preview(self, current, desired):
        if current is None:
            self.check_creatable(desired)
            desired = with_subscriber(desired, self.joining)
        return preview(current, desired, self.names)

    def _subscriber_id(self, current):
        """The subscriber that subscriber_of or subscriber_id names (None: a new one, or neither is given); a
        subscriber rule broken (see subscribers.py) raises ReconcileError."""
        if self.params.get("subscriber_of") is None and self.params.get("subscriber_id") is None:
            return None
        if self._hub_items is None:
            self._hub_items = self.endpoints.list()
        subscribers = Subscribers([declared_subscriber(self.params, current, self.where)], self._hub_items,
                                  address_key, shown_address)
        if subscribers.errors:
            raise ReconcileError("; ".join(subscribers.errors))
        subscriber_id = subscribers.subscriber_id(0)
        if current is None and not any(item.get("subscriber_id") == subscriber_id for item in self._hub_items) \
                and self.endpoints.subscriber(subscriber_id) is None:
            raise ReconcileError("%ssubscriber_id %s: the hub has no subscriber with that id" % (self.where, subscriber_id))
        return subscriber_id

    def check_creatable(self, desired):
        if self.params.get("id") is not None:
            raise ReconcileError("%ssubscription id %s: the hub has no subscription with that id; omit id to create one"
                                 % (self.where, self.params["id"]))
        check_creatable(desired, self.where)
