# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub subscriptions before any request: their options, validation, and the secrets they hold (redacted in
results, masked in every output). A leaf: the filters of the statushub_page role use it without the client.
"""

import re
from urllib.parse import urlsplit

from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers, is_http_url
from ansible_collections.statusops.status.plugins.module_utils.masking import MASK, spellings

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


def protection(params, option=None):
    """How to hide the declared subscriptions' secrets everywhere Ansible prints or logs, in every spelling: (the texts
    to mask, the texts Ansible would mask that are no secrets, the params as the invocation may show them).

    The subscriptions are params (one) or the list params[option]. `address` and `configuration` are no_log options,
    so Ansible never logs them when the module starts, and it would mask each text in them wherever it occurs. Here
    the values that are not secrets (email addresses, phone numbers, harmless configuration, short or numeric values
    that would mask ordinary digits and words) are shown again where ansible-core allows it (before 2.22, see
    ansible_module.hide); URL addresses, and the configuration's other strings,
    are masked in every spelling a server may echo them in. The params shown are a copy with the configuration hidden
    (the caller keeps the real one), as Ansible shows them as the invocation.
    """
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
    hidden = set(spelling for secret in secrets for spelling in spellings(secret))
    shown = [dict(item, configuration=hidden_configuration(item.get("configuration"))) for item in items]
    return hidden, plain - secrets - set([params.get("api_key")]), dict(params, **{option: shown}) if option else shown[0]


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


def address_key(address):
    """assumed: the hub compares addresses without regard to case when it keeps them unique (the simulator does), so
    the collection finds a subscription that way too; a difference of case alone is then an update of the address."""
    return None if address is None else address.lower()


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
