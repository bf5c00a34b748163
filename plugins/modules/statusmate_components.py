#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statusmate_components
short_description: Manage the components of a Statusmate status page as one declared tree
version_added: 0.1.0
description:
  - Makes the components of a Statusmate status page match a declared tree of groups and components in one task,
    with one plan that check mode and C(--diff) show before anything is sent.
  - Each declared component is identified by its path, the names from the top level down to it (like C(Website/CDN)).
    Two components of the page matching one declared component fail the task before any write, naming both.
  - Reads as few times as the API allows, one list of the page, plus one C(?parent=) query per declared group that
    exists when the server's list items are abbreviated (none when they report C(parent)), then sends exactly one write
    per component that must change, and none when nothing differs.
  - Parents are created before their children, deletes run children first; other changes, and the C(?parent=)
    queries, run side by side up to O(concurrency) at once.
  - The vendor's list reports only C(uuid), C(name), C(description) and C(impact) (some servers report every field).
    Fields the list does not report cannot be compared; they are sent on create and with any other update, and listed
    in RV(unverified). A field you do not set is never sent with a value the server did not report.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statusmate
  - statusops.status.http_options
  - statusops.status.concurrency
  - statusops.status.turns
  - statusops.status.attributes
attributes:
  check_mode:
    details:
      - A child of a group that would be created is reported as created too; nothing is looked up under a group that
        does not exist yet.
  diff_mode:
    details:
      - The diff is the tree of the declared components (and of those that would be deleted) before and after.
  idempotent:
    details:
      - Not with O(update_unverified=true) on a server whose list items are abbreviated.
options:
  components:
    description:
      - The declared tree, a list of components, each of which may hold its own components in O(components[].children).
      - An empty list declares nothing; with O(prune=true) it is refused unless O(allow_empty=true).
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description:
          - The component's name, at most 255 characters. It identifies the component under its parent and must be unique there.
          - A name that starts or ends with white space is refused before any request (the server stores names trimmed,
            so a later run would not find it).
        type: str
        required: true
      description:
        description:
          - The component's description. V("") and an unset description compare equal.
          - Surrounding white space is not kept (the server stores descriptions trimmed), so a description written as a
            YAML block scalar, with its last newline, is compared and sent without it.
        type: str
      index:
        description:
          - Display order on the page, from V(0) to V(32767). A boolean (V(true) or V(false)) is refused.
        type: int
      impact:
        description:
          - The impact the component gets when this task creates it.
          - An existing component keeps its live impact unless O(update_impact=always), which sets it to this value.
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
      children:
        description:
          - The components inside this group, a list of the same shape (O(components[].children) may hold C(children)
            too, as deep as the API allows).
        type: list
        elements: dict
  prune:
    description:
      - Also delete the components of the page that the tree does not declare (children first).
      - In check mode they are reported in RV(deleted), and nothing is deleted.
      - Ignored with O(state=absent).
    type: bool
    default: false
  allow_empty:
    description:
      - With O(prune=true), allow an empty O(components), which deletes every component of the page.
        Without it an empty list (an empty variable, say) fails the task before any request.
    type: bool
    default: false
  update_impact:
    description:
      - V(on_create) sets a declared O(components[].impact) only on the components the task creates; an existing
        component keeps its live impact, with no update sent for it, no change reported and no difference shown.
      - V(always) also sets the declared impact of existing components, overwriting their live status, as every run
        did before this option existed.
    type: str
    choices: [on_create, always]
    default: on_create
    version_added: 0.2.0
  update_unverified:
    description:
      - Send an update to every existing declared component that sets a field the server's list does not report
        (see RV(unverified)), even when every field that can be compared matches.
    type: bool
    default: false
  state:
    description:
      - V(present) creates and updates the declared components (and with O(prune=true) deletes the others).
      - V(absent) deletes exactly the declared components that exist, children first. A deleted group takes the
        components it still holds along with it on the server.
    type: str
    choices: [present, absent]
    default: present
