#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_subscription_info
short_description: List the subscriptions of a StatusHub hub
version_added: 0.1.0
description:
  - Lists the subscriptions of a hub, every page of the list read, optionally filtered.
  - Slack, Teams and webhook URLs are credentials; they are returned redacted (scheme and host kept, the rest
    replaced by C(********)); every value of C(configuration) is returned as C(********) (a URL as its scheme and
    host), except that of C(content_type).
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.attributes.INFO_MODULE
options:
  q:
    description:
      - Only the subscriptions that the API's search finds with this text (it searches addresses and labels).
    type: str
  method:
    description:
      - Only the subscriptions with this method.
    type: str
    choices: [email, sms, webhook, slack, teams]
  subscriber_id:
    description:
      - Only the subscriptions of this subscriber (the channels of one person or team). The API's list has no such
        filter, so the list is read whole and filtered here.
    type: int
  deleted:
    description:
      - V(false), only the subscriptions that are not deleted; V(true), only the deleted ones; V(all), both.
    type: str
    choices: ["true", "false", all]
    default: "false"
seealso:
  - module: statusops.status.statushub_subscription
  - module: statusops.status.statushub_subscriptions
"""

EXAMPLES = r"""
- name: Every subscription of the hub
  statusops.status.statushub_subscription_info:
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: hub_subscriptions

- name: The email addresses that are subscribed
  ansible.builtin.debug:
    msg: "{{ hub_subscriptions.subscriptions | selectattr('method_name', 'equalto', 'email') | map(attribute='address') | list }}"

- name: Slack subscriptions deleted so far
  statusops.status.statushub_subscription_info:
    method: slack
    deleted: "true"
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: gone

- name: The channels of the on-call team's subscriber
  statusops.status.statushub_subscription_info:
    subscriber_id: "{{ oncall.subscriber_id }}"
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: oncall_channels
"""

RETURN = r"""
subscriptions:
  description:
    - The matching subscriptions in the server's order, in the API's shape with C(flags); URL addresses are
      redacted, and every value of C(configuration) but C(content_type) is hidden.
    - Each holds C(subscriber_id), the subscriber it belongs to (V(null) when the server does not report one).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5001
      address: oncall@example.com
      method_name: email
      subscriber_id: 4001
      services_selection:
        all: false
        services: [{id: 1, name: API}]
      configuration: {}
      label: null
      less_verbose: false
      protected: true
      flags: {deleted: false}
      created_at: "2025-02-01T00:00:00Z"
      updated_at: "2025-02-01T00:00:00Z"
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import fail_on_invalid, run, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import DELETED_FILTERS, METHODS, redacted
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscriptions import Subscriptions


def main():
    module = statushub_module(dict(
        q=dict(type="str"),
        method=dict(type="str", choices=list(METHODS)),
        subscriber_id=dict(type="int"),
        deleted=dict(type="str", default="false", choices=list(DELETED_FILTERS)),
    ))
    params = module.params
    fail_on_invalid(module, booleans_given_as_integers(params, ("subscriber_id",)))
    subscriptions = Subscriptions(statushub_hub(module))

    def work():
        query = {"deleted": params["deleted"], "extend": "flags"}
        if params["q"]:
            query["q"] = params["q"]
        items = subscriptions.list(query)
        if params["method"]:
            items = [item for item in items if item.get("method_name") == params["method"]]
        if params["subscriber_id"] is not None:
            items = [item for item in items if item.get("subscriber_id") == params["subscriber_id"]]
        return dict(changed=False, subscriptions=[dict(redacted(item), subscriber_id=item.get("subscriber_id"))
                                                  for item in items])

    run(module, work)


if __name__ == "__main__":
    main()
