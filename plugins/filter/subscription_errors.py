# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter of the statushub_page role: its declaration checked before any write, addresses hidden.

The declaration is checked by the validation of module_utils/statushub_subscriptions.py; each address is hidden as
the filter hide_addresses hides it."""

DOCUMENTATION = r"""
name: subscription_errors
version_added: 0.1.0
author:
  - statusops.status contributors (@statusops)
short_description: The problems of a declared list of StatusHub subscriptions, before any write
description:
  - Checks each subscription with the rules of M(statusops.status.statushub_subscriptions) (addresses for their
    method, labels, services, addresses declared twice), and that each service a subscription names is declared in
    O(services) or is a service of the hub in O(hub_services) (by name or id) that the run keeps.
  - Used by the P(statusops.status.statushub_page#role) role before its first write. Each message names
    C(statushub_page_subscriptions[N]) and hides addresses as P(statusops.status.hide_addresses#filter) does.
options:
  _input:
    description: The declared subscriptions, as the role's C(statushub_page_subscriptions).
    type: list
    elements: dict
    required: true
  services:
    description: The declared services, each with a C(name).
    type: list
    elements: dict
    required: true
  hub_services:
    description: The hub's services, as M(statusops.status.statushub_service_info) returns them.
    type: list
    elements: dict
    required: true
  prune:
    description: Whether the run deletes the hub's services that are not declared, so that a subscription cannot name them.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Check the subscriptions before any write
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join('; ') }}"
  vars:
    problems: "{{ subscriptions | statusops.status.subscription_errors(services, hub.services) }}"
"""

RETURN = r"""
_value:
  description: The messages, one per problem; empty when there is none.
  type: list
  elements: str
"""

import re

from ansible_collections.statusops.status.plugins.module_utils.statushub_subscriptions import (
    declared_subscriptions,
    hide_addresses,
)

SUBSCRIPTIONS_VARIABLE = "statushub_page_subscriptions"


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
        return {"subscription_errors": subscription_errors}
