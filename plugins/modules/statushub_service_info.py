#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_service_info
short_description: List the services of a StatusHub hub
version_added: 0.1.0
description:
  - Lists the services of a hub, every page of the list read, optionally only those with one name.
  - Deleted services (StatusHub keeps them, marked deleted) are not listed, since no module can use them any more.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.attributes.INFO_MODULE
options:
  name:
    description:
      - Only the services with this name.
    type: str
seealso:
  - module: statusops.status.statushub_service
  - module: statusops.status.statushub_services
"""

EXAMPLES = r"""
- name: Every service of the hub
  statusops.status.statushub_service_info:
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: hub_services

- name: Their names
  ansible.builtin.debug:
    msg: "{{ hub_services.services | map(attribute='name') | list }}"

- name: The service called API
  statusops.status.statushub_service_info:
    name: API
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: api_service
"""

RETURN = r"""
services:
  description: The matching services, in the server's order.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The service's id.
      type: int
      returned: always
    name:
      description: The service's name.
      type: str
      returned: always
    description:
      description: The service's description, V("") when it has none.
      type: str
      returned: always
  sample:
    - id: 42
      name: API
      description: The public REST API
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import run, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.kinds import Endpoints
from ansible_collections.statusops.status.plugins.module_utils.statushub.services import SERVICE


def main():
    module = statushub_module(dict(name=dict(type="str")))
    services = Endpoints(statushub_hub(module), SERVICE)

    def work():
        items = services.list()
        if module.params["name"] is not None:
            items = [item for item in items if item["name"] == module.params["name"]]
        return dict(changed=False, services=items)

    run(module, work)


if __name__ == "__main__":
    main()
