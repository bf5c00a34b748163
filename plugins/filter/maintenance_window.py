# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the maintenance_window role: its variables checked before any request, its services in module form."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.statusops.status.plugins.module_utils.statusmate_maintenance import validation_errors

SERVICE_STATUSES = ("up", "degraded-performance", "down")
DEFAULT_SERVICE_STATUS = "degraded-performance"
ROLE_OPTIONS = {"name": "maintenance_window_name", "components": "maintenance_window_components"}


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
    """The role's maintenance_window_services as statushub_maintenance takes them."""
    return [_service(item) for item in services or []]


def maintenance_window_errors(variables):
    """The problems of the role's variables for its provider; the other provider's variables are ignored."""
    provider = variables.get("provider")
    components = (variables.get("components") or []) if provider == "statusmate" else []
    errors = validation_errors({"name": variables.get("name"), "components": components,
                                "state": "present" if provider == "statusmate" else "completed"}, ROLE_OPTIONS)
    if provider == "statushub":
        duration = variables.get("duration")
        if not isinstance(duration, int) or isinstance(duration, bool) or duration < 1:
            errors.append("maintenance_window_duration must be at least 1 (minutes), got %r" % (duration,))
        for position, item in enumerate(variables.get("services") or []):
            if _service(item) is None:
                errors.append("maintenance_window_services[%d] must be a service name or a dict with name and status "
                              "(%s), got %r" % (position, ", ".join(SERVICE_STATUSES), item))
    return errors


class FilterModule:

    def filters(self):
        return {
            "maintenance_window_errors": maintenance_window_errors,
            "maintenance_window_services": maintenance_window_services,
        }
