#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_maintenance_info
short_description: List the maintenance windows of a StatusHub hub
version_added: 0.1.0
description:
  - Lists the maintenance windows of a hub, optionally filtered. Deleted windows are left out.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.statushub.EVENT_FILTERS
  - statusops.status.attributes.INFO_MODULE
options:
  upcoming:
    description:
      - Only the windows that have not started yet. With O(in_progress), the windows of either kind.
    type: bool
    default: false
  in_progress:
    description:
      - Only the windows running now. With O(upcoming), the windows of either kind.
    type: bool
    default: false
seealso:
  - module: statusops.status.statushub_maintenance
"""

EXAMPLES = r"""
- name: The windows that have not ended yet
  statusops.status.statushub_maintenance_info:
    upcoming: true
    in_progress: true
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: open_windows

- name: The windows of February 2025
  statusops.status.statushub_maintenance_info:
    start_time: "2025-02-01T00:00:00Z"
    end_time: "2025-03-01T00:00:00Z"
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: february
"""

RETURN = r"""
maintenances:
  description:
    - The windows selected, as the API reports them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 3001
      title: Database upgrade
      body: The database moves to new hardware.
      start_time: "2030-02-01T22:00:00Z"
      end_time: "2030-02-01T23:30:00Z"
      service_statuses:
        - service_id: 12
          status: down
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import run, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.statushub.events import EVENT_FILTERS, info_validation_errors
from ansible_collections.statusops.status.plugins.module_utils.statushub.maintenances import list_maintenances
from ansible_collections.statusops.status.plugins.module_utils.times import utcnow


def main():
    module = statushub_module(dict(EVENT_FILTERS, upcoming=dict(type="bool", default=False),
                                   in_progress=dict(type="bool", default=False)), checks=info_validation_errors)
    hub = statushub_hub(module)
    run(module, lambda: dict(changed=False, maintenances=list_maintenances(hub, module.params, utcnow())))


if __name__ == "__main__":
    main()
