# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The silence of a maintenance window's alerts in the shape of alertmanager_silence's options."""

DOCUMENTATION = r"""
name: maintenance_window_silence
version_added: 0.1.0
author:
  - statusops.status contributors (@statusops)
short_description: The silence of a maintenance window's alerts, as alertmanager_silence takes it
description:
  - The O(statusops.status.alertmanager_silence#module:created_by), O(statusops.status.alertmanager_silence#module:comment)
    and O(statusops.status.alertmanager_silence#module:matchers) of the silence that the
    P(statusops.status.maintenance_window#role) role sets for a window.
  - "V(statusmate): one matcher on the label C(statusmate_component) that matches exactly each component as the window
    names it (its path or uuid); V(statushub): on the label C(statushub_service), each service's name."
  - The comment names the window, the provider and the page or hub, so that close finds the silence again in another
    run.
  - No matchers when the window names nothing to silence (a StatusHub maintenance without services).
options:
  _input:
    description: The window's name (C(maintenance_window_name)).
    type: str
    required: true
  provider:
    description: The provider, V(statusmate) or V(statushub).
    type: str
    required: true
  components:
    description: The window's components (C(maintenance_window_components)).
    type: list
    elements: str
  services:
    description: The window's services (C(maintenance_window_services)), names or dicts with C(name) and C(status).
    type: list
    elements: raw
  place:
    description: The page (its API URL) or the hub (its subdomain), for the comment.
    type: str
"""

EXAMPLES = r"""
- name: Silence the alerts of a deploy's components
  statusops.status.alertmanager_silence:
    created_by: "{{ silence.created_by }}"
    comment: "{{ silence.comment }}"
    matchers: "{{ silence.matchers }}"
    duration: 30
    api_url: https://alertmanager.example.com
  vars:
    silence: "{{ 'Deploy 2.4.1' | statusops.status.maintenance_window_silence('statusmate', ['Shop/Checkout'], place='https://status.statusmate.top') }}"
"""

RETURN = r"""
_value:
  description: The silence.
  type: dict
  contains:
    created_by:
      description: V(statusops.status.maintenance_window).
      type: str
    comment:
      description: Like C(Deploy window 'Deploy 2.4.1' on Statusmate page https://status.statusmate.top).
      type: str
    matchers:
      description: One regular-expression matcher (C(name), C(value), C(is_regex)), or none.
      type: list
      elements: dict
"""

import re

from ansible_collections.statusops.status.plugins.filter.maintenance_window_services import maintenance_window_services
from ansible_collections.statusops.status.plugins.module_utils.alertmanager import COMPONENT_LABEL, SERVICE_LABEL

SILENCE_CREATED_BY = "statusops.status.maintenance_window"
PROVIDERS = {"statusmate": ("Statusmate page", COMPONENT_LABEL), "statushub": ("StatusHub hub", SERVICE_LABEL)}


def any_of(values):
    """A regular expression that matches exactly each of the values (Alertmanager anchors it; Go's RE2, like Python,
    takes an escaped punctuation character as itself)."""
    return "|".join(re.escape(value) for value in values)


def maintenance_window_silence(name, provider, components=None, services=None, place=""):
    """The silence of a window's alerts: alertmanager_silence's created_by, comment and matchers (the label of the
    window's components or services, matching each as the window names it). No matchers when the window names
    nothing to silence (a StatusHub maintenance without services)."""
    what, label = PROVIDERS[provider]
    if provider == "statusmate":
        values = list(components or [])
    else:
        values = [service["service"] for service in maintenance_window_services(services)]
    values = sorted(set(values))
    matchers = [{"name": label, "value": any_of(values), "is_regex": True}] if values else []
    return {"created_by": SILENCE_CREATED_BY, "matchers": matchers,
            "comment": "Deploy window %r on %s %s" % (name, what, place)}


class FilterModule:

    def filters(self):
        return {"maintenance_window_silence": maintenance_window_silence}
