#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_service
short_description: Manage one service of a StatusHub hub
version_added: 0.1.0
description:
  - Creates, updates or deletes one service of a StatusHub hub.
  - The service is found by O(id) when given, else by its O(name). Two services with that name fail the task,
    naming both ids; nothing is guessed. Deleted services are never found.
  - An update sends only the fields that changed; nothing is sent when nothing changed.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.attributes
options:
  name:
    description:
      - The service's name. It identifies the service when O(id) is not given; with O(id), it renames the service.
      - A name that starts or ends with white space is refused before any request, as a server that stores names trimmed
        would make a later run miss it and create the service again.
      - Required to create a service.
    type: str
  id:
    description:
      - The service's id. When given it identifies the service; a service with that id must exist for O(state=present).
    type: int
  description:
    description:
      - The service's description. V("") and an unset description compare equal.
      - Surrounding white space is not kept, so a description written as a YAML block scalar, with its last newline, is
        compared and sent without it.
    type: str
  state:
    description:
      - V(present) creates or updates the service, V(absent) deletes it.
      - StatusHub keeps a deleted service, marked deleted. It no longer counts as existing for any module of this
        collection, so a service of that name can be created again.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: statusops.status.statushub_service_info
  - module: statusops.status.statushub_services
"""

EXAMPLES = r"""
- name: A service on the hub
  statusops.status.statushub_service:
    name: API
    description: The public REST API
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Rename the service with id 42
  statusops.status.statushub_service:
    id: 42
    name: Public API
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Remove a service
  statusops.status.statushub_service:
    name: Legacy dashboard
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
service:
  description:
    - The service as it is after the task (in check mode, as it would be; a service not created yet has C(id=null)).
    - After O(state=absent), the service that was deleted, or V({}) when there was none.
  returned: always
  type: dict
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
    id: 42
    name: API
    description: The public REST API
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import run_object, state_option, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.kinds import KindResource
from ansible_collections.statusops.status.plugins.module_utils.statushub.services import SERVICE


def main():
    module = statushub_module(dict(id=dict(type="int"), state=state_option(), **SERVICE.options()),
                              checks=SERVICE.errors, required_one_of=[("name", "id")])
    run_object(module, KindResource(SERVICE, statushub_hub(module), module.params), "service")


if __name__ == "__main__":
    main()
