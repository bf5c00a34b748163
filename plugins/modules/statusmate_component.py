#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statusmate_component
short_description: Manage one component of a Statusmate status page
version_added: 0.1.0
description:
  - Creates, updates or deletes one component (a service or a group of services) of a Statusmate status page.
  - The component is found by O(uuid) when given, else by its O(name) under its O(parent).
  - The vendor's list of components reports only C(uuid), C(name), C(description) and C(impact) (and, on some
    servers, every field). Fields the list does not report cannot be compared; they are sent when the component is
    created and with every update, and listed in RV(unverified). Set O(update_unverified) to send them even when
    every field that can be compared already matches.
  - A field you do not set is never sent with a value the server did not report, so its real value is kept.
  - With O(impact), this module sets the component's live status now, as M(statusops.status.statusmate_component_impacts),
    M(statusops.status.statusmate_maintenance) and the P(statusops.status.alert_status#role) role do; M(statusops.status.statusmate_components)
    and the P(statusops.status.statusmate_page#role) role own the page's structure and set an impact only on the components they create.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statusmate
  - statusops.status.http_options
  - statusops.status.attributes
options:
  name:
    description:
      - The component's name, at most 255 characters. With O(parent), it identifies the component when O(uuid) is not given.
      - A name that starts or ends with white space is refused before any request (the server stores names trimmed, so a
        later run would not find it).
      - Required to create a component.
    type: str
  uuid:
    description:
      - The component's uuid. When given it identifies the component, and O(name) renames it.
      - A uuid that names no component of the page fails the task, also with O(name); nothing is created in its place.
    type: str
  parent:
    description:
      - Name or uuid of the group component this component belongs to. Omitted or V(null) means the top level.
      - A parent that does not exist is an error, and nothing is created.
      - With O(uuid), an omitted parent leaves the component where it is.
      - A parent that is the component itself or a component below it fails the task before any write (the page
        would have a loop).
    type: str
  description:
    description:
      - The component's description. V("") and an unset description compare equal.
      - Surrounding white space is not kept (the server stores descriptions trimmed), so a description written as a YAML
        block scalar, with its last newline, is compared and sent without it.
    type: str
  index:
    description:
      - Display order on the page, from V(0) to V(32767). A boolean (V(true) or V(false)) is refused.
    type: int
  impact:
    description:
      - The component's live impact, set now (and on every run that finds another one).
    type: str
    choices: [operational, under_maintenance, degraded_performance, partial_outage, major_outage]
  histogram:
    description:
      - Whether the page shows the component's uptime histogram.
    type: bool
  collapse:
    description:
      - Whether a group component is shown collapsed.
    type: bool
  enabled:
    description:
      - Whether the component is enabled.
    type: bool
  private:
    description:
      - Whether the component is hidden from the public page.
    type: bool
  start_date:
    description:
      - When the component's history starts, ISO-8601 with a UTC offset, like C(2025-05-24T11:02:11+03:00).
      - Compared as an instant, so C(Z) and C(+00:00) forms of one time are equal.
    type: str
  update_unverified:
    description:
      - Send an update carrying the fields the server's list does not report (see RV(unverified)) even when every
        field that can be compared matches.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the component, V(absent) deletes it (and, on the server, its children).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Finding a top-level component by name on a server with abbreviated list items reads the children of the page's
    components to tell top-level components from children; give O(uuid) or O(parent) to avoid it on a large page,
    or manage the page with M(statusops.status.statusmate_components).
seealso:
  - module: statusops.status.statusmate_component_info
  - module: statusops.status.statusmate_components
"""

EXAMPLES = r"""
- name: A group with one component in it
  statusops.status.statusmate_component:
    name: Website
    description: Everything our customers see
    api_token: "{{ statusmate_token }}"

- name: The CDN, inside the Website group
  statusops.status.statusmate_component:
    name: CDN
    parent: Website
    impact: operational
    index: 1
    api_token: "{{ statusmate_token }}"

- name: Report a partial outage of the CDN
  statusops.status.statusmate_component:
    name: CDN
    parent: Website
    impact: partial_outage
    api_token: "{{ statusmate_token }}"

- name: Rename a component found by its uuid
  statusops.status.statusmate_component:
    uuid: 946e31f4-1daa-4c36-8e6f-bfd6780ec581
    name: Content delivery
    api_token: "{{ statusmate_token }}"

- name: Remove the CDN
  statusops.status.statusmate_component:
    name: CDN
    parent: Website
    state: absent
    api_token: "{{ statusmate_token }}"
"""

RETURN = r"""
component:
  description:
    - The component as it is after the task (in check mode, as it would be); every field known.
    - After O(state=absent), the component that was deleted, or V({}) when there was none.
  returned: always
  type: dict
  sample:
    uuid: 946e31f4-1daa-4c36-8e6f-bfd6780ec581
    name: CDN
    description: ""
    parent: f8936b24-6c4b-4ba9-aa11-9e14a2244cf9
    impact: operational
    index: 1
unverified:
  description:
    - The options you set whose current value the server's list did not report, so they could not be compared.
  returned: always
  type: list
  elements: str
  sample: [index, histogram]
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import run_object, state_option, statusmate_client, statusmate_module
from ansible_collections.statusops.status.plugins.module_utils.statusmate.components import Component, Components
from ansible_collections.statusops.status.plugins.module_utils.statusmate.fields import COMPONENT_FIELD_SPEC
from ansible_collections.statusops.status.plugins.module_utils.statusmate.rules import validation_errors


def main():
    module = statusmate_module(dict(
        uuid=dict(type="str"),
        parent=dict(type="str"),
        update_unverified=dict(type="bool", default=False),
        state=state_option(),
        **COMPONENT_FIELD_SPEC
    ), checks=validation_errors, required_one_of=[("name", "uuid")])
    component = Component(Components(statusmate_client(module)), module.params)
    # what an update could not compare; nothing when the run creates or deletes the component
    run_object(module, component, "component", extra=lambda outcome, _item: dict(
        unverified=component.unverified if outcome.action in ("none", "update") else []))


if __name__ == "__main__":
    main()
