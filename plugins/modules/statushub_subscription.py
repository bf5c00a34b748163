#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
  - statusops.status.attributes
options:
  address:
    description:
      - Where notifications go; its form depends on O(method). It identifies the subscription when O(id) is not given.
      - V(email), an email address; V(sms), a phone number in E.164 form, C(+) then 7 to 15 digits, the first not
        0, such as V(+14155550100); V(webhook), V(slack) and V(teams), an C(https) URL (for Slack and Teams, the
        channel's incoming webhook URL). Any other form fails the task before any request.
      - Required to create a subscription.
    type: str
  id:
    description:
      - The subscription's id. When given it identifies the subscription, and O(address) changes its address.
      - A subscription with that id must exist for O(state=present).
    type: int
  method:
    description:
      - How notifications are sent. Required to create a subscription.
      - The method of an existing subscription cannot be changed; delete it and create it again.
    type: str
    choices: [email, sms, webhook, slack, teams]
  services:
    description:
      - The services the subscription is for, each by name or id. A name that no service of the hub has (a deleted
        service included) fails the task before any write.
      - Omitted means all current and future services of the hub. A list naming every service of the hub is the same
        as all (the API treats it so), in either direction.
    type: list
    elements: str
  configuration:
    description:
      - Additional configuration of the method or the subscription, as the API takes it, for example a
        C(content_type) of C(application/json). Compared as a whole when given; not managed when omitted.
      - Every value in it may be a credential (a webhook signing secret, an C(Authorization) header), so each is
        shown as C(********) (a URL as its scheme and host) in the result, the diff, the invocation shown at C(-vvv)
        and the module's logs, except the values of C(content_type), the one key known to be harmless. A diff marks a
        hidden value that changed as V(******** (changed\)).
      - Each string of 4 characters or more in it is also masked wherever it appears in a message, such as an
        error the hub answers, in every spelling (URL-encoded, in another case, JSON-escaped; for a URL also its
        path alone). Shorter strings and numbers are hidden in the result and the diff only, since masking them
        in text would hide every such word or digit.
    type: dict
  label:
    description:
      - A note to tell who receives the notifications, such as a person or a team. Not available for V(email)
        subscriptions (also when the subscription is found by O(id) and O(method) is not given). V("") and no label
        compare equal.
    type: str
  less_verbose:
    description:
      - Send the fewest notifications per incident, typically the first and the last.
    type: bool
  protected:
    description:
      - The subscriber cannot edit the subscription or unsubscribe by themselves (useful for group email addresses).
    type: bool
  state:
    description:
      - V(present) creates or updates the subscription, V(absent) deletes it (StatusHub keeps it, marked deleted).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Finding a subscription by O(address) reads the hub's subscriptions, every page.
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

- name: Unsubscribe a phone number
  statusops.status.statushub_subscription:
    address: "+14155550100"
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
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

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.statusops.status.plugins.module_utils.common import (
    booleans_given_as_integers,
    fail_on_invalid,
    run,
)
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ensure_absent, ensure_present
from ansible_collections.statusops.status.plugins.module_utils.statushub import Hub, argument_spec
from ansible_collections.statusops.status.plugins.module_utils.statushub_services import ServiceNames
from ansible_collections.statusops.status.plugins.module_utils.statushub_subscriptions import (
    SUBSCRIPTION_FIELD_SPEC,
    Subscription,
    Subscriptions,
    protect_secrets,
    redacted,
    redacted_diff,
    validation_errors,
)


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            id=dict(type="int"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            **SUBSCRIPTION_FIELD_SPEC
        ),
        required_one_of=[("address", "id")],
        supports_check_mode=True,
    )
    params = module.params
    protect_secrets(module)
    if params["state"] == "present":
        errors = validation_errors(params)
    else:
        errors = booleans_given_as_integers(params, ("id",))
    fail_on_invalid(module, errors)
    hub = Hub(module)
    subscription = Subscription(Subscriptions(hub), ServiceNames(hub), params)

    def work():
        if params["state"] == "absent":
            outcome = ensure_absent(subscription, module.check_mode)
            return dict(changed=outcome.changed, diff=redacted_diff(outcome), subscription=redacted(outcome.before) or {})
        outcome = ensure_present(subscription, module.check_mode)
        return dict(changed=outcome.changed, diff=redacted_diff(outcome), subscription=redacted(outcome.after))

    run(module, work)


if __name__ == "__main__":
    main()
