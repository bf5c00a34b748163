# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The maintenance_window role's services in the shape of statushub_maintenance's services option, and the silence
of a window's alerts in the shape of alertmanager_silence's options."""

import re

from ansible_collections.statusops.status.plugins.module_utils.alertmanager import COMPONENT_LABEL, SERVICE_LABEL
from ansible_collections.statusops.status.plugins.module_utils.statushub_events import SERVICE_STATUSES

DEFAULT_SERVICE_STATUS = "degraded-performance"
SILENCE_CREATED_BY = "statusops.status.maintenance_window"
PROVIDERS = {"statusmate": ("Statusmate page", COMPONENT_LABEL), "statushub": ("StatusHub hub", SERVICE_LABEL)}


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
        return {"maintenance_window_services": maintenance_window_services,
                "maintenance_window_silence": maintenance_window_silence}
