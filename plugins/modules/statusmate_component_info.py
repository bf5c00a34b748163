#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: statusmate_component_info
short_description: List the components of a Statusmate status page
version_added: 0.1.0
description:
  - Lists the components of the page that the API token belongs to, optionally filtered.
  - Items carry the fields the server's list reports (the vendor's list reports C(uuid), C(name), C(description) and
    C(impact)); C(parent) is added when it is known.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statusmate
  - statusops.status.attributes.INFO_MODULE
  - statusops.status.attributes.STATUSMATE
options:
  parent:
    description:
      - Only the direct children of this component, given by name or uuid.
    type: str
  uuid:
    description:
      - Only the components with these uuids.
    type: list
    elements: str
  name:
    description:
      - Only the components with this name.
    type: str
seealso:
  - module: statusops.status.statusmate_component
"""

EXAMPLES = r"""
- name: Every component of the page
  statusops.status.statusmate_component_info:
    api_token: "{{ statusmate_token }}"
  register: page

- name: The components of the Website group
  statusops.status.statusmate_component_info:
    parent: Website
    api_token: "{{ statusmate_token }}"
  register: website

- name: Components that are not operational
  ansible.builtin.debug:
    msg: "{{ page.components | rejectattr('impact', 'equalto', 'operational') | map(attribute='name') | list }}"
"""

RETURN = r"""
components:
  description: The matching components, in the server's order.
  returned: always
  type: list
  elements: dict
  sample:
    - uuid: f8936b24-6c4b-4ba9-aa11-9e14a2244cf9
      name: Website
      description: ""
      impact: operational
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.statusops.status.plugins.module_utils.common import run
from ansible_collections.statusops.status.plugins.module_utils.statusmate import (
    Components,
    PageIndex,
    argument_spec,
    client,
)


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            parent=dict(type="str"),
            uuid=dict(type="list", elements="str"),
            name=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    components = Components(client(module))

    def work():
        if params["parent"]:
            page = PageIndex(components)
            items = components.list(parent=page.resolve(params["parent"]), uuids=params["uuid"])
        else:
            items = components.list(uuids=params["uuid"])
        if params["name"] is not None:
            items = [item for item in items if item["name"] == params["name"]]
        return dict(changed=False, components=items)

    run(module, work)


if __name__ == "__main__":
    main()
