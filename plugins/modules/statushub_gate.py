#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_gate
short_description: Wait, bounded, until no open StatusHub incident or platform alert blocks the services a deploy touches
version_added: 0.2.0
description:
  - Blocks on every open incident (its latest update is not C(resolved)) that affects one of the O(services) (the
    services its latest update names), on the hub's platform alert when one is set, and with
    O(block_on_maintenance=true) on every maintenance in progress that affects one of them. Without O(services) the
    whole hub is checked, and every open incident blocks, also one that names no service.
  - Passes (C(changed=false)) when nothing blocks; otherwise looks again every O(interval) seconds until O(wait)
    seconds are spent, then fails with a message naming each blocking incident by its title (and maintenance, and
    the platform alert). Put it before a deploy (and its maintenance window) so that the deploy does not start while
    the status page says what it touches is already in trouble.
  - The first look reads the hub's services once (a name or id that matches no service fails the task, naming each);
    every look reads the incidents open now (one list), the platform alert and, with O(block_on_maintenance=true),
    the maintenances of this moment (one list).
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.attributes.INFO_MODULE
  - statusops.status.gate
options:
  services:
    description:
      - The services to check, each by its name or its id.
      - Omitted, every service of the hub is checked, and an open incident that names no service blocks too.
    type: list
    elements: str
  block_on_maintenance:
    description:
      - V(false), a maintenance in progress does not block (the gate may run inside a window already open).
      - V(true), a maintenance in progress that affects one of the services blocks, like an open incident.
    type: bool
    default: false
seealso:
  - module: statusops.status.statusmate_gate
  - module: statusops.status.statushub_maintenance
  - module: statusops.status.statushub_incident_info
"""

EXAMPLES = r"""
- name: Deploy the API, asking the status page first
  hosts: api
  serial: "100%"
  module_defaults:
    group/statusops.status.statushub:
      api_url: https://acme.app.statushub.io/api/v3
      api_key: "{{ statushub_api_key }}"
      hub: acme
  tasks:
    - name: Ask first - wait up to 10 minutes until no open incident touches the API or the Dashboard
      statusops.status.statushub_gate:
        services: [API, Dashboard]
        wait: 600
        interval: 30
      run_once: true
      delegate_to: localhost

    - name: Announce the window
      statusops.status.statushub_maintenance:
        title: Deploy {{ release }}
        start_time: now
        duration: 30
        services:
          - service: API
            status: degraded-performance
      run_once: true
      delegate_to: localhost

    - name: Deploy
      ansible.builtin.include_role:
        name: deploy_api

    - name: End the window
      statusops.status.statushub_maintenance:
        title: Deploy {{ release }}
        state: completed
      run_once: true
      delegate_to: localhost

- name: Look once at the whole hub; a window someone else opened blocks too
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Ask the hub
      statusops.status.statushub_gate:
        block_on_maintenance: true
        api_url: https://acme.app.statushub.io/api/v3
        api_key: "{{ statushub_api_key }}"
        hub: acme
      register: gate
      ignore_errors: true

    - name: Why not
      ansible.builtin.debug:
        msg: "{{ gate.blocking | map(attribute='title') | list }}"
      when: gate is failed
"""

RETURN = r"""
services:
  description: Each service checked, in the order named (the whole hub, by id). Returned when the task fails too, once
    the names were resolved.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 12
      name: API
    - id: 13
      name: Dashboard
blocking:
  description:
    - What blocked at the last look; empty when the task passes. Returned when the task fails too.
    - Each item has a C(kind), C(incident), C(maintenance) or C(platform_alert).
    - An incident has C(id), C(title), C(incident_type) (the type of its latest update) and C(services) (the names of
      the services its latest update names).
    - A maintenance has C(id), C(title), C(start_time), C(end_time) and C(services).
    - The platform alert has C(title) and C(body).
  returned: always
  type: list
  elements: dict
  sample:
    - kind: incident
      id: 1001
      title: Slow API responses
      incident_type: identified
      services: [API]
    - kind: platform_alert
      title: Upstream provider outage
      body: Our cloud provider reports problems in one region.
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.statusops.status.plugins.module_utils.gates import WAIT_SPEC, ServiceGate, run_gate
from ansible_collections.statusops.status.plugins.module_utils.statushub import Hub, argument_spec


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            services=dict(type="list", elements="str"),
            block_on_maintenance=dict(type="bool", default=False),
            **WAIT_SPEC
        ),
        supports_check_mode=True,
    )
    gate = ServiceGate(Hub(module), module.params["services"], module.params["block_on_maintenance"])
    run_gate(module, gate, "services")


if __name__ == "__main__":
    main()
