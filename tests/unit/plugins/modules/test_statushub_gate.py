# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.statusops.status.plugins.module_utils import gates
from ansible_collections.statusops.status.plugins.modules import statushub_gate
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    HUB,
    NOW_TEXT,
    PAGE,
    PATH,
    SERVICES_CALL,
    V,
    args,
    envelope,
    fix_clock,
    services,
)

INCIDENTS_CALL = ("GET", PATH + "/incidents?%s&extend=flags&start_time=%s&%s" % (V, NOW_TEXT, PAGE))
MAINTENANCES_CALL = ("GET", PATH + "/maintenances?%s&extend=flags&start_time=%s&end_time=%s&%s"
                     % (V, NOW_TEXT, NOW_TEXT, PAGE))
ALERT_CALL = ("GET", PATH + "/platform_alert?" + V)
LOOK = [INCIDENTS_CALL, ALERT_CALL]


def incident(incident_id, title, kind, *service_ids):
    """An incident as the list shows it, its latest update first (API 12, Dashboard 13)."""
    statuses = [{"service_id": service_id, "status": "down"} for service_id in service_ids]
    return {"id": incident_id, "title": title, "start_time": "2025-02-01T11:00:00Z",
            "end_time": "2025-02-01T11:30:00Z" if kind == "resolved" else None, "last_incident_type": kind,
            "incident_updates": [{"id": incident_id * 10 + 1, "title": title, "incident_type": kind,
                                  "start_time": "2025-02-01T11:30:00Z",
                                  "service_statuses": [] if kind == "resolved" else statuses},
                                 {"id": incident_id * 10, "title": title, "incident_type": "investigating",
                                  "start_time": "2025-02-01T11:00:00Z", "service_statuses": statuses}]}


SLOW_API = incident(1001, "Slow API", "identified", 12)
SLOW_DASHBOARD = incident(1002, "Slow dashboard", "monitoring", 13)
FIXED_API = incident(1001, "Slow API", "resolved", 12)
NO_SERVICE = incident(1003, "Emails delayed", "investigating")
ALERT = {"title": "Cloud provider outage", "body": "One region is down."}
WINDOW = {"id": 3001, "title": "Database upgrade", "start_time": "2025-02-01T11:50:00Z",
          "end_time": "2025-02-01T12:30:00Z", "service_statuses": [{"service_id": 12, "status": "down"}]}
LATER = dict(WINDOW, id=3002, title="Later", start_time="2025-02-01T13:00:00Z", end_time="2025-02-01T14:00:00Z")


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    fix_clock(monkeypatch, gates)


def incidents(http, *items):
    http.get(HUB + "/incidents", json=envelope(items))


def no_alert(http):
    http.get(HUB + "/platform_alert", status=404, json={"error": "Not found"})


def test_nothing_open_on_the_services_passes_after_one_look(run_module, http, gate_time):
    services(http)
    incidents(http, SLOW_DASHBOARD, FIXED_API)
    no_alert(http)
    result = run_module(statushub_gate, args(services=["API"], wait=600))
    assert result["changed"] is False and not result.get("failed")
    assert result["services"] == [{"id": 12, "name": "API"}]
    assert result["blocking"] == []
    assert calls(http) == [SERVICES_CALL] + LOOK
    assert gate_time.sleeps == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_open_incident_and_the_alert_fail_at_once_with_no_wait(run_module, http, gate_time, check_mode):
    services(http)
    incidents(http, SLOW_API, SLOW_DASHBOARD)
    http.get(HUB + "/platform_alert", json=ALERT)
    result = run_module(statushub_gate, args(services=["API", "13"]), check_mode=check_mode)
    assert result["failed"] is True and result["changed"] is False
    assert result["msg"] == ("services not healthy: incident 'Slow API' (identified, API); incident 'Slow dashboard' "
                             "(monitoring, Dashboard); the platform alert 'Cloud provider outage'")
    assert result["blocking"] == [
        {"kind": "incident", "id": 1001, "title": "Slow API", "incident_type": "identified", "services": ["API"]},
        {"kind": "incident", "id": 1002, "title": "Slow dashboard", "incident_type": "monitoring",
         "services": ["Dashboard"]},
        {"kind": "platform_alert", "title": "Cloud provider outage", "body": "One region is down."},
    ]
    assert result["services"] == [{"id": 12, "name": "API"}, {"id": 13, "name": "Dashboard"}]
    assert calls(http) == [SERVICES_CALL] + LOOK
    assert gate_time.sleeps == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_incident_resolved_during_the_wait_passes_at_that_look(run_module, http, gate_time, check_mode):
    services(http)
    incidents(http, SLOW_API)
    incidents(http, SLOW_API)
    incidents(http, FIXED_API)
    no_alert(http)
    result = run_module(statushub_gate, args(services=["API"], wait=300, interval=20), check_mode=check_mode)
    assert not result.get("failed") and result["blocking"] == []
    # The services are read once; every look is one list of the incidents and the alert.
    assert calls(http) == [SERVICES_CALL] + LOOK * 3
    assert gate_time.sleeps == [20, 20]


