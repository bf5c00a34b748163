# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter of the statushub_page role: what a statushub_subscriptions task changed, addresses hidden."""

DOCUMENTATION = r"""
name: subscription_changes
version_added: 0.1.0
author:
  - statusops.status contributors (@statusops)
short_description: What a statushub_subscriptions task changed, addresses hidden
description:
  - Takes the result of M(statusops.status.statushub_subscriptions) and returns its created, updated and deleted
    subscriptions, each as C(method address (label)) with the address hidden as
    P(statusops.status.hide_addresses#filter) hides it.
options:
  _input:
    description: The registered result of M(statusops.status.statushub_subscriptions).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Show what changed
  ansible.builtin.debug:
    msg: "{{ subscriptions_result | statusops.status.subscription_changes }}"
"""

RETURN = r"""
_value:
  description: The keys C(created), C(updated) and C(deleted), each a list of texts.
  type: dict
  sample:
    created: ["slack https://hooks.slack.com/******** (#incidents)"]
    updated: ["email ********@example.com"]
    deleted: []
"""

from ansible_collections.statusops.status.plugins.module_utils.statushub_subscriptions import hidden_address

CHANGE_KINDS = ("created", "updated", "deleted")


def subscription_changes(result):
    """What a statushub_subscriptions result created, updated and deleted, each as 'method address (label)', hidden."""
    result = result or {}
    return dict((kind, [_described(item) for item in result.get(kind) or []]) for kind in CHANGE_KINDS)


def _described(subscription):
    label = subscription.get("label")
    return "%s %s%s" % (subscription.get("method_name") or "subscription", hidden_address(subscription.get("address")),
                        " (%s)" % label if label else "")


class FilterModule:

    def filters(self):
        return {"subscription_changes": subscription_changes}
