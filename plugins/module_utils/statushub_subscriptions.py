# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub subscriptions: paths, fields, validation, normalisation, identity, redaction of secrets.
"""

import re
from urllib.parse import urlsplit

from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.common import booleans_given_as_integers, hide, is_http_url
from ansible_collections.statusops.status.plugins.module_utils.masking import MASK, spellings
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    Outcome,
    Resource,
    SetMapping,
    SetPlan,
    plan_set,
    single_match,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub import CREATED, is_deleted
from ansible_collections.statusops.status.plugins.module_utils.statushub_subscribers import Declared, Subscribers

SUBSCRIPTIONS_PATH = "/subscriptions"
SUBSCRIPTION_PATH = "/subscriptions/%s"
SUBSCRIBER_PATH = "/subscribers/%s"
METHODS = ("email", "sms", "webhook", "slack", "teams")
# The methods whose address is a URL, and a credential: whoever knows it can post to the channel.
URL_METHODS = ("webhook", "slack", "teams")
# A pragmatic check (one @, a dot in the domain, no spaces), not RFC 5322.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# E.164 as the contract states it: a +, then 7 to 15 digits, the first not 0 (the lower bound is assumed).
E164_PATTERN = re.compile(r"^\+[1-9][0-9]{6,14}$")
URL_LIKE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
REDACTED = MASK
# Marks a hidden value that a change replaced, so that a diff of two hidden values still shows the change.
CHANGED_MARK = " (changed)"
# The configuration keys whose values are shown; every other value may be a credential (a signing secret, a header).
HARMLESS_CONFIGURATION_KEYS = ("content_type",)
# Shorter strings, and numbers, are hidden in results and diffs but not masked in other text, where masking them
# would hide every such word or digit (an id containing it, say).
MIN_MASKED_LENGTH = 4
# What the API's list filter `deleted` shows by default in the info module.
DELETED_FILTERS = ("true", "false", "all")
# assumed: fields that a server may leave out of its answers (the seed's example answer has neither); when one is
# not reported it cannot be compared, and it is sent with any other change of the subscription.
OPTIONAL_REPORTED_FIELDS = ("less_verbose", "protected")

# The options that describe a subscription, shared by the single and the plural module.
SUBSCRIPTION_FIELD_SPEC = dict(
    address=dict(type="str", no_log=True),
    method=dict(type="str", choices=list(METHODS)),
    services=dict(type="list", elements="str"),
    configuration=dict(type="dict", no_log=True),
    label=dict(type="str"),
    less_verbose=dict(type="bool"),
    protected=dict(type="bool"),
    subscriber_of=dict(type="str", no_log=True),
)
# Option name -> API field, for the fields copied as they are.
PLAIN_FIELDS = (("method", "method_name"), ("configuration", "configuration"), ("label", "label"),
                ("less_verbose", "less_verbose"), ("protected", "protected"))


# ---------------------------------------------------------------- secrets


def looks_like_url(value):
    return isinstance(value, str) and bool(URL_LIKE_PATTERN.match(value))


def redact_url(value):
    """The URL with its scheme and host kept and everything else replaced."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return REDACTED
    host = parts.netloc.rpartition("@")[2]
    if not parts.scheme or not host:
        return REDACTED
    return "%s://%s/%s" % (parts.scheme, host, REDACTED)


def hidden_address(address):
    """The address fit to show to anyone: a URL as redact_url shows it, an email its domain, else the last two characters."""
    address = "" if address is None else str(address)
    if looks_like_url(address):
        return redact_url(address)
    if "@" in address:
        return "%s@%s" % (REDACTED, address.rpartition("@")[2])
    return REDACTED + address[-2:]


# A URL, an email address or a phone number inside a message; punctuation after a URL is not part of it.
ADDRESS_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]*[^\s'\"<>,.;:!?)\]]"
                             r"|[^\s'\"@:,()<>\[\]]+@[^\s'\"@:,()<>\[\]]*"
                             r"|[+]?[0-9][0-9 ().-]{5,}[0-9]")