def test_one_not_resolved_fails_when_the_wait_is_spent(run_module, http, gate_time):
    services(http)
    incidents(http, SLOW_API)
    no_alert(http)
    result = run_module(statushub_gate, args(services=["API"], wait=30, interval=20))
    assert result["failed"] is True
    assert result["msg"] == "services not healthy after waiting 30 s: incident 'Slow API' (identified, API)"
    assert calls(http) == [SERVICES_CALL] + LOOK * 3
    assert gate_time.sleeps == [20, 10]


def test_the_whole_hub_blocks_on_every_open_incident_also_one_naming_no_service(run_module, http, gate_time):
    services(http)
    incidents(http, NO_SERVICE, FIXED_API)
    no_alert(http)
    result = run_module(statushub_gate, args())
    assert result["failed"] is True
    assert result["services"] == [{"id": 12, "name": "API"}, {"id": 13, "name": "Dashboard"}]
    assert result["blocking"] == [{"kind": "incident", "id": 1003, "title": "Emails delayed",
                                   "incident_type": "investigating", "services": []}]


def test_named_services_ignore_an_incident_naming_no_service(run_module, http, gate_time):
    services(http)
    incidents(http, NO_SERVICE)
    no_alert(http)
    assert not run_module(statushub_gate, args(services=["Dashboard"])).get("failed")


def test_a_maintenance_in_progress_blocks_only_when_asked(run_module, http, gate_time):
    services(http)
    incidents(http)
    no_alert(http)
    assert not run_module(statushub_gate, args(services=["API"])).get("failed")
    assert calls(http) == [SERVICES_CALL] + LOOK

    http.calls.reset()
    http.get(HUB + "/maintenances", json=envelope([WINDOW, LATER]))
    result = run_module(statushub_gate, args(services=["API"], block_on_maintenance=True))
    assert result["failed"] is True
    assert result["msg"] == ("services not healthy: maintenance 'Database upgrade' in progress until "
                             "2025-02-01T12:30:00Z (API)")
    assert result["blocking"] == [{"kind": "maintenance", "id": 3001, "title": "Database upgrade",
                                   "start_time": "2025-02-01T11:50:00Z", "end_time": "2025-02-01T12:30:00Z",
                                   "services": ["API"]}]
    assert calls(http) == [SERVICES_CALL, INCIDENTS_CALL, MAINTENANCES_CALL, ALERT_CALL]


def test_unknown_services_fail_at_the_first_look_naming_each(run_module, http, gate_time):
    services(http)
    result = run_module(statushub_gate, args(services=["API", "Billing", "99"], wait=600))
    assert result["failed"] is True
    assert "service 'Billing': the hub has no service with that name or id" in result["msg"]
    assert "service '99': the hub has no service with that name or id" in result["msg"]
    assert calls(http) == [SERVICES_CALL]
    assert gate_time.sleeps == []


@pytest.mark.parametrize("options, message", [
    (dict(wait=-5), "wait must be an integer from 0 to 86400, got -5"),
    (dict(wait=100000), "wait must be an integer from 0 to 86400, got 100000"),
    (dict(interval=0), "interval must be an integer from 1 to 3600, got 0"),
    (dict(interval=3601), "interval must be an integer from 1 to 3600, got 3601"),
    (dict(wait=False), "wait must be an integer, got False"),
])
def test_bad_wait_or_interval_fail_before_any_request(run_module, http, gate_time, options, message):
    result = run_module(statushub_gate, args(**options))
    assert result["failed"] is True and message in result["msg"]
    assert len(http.calls) == 0
