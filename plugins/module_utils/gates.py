# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Deploy gates: a look at what a deploy touches (Statusmate components, StatusHub services), taken again every
interval until everything is healthy or the wait is spent. Names are resolved at the first look, before any wait;
every later look is one read of the live status. A gate never writes.
"""

import time

from ansible_collections.statusops.status.plugins.module_utils.common import run
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.statushub import FLAGS_QUERY
from ansible_collections.statusops.status.plugins.module_utils.statushub_events import list_live, utcnow
from ansible_collections.statusops.status.plugins.module_utils.statushub_incidents import (
    INCIDENTS_PATH,
    RESOLVED,
    latest_update,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub_maintenances import (
    MAINTENANCES_PATH,
    matches_filters,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub_platform_alert import PlatformAlert
from ansible_collections.statusops.status.plugins.module_utils.statushub_services import ServiceNames
from ansible_collections.statusops.status.plugins.module_utils.statusmate import IMPACTS
from ansible_collections.statusops.status.plugins.module_utils.statusmate_impacts import validation_errors
from ansible_collections.statusops.status.plugins.module_utils.statusmate_page import read_page
from ansible_collections.statusops.status.plugins.module_utils.times import format_time

# The options every gate shares (their ranges are common.NUMBER_RANGES).
WAIT_SPEC = dict(
    wait=dict(type="int", default=0),
    interval=dict(type="int", default=10),
)


def wait_for(look, wait, interval, clock, sleep):
    """look() until it says everything passes, at most every interval seconds, the last look at the latest when wait
    seconds are over; returns the last look's outcome. Whatever look() takes, no look starts after the wait is spent,
    so the whole is bounded by wait plus one look."""
    deadline = clock() + wait
    while True:
        outcome = look()
        left = deadline - clock()
        if outcome.passes or left <= 0:
            return outcome
        sleep(min(interval, left))


class Outcome:
    """What one look found: the things checked and those that block, as the module returns them."""

    def __init__(self, checked, blocking, reasons):
        self.checked = checked
        self.blocking = blocking
        self.reasons = reasons  # one phrase per blocker, for the failure message

    @property
    def passes(self):
        return not self.blocking


def run_gate(module, gate, checked_key):
    """Look until healthy or the wait is spent; exit unchanged, or fail naming each blocker (with the same result)."""
    params = module.params

    def work():
        outcome = wait_for(gate.look, params["wait"], params["interval"], time.monotonic, time.sleep)
        result = {"changed": False, checked_key: outcome.checked, "blocking": outcome.blocking}
        if not outcome.passes:
            waited = " after waiting %s s" % params["wait"] if params["wait"] else ""
            module.fail_json(msg="%s%s: %s" % (gate.blocked, waited, "; ".join(outcome.reasons)), **result)
        return result

    run(module, work)


# ---- Statusmate ------------------------------------------------------------------

def component_gate_errors(params):
    """Messages naming every component reference that is no path or uuid, and an empty healthy."""
    errors = validation_errors(dict.fromkeys(params["components"] or [], IMPACTS[0]), option="components")
    if not params["healthy"]:
        errors.append("healthy must name at least one impact (like operational), got []")
    return errors


class ComponentGate:
    """The impacts of a page's components (references: paths or uuids; None: every component of the page)."""

    blocked = "components not healthy"

    def __init__(self, components, references, healthy):
        self.components = components
        self.references = references
        self.healthy = healthy
        self.paths = None  # [(uuid, path)] of the components checked, known after the first look

    def look(self):
        if self.paths is None:
            return self.outcome(self.first_look())
        uuids = [uuid for uuid, _path in self.paths] if self.references else None
        return self.outcome(self.components.list(uuids=uuids))

    def first_look(self):
        """The page read once, every reference resolved (an unknown one fails at once); the page's items."""
        page = read_page(self.components).read_paths()
        if self.references:
            items = page.resolve_paths(self.references)
        else:
            items = page.subtree()
        self.paths = [(item["uuid"], page.paths[item["uuid"]]) for item in items]
        return page.items

    def outcome(self, items):
        impacts = dict((item["uuid"], item.get("impact")) for item in items)
        checked = [{"path": path, "uuid": uuid, "impact": impacts.get(uuid)} for uuid, path in self.paths]
        blocking = [item for item in checked if item["impact"] not in self.healthy]
        reasons = ["%s is %s" % (item["path"], item["impact"] or "no longer on the page") for item in blocking]
        return Outcome(checked, blocking, reasons)