notes:
  - With abbreviated list items, a component that is not found under a declared group is taken to be at the top level.
    Declare a group together with its children so that its components are told apart from top-level ones.
  - With abbreviated list items, O(prune=true) reads the children of each component it deletes, to delete children
    first and to name them by path; a deleted component that sits in a group declared without O(components[].children)
    is named without that group.
  - When the answer to a create is lost, the component is looked up under its parent before anything is sent again
    (with abbreviated list items, a top-level one by reading the children of the page's components); a component that
    was on the page before the task or that the task created for another entry is never taken for it, and two
    candidates fail the task naming them.
seealso:
  - module: statusops.status.statusmate_component
  - module: statusops.status.statusmate_component_info
    description: Its O(statusops.status.statusmate_component_info#module:format=tree) exports a page in the shape O(components) takes.
"""

EXAMPLES = r"""
- name: The whole page in one task
  statusops.status.statusmate_components:
    api_token: "{{ statusmate_token }}"
    components:
      - name: Website
        description: Everything customers see
        children:
          - name: CDN
            impact: operational  # only when the task creates it; later runs leave its live impact alone
          - name: Web servers
      - name: API
        children:
          - name: REST API
          - name: Webhooks
            index: 1

- name: Preview what a tree would change, and delete what it does not declare
  statusops.status.statusmate_components:
    api_token: "{{ statusmate_token }}"
    components: "{{ page_components }}"
    prune: true
  check_mode: true
  diff: true
  register: preview

- name: Reset every declared impact, overwriting the live status (after an incident drill, say)
  statusops.status.statusmate_components:
    api_token: "{{ statusmate_token }}"
    components:
      - name: Website
        children:
          - name: CDN
            impact: operational
    update_impact: always

- name: Remove a group and its components
  statusops.status.statusmate_components:
    api_token: "{{ statusmate_token }}"
    state: absent
    components:
      - name: Legacy
        children:
          - name: FTP

- name: Export a page and declare it again, elsewhere or later
  statusops.status.statusmate_component_info:
    api_token: "{{ statusmate_token }}"
    format: tree
  register: export

- name: Feed the export back
  statusops.status.statusmate_components:
    api_token: "{{ statusmate_token }}"
    components: "{{ export.page }}"
"""

RETURN = r"""
created:
  description: The paths of the components created (in check mode, that would be), parents first.
  returned: always
  type: list
  elements: str
  sample: [API, API/REST API]
updated:
  description: The paths of the components updated (in check mode, that would be).
  returned: always
  type: list
  elements: str
  sample: [Website/CDN]
deleted:
  description: The paths of the components deleted (in check mode, that would be), children first.
  returned: always
  type: list
  elements: str
  sample: [Legacy/FTP, Legacy]
components:
  description:
    - The declared components as they are after the task (in check mode, as they would be), in the shape of
      O(components), with the fields known of each.
    - V([]) after O(state=absent).
  returned: always
  type: list
  elements: dict
  sample:
    - name: Website
      description: Everything customers see
      impact: operational
      children:
        - name: CDN
          description: ""
          impact: operational
unverified:
  description:
    - For each existing declared component (by path), the fields you set whose current value the server's list
      did not report, so they could not be compared.
  returned: always
  type: dict
  sample:
    Website/CDN: [index]
diff:
  description: The tree before and after, as C(components) lists (C(--diff) shows it).
  returned: always
  type: dict
  contains:
    before:
      description: The existing declared components and those deleted.
      type: dict
    after:
      description: The declared components after the task.
      type: dict
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import (
    fail_on_invalid,
    reconcile_set,
    set_options,
    statusmate_client,
    statusmate_module,
)
from ansible_collections.statusops.status.plugins.module_utils.checks import concurrency_errors, empty_prune_errors
from ansible_collections.statusops.status.plugins.module_utils.statusmate.components import Components
from ansible_collections.statusops.status.plugins.module_utils.statusmate.rules import page_place
from ansible_collections.statusops.status.plugins.module_utils.statusmate.tree import ITEM_SPEC, ComponentTree, parse_tree


def main():
    module = statusmate_module(set_options("components", ITEM_SPEC, update_unverified=dict(type="bool", default=False),
                                           update_impact=dict(type="str", default="on_create", choices=["on_create", "always"])))
    params = module.params
    tree, errors = parse_tree(params["components"])
    fail_on_invalid(module, [*errors, *empty_prune_errors(params, "components", "component of the page"),
                             *concurrency_errors(params["concurrency"])])
    components = ComponentTree(Components(statusmate_client(module)), tree, prune=params["prune"],
                               absent=params["state"] == "absent", update_unverified=params["update_unverified"],
                               update_impact=params["update_impact"])
    reconcile_set(module, components, params["concurrency"], page_place(params))


if __name__ == "__main__":
    main()
