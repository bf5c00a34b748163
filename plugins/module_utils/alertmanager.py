# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Prometheus Alertmanager notifications (webhook format, version 4) mapped to status changes: the impacts of Statusmate
components and the StatusHub incidents to open, update or resolve.

Read of a notification: ``alerts``, and of each alert ``status``, ``labels`` (``statusmate_component``,
``statushub_service``, ``severity``, ``alertname``) and ``annotations`` (``summary``, ``description``). Nothing else:
Alertmanager groups alerts by the labels of its route's ``group_by``, and the documented convention (group by
``statusmate_component`` and ``statushub_service``) makes one notification carry every alert of a component or
service, so the notification alone decides their status.

A StatusHub service with a maintenance in progress (by the maintenance's own start and end, so the hold ends when
the maintenance does) is held: its alerts open, update or resolve no incident, and are listed as held with the
incident they asked for. Statusmate components are never held here: the page does not say when a window ends, and the
window's silence in Alertmanager, bounded by its planned duration, is their hold.
"""

from ansible_collections.statusops.status.plugins.module_utils.statushub_events import title_errors, utcnow
from ansible_collections.statusops.status.plugins.module_utils.statusmate import IMPACTS
from ansible_collections.statusops.status.plugins.module_utils.statusmate_page import SEPARATOR
from ansible_collections.statusops.status.plugins.module_utils.times import parse_time

COMPONENT_LABEL = "statusmate_component"
SERVICE_LABEL = "statushub_service"
SEVERITY_LABEL = "severity"
NAME_LABEL = "alertname"
TITLE_ANNOTATION = "summary"
BODY_ANNOTATION = "description"
FIRING = "firing"
RESOLVED = "resolved"
ALERT_STATUSES = (FIRING, RESOLVED)
DEFAULT_IMPACTS = {"critical": "major_outage", "warning": "partial_outage", "info": "degraded_performance"}
DEFAULT_RESOLVED_IMPACT = "operational"
# A StatusHub service is down for a critical alert, degraded otherwise; up again in an incident whose other alerts fire.
CRITICAL_SEVERITY = "critical"
SERVICE_STATUS_ORDER = ("up", "degraded-performance", "down")
# The names the messages use, the role's variables by default.
OPTIONS = {"payload": "alert_status_payload", "impacts": "alert_status_impacts",
           "resolved_impact": "alert_status_resolved_impact"}


class Changes:
    """What one notification asks for: Statusmate impacts by component reference, StatusHub incidents by title."""

    def __init__(self):
        self.errors = []
        self.components = {}  # reference (path or uuid): impact
        self.incidents = []  # {"title", "state", "services": [{"service", "status"}], "body"?}, by title
        self.held = []  # {"alert", "service", "incident"}: an alert of a service under maintenance, what it asked for

    def as_dict(self):
        return {"errors": self.errors, "components": self.components, "incidents": self.incidents, "held": self.held}


def mapping_errors(impacts, resolved_impact, options):
    errors = []
    if not isinstance(impacts, dict) or not impacts:
        return ["%s must map severities to impacts (like {critical: major_outage}), got %r" % (options["impacts"], impacts)]
    for severity, impact in sorted(impacts.items(), key=lambda item: str(item[0])):
        if not isinstance(severity, str) or impact not in IMPACTS:
            errors.append("%s maps %r to %r: severities are strings and impacts one of %s"
                          % (options["impacts"], severity, impact, ", ".join(IMPACTS)))
    if resolved_impact not in IMPACTS:
        errors.append("%s must be one of %s, got %r" % (options["resolved_impact"], ", ".join(IMPACTS), resolved_impact))
    return errors


def _strings(value):
    return isinstance(value, dict) and all(isinstance(key, str) and isinstance(item, str) for key, item in value.items())


def _alert_errors(alert, where):
    if not isinstance(alert, dict):
        return ["%s is not an alert (an object with status and labels), got %r" % (where, alert)]
    errors = []
    if alert.get("status") not in ALERT_STATUSES:
        errors.append("%s.status must be firing or resolved, got %r" % (where, alert.get("status")))
    if not _strings(alert.get("labels")):
        errors.append("%s.labels must be an object of strings, got %r" % (where, alert.get("labels")))
    if not _strings(alert.get("annotations", {})):
        errors.append("%s.annotations must be an object of strings, got %r" % (where, alert.get("annotations")))
    return errors


def _reference_errors(labels, where):
    errors = []
    component = labels.get(COMPONENT_LABEL)
    if component is not None and (not component.strip() or "" in component.split(SEPARATOR)):
        errors.append("%s.labels.%s is neither a component path like Website/CDN nor a uuid: %r"
                      % (where, COMPONENT_LABEL, component))
    service = labels.get(SERVICE_LABEL)
    if service is not None and not service.strip():
        errors.append("%s.labels.%s must name a service (its name or id), got %r" % (where, SERVICE_LABEL, service))
    return errors


def describe(alert, where):
    name = alert["labels"].get(NAME_LABEL)
    return "%s (%s)" % (where, name) if name else where


def title_of(alert):
    return alert.get("annotations", {}).get(TITLE_ANNOTATION) or alert["labels"].get(NAME_LABEL)


def service_status(alert):
    return "down" if alert["labels"].get(SEVERITY_LABEL) == CRITICAL_SEVERITY else "degraded-performance"


def worse(one, other, order):
    return one if other is None or order.index(one) >= order.index(other) else other


def _relevant_alerts(payload, changes, impacts, options):
    """(where, alert) of each alert with a label the collection uses, once every alert was checked."""
    if not isinstance(payload, dict) or not isinstance(payload.get("alerts"), list):
        changes.errors.append("%s is not an Alertmanager notification: it has no alerts list, got %s"
                              % (options["payload"], _shown(payload)))
        return []
    relevant = []
    for position, alert in enumerate(payload["alerts"]):
        where = "%s.alerts[%d]" % (options["payload"], position)
        errors = _alert_errors(alert, where)
        if not errors:
            labels = alert["labels"]
            if COMPONENT_LABEL not in labels and SERVICE_LABEL not in labels:
                continue
            errors = _reference_errors(labels, where)
            if COMPONENT_LABEL in labels and alert["status"] == FIRING and labels.get(SEVERITY_LABEL) not in impacts:
                errors.append("%s: severity %r is not in %s (%s)" % (
                    describe(alert, where), labels.get(SEVERITY_LABEL), options["impacts"],
                    ", ".join(sorted(str(key) for key in impacts))))
            if SERVICE_LABEL in labels and not title_of(alert):
                errors.append("%s: an incident needs a title, from the %s annotation or the %s label; it has neither"
                              % (where, TITLE_ANNOTATION, NAME_LABEL))
            elif SERVICE_LABEL in labels:
                errors.extend("%s: the incident's %s" % (where, error) for error in title_errors({"title": title_of(alert)}))
        changes.errors.extend(errors)
        if not errors:
            relevant.append((where, alert))
    return relevant


def _shown(value):
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


def _component_impacts(alerts, impacts, resolved_impact):
    firing = {}
    for _where, alert in alerts:
        reference = alert["labels"].get(COMPONENT_LABEL)
        if reference is None:
            continue
        impact = impacts[alert["labels"][SEVERITY_LABEL]] if alert["status"] == FIRING else None
        firing[reference] = worse(impact, firing.get(reference), (None,) + IMPACTS) if impact else firing.get(reference)
    return dict((reference, impact or resolved_impact) for reference, impact in sorted(firing.items()))


def _incidents(alerts):
    """One incident per title; firing while any of its alerts fires, each service at its worst firing alert's status."""
    by_title = {}
    for _where, alert in alerts:
        service = alert["labels"].get(SERVICE_LABEL)
        if service is None:
            continue
        incident = by_title.setdefault(title_of(alert), {"services": {}, "worst": None})
        status = service_status(alert) if alert["status"] == FIRING else "up"
        incident["services"][service] = worse(status, incident["services"].get(service), SERVICE_STATUS_ORDER)
        if alert["status"] == FIRING:
            candidate = (SERVICE_STATUS_ORDER.index(status), alert.get("fingerprint") or "",
                         alert.get("annotations", {}).get(BODY_ANNOTATION) or "")
            incident["worst"] = max(candidate, incident["worst"] or candidate)
    found = []
    for title, incident in sorted(by_title.items()):
        if incident["worst"] is None:
            found.append({"title": title, "state": "resolved"})
            continue
        item = {"title": title, "state": "present",
                "services": [{"service": service, "status": status}
                             for service, status in sorted(incident["services"].items())]}
        if incident["worst"][2]:
            item["body"] = incident["worst"][2]
        found.append(item)
    return found