# ---- StatusHub ----------------------------------------------------------------------

class ServiceGate:
    """The open incidents, the platform alert and (block_on_maintenance) the maintenances in progress of a hub's
    services (references: names or ids; None: the whole hub)."""

    blocked = "services not healthy"

    def __init__(self, hub, references, block_on_maintenance):
        self.hub = hub
        self.references = references
        self.block_on_maintenance = block_on_maintenance
        self.names = ServiceNames(hub)
        self.ids = None  # the ids of the services checked, known after the first look

    def look(self):
        if self.ids is None:
            self.ids = self.resolve()
        now = utcnow()
        moment = format_time(now)
        blockers = []
        for item in list_live(self.hub, INCIDENTS_PATH, dict(FLAGS_QUERY, start_time=moment)):
            latest = latest_update(item)
            if latest.get("incident_type") != RESOLVED and self.concerns(latest.get("service_statuses")):
                blockers.append(self.incident(item))
        if self.block_on_maintenance:
            for window in list_live(self.hub, MAINTENANCES_PATH, dict(FLAGS_QUERY, start_time=moment, end_time=moment)):
                if matches_filters(window, {"in_progress": True}, now) and self.concerns(window.get("service_statuses")):
                    blockers.append(self.maintenance(window))
        alert = PlatformAlert(self.hub, {}).find()
        if alert:
            blockers.append(({"kind": "platform_alert", "title": alert.get("title"), "body": alert.get("body")},
                             "the platform alert %r" % alert.get("title")))
        checked = [{"id": service_id, "name": self.names.name_of(service_id)} for service_id in self.ids]
        return Outcome(checked, [blocker for blocker, _reason in blockers], [reason for _blocker, reason in blockers])

    def resolve(self):
        """The ids of the services named (an unknown one fails at once, each named), else of every service."""
        if not self.references:
            return self.names.all_ids()
        ids, errors = [], []
        for reference in self.references:
            try:
                ids.append(self.names.id_of(reference))
            except ReconcileError as exc:
                errors.append(str(exc))
        if errors:
            raise ReconcileError("services: " + "; ".join(errors))
        return list(dict.fromkeys(ids))

    def concerns(self, statuses):
        """Whether an event naming these service statuses blocks: it names a service checked, or the whole hub is
        checked (then whatever it names, none included)."""
        return not self.references or any(status["service_id"] in self.ids for status in statuses or [])

    def service_names(self, statuses):
        return [self.names.name_of(status["service_id"]) for status in statuses or []]

    def incident(self, item):
        latest = latest_update(item)
        services = self.service_names(latest.get("service_statuses"))
        blocker = {"kind": "incident", "id": item.get("id"), "title": item.get("title"),
                   "incident_type": latest.get("incident_type"), "services": services}
        return blocker, "incident %r (%s)" % (item.get("title"), ", ".join([blocker["incident_type"]] + services))

    def maintenance(self, window):
        services = self.service_names(window.get("service_statuses"))
        blocker = {"kind": "maintenance", "id": window.get("id"), "title": window.get("title"),
                   "start_time": window.get("start_time"), "end_time": window.get("end_time"), "services": services}
        return blocker, "maintenance %r in progress until %s (%s)" % (window.get("title"), window.get("end_time"),
                                                                      ", ".join(services) or "no service named")
