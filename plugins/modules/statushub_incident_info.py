#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_incident_info
short_description: List the incidents of a StatusHub hub
version_added: 0.1.0
description:
  - Lists the incidents of a hub, optionally filtered. Deleted incidents are left out.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.statushub.EVENT_FILTERS
  - statusops.status.attributes.INFO_MODULE
options:
  open:
    description:
      - V(true) lists only the open incidents (not resolved), V(false) only the resolved ones. Unset lists both.
    type: bool
  end_time:
    description:
      - See O(start_time). An open incident runs into the far future.
seealso:
  - module: statusops.status.statushub_incident
"""

EXAMPLES = r"""
- name: The open incidents
  statusops.status.statushub_incident_info:
    open: true
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: open_incidents

- name: The incidents of February 2025
  statusops.status.statushub_incident_info:
    start_time: "2025-02-01T00:00:00Z"
    end_time: "2025-03-01T00:00:00Z"
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: february
"""

RETURN = r"""
incidents:
  description:
    - The incidents selected, as the API lists them (with their updates newest first where the API includes them).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 1001
      title: Slow API responses
      start_time: "2025-02-01T12:00:00Z"
      end_time: null
      last_incident_type: investigating
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import run, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.statushub.events import EVENT_FILTERS, info_validation_errors
from ansible_collections.statusops.status.plugins.module_utils.statushub.incidents import list_incidents


def main():
    module = statushub_module(dict(EVENT_FILTERS, open=dict(type="bool")), checks=info_validation_errors)
    hub = statushub_hub(module)
    run(module, lambda: dict(changed=False, incidents=list_incidents(hub, module.params)))


if __name__ == "__main__":
    main()
