#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_subscriptions
short_description: Manage the set of subscriptions of a StatusHub hub
version_added: 0.1.0
description:
  - Makes a hub's subscriptions match a declared list. Each is found by its C(id) when given, else by its
    C(address).
  - The hub's subscriptions are read once (every page), every item is checked (addresses, services, methods), and
    only then one write is sent per subscription that must change, paced to the API's limit of 5 writes a second
    counted between the starts of requests, whatever the latency (100 changes take about 21 seconds).
  - With O(prune), subscriptions that are not declared are deleted.
  - Slack, Teams and webhook URLs are credentials. They are compared in full, but shown redacted (scheme and host
    kept, the rest replaced by C(********)) in the result, the diff, error messages and logs, also where the hub
    echoes them in another spelling; so is every value of a subscription's C(configuration) but C(content_type).
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.statushub.DECLARED_SET
  - statusops.status.statushub_subscription.SET
  - statusops.status.concurrency
  - statusops.status.turns
  - statusops.status.attributes
options:
  subscriptions:
    description:
      - The declared subscriptions, with the options of M(statusops.status.statushub_subscription).
        An address may appear only once.
      - An item's C(subscriber_of) names another item of this list or an existing subscription of the hub; an item
        that joins another created by the same task is created after it. A C(subscriber_of) that names no
        subscription, or names its own item, or a chain of them that loops, fails the task before any write, naming
        the items; so do two subscriptions of one subscriber with the same method (counting the subscriber's
        subscriptions that the task keeps), and an existing subscription that belongs to another subscriber than
        the one named.
    type: list
    elements: dict
    required: true
  planned_services:
    description:
      - In check mode, the names of the services that an earlier task of the same run would create (what
        M(statusops.status.statushub_services) returns in C(created)); a subscription may name them although the hub
        has none of them yet, and the preview shows them with C(id=null). The role C(statusops.status.statushub_page) passes them, so that
        its C(--check) on an empty hub previews every subscription.
      - Not used outside check mode, where those services exist by the time this task runs.
    type: list
    elements: str
    default: []
    version_added: 0.2.0
seealso:
  - module: statusops.status.statushub_subscription
  - module: statusops.status.statushub_subscription_info
"""

EXAMPLES = r"""
- name: Exactly these subscribers
  statusops.status.statushub_subscriptions:
    subscriptions:
      - address: oncall@example.com
        method: email
        protected: true
      - address: "+14155550100"
        method: sms
        services: [API]
        label: Night shift
      - address: "{{ slack_incidents_webhook_url }}"
        method: slack
        label: "#incidents"
    prune: true
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: The on-call team, one subscriber with three channels
  statusops.status.statushub_subscriptions:
    subscriptions:
      - address: oncall@example.com
        method: email
      - address: "+14155550100"
        method: sms
        subscriber_of: oncall@example.com
      - address: "{{ slack_oncall_webhook_url }}"
        method: slack
        subscriber_of: oncall@example.com
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Unsubscribe two addresses
  statusops.status.statushub_subscriptions:
    subscriptions:
      - address: former.colleague@example.com
      - address: "+14155550199"
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
created:
  description: The subscriptions created (in check mode, that would be created, with C(id=null)); URLs redacted, configuration hidden.
  returned: always
  type: list
  elements: dict
  sample: [{id: 5003, address: "+14155550100", method_name: sms, label: Night shift}]
updated:
  description: The subscriptions updated, as they are after the update; URLs redacted, configuration hidden.
  returned: always
  type: list
  elements: dict
  sample: [{id: 5001, address: oncall@example.com, method_name: email, protected: true}]
deleted:
  description: The subscriptions deleted, as they were; URLs redacted, configuration hidden.
  returned: always
  type: list
  elements: dict
  sample: [{id: 5002, address: https://hooks.slack.com/********, method_name: slack}]
subscriptions:
  description: Every subscription of the hub after the task (in check mode, as it would be); URLs redacted, configuration hidden.
  returned: always
  type: list
  elements: dict
  sample: [{id: 5001, address: oncall@example.com, method_name: email, protected: true}]
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import (
    fail_on_invalid,
    protect,
    reconcile_set,
    set_options,
    statushub_hub,
    statushub_module,
)
from ansible_collections.statusops.status.plugins.module_utils.checks import concurrency_errors, empty_prune_errors
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import hub_place
from ansible_collections.statusops.status.plugins.module_utils.statushub.services import ServiceNames
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import SUBSCRIPTION_FIELD_SPEC, declared_subscriptions, protection
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_set import SubscriptionSet
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscriptions import Subscriptions


def main():
    module = statushub_module(set_options("subscriptions", dict(id=dict(type="int"), **SUBSCRIPTION_FIELD_SPEC),
                                          planned_services=dict(type="list", elements="str", default=[])))
    params = module.params
    protect(module, protection(params, "subscriptions"))
    fail_on_invalid(module, [*declared_subscriptions(params["subscriptions"], params["state"]),
                             *empty_prune_errors(params, "subscriptions", "subscription of the hub"),
                             *concurrency_errors(params["concurrency"])])
    hub = statushub_hub(module)
    names = ServiceNames(hub, params["planned_services"] if module.check_mode else ())
    reconcile_set(module, SubscriptionSet(Subscriptions(hub), names, params["subscriptions"],
                                          params["prune"], params["state"]), params["concurrency"], hub_place(params))


if __name__ == "__main__":
    main()