def hide_addresses(text):
    """The text with every URL, email address and phone number in it hidden (the filter hide_addresses)."""
    return ADDRESS_IN_TEXT.sub(lambda match: hidden_address(match.group(0)), "" if text is None else str(text))


def is_secret_address(method, address):
    return method in URL_METHODS or (method is None and looks_like_url(address))


def shown_address(method, address):
    return redact_url(address) if is_secret_address(method, address) else address


def hidden_configuration(configuration):
    """The configuration fit to show: each value hidden (a URL as redact_url shows it, any other value as
    REDACTED, inside lists and objects too) but those of HARMLESS_CONFIGURATION_KEYS."""
    if not isinstance(configuration, dict):
        return configuration
    return dict((key, value if key in HARMLESS_CONFIGURATION_KEYS else _hidden_value(value))
                for key, value in configuration.items())


def _hidden_value(value):
    if isinstance(value, dict):
        return dict((key, _hidden_value(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_hidden_value(item) for item in value]
    if value is None:
        return None
    return redact_url(value) if looks_like_url(value) else REDACTED


def redacted(subscription):
    """A copy fit to show: a URL address redacted and the configuration hidden (see hidden_configuration)."""
    if not subscription:
        return subscription
    shown = dict(subscription)
    if shown.get("address") is not None:
        shown["address"] = shown_address(shown.get("method_name"), shown["address"])
    if shown.get("configuration"):
        shown["configuration"] = hidden_configuration(shown["configuration"])
    return shown


def redacted_pair(before, after):
    """before and after redacted, with each hidden value that changed marked in after (else the two would read
    the same and a diff would show no change)."""
    shown_before, shown_after = redacted(before), redacted(after)
    if before and after:
        shown_after = dict((field, _marked(before.get(field), after[field], shown_before.get(field), value))
                           if field in ("address", "configuration") and field in before else (field, value)
                           for field, value in shown_after.items())
    return shown_before, shown_after


def _marked(before, after, shown_before, shown_after):
    if isinstance(after, dict) and isinstance(before, dict) and isinstance(shown_before, dict):
        return dict((key, _marked(before[key], value, shown_before[key], shown_after[key]) if key in before
                     else shown_after[key]) for key, value in after.items())
    if isinstance(after, list) and isinstance(before, list) and len(after) == len(before):
        return [_marked(*values) for values in zip(before, after, shown_before, shown_after)]
    if before != after and shown_before == shown_after and isinstance(shown_after, str):
        return shown_after + CHANGED_MARK
    return shown_after


def redacted_diff(outcome):
    before, after = redacted_pair(outcome.before, outcome.after)
    return Outcome(outcome.action, before, after, outcome.changes).diff


def redacted_after(before_items, after_items):
    """after_items redacted, each marked against the item of before_items with its id (see redacted_pair)."""
    before_by_id = dict((item.get("id"), item) for item in before_items if item.get("id") is not None)
    return [redacted_pair(before_by_id.get(item.get("id")), item)[1] for item in after_items]


def _leaves(value):
    """The texts Ansible derives from a no_log value: every string and number in it."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield str(value)


def _maskable(value):
    """The texts of the value that may be masked wherever they occur: strings long enough not to be ordinary text."""
    return [leaf for leaf in _leaves(value) if isinstance(leaf, str) and len(leaf) >= MIN_MASKED_LENGTH]


def protect_secrets(module, option=None):
    """Hide the declared subscriptions' secrets everywhere Ansible prints or logs, in every spelling.

    The subscriptions are module.params (one) or the list module.params[option]. `address` and `configuration` are
    no_log options, so Ansible never logs them when the module starts, and it would mask each text in them wherever
    it occurs. Here the values that are not secrets (email addresses, phone numbers, harmless configuration, short
    or numeric values that would mask ordinary digits and words) are shown again where ansible-core allows it (before
    2.22, see common.hide); URL addresses, and the
    configuration's other strings, are masked in every spelling a server may echo them in. module.params becomes a
    copy with the configuration hidden (the caller keeps the real one), as Ansible shows it as the invocation.
    """
    params = module.params
    items = params[option] if option else [params]
    secrets = set()
    plain = set()
    for item in items:
        for address, method in ((item.get("address"), item.get("method")), (item.get("subscriber_of"), None)):
            if address:
                (secrets if is_secret_address(method, address) else plain).add(address)
        for key, value in (item.get("configuration") or {}).items():
            plain.update(_leaves(value))
            if key not in HARMLESS_CONFIGURATION_KEYS:
                secrets.update(_maskable(value))
    hide(module, set(spelling for secret in secrets for spelling in spellings(secret)), plain - set([params.get("api_key")]))
    shown = [dict(item, configuration=hidden_configuration(item.get("configuration"))) for item in items]
    module.params = dict(params, **{option: shown}) if option else shown[0]


# ------------------------------------------------------------- validation


def validation_errors(item, where="", method=None):
    """Messages for one declared subscription (module options), before any request.

    Each names the option, the value (redacted when it is a URL) and the rule. method is the method of the existing
    subscription, for an item that does not give its own.
    """
    errors = booleans_given_as_integers(item, ("id",), where)
    method = item.get("method") or method
    address = item.get("address")
    if address is not None and method is not None:
        shown = shown_address(method, address)
        if method == "email" and not EMAIL_PATTERN.match(address):
            errors.append("%saddress must be an email address (like name@example.com) for method email, got %r"
                          % (where, shown))
        elif method == "sms" and not E164_PATTERN.match(address):
            errors.append("%saddress must be a phone number in E.164 form (+ then 7 to 15 digits, the first not 0, "
                          "like +14155550100) for method sms, got %r" % (where, shown))
        elif method in URL_METHODS and not is_http_url(address, ("https",)):
            errors.append("%saddress must be an https URL (https://host/path) for method %s, got %r"
                          % (where, method, shown))
    if method == "email" and item.get("label") is not None:
        errors.append("%slabel is not available for method email (the API refuses it), got %r" % (where, item["label"]))
    if item.get("services") is not None and not item["services"]:
        errors.append("%sservices must name at least one service, or be omitted for all current and future services, got []"
                      % where)
    return errors


def subscriber_errors(item, where=""):
    """Messages for a subscriber named where a subscription is deleted (state=absent), which takes none."""
    return ["%s%s is only for state=present, where it names the subscriber a subscription belongs to"
            % (where, option) for option in ("subscriber_of", "subscriber_id") if item.get(option) is not None]


# ---------------------------------------------------------- normalisation


def address_key(address):
    """assumed: the hub compares addresses without regard to case when it keeps them unique (the simulator does), so
    the collection finds a subscription that way too; a difference of case alone is then an update of the address."""
    return None if address is None else address.lower()


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


class Subscriptions:
    """The subscription endpoints of one hub."""

    def __init__(self, hub):
        self.hub = hub

    def list(self, query=None):
        params = {"deleted": "false"}
        params.update(query or {})
        items = self.hub.list(SUBSCRIPTIONS_PATH, params)
        if params["deleted"] == "false":
            items = [item for item in items if not is_deleted(item)]
        return items

    def get(self, subscription_id):
        """The live subscription, or None when there is none with that id (or it was deleted)."""
        return self.hub.read(api_path(SUBSCRIPTION_PATH, subscription_id))

    def create(self, body):
        return self.hub.post(SUBSCRIPTIONS_PATH, body, expect=CREATED)

    def update(self, subscription_id, body):
        return self.hub.put(api_path(SUBSCRIPTION_PATH, subscription_id), body)

    def delete(self, subscription_id):
        self.hub.delete(api_path(SUBSCRIPTION_PATH, subscription_id))

    def subscriber(self, subscriber_id):
        """The live subscriber, or None."""
        return self.hub.read(api_path(SUBSCRIBER_PATH, subscriber_id))


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


class Subscription(Resource):
    """One subscription, identified by id, else by address."""

    noun = "subscription"

    def __init__(self, subscriptions, names, params, where=""):
        self.subscriptions = subscriptions
        self.names = names
        self.params = params
        self.where = where
        self._desired = None
        self._hub_items = None
        # The subscriber a create joins (None: a new one); find sets it, or the set that plans this subscription.
        self.joining = None

    def find(self):
        if self.params.get("id") is not None:
            current = self.subscriptions.get(self.params["id"])
        else:
            self._hub_items = self.subscriptions.list()
            current = find_by_address(self._hub_items, self.params["address"])
        self.joining = self._subscriber_id(current)
        return current

    def find_created(self):
        """Those with the address and the method: the identity of a subscription made without an id."""
        key = (address_key(self.params["address"]), self.params["method"])
        return [item for item in self.subscriptions.list() if (address_key(item.get("address")), item.get("method_name")) == key]

    def desired(self):
        if self._desired is None:
            self._desired = desired_fields(self.params, self.names)
        return self._desired

    def changes(self, current, desired):
        return differing_fields(current, desired, self.names, self.where)

    def create(self, desired):
        self._check_creatable(desired)
        return self.subscriptions.create(with_subscriber(desired, self.joining))

    def update(self, current, desired, changes):
        return self.subscriptions.update(current["id"], update_body(current, desired, changes))

    def delete(self, current):
        self.subscriptions.delete(current["id"])

    def preview(self, current, desired):
        if current is None:
            self._check_creatable(desired)
            desired = with_subscriber(desired, self.joining)
        return preview(current, desired, self.names)

    def _subscriber_id(self, current):
        """The subscriber that subscriber_of or subscriber_id names (None: a new one, or neither is given); a
        subscriber rule broken (see statushub_subscribers) raises ReconcileError."""
        if self.params.get("subscriber_of") is None and self.params.get("subscriber_id") is None:
            return None
        if self._hub_items is None:
            self._hub_items = self.subscriptions.list()
        subscribers = Subscribers([declared_subscriber(self.params, current, self.where)], self._hub_items,
                                  address_key, shown_address)
        if subscribers.errors:
            raise ReconcileError("; ".join(subscribers.errors))
        subscriber_id = subscribers.subscriber_id(0)
        if current is None and not any(item.get("subscriber_id") == subscriber_id for item in self._hub_items) \
                and self.subscriptions.subscriber(subscriber_id) is None:
            raise ReconcileError("%ssubscriber_id %s: the hub has no subscriber with that id" % (self.where, subscriber_id))
        return subscriber_id

    def _check_creatable(self, desired):
        if self.params.get("id") is not None:
            raise ReconcileError("%ssubscription id %s: the hub has no subscription with that id; omit id to create one"
                                 % (self.where, self.params["id"]))
        check_creatable(desired, self.where)


# ------------------------------------------------------------------- sets


def declared_subscriptions(items, state):
    """Validation errors of the declared list (before any request): values, and addresses given twice."""
    errors = []
    seen = {}
    for position, item in enumerate(items):
        where = "subscriptions[%d]." % position
        if item.get("address") is None and item.get("id") is None:
            errors.append("%sone of address or id is required" % where)
        if state == "present":
            errors.extend(validation_errors(item, where))
        else:
            errors.extend(booleans_given_as_integers(item, ("id",), where) + subscriber_errors(item, where))
        key = address_key(item.get("address"))
        if key is not None:
            if key in seen:
                errors.append("%saddress %r is declared more than once (first as subscriptions[%d])"
                              % (where, shown_address(item.get("method"), item["address"]), seen[key]))
            seen.setdefault(key, position)
    return errors


class SubscriptionPlan(SetPlan):
    """The plan of a declared list of subscriptions: each key's declared item (resources, positions) and subscriber;
    a create waits for the create of the subscription whose subscriber it joins."""

    def __init__(self, current):
        super().__init__(current)
        self.resources = {}
        self.positions = {}
        self.subscribers = None
        self.joins = {}  # key: the key of the create whose subscriber it joins

    def requires(self, key, action):
        return [self.joins[key]] if action == "create" and key in self.joins else []


class SubscriptionSet(SetMapping):
    """A hub's subscriptions as a declared set, keyed by address (every item is checked before the first write:
    unknown service, method clash, unknown id, subscriber rules)."""

    noun = "subscription"

    def __init__(self, subscriptions, names, items, prune, state):
        self.subscriptions = subscriptions
        self.names = names
        self.items = items
        self.prune = prune
        self.absent = state == "absent"

    def read(self):
        return self.subscriptions.list()

    def plan(self, current):
        plan = SubscriptionPlan(current)
        by_id = dict((item["id"], item) for item in current)
        current_by_key = {}
        for item in current:
            key = address_key(item.get("address"))
            if key in current_by_key:
                key = ("#id", item["id"])  # a duplicate the hub should not hold; it is pruned or matched by id
            current_by_key[key] = item
        desired_by_key = {}
        for position, item in enumerate(self.items):
            where = "subscriptions[%d]." % position
            resource = Subscription(self.subscriptions, self.names, item, where)
            if item.get("id") is not None:
                found = by_id.get(item["id"])
                if found is None:
                    if self.absent:
                        continue
                    raise ReconcileError("%ssubscription id %s: the hub has no subscription with that id" % (where, item["id"]))
                key = next(k for k, v in current_by_key.items() if v is found)
            else:
                key = address_key(item["address"])
            if key in desired_by_key:
                raise ReconcileError("%sdeclares a subscription that another item of the list declares too" % where)
            desired_by_key[key] = {} if self.absent else resource.desired()
            plan.resources[key] = resource
            plan.positions[key] = position
        plan_set(current_by_key, desired_by_key,
                 lambda key, item, desired: plan.resources[key].changes(item, desired),
                 prune=self.prune, absent=self.absent, plan=plan)
        for key, desired in plan.create:
            check_creatable(desired, plan.resources[key].where)
        if not self.absent:
            self._plan_subscribers(plan, current_by_key)
        return plan

    @staticmethod
    def _plan_subscribers(plan, current_by_key):
        """The subscriber of each declared item (statushub_subscribers), its rules checked; creates ordered so that
        one joining another created here comes after it."""
        keys = sorted(plan.positions, key=plan.positions.get)
        declared = [declared_subscriber(plan.resources[key].params, current_by_key.get(key), plan.resources[key].where)
                    for key in keys]
        plan.subscribers = Subscribers(declared, plan.context, address_key, shown_address,
                                       leaving=[current["id"] for _key, current in plan.delete])
        if plan.subscribers.errors:
            raise ReconcileError("; ".join(plan.subscribers.errors))
        creates = dict(plan.create)
        plan.create = [(keys[position], creates[keys[position]])
                       for position in plan.subscribers.order(plan.positions[key] for key in creates)]
        for key in creates:
            required = plan.subscribers.requires(plan.positions[key])
            if required is not None:
                plan.joins[key] = keys[required]

    @staticmethod
    def _joining(plan, key, done):
        """The subscriber a create joins (None: a new one), given the subscriptions the run has made so far."""
        done_at = dict((plan.positions[done_key], item) for done_key, item in done.items() if done_key in plan.positions)
        return plan.subscribers.subscriber_id(plan.positions[key], done_at)

    def create(self, plan, key, desired, done):
        return self.subscriptions.create(with_subscriber(desired, self._joining(plan, key, done)))

    def find_created(self, plan, key, desired, done):
        return plan.resources[key].find_created()

    def update(self, plan, key, current, desired, changes, done):
        return self.subscriptions.update(current["id"], update_body(current, desired, changes))

    def delete(self, plan, key, current):
        self.subscriptions.delete(current["id"])

    def preview_create(self, plan, key, desired, done):
        return preview(None, with_subscriber(desired, plan.subscribers.subscriber_id(plan.positions[key])), self.names)

    def preview_update(self, plan, key, current, desired, done):
        return preview(current, desired, self.names)

    def shown(self, plan, key, item):
        return redacted(item)

    def result(self, reconciler):
        before = reconciler.plan.context
        after = reconciler.after()
        return dict(subscriptions=[redacted(item) for item in after],
                    diff={"before": {"subscriptions": [redacted(item) for item in before]},
                          "after": {"subscriptions": redacted_after(before, after)}})
