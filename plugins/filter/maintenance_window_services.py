# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The maintenance_window role's services in the shape of statushub_maintenance's services option."""

DOCUMENTATION = r"""
name: maintenance_window_services
version_added: 0.1.0
author:
  - statusops.status contributors (@statusops)
short_description: The maintenance_window role's services as statushub_maintenance takes them
description:
  - Turns each item of C(maintenance_window_services), a service name or a dict with C(name) and C(status), into a
    dict with C(service) and C(status) (V(degraded-performance) when not given), the shape of the
    O(statusops.status.statushub_maintenance#module:services) option.
  - An item that is neither fails, naming its position and its value.
options:
  _input:
    description: The services.
    type: list
    elements: raw
    required: true
"""

EXAMPLES = r"""
- name: Open a StatusHub maintenance for the API and the dashboard
  statusops.status.statushub_maintenance:
    title: Deploy 2.4.1
    start_time: now
    duration: 30
    services: "{{ ['API', {'name': 'Dashboard', 'status': 'down'}] | statusops.status.maintenance_window_services }}"
"""

RETURN = r"""
_value:
  description: The services, each with C(service) and C(status).
  type: list
  elements: dict
"""

from ansible_collections.statusops.status.plugins.module_utils.statushub_events import SERVICE_STATUSES

DEFAULT_SERVICE_STATUS = "degraded-performance"


def _service(item):
    """The service in the shape of statushub_maintenance's services, or None when the item is not one."""
    if isinstance(item, str):
        return {"service": item, "status": DEFAULT_SERVICE_STATUS} if item.strip() else None
    if not isinstance(item, dict) or set(item) - set(["name", "status"]):
        return None
    name = item.get("name")
    status = item.get("status", DEFAULT_SERVICE_STATUS)
    if not isinstance(name, str) or not name.strip() or status not in SERVICE_STATUSES:
        return None
    return {"service": name, "status": status}


def maintenance_window_services(services):
    """The role's maintenance_window_services as statushub_maintenance takes them; an item that is neither a service
    name nor a dict with name and status fails, naming it, before any request."""
    shaped = []
    for position, item in enumerate(services or []):
        service = _service(item)
        if service is None:
            # ValueError, not AnsibleFilterError: importing ansible.errors marks the process as a controller, and the
            # modules' unit tests in that process would then lose their warnings. Ansible names the failing filter.
            raise ValueError(
                "maintenance_window_services[%d] must be a service name or a dict with name and status (%s), got %r"
                % (position, ", ".join(SERVICE_STATUSES), item))
        shaped.append(service)
    return shaped


class FilterModule:

    def filters(self):
        return {"maintenance_window_services": maintenance_window_services}
