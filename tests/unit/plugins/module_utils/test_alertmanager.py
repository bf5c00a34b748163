# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The mapping of Alertmanager notifications (webhook format, version 4) to status changes."""

import copy
import datetime

import pytest

from ansible_collections.statusops.status.plugins.filter.alert_status_changes import alert_status_changes
from ansible_collections.statusops.status.plugins.module_utils.alertmanager import notification_changes

UUID = "3f6c2a1e-8b7d-4e0f-9a21-5c4d3b2a1f00"


def alert(status="firing", severity="critical", summary=None, description=None, fingerprint="f1", **labels):
    annotations = {}
    if summary is not None:
        annotations["summary"] = summary
    if description is not None:
        annotations["description"] = description
    labels = dict(labels)
    if severity is not None:
        labels["severity"] = severity
    return {"status": status, "labels": labels, "annotations": annotations, "startsAt": "2025-02-01T12:00:00.123Z",
            "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus:9090/graph", "fingerprint": fingerprint}


def notification(*alerts):
    firing = any(isinstance(item, dict) and item["status"] == "firing" for item in alerts)
    return {"version": "4", "groupKey": "{}:{statusmate_component=\"Website/CDN\"}", "truncatedAlerts": 0,
            "status": "firing" if firing else "resolved", "receiver": "status-page",
            "groupLabels": {"statusmate_component": "Website/CDN"}, "commonLabels": {}, "commonAnnotations": {},
            "externalURL": "http://alertmanager:9093", "alerts": list(alerts)}


def changes(payload, **options):
    return notification_changes(payload, **options).as_dict()


FIRING = notification(alert(alertname="CDNDown", statusmate_component="Website/CDN", summary="CDN unreachable"))


def test_a_firing_alert_sets_its_components_impact_from_its_severity():
    assert changes(FIRING) == {"errors": [], "components": {"Website/CDN": "major_outage"}, "incidents": [], "held": []}


def test_a_repeat_of_the_same_notification_asks_for_the_same_changes():
    assert changes(copy.deepcopy(FIRING)) == changes(FIRING)


def test_a_resolved_alert_sets_the_component_back_to_operational_or_the_configured_impact():
    resolved = notification(alert(status="resolved", alertname="CDNDown", statusmate_component="Website/CDN"))
    assert changes(resolved)["components"] == {"Website/CDN": "operational"}
    assert changes(resolved, resolved_impact="degraded_performance")["components"] == {"Website/CDN": "degraded_performance"}


def test_the_worst_firing_alert_of_a_component_wins_whatever_the_order():
    alerts = [alert(severity="warning", alertname="Slow", statusmate_component="API", fingerprint="a"),
              alert(severity="critical", alertname="Down", statusmate_component="API", fingerprint="b"),
              alert(severity="info", alertname="Odd", statusmate_component="API", fingerprint="c")]
    assert changes(notification(*alerts))["components"] == {"API": "major_outage"}
    assert changes(notification(*reversed(alerts)))["components"] == {"API": "major_outage"}


def test_a_resolved_alert_does_not_lower_a_component_another_alert_holds():
    payload = notification(alert(status="resolved", alertname="Down", statusmate_component="API", fingerprint="a"),
                           alert(severity="warning", alertname="Slow", statusmate_component="API", fingerprint="b"))
    assert changes(payload)["components"] == {"API": "partial_outage"}


def test_the_mapping_can_be_overridden():
    payload = notification(alert(severity="page", statusmate_component="API"))
    assert changes(payload, impacts={"page": "degraded_performance"})["components"] == {"API": "degraded_performance"}


def test_a_component_named_by_uuid_is_handed_on_as_the_uuid():
    payload = notification(alert(severity="info", statusmate_component=UUID))
    assert changes(payload)["components"] == {UUID: "degraded_performance"}


