#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statusmate_gate
short_description: Wait, bounded, until the Statusmate components a deploy touches are healthy
version_added: 0.2.0
description:
  - Passes (C(changed=false)) when every component that O(components) names has one of the O(healthy) impacts;
    otherwise looks again every O(interval) seconds until O(wait) seconds are spent, then fails with a message
    naming each blocking component and its impact. Put it before a deploy (and its maintenance window) so that the
    deploy does not start while the status page says what it touches is already in trouble.
  - The first look reads the page's list once (with abbreviated list items, plus one C(?parent=) query per component,
    to learn the paths; a path or uuid that names no component, or two, fails the task, naming each); every later
    look is one read of the list.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statusmate
  - statusops.status.http_options
  - statusops.status.attributes.INFO_MODULE
  - statusops.status.gate
options:
  components:
    description:
      - The components to check, each by its path (the names from the top level down, like C(Website/CDN)) or its
        uuid.
      - Omitted, every component of the page is checked.
    type: list
    elements: str
  healthy:
    description:
      - The impacts that pass. A component with any other impact blocks.
    type: list
    elements: str
    choices: [operational, under_maintenance, degraded_performance, partial_outage, major_outage]
    default: [operational]
seealso:
  - module: statusops.status.statushub_gate
  - module: statusops.status.statusmate_maintenance
  - module: statusops.status.statusmate_component_info
"""

EXAMPLES = r"""
- name: Deploy the web tier, asking the status page first
  hosts: web
  serial: "100%"
  module_defaults:
    group/statusops.status.statusmate:
      api_token: "{{ statusmate_token }}"
  tasks:
    - name: Ask first - wait up to 10 minutes for the CDN and the API to be operational
      statusops.status.statusmate_gate:
        components: [Website/CDN, API]
        wait: 600
        interval: 30
      run_once: true
      delegate_to: localhost

    - name: Open the maintenance window
      statusops.status.statusmate_maintenance:
        name: Deploy {{ release }}
        components: [Website/CDN, API]
      run_once: true
      delegate_to: localhost

    - name: Deploy
      ansible.builtin.include_role:
        name: deploy_web

    - name: Close the maintenance window
      statusops.status.statusmate_maintenance:
        name: Deploy {{ release }}
        components: [Website/CDN, API]
        state: completed
      run_once: true
      delegate_to: localhost

- name: Look once at the whole page; a degraded component does not block
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Ask the page
      statusops.status.statusmate_gate:
        api_token: "{{ statusmate_token }}"
        healthy: [operational, degraded_performance]
      register: gate

    - name: What was checked
      ansible.builtin.debug:
        msg: "{{ gate.components | map(attribute='path') | list }}"
"""

RETURN = r"""
components:
  description: Each component checked, in the order named (the whole page, parents before their children), with its
    impact at the last look. Returned when the task fails too, once the names were resolved.
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: The names from the top level down to the component.
      type: str
    uuid:
      description: The component's uuid.
      type: str
    impact:
      description: Its impact at the last look (null when it is no longer on the page).
      type: str
  sample:
    - path: Website/CDN
      uuid: f8936b24-6c4b-4ba9-aa11-9e14a2244cf9
      impact: major_outage
    - path: API
      uuid: 0b7c1f4e-5d2a-4c8e-9f61-3a2b1c0d9e87
      impact: operational
blocking:
  description: The components of RV(components) whose impact was not healthy at the last look; empty when the task
    passes. Returned when the task fails too.
  returned: always
  type: list
  elements: dict
  sample:
    - path: Website/CDN
      uuid: f8936b24-6c4b-4ba9-aa11-9e14a2244cf9
      impact: major_outage
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.statusops.status.plugins.module_utils.common import fail_on_invalid
from ansible_collections.statusops.status.plugins.module_utils.gates import (
    WAIT_SPEC,
    ComponentGate,
    component_gate_errors,
    run_gate,
)
from ansible_collections.statusops.status.plugins.module_utils.statusmate import IMPACTS, argument_spec, client
from ansible_collections.statusops.status.plugins.module_utils.statusmate_components import Components


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            components=dict(type="list", elements="str"),
            healthy=dict(type="list", elements="str", choices=list(IMPACTS), default=["operational"]),
            **WAIT_SPEC
        ),
        supports_check_mode=True,
    )
    params = module.params
    fail_on_invalid(module, component_gate_errors(params))
    gate = ComponentGate(Components(client(module)), params["components"], params["healthy"])
    run_gate(module, gate, "components")


if __name__ == "__main__":
    main()