def services_under_maintenance(maintenances, services, now):
    """The names and ids (as text) of the services of the maintenances in progress at now (start <= now < end)."""
    names = dict((service.get("id"), service.get("name")) for service in services or [])
    held = set()
    for window in maintenances or []:
        start, end = parse_time(window.get("start_time")), parse_time(window.get("end_time"))
        if start is None or start > now or (end is not None and end <= now):
            continue
        for status in window.get("service_statuses") or []:
            held.update([str(status.get("service_id")), names.get(status.get("service_id"))])
    return held - set([None])


def _hold(alerts, changes, held):
    """The alerts that may move incidents; each held one goes to changes.held with the incident it asked for (its
    component, if it names one, moves all the same: components were mapped from every alert)."""
    if not held:
        return alerts
    asked = dict((incident["title"], incident) for incident in _incidents(alerts))
    kept = []
    for where, alert in alerts:
        service = alert["labels"].get(SERVICE_LABEL)
        if service is not None and service.strip() in held:
            changes.held.append({"alert": describe(alert, where), "service": service,
                                 "incident": asked[title_of(alert)]})
        else:
            kept.append((where, alert))
    return kept


def notification_changes(payload, impacts=None, resolved_impact=DEFAULT_RESOLVED_IMPACT, options=None,
                         maintenances=None, services=None, now=None):
    """The changes one notification asks for, or the errors that forbid any (Changes.errors).

    impacts maps a firing alert's severity to its component's impact (the worst firing alert of a component wins);
    a component whose alerts are all resolved gets resolved_impact. An alert without the collection's labels is left
    alone; a notification with none of them changes nothing. maintenances (StatusHub's, as listed) and services (the
    hub's, for their names) hold the alerts of every service with a maintenance in progress at now (default: this
    moment).
    """
    options = dict(OPTIONS, **(options or {}))
    impacts = DEFAULT_IMPACTS if impacts is None else impacts
    changes = Changes()
    changes.errors = mapping_errors(impacts, resolved_impact, options)
    if changes.errors:
        return changes
    alerts = _relevant_alerts(payload, changes, impacts, options)
    if not changes.errors:
        changes.components = _component_impacts(alerts, impacts, resolved_impact)
        held = services_under_maintenance(maintenances, services, now or utcnow()) if maintenances else set()
        changes.incidents = _incidents(_hold(alerts, changes, held))
    return changes