def test_mixed_statusmate_and_statushub_labels():
    payload = notification(
        alert(alertname="CDNDown", summary="CDN unreachable", description="Edge nodes <b>fail</b>",
              statusmate_component="Website/CDN", statushub_service="Website", fingerprint="a"),
        alert(severity="warning", alertname="APISlow", statushub_service="API", fingerprint="b"),
        alert(severity="warning", alertname="DBSlow", statusmate_component="Database", fingerprint="c"),
        alert(alertname="Unrelated", team="search", fingerprint="d"))
    assert changes(payload) == {
        "errors": [],
        "components": {"Database": "partial_outage", "Website/CDN": "major_outage"},
        "incidents": [
            {"title": "APISlow", "state": "present", "services": [{"service": "API", "status": "degraded-performance"}]},
            {"title": "CDN unreachable", "state": "present", "services": [{"service": "Website", "status": "down"}],
             "body": "Edge nodes <b>fail</b>"},
        ],
        "held": [],
    }


def test_an_incident_is_resolved_when_all_of_its_alerts_are():
    payload = notification(alert(status="resolved", summary="CDN unreachable", statushub_service="Website", fingerprint="a"),
                           alert(status="resolved", summary="CDN unreachable", statushub_service="CDN", fingerprint="b"))
    assert changes(payload)["incidents"] == [{"title": "CDN unreachable", "state": "resolved"}]


def test_an_incident_stays_open_with_a_resolved_alerts_service_back_up():
    payload = notification(alert(status="resolved", summary="Edge", statushub_service="CDN", fingerprint="a"),
                           alert(severity="warning", summary="Edge", statushub_service="Website", fingerprint="b"),
                           alert(severity="critical", summary="Edge", statushub_service="Website", fingerprint="c"))
    assert changes(payload)["incidents"] == [{"title": "Edge", "state": "present", "services": [
        {"service": "CDN", "status": "up"}, {"service": "Website", "status": "down"}]}]


def test_the_body_is_the_description_of_the_worst_firing_alert():
    payload = notification(alert(severity="warning", summary="Edge", description="slow", statushub_service="A", fingerprint="a"),
                           alert(severity="critical", summary="Edge", description="down", statushub_service="B", fingerprint="b"),
                           alert(status="resolved", summary="Edge", description="old", statushub_service="C", fingerprint="c"))
    assert changes(payload)["incidents"][0]["body"] == "down"


def test_labels_the_collection_does_not_use_are_a_no_op():
    payload = notification(alert(alertname="DiskFull", instance="db1"), alert(status="resolved", severity="nonsense"))
    assert changes(payload) == {"errors": [], "components": {}, "incidents": [], "held": []}


def test_a_payload_that_is_not_a_notification_is_refused():
    for payload in ({"status": "firing"}, {"alerts": {"0": {}}}, ["alerts"], None):
        result = changes(payload)
        assert result["errors"] == ["alert_status_payload is not an Alertmanager notification: it has no alerts list, "
                                    "got %r" % (payload,)]
        assert result["components"] == {} and result["incidents"] == []


def test_a_severity_the_mapping_does_not_know_is_named_with_the_mappings_keys():
    payload = notification(alert(severity="page", alertname="CDNDown", statusmate_component="Website/CDN"),
                           alert(severity=None, alertname="NoSeverity", statusmate_component="API", fingerprint="b"))
    result = changes(payload)
    assert result["errors"] == [
        "alert_status_payload.alerts[0] (CDNDown): severity 'page' is not in alert_status_impacts (critical, info, warning)",
        "alert_status_payload.alerts[1] (NoSeverity): severity None is not in alert_status_impacts (critical, info, warning)",
    ]
    assert result["components"] == {} and result["incidents"] == []


def test_a_resolved_alert_needs_no_known_severity():
    payload = notification(alert(status="resolved", severity="page", statusmate_component="API"))
    assert changes(payload) == {"errors": [], "components": {"API": "operational"}, "incidents": [], "held": []}


def test_malformed_alerts_and_references_are_named():
    payload = notification(alert(status="pending", statusmate_component="API"), "not an alert",
                           alert(statusmate_component="Website//CDN"), alert(alertname="Blank", statushub_service=" "),
                           alert(severity="warning", statushub_service="API"),
                           alert(summary="CDN &amp; more", statushub_service="API"))
    payload["alerts"].append({"status": "firing", "labels": {"statusmate_component": 3}})
    assert changes(payload)["errors"] == [
        "alert_status_payload.alerts[0].status must be firing or resolved, got 'pending'",
        "alert_status_payload.alerts[1] is not an alert (an object with status and labels), got 'not an alert'",
        "alert_status_payload.alerts[2].labels.statusmate_component is neither a component path like Website/CDN nor "
        "a uuid: 'Website//CDN'",
        "alert_status_payload.alerts[3].labels.statushub_service must name a service (its name or id), got ' '",
        "alert_status_payload.alerts[4]: an incident needs a title, from the summary annotation or the alertname "
        "label; it has neither",
        "alert_status_payload.alerts[5]: the incident's title must be plain text, without HTML tags or entities, got "
        "'CDN &amp; more'",
        "alert_status_payload.alerts[6].labels must be an object of strings, got {'statusmate_component': 3}",
    ]


