#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_platform_alert
short_description: Set or clear the platform alert of a StatusHub hub
version_added: 0.1.0
description:
  - Sets, changes or clears the platform alert of a hub, the hub-wide message about a major event that affects the
    whole product rather than some services. Every subscription is notified of it, whatever its services.
  - A hub has at most one platform alert, so the module needs no name or id to find it.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.attributes
options:
  title:
    description:
      - The alert's title. Required to set an alert when the hub has none.
      - Plain text; a title with HTML tags or entities (such as C(<b>) or C(&amp;)) is refused before any request.
    type: str
  body:
    description:
      - The alert's message. V("") and an unset body compare equal.
    type: str
  state:
    description:
      - V(present) sets the alert or changes what differs, V(absent) clears it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The API documents the platform alert but not its path; the module uses C(/hubs/{hub}/platform_alert)
    (C(GET), C(PUT), C(DELETE)), an assumption until a live account confirms it.
seealso:
  - module: statusops.status.statushub_incident
"""

EXAMPLES = r"""
- name: Tell every subscriber about a major outage
  statusops.status.statushub_platform_alert:
    title: Major outage
    body: All services are unavailable; we are working on it.
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Clear the alert
  statusops.status.statushub_platform_alert:
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
platform_alert:
  description:
    - The alert as it is after the task (in check mode, as it would be).
    - After O(state=absent), the alert that was cleared; V({}) when there was none.
  returned: always
  type: dict
  sample:
    title: Major outage
    body: All services are unavailable; we are working on it.
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import run_object, state_option, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.kinds import KindResource
from ansible_collections.statusops.status.plugins.module_utils.statushub.fields import title_errors
from ansible_collections.statusops.status.plugins.module_utils.statushub.platform_alert import PLATFORM_ALERT


def main():
    module = statushub_module(dict(title=dict(type="str"), body=dict(type="str"), state=state_option()), checks=title_errors)
    run_object(module, KindResource(PLATFORM_ALERT, statushub_hub(module), module.params), "platform_alert")


if __name__ == "__main__":
    main()
