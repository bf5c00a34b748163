#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statusmate_component_impacts
short_description: Set the impacts of several existing components of a Statusmate page in one task
version_added: 0.1.0
description:
  - Sets the impact of each component that O(impacts) names, in one task, with one plan that check mode and C(--diff)
    show before anything is sent.
  - Each component is named by its uuid or by its path, the names from the top level down to it (like C(Website/CDN)).
    Every name is resolved before any write; a name that matches no component, or two, fails the task naming it, and
    nothing is written. Components are never created or deleted.
  - Reads the page once (with abbreviated list items, plus one C(?parent=) query per component, to learn the paths),
    then sends one update per component whose impact differs, and none when every impact already matches. An empty
    O(impacts) sends no request at all.
  - An update carries every other field as the server's list reported it, and no field it did not report.
  - This module sets the live status now, as M(statusops.status.statusmate_component) with O(statusops.status.statusmate_component#module:impact),
    M(statusops.status.statusmate_maintenance) and the P(statusops.status.alert_status#role) role do; M(statusops.status.statusmate_components)
    and the P(statusops.status.statusmate_page#role) role own the page's structure and set an impact only on the components they create.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statusmate
  - statusops.status.http_options
  - statusops.status.concurrency
  - statusops.status.attributes
attributes:
  diff_mode:
    details:
      - The diff is the impact of each named component, by path, before and after.
options:
  impacts:
    description:
      - The impact each component should have, keyed by the component's path (like C(Website/CDN)) or uuid.
      - Impacts are V(operational), V(under_maintenance), V(degraded_performance), V(partial_outage) and
        V(major_outage).
      - Two keys that name one component (its path and its uuid) are refused.
    type: dict
    required: true
seealso:
  - module: statusops.status.statusmate_component
  - module: statusops.status.statusmate_components
  - plugin: statusops.status.alert_status_changes
    plugin_type: filter
    description: Maps Prometheus Alertmanager notifications to O(impacts) (the P(statusops.status.alert_status#role) role).
"""

EXAMPLES = r"""
- name: The CDN is down, the API degraded (one task, one update per component that changes)
  statusops.status.statusmate_component_impacts:
    api_token: "{{ statusmate_token }}"
    impacts:
      Website/CDN: major_outage
      API: degraded_performance

- name: Everything back, previewed first
  statusops.status.statusmate_component_impacts:
    api_token: "{{ statusmate_token }}"
    impacts:
      Website/CDN: operational
      0b7c1f4e-5d2a-4c8e-9f61-3a2b1c0d9e87: operational
  check_mode: true
  diff: true
"""

RETURN = r"""
updated:
  description: The components updated (in check mode, that would be), by path, with their new impact.
  returned: always
  type: dict
  sample:
    Website/CDN: major_outage
components:
  description: Every named component, by path, with its impact after the task (in check mode, as it would be).
  returned: always
  type: dict
  sample:
    Website/CDN: major_outage
    API: degraded_performance
diff:
  description: With C(--diff), the named components' impacts by path, before and after.
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: C(components), the impacts before the task.
      type: dict
    after:
      description: C(components), the impacts after the task.
      type: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError
from ansible_collections.statusops.status.plugins.module_utils.common import fail_on_invalid, fail_partway, run
from ansible_collections.statusops.status.plugins.module_utils.reconcile import DEFAULT_CONCURRENCY, concurrency_errors
from ansible_collections.statusops.status.plugins.module_utils.statusmate import argument_spec, client
from ansible_collections.statusops.status.plugins.module_utils.statusmate_components import Components
from ansible_collections.statusops.status.plugins.module_utils.statusmate_impacts import ImpactRun, validation_errors


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            impacts=dict(type="dict", required=True),
            concurrency=dict(type="int", default=DEFAULT_CONCURRENCY),
        ),
        supports_check_mode=True,
    )
    params = module.params
    fail_on_invalid(module, validation_errors(params["impacts"]) + concurrency_errors(params["concurrency"]))
    impacts = ImpactRun(Components(client(module)), params["impacts"], module.check_mode, params["concurrency"])

    def work():
        try:
            impacts.carry_out()
        except ApiError as exc:
            fail_partway(module, exc, dict(updated=impacts.updated()))
        result = dict(changed=impacts.changed, updated=impacts.updated(), components=impacts.after())
        if module._diff:
            result["diff"] = {"before": {"components": impacts.before()}, "after": {"components": impacts.after()}}
        return result

    run(module, work)


if __name__ == "__main__":
    main()