def test_a_bad_mapping_is_refused_before_the_payload_is_read():
    result = changes(FIRING, impacts={"critical": "down"}, resolved_impact="fine")
    assert result["errors"] == [
        "alert_status_impacts maps 'critical' to 'down': severities are strings and impacts one of operational, "
        "under_maintenance, degraded_performance, partial_outage, major_outage",
        "alert_status_resolved_impact must be one of operational, under_maintenance, degraded_performance, "
        "partial_outage, major_outage, got 'fine'",
    ]
    assert changes(FIRING, impacts={})["errors"] == [
        "alert_status_impacts must map severities to impacts (like {critical: major_outage}), got {}"]


def test_the_filter_returns_the_changes_as_plain_data():
    assert alert_status_changes(FIRING) == changes(FIRING)
    assert alert_status_changes(FIRING, {"critical": "partial_outage"}, "operational")["components"] == {
        "Website/CDN": "partial_outage"}


NOW = datetime.datetime(2025, 2, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
SERVICES = [{"id": 12, "name": "API", "description": ""}, {"id": 13, "name": "Dashboard", "description": ""}]
IN_PROGRESS = {"id": 7, "title": "Deploy 2.4.1", "start_time": "2025-02-01T11:50:00Z", "end_time": "2025-02-01T12:20:00Z",
               "service_statuses": [{"service_id": 12, "status": "degraded-performance"}]}
API_DOWN = alert(alertname="APIDown", statushub_service="API", statusmate_component="API", summary="API down",
                 fingerprint="a")
DASHBOARD_SLOW = alert(alertname="DashSlow", severity="warning", statushub_service="13", summary="Dashboard slow",
                       fingerprint="b")


def test_a_service_in_a_maintenance_in_progress_is_held_with_the_incident_it_asked_for():
    result = changes(notification(API_DOWN, DASHBOARD_SLOW), maintenances=[IN_PROGRESS], services=SERVICES, now=NOW)
    assert result["held"] == [{"alert": "alert_status_payload.alerts[0] (APIDown)", "service": "API",
                               "incident": {"title": "API down", "state": "present",
                                            "services": [{"service": "API", "status": "down"}]}}]
    assert result["incidents"] == [{"title": "Dashboard slow", "state": "present",
                                    "services": [{"service": "13", "status": "degraded-performance"}]}]
    # The Statusmate component of a held alert is not held: the window's silence is its hold.
    assert result["components"] == {"API": "major_outage"}


def test_a_service_is_held_by_its_id_too_and_a_resolve_is_held_as_well():
    window = dict(IN_PROGRESS, service_statuses=[{"service_id": 13, "status": "down"}])
    resolved = dict(DASHBOARD_SLOW, status="resolved")
    result = changes(notification(resolved), maintenances=[window], services=SERVICES, now=NOW)
    assert result["incidents"] == []
    assert result["held"][0]["incident"] == {"title": "Dashboard slow", "state": "resolved"}


@pytest.mark.parametrize("window", [
    dict(IN_PROGRESS, end_time="2025-02-01T12:00:00Z"),  # ended this very second
    dict(IN_PROGRESS, start_time="2025-02-01T12:00:01Z"),  # not started yet
])
def test_the_hold_is_the_maintenance_own_start_and_end(window):
    result = changes(notification(API_DOWN), maintenances=[window], services=SERVICES, now=NOW)
    assert result["held"] == [] and [incident["title"] for incident in result["incidents"]] == ["API down"]


def test_the_filter_holds_with_the_maintenances_it_is_given():
    result = alert_status_changes(notification(API_DOWN), maintenances=[dict(IN_PROGRESS, end_time=None)],
                                  services=SERVICES)
    assert result["incidents"] == [] and len(result["held"]) == 1
