#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_services
short_description: Manage the set of services of a StatusHub hub
version_added: 0.1.0
description:
  - Makes a hub's services match a declared list, found by name. The hub's services are read once (every page),
    then one write is sent per service that must change, paced to the API's limit of 5 writes a second.
  - With O(prune), services that are not declared are deleted.
  - Services deleted before (StatusHub keeps them, marked deleted) do not count, and are neither matched nor pruned.
  - A declared name that matches two services of the hub fails the task, naming both ids, before any write.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.statushub.DECLARED_SET
  - statusops.status.concurrency
  - statusops.status.turns
  - statusops.status.attributes
options:
  services:
    description:
      - The declared services. Names must be unique in the list.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description:
          - The service's name; it identifies the service.
          - A name that starts or ends with white space is refused before any request, as a server that stores names
            trimmed would make a later run miss it and create the service again.
        type: str
        required: true
      description:
        description:
          - The service's description. Not set means it is not managed; V("") and an unset description compare equal.
          - Surrounding white space is not kept, so a description written as a YAML block scalar, with its last newline,
            is compared and sent without it.
        type: str
seealso:
  - module: statusops.status.statushub_service
  - module: statusops.status.statushub_service_info
"""

EXAMPLES = r"""
- name: Exactly these services on the hub
  statusops.status.statushub_services:
    services:
      - name: API
        description: The public REST API
      - name: Website
      - name: Mobile app
    prune: true
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Remove two services
  statusops.status.statushub_services:
    services:
      - name: Legacy dashboard
      - name: Beta API
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
created:
  description: The services created (in check mode, that would be created, with C(id=null)).
  returned: always
  type: list
  elements: dict
  sample: [{id: 43, name: Mobile app, description: ""}]
updated:
  description: The services updated, as they are after the update.
  returned: always
  type: list
  elements: dict
  sample: [{id: 42, name: API, description: The public REST API}]
deleted:
  description: The services deleted, as they were.
  returned: always
  type: list
  elements: dict
  sample: [{id: 7, name: Legacy dashboard, description: ""}]
services:
  description: Every service of the hub after the task (in check mode, as it would be).
  returned: always
  type: list
  elements: dict
  sample: [{id: 42, name: API, description: The public REST API}, {id: 43, name: Mobile app, description: ""}]
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import (
    fail_on_invalid,
    reconcile_set,
    set_options,
    statushub_hub,
    statushub_module,
)
from ansible_collections.statusops.status.plugins.module_utils.checks import concurrency_errors, empty_prune_errors
from ansible_collections.statusops.status.plugins.module_utils.kinds import KindSet
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import hub_place
from ansible_collections.statusops.status.plugins.module_utils.statushub.services import SERVICE


def main():
    module = statushub_module(set_options("services", SERVICE.options(name=dict(type="str", required=True))))
    params = module.params
    declared, errors = SERVICE.declared(params["services"], params["state"], "services")
    fail_on_invalid(module, [*errors, *empty_prune_errors(params, "services", "service of the hub"),
                             *concurrency_errors(params["concurrency"])])
    reconcile_set(module, KindSet(SERVICE, statushub_hub(module), declared, params["prune"], params["state"], "services"),
                  params["concurrency"], hub_place(params))


if __name__ == "__main__":
    main()
