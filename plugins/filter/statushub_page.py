# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the statushub_page role: its declaration checked before any write, and subscription addresses hidden.

Each address is hidden by one rule, hidden_address in module_utils/statushub/subscription_fields.py, which shows a URL
as the modules do (redact_url: scheme and host); the declaration is checked by that file's own validation.
"""

import re

from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import declared_subscriptions, hidden_address

SUBSCRIPTIONS_VARIABLE = "statushub_page_subscriptions"
# A URL, an email address or a phone number inside a message; punctuation after a URL is not part of it.
ADDRESS_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]*[^\s'\"<>,.;:!?)\]]"
                             r"|[^\s'\"@:,()<>\[\]]+@[^\s'\"@:,()<>\[\]]*"
                             r"|[+]?[0-9][0-9 ().-]{5,}[0-9]")
CHANGE_KINDS = ("created", "updated", "deleted")


def hide_addresses(text):
    """The text with every URL, email address and phone number in it hidden."""
    return ADDRESS_IN_TEXT.sub(lambda match: hidden_address(match.group(0)), "" if text is None else str(text))


def subscription_changes(result):
    """What a statushub_subscriptions result created, updated and deleted, each as 'method address (label)', hidden."""
    result = result or {}
    return dict((kind, [_described(item) for item in result.get(kind) or []]) for kind in CHANGE_KINDS)


def _described(subscription):
    label = subscription.get("label")
    return "%s %s%s" % (subscription.get("method_name") or "subscription", hidden_address(subscription.get("address")),
                        " (%s)" % label if label else "")


def subscription_errors(subscriptions, services, hub_services, prune=False):
    """Every problem of the declared subscriptions, each naming the role's variable, addresses hidden.

    A service a subscription names must be declared in services, or be a service of the hub that the run keeps
    (with prune, only the declared ones are kept), by name or by id.
    """
    errors = [re.sub(r"(?<!\w)subscriptions\[", SUBSCRIPTIONS_VARIABLE + "[", message)
              for message in declared_subscriptions(subscriptions or [], "present")]
    declared = set(service["name"] for service in services or [])
    kept = [service for service in hub_services or [] if not prune or service["name"] in declared]
    known = declared | set(service["name"] for service in kept) | set(str(service["id"]) for service in kept)
    where_else = "a service of the hub that prune keeps" if prune else "a service of the hub"
    for position, subscription in enumerate(subscriptions or []):
        for reference in subscription.get("services") or []:
            if str(reference) not in known:
                errors.append("%s[%d].services names %r, which is neither in statushub_page_services nor %s"
                              % (SUBSCRIPTIONS_VARIABLE, position, reference, where_else))
    return [hide_addresses(error) for error in errors]


class FilterModule:

    def filters(self):
        return {
            "hide_addresses": hide_addresses,
            "subscription_changes": subscription_changes,
            "subscription_errors": subscription_errors,
        }
