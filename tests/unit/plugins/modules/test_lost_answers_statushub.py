# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""StatusHub under lost answers: full identity on a lost create, a lost delete answered 404 is done, and a task that
wrote before failing says so."""

import pytest
import requests

from ansible_collections.statusops.status.plugins.modules import (
    statushub_incident,
    statushub_maintenance,
    statushub_service,
    statushub_services,
    statushub_subscription,
)
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    API, HUB, NOW_TEXT, PAGE, PATH, V, args, envelope, fix_clock, paged,
)
from ansible_collections.statusops.status.tests.unit.plugins.modules.test_statushub_maintenance import (
    LIST_CALL as MAINTENANCES_LIST,
    PLANNED,
)

LOST = requests.exceptions.ConnectionError("connection reset by peer")
SERVICES_LIST = ("GET", PATH + "/services?" + V + "&deleted=false&extend=flags&page=1&per_page=100")
SERVICES_POST = ("POST", PATH + "/services?" + V)
SUBSCRIPTIONS_LIST = ("GET", PATH + "/subscriptions?" + V + "&deleted=false&page=1&per_page=100")
HOOK = "https://hooks.example.test/T000/secret"
EDGE = {"id": 21, "name": "Edge", "description": ""}


def services(http, *items):
    paged(http, HUB + "/services", list(items), deleted="false", extend="flags")


def subscription(sub_id, method):
    return {"id": sub_id, "address": HOOK, "method_name": method, "services_selection": {"all": True, "services": []},
            "configuration": {}, "label": None, "less_verbose": False, "protected": False}


def test_a_lost_service_create_adopts_the_one_it_made_beside_a_look_alike(run_module, http):
    lookalike = {"id": 20, "name": "edge", "description": ""}
    services(http, API, lookalike)
    http.post(HUB + "/services", body=LOST)
    services(http, API, lookalike, EDGE)
    result = run_module(statushub_services, args(services=[{"name": "Edge"}], concurrency=1))
    assert result["changed"] is True and result["created"] == [EDGE]
    assert result["services"] == [API, lookalike, EDGE]
    assert calls(http) == [SERVICES_LIST, SERVICES_POST, SERVICES_LIST]


def test_a_lost_service_create_with_two_new_namesakes_fails_naming_both(run_module, http):
    services(http, API)
    http.post(HUB + "/services", body=LOST)
    services(http, API, EDGE, dict(EDGE, id=22))
    result = run_module(statushub_services, args(services=[{"name": "Edge"}], concurrency=1))
    assert result["failed"] is True and result["created"] == []
    assert "the outcome is unknown: 2 services now match what it was to create (ids 21 and 22)" in result["msg"]
    assert calls(http) == [SERVICES_LIST, SERVICES_POST, SERVICES_LIST]


def test_a_pruned_service_whose_delete_answer_was_lost_is_reported_deleted(run_module, http):
    services(http, API)
    http.delete(HUB + "/services/12", status=503, json={"error": "unavailable"})
    http.delete(HUB + "/services/12", status=404, json={"error": "not found"})
    result = run_module(statushub_services, args(services=[], prune=True, allow_empty=True, concurrency=1))
    assert result["changed"] is True and result["deleted"] == [API] and result["services"] == []
    assert calls(http) == [SERVICES_LIST, ("DELETE", PATH + "/services/12?" + V), ("DELETE", PATH + "/services/12?" + V)]


def test_a_service_delete_whose_answer_was_lost_is_done(run_module, http):
    http.get(HUB + "/services/12", json=API)
    http.delete(HUB + "/services/12", body=LOST)
    http.delete(HUB + "/services/12", status=404, json={"error": "not found"})
    result = run_module(statushub_service, args(id=12, state="absent"))
    assert result["changed"] is True and result["service"] == API
    assert [method for method, _path in calls(http)] == ["GET", "DELETE", "DELETE"]


def test_a_lost_subscription_create_is_known_by_method_and_address(run_module, http):
    # The look-up finds the address under another method: not the one this create was for, which is sent again.
    paged(http, HUB + "/subscriptions", [], deleted="false")
    http.post(HUB + "/subscriptions", body=LOST)
    paged(http, HUB + "/subscriptions", [subscription(5001, "slack")], deleted="false")
    http.post(HUB + "/subscriptions", status=201, json=subscription(5002, "webhook"))
    result = run_module(statushub_subscription, args(address=HOOK, method="webhook"))
    assert result["changed"] is True and result["subscription"]["id"] == 5002
    assert calls(http) == [SUBSCRIPTIONS_LIST, ("POST", PATH + "/subscriptions?" + V), SUBSCRIPTIONS_LIST,
                           ("POST", PATH + "/subscriptions?" + V)]
    assert bodies(http)[1] == bodies(http)[3]
    assert HOOK not in str(result)


@pytest.fixture
def clock(monkeypatch):
    fix_clock(monkeypatch, statushub_incident)


INCIDENTS_LIST = ("GET", PATH + "/incidents?%s&extend=flags&start_time=%s&%s" % (V, NOW_TEXT, PAGE))
INCIDENT_READ = ("GET", PATH + "/incidents/1001?%s&extend=flags" % V)
OPEN = {"id": 1001, "title": "Slow API", "start_time": "2025-02-01T11:00:00Z", "end_time": None,
        "last_incident_type": "investigating", "state": "published"}
FIRST = {"id": 2001, "title": "Slow API", "incident_type": "investigating", "state": "published",
         "service_statuses": [], "start_time": "2025-02-01T11:00:00Z"}
SECOND = dict(FIRST, id=2002, incident_type="identified", start_time="2025-02-01T12:00:00Z")
FORBIDDEN = {"status": 403, "json": {"error": "forbidden"}}


def test_an_incident_created_then_not_read_back_reports_changed_and_what_was_created(run_module, http, clock):
    http.get(HUB + "/incidents", json=envelope([]))
    http.post(HUB + "/incidents", json=OPEN)
    http.get(HUB + "/incidents/1001", **FORBIDDEN)
    result = run_module(statushub_incident, args(title="Slow API"))
    assert result["failed"] is True and result["changed"] is True
    assert result["incident"] == OPEN and result["status"] == 403
    assert "GET /hubs/acme/incidents/1001 returned HTTP 403: forbidden" in result["msg"]
    assert calls(http) == [INCIDENTS_LIST, ("POST", PATH + "/incidents?" + V), INCIDENT_READ]


def test_an_update_posted_then_not_read_back_reports_changed_and_the_posted_update(run_module, http, clock):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=dict(OPEN, incident_updates=[FIRST]))
    http.post(HUB + "/incidents/1001/incident_updates", json=SECOND)
    http.get(HUB + "/incidents/1001", **FORBIDDEN)
    result = run_module(statushub_incident, args(title="Slow API", incident_type="identified"))
    assert result["failed"] is True and result["changed"] is True
    assert result["posted_update"] == SECOND and "incident" not in result
    assert calls(http) == [INCIDENTS_LIST, INCIDENT_READ, ("POST", PATH + "/incidents/1001/incident_updates?" + V),
                           INCIDENT_READ]


def test_an_incident_task_that_fails_before_any_write_reports_no_change(run_module, http, clock):
    http.get(HUB + "/incidents", **FORBIDDEN)
    result = run_module(statushub_incident, args(title="Slow API"))
    assert result["failed"] is True and result.get("changed") is not True
    assert "incident" not in result and "posted_update" not in result


def test_a_cancelled_window_whose_delete_answer_was_lost_is_done(run_module, http, monkeypatch):
    fix_clock(monkeypatch, statushub_maintenance)
    http.get(HUB + "/maintenances", json=envelope([PLANNED]))
    http.delete(HUB + "/maintenances/3002", status=502, json={"error": "bad gateway"})
    http.delete(HUB + "/maintenances/3002", status=404, json={"error": "not found"})
    result = run_module(statushub_maintenance, args(title="Upgrade", state="completed"))
    assert result["changed"] is True and result["maintenance"]["id"] == 3002
    assert calls(http) == [MAINTENANCES_LIST, ("DELETE", PATH + "/maintenances/3002?" + V),
                           ("DELETE", PATH + "/maintenances/3002?" + V)]
