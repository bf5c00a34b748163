#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

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
  - statusops.status.http_options
  - statusops.status.attributes.INFO_MODULE
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
  format:
    description:
      - V(list) returns RV(components), the matching components in the server's order.
      - V(tree) also returns RV(page), the page (or with O(parent), what that component holds) in exactly the shape
        that O(statusops.status.statusmate_components#module:components) takes, so an export can be declared again.
        It cannot be combined with O(uuid) or O(name).
      - With abbreviated list items, V(tree) reads the children of every component, one request each.
    type: str
    choices: [list, tree]
    default: list
  include_impact:
    description:
      - With O(format=tree), also put each component's live C(impact) into RV(page).
      - Left out by default, since RV(page) is the page's structure. Declared again, an impact exported during an
        incident would freeze that incident into the declaration.
      - RV(components) always carries the impact the server reports.
    type: bool
    default: false
    version_added: 0.2.0
seealso:
  - module: statusops.status.statusmate_component
  - module: statusops.status.statusmate_components
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

- name: Export the page as a tree that statusmate_components takes
  statusops.status.statusmate_component_info:
    api_token: "{{ statusmate_token }}"
    format: tree
  register: export

- name: Keep it as YAML
  ansible.builtin.copy:
    content: "{{ {'components': export.page} | to_nice_yaml }}"
    dest: page.yml
    mode: "0644"

- name: Components that are not operational
  ansible.builtin.debug:
    msg: "{{ page.components | rejectattr('impact', 'equalto', 'operational') | map(attribute='name') | list }}"
"""

RETURN = r"""
components:
  description:
    - The matching components, in the server's order.
    - With O(format=tree), the components of RV(page), parents before their children, each with its C(parent).
  returned: always
  type: list
  elements: dict
  sample:
    - uuid: f8936b24-6c4b-4ba9-aa11-9e14a2244cf9
      name: Website
      description: ""
      impact: operational
page:
  description:
    - The page as a tree in the shape of O(statusops.status.statusmate_components#module:components), each component
      with the fields the server reported (no C(uuid) or C(parent)) and C(children) when it has any.
    - C(impact) only with O(include_impact=true).
  returned: when O(format=tree)
  type: list
  elements: dict
  sample:
    - name: Website
      description: ""
      children:
        - name: CDN
          description: edge
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.statusops.status.plugins.module_utils.common import fail_on_invalid, run
from ansible_collections.statusops.status.plugins.module_utils.statusmate import argument_spec, client
from ansible_collections.statusops.status.plugins.module_utils.statusmate_components import Components
from ansible_collections.statusops.status.plugins.module_utils.statusmate_page import read_page
from ansible_collections.statusops.status.plugins.module_utils.statusmate_tree import export_page


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            parent=dict(type="str"),
            uuid=dict(type="list", elements="str"),
            name=dict(type="str"),
            format=dict(type="str", default="list", choices=["list", "tree"]),
            include_impact=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    params = module.params
    if params["format"] == "tree" and (params["uuid"] or params["name"] is not None):
        fail_on_invalid(module, ["format=tree exports the page (or the part below parent); uuid and name filter only format=list"])
    components = Components(client(module))

    def work():
        if params["format"] == "tree":
            page, items = export_page(components, params["parent"] or None, include_impact=params["include_impact"])
            return dict(changed=False, components=items, page=page)
        if params["parent"]:
            parent = read_page(components).resolve(params["parent"])
            items = components.list(parent=parent, uuids=params["uuid"])
        else:
            items = components.list(uuids=params["uuid"])
        if params["name"] is not None:
            items = [item for item in items if item["name"] == params["name"]]
        return dict(changed=False, components=items)

    run(module, work)


if __name__ == "__main__":
    main()
