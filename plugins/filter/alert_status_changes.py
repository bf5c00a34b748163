# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter of the alert_status role: an Alertmanager notification as the status changes it asks for."""

DOCUMENTATION = r"""
name: alert_status_changes
version_added: 0.1.0
author:
  - statusops.status contributors (@statusops)
short_description: The status changes a Prometheus Alertmanager notification asks for
description:
  - Maps an Alertmanager webhook notification (version 4) to the impacts of Statusmate components and the StatusHub
    incidents of the P(statusops.status.alert_status#role) role, or to the errors that forbid any change.
  - Reads C(alerts), and of each alert C(status), C(labels) and C(annotations); nothing else.
  - An alert labelled C(statusmate_component) (a path like C(Website/CDN), or a uuid) sets that component's impact
    from its C(severity) label through O(impacts); the worst firing alert of a component wins; a component whose
    alerts are all resolved gets O(resolved_impact).
  - An alert labelled C(statushub_service) (a service's name or id) belongs to the incident titled by its
    C(summary) annotation, else its C(alertname) label. The incident is open while any of its alerts fires, each
    service at its worst firing alert's status (C(down) for severity C(critical), C(degraded-performance)
    otherwise, C(up) when its alerts are resolved), with the C(description) annotation of its worst firing alert
    as the body, and resolved when all of its alerts are.
  - Alerts without either label are ignored.
  - Given O(maintenances), a StatusHub service with a maintenance in progress (its C(start_time) passed, its
    C(end_time) not yet) is held, named by its name (through O(services)) or its id; its alerts move no incident and
    are listed in C(held) with the incident they asked for. Its Statusmate components still move.
options:
  _input:
    description: The notification, as Alertmanager posts it.
    type: dict
    required: true
  impacts:
    description: Severity to impact. A firing alert whose severity is not a key is an error naming the keys.
    type: dict
    default: {critical: major_outage, warning: partial_outage, info: degraded_performance}
  resolved_impact:
    description: The impact of a component whose alerts are all resolved.
    type: str
    default: operational
  maintenances:
    description: The hub's maintenances, as M(statusops.status.statushub_maintenance_info) returns them.
    type: list
    elements: dict
  services:
    description: The hub's services (C(id), C(name)), as M(statusops.status.statushub_service_info) returns them.
    type: list
    elements: dict
"""

EXAMPLES = r"""
- name: What a notification changes
  ansible.builtin.debug:
    msg: "{{ payload | statusops.status.alert_status_changes({'critical': 'major_outage', 'warning': 'degraded_performance'}) }}"
"""

RETURN = r"""
_value:
  description: The changes, or the errors that forbid any.
  type: dict
  contains:
    errors:
      description: Messages naming each problem (the variable, the alert, the value); when any, nothing else is set.
      type: list
      elements: str
    components:
      description: Component path or uuid to impact, the O(impacts) of M(statusops.status.statusmate_component_impacts).
      type: dict
    incidents:
      description:
        - Each incident, by title, with C(state) (V(present) or V(resolved)) and, while present, its C(services)
          (C(service), C(status)) and, when an alert has one, C(body); the options of
          M(statusops.status.statushub_incident).
      type: list
      elements: dict
    held:
      description:
        - Each alert of a service with a maintenance in progress, with C(alert) (where it is in the notification,
          and its C(alertname)), C(service) and C(incident), the incident it asked for.
      type: list
      elements: dict
"""

from ansible_collections.statusops.status.plugins.module_utils.alertmanager import (
    DEFAULT_RESOLVED_IMPACT,
    notification_changes,
)


def alert_status_changes(payload, impacts=None, resolved_impact=DEFAULT_RESOLVED_IMPACT, maintenances=None,
                         services=None):
    return notification_changes(payload, impacts, resolved_impact, maintenances=maintenances,
                                services=services).as_dict()


class FilterModule:

    def filters(self):
        return {"alert_status_changes": alert_status_changes}
