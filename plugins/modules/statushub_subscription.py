#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_subscription
short_description: Manage one subscription of a StatusHub hub
version_added: 0.1.0
description:
  - Creates, updates or deletes one subscription (an email address, a phone number, or a webhook, Slack or
    Microsoft Teams URL that receives the hub's notifications).
  - The subscription is found by O(id) when given, else by its O(address), which is unique in the hub.
  - The address is checked before any request is sent; an address already used by a subscription with another
    O(method) fails the task, naming that subscription, and nothing is changed.
  - Slack, Teams and webhook URLs are credentials. They are compared in full, but shown redacted (scheme and host
    kept, the rest replaced by C(********)) in the result, the diff, error messages and logs, also where the hub
    echoes them in another spelling (URL-encoded, in another case, the path alone).
  - Every value of O(configuration) is hidden the same way, except those of the keys known to be harmless
    (C(content_type)); see O(configuration).
  - An update sends only the fields that changed; nothing is sent when nothing changed.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.statushub_subscription
  - statusops.status.attributes
options:
  id:
    description:
      - The subscription's id. When given it identifies the subscription, and O(address) changes its address.
      - A subscription with that id must exist for O(state=present).
    type: int
  subscriber_id:
    description:
      - The id of the subscriber this subscription belongs to, instead of naming one of its subscriptions with
        O(subscriber_of). The hub must have that subscriber; the rules of O(subscriber_of) apply.
      - Mutually exclusive with O(subscriber_of).
    type: int
  state:
    description:
      - V(present) creates or updates the subscription, V(absent) deletes it (StatusHub keeps it, marked deleted).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Finding a subscription by O(address) reads the hub's subscriptions, every page.
  - With O(subscriber_of) or O(subscriber_id), the hub's subscriptions are read (every page) to check the
    subscriber's other subscriptions; creating one that joins a subscriber given by O(subscriber_id) with no
    subscription yet reads that subscriber.
  - When a task is looped over subscriptions, set C(loop_control.label) to something other than the URL, since
    Ansible prints each loop item.
seealso:
  - module: statusops.status.statushub_subscription_info
  - module: statusops.status.statushub_subscriptions
"""

EXAMPLES = r"""
- name: The on-call team's email, for two services
  statusops.status.statushub_subscription:
    address: oncall@example.com
    method: email
    services: [API, Website]
    protected: true
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: A Slack channel for all current and future services
  statusops.status.statushub_subscription:
    address: "{{ slack_incidents_webhook_url }}"
    method: slack
    label: "#incidents"
    less_verbose: true
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: A webhook with a JSON body and a signing secret (shown as ********; content_type is shown)
  statusops.status.statushub_subscription:
    address: https://hooks.example.com/statushub
    method: webhook
    configuration:
      content_type: application/json
      secret: "{{ webhook_signing_secret }}"
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: The on-call team's phone joins the subscriber of its email address
  statusops.status.statushub_subscription:
    address: "+14155550100"
    method: sms
    subscriber_of: oncall@example.com
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Unsubscribe a phone number
  statusops.status.statushub_subscription:
    address: "+14155550100"
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
subscriber_id:
  description:
    - The id of the subscriber the subscription belongs to; V(null) in check mode for a subscription that would be
      created with a new subscriber, and after O(state=absent) when there was none.
  returned: always
  type: int
  sample: 4001
subscription:
  description:
    - The subscription as it is after the task (in check mode, as it would be; one not created yet has C(id=null)),
      in the API's shape. URL addresses are redacted, and every value of C(configuration) but C(content_type) is
      hidden (see O(configuration)).
    - After O(state=absent), the subscription that was deleted, or V({}) when there was none.
  returned: always
  type: dict
  sample:
    id: 5001
    address: https://hooks.slack.com/********
    method_name: slack
    subscriber_id: 4001
    services_selection:
      all: true
      services: [{id: 1, name: API}, {id: 2, name: Website}]
    configuration: {}
    label: "#incidents"
    less_verbose: true
    protected: false
    created_at: "2025-02-01T00:00:00Z"
    updated_at: "2025-02-01T00:00:00Z"
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import (
    fail_on_invalid,
    protect,
    run_object,
    state_option,
    statushub_hub,
    statushub_module,
)
from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers
from ansible_collections.statusops.status.plugins.module_utils.statushub.services import ServiceNames
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import (
    SUBSCRIPTION_FIELD_SPEC,
    protection,
    redacted,
    subscriber_errors,
    validation_errors,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscriptions import Subscription, Subscriptions, redacted_diff


def main():
    module = statushub_module(dict(
        id=dict(type="int"),
        subscriber_id=dict(type="int"),
        state=state_option(),
        **SUBSCRIPTION_FIELD_SPEC
    ), required_one_of=[("address", "id")], mutually_exclusive=[("subscriber_of", "subscriber_id")])
    params = module.params
    protect(module, protection(params))
    if params["state"] == "present":
        errors = validation_errors(params) + booleans_given_as_integers(params, ("subscriber_id",))
    else:
        errors = booleans_given_as_integers(params, ("id",)) + subscriber_errors(params)
    fail_on_invalid(module, errors)
    hub = statushub_hub(module)
    subscription = Subscription(Subscriptions(hub), ServiceNames(hub), params)
    run_object(module, subscription, "subscription", shown=redacted, diff=redacted_diff,
               extra=lambda _outcome, item: dict(subscriber_id=item.get("subscriber_id")))


if __name__ == "__main__":
    main()
