# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.statusops.status.plugins.modules import statushub_incident
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    HUB, NOW_TEXT, PAGE, PATH, SERVICES_CALL, V, args, assert_refused, envelope, fix_clock, services,
)

LIST_CALL = ("GET", PATH + "/incidents?%s&extend=flags&start_time=%s&%s" % (V, NOW_TEXT, PAGE))
READ_CALL = ("GET", PATH + "/incidents/1001?%s&extend=flags" % V)
POST_UPDATE = ("POST", PATH + "/incidents/1001/incident_updates?" + V)
FIRST = {"id": 2001, "title": "Slow API", "body": "Looking into it", "incident_type": "investigating", "state": "published",
         "silent": False, "start_time": "2025-02-01T11:00:00Z", "created_at": "2025-02-01T11:00:00Z",
         "service_statuses": [{"service_id": 12, "status": "down"}]}
SECOND = dict(FIRST, id=2002, body="Found it", incident_type="identified", start_time="2025-02-01T11:30:00Z",
              created_at="2025-02-01T11:30:00Z")
OPEN = {"id": 1001, "title": "Slow API", "start_time": "2025-02-01T11:00:00Z", "end_time": None,
        "last_incident_type": "investigating", "flags": {"deleted": False}}
OPENED = dict(OPEN, incident_updates=[FIRST])
IDENTIFIED = dict(OPEN, last_incident_type="identified", incident_updates=[FIRST, SECOND])  # oldest first on purpose
RESOLVED_UPDATE = {"id": 2003, "title": "Slow API", "body": "Fixed", "incident_type": "resolved", "state": "published",
                   "start_time": "2025-02-01T12:00:00Z", "created_at": "2025-02-01T12:00:00Z", "service_statuses": []}
RESOLVED = dict(IDENTIFIED, end_time="2025-02-01T12:00:00Z", last_incident_type="resolved",
                incident_updates=[RESOLVED_UPDATE, SECOND, FIRST])
OPEN_ARGS = dict(title="Slow API", body="Looking into it", services=[{"service": "API", "status": "down"}])


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    fix_clock(monkeypatch, statushub_incident)


def test_open_sends_one_create_with_its_first_update(run_module, http):
    http.get(HUB + "/incidents", json=envelope([]))
    services(http)
    http.post(HUB + "/incidents", json=OPENED)
    result = run_module(statushub_incident, args(silent=True, **OPEN_ARGS))
    assert result["changed"] is True
    assert result["incident"]["id"] == 1001
    assert "posted_update" not in result
    assert calls(http) == [LIST_CALL, SERVICES_CALL, ("POST", PATH + "/incidents?" + V)]
    assert bodies(http)[2] == {"title": "Slow API", "body": "Looking into it", "incident_type": "investigating",
                               "service_statuses": [{"service_id": 12, "status": "down"}],
                               "start_time": "2025-02-01T12:00:00Z", "silent": True}


def test_open_in_check_mode_only_reads(run_module, http):
    http.get(HUB + "/incidents", json=envelope([]))
    services(http)
    result = run_module(statushub_incident, args(**OPEN_ARGS), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["incident"]["incident_updates"][0]["incident_type"] == "investigating"
    assert calls(http) == [LIST_CALL, SERVICES_CALL]


def test_open_again_compares_the_latest_update_and_sends_nothing(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=OPENED)
    services(http)
    result = run_module(statushub_incident, args(**OPEN_ARGS))
    assert result["changed"] is False
    assert calls(http) == [LIST_CALL, READ_CALL, SERVICES_CALL]


def test_a_difference_posts_one_update_carrying_what_is_not_set(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=OPENED)
    http.post(HUB + "/incidents/1001/incident_updates", json=SECOND)
    http.get(HUB + "/incidents/1001", json=IDENTIFIED)
    result = run_module(statushub_incident, args(title="Slow API", incident_type="identified", body="Found it"), diff=True)
    assert result["changed"] is True
    assert result["posted_update"]["id"] == 2002
    assert [update["id"] for update in result["incident"]["incident_updates"]] == [2002, 2001]
    assert result["diff"] == {"before": {"body": "Looking into it", "incident_type": "investigating"},
                              "after": {"body": "Found it", "incident_type": "identified"}}
    assert calls(http) == [LIST_CALL, READ_CALL, POST_UPDATE, READ_CALL]
    assert bodies(http)[2] == {"title": "Slow API", "incident_type": "identified", "body": "Found it", "state": "published",
                               "service_statuses": [{"service_id": 12, "status": "down"}], "start_time": "2025-02-01T12:00:00Z"}


def test_open_without_services_sends_an_empty_list_of_service_statuses(run_module, http):
    http.get(HUB + "/incidents", json=envelope([]))
    http.post(HUB + "/incidents", json=dict(OPENED, incident_updates=[dict(FIRST, service_statuses=[])]))
    result = run_module(statushub_incident, args(title="Slow API"))
    assert result["changed"] is True
    assert calls(http) == [LIST_CALL, ("POST", PATH + "/incidents?" + V)]
    assert bodies(http)[1] == {"title": "Slow API", "incident_type": "investigating", "service_statuses": [],
                               "start_time": "2025-02-01T12:00:00Z"}


def test_an_update_of_an_incident_without_services_carries_an_empty_list(run_module, http):
    bare = dict(OPEN, incident_updates=[dict(FIRST, service_statuses=[])])
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=bare)
    http.post(HUB + "/incidents/1001/incident_updates", json=dict(SECOND, service_statuses=[]))
    http.get(HUB + "/incidents/1001", json=bare)
    run_module(statushub_incident, args(title="Slow API", body="Found it"))
    assert bodies(http)[2] == {"title": "Slow API", "incident_type": "investigating", "body": "Found it", "state": "published",
                               "service_statuses": [], "start_time": "2025-02-01T12:00:00Z"}


def test_a_carried_status_is_sent_without_the_fields_a_read_adds(run_module, http):
    named = dict(OPEN, incident_updates=[dict(FIRST, service_statuses=[{"service_id": 12, "status": "down", "name": "API"}])])
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=named)
    http.post(HUB + "/incidents/1001/incident_updates", json=SECOND)
    http.get(HUB + "/incidents/1001", json=IDENTIFIED)
    run_module(statushub_incident, args(title="Slow API", incident_type="identified"))
    assert bodies(http)[2]["service_statuses"] == [{"service_id": 12, "status": "down"}]


def test_an_update_never_starts_before_the_incident_or_its_latest_update(run_module, http):
    """The server's clock may be ahead of the controller's: the update's start_time is then the latest known one."""
    ahead = dict(OPEN, start_time="2025-02-01T12:00:30Z")
    http.get(HUB + "/incidents", json=envelope([ahead]))
    http.get(HUB + "/incidents/1001", json=dict(ahead, incident_updates=[dict(FIRST, start_time="2025-02-01T12:00:40Z")]))
    http.post(HUB + "/incidents/1001/incident_updates", json=SECOND)
    http.get(HUB + "/incidents/1001", json=IDENTIFIED)
    run_module(statushub_incident, args(title="Slow API", incident_type="identified"))
    assert bodies(http)[2]["start_time"] == "2025-02-01T12:00:40Z"
    http.get(HUB + "/incidents", json=envelope([ahead]))
    http.get(HUB + "/incidents/1001", json=dict(ahead, incident_updates=[FIRST]))
    http.post(HUB + "/incidents/1001/incident_updates", json=SECOND)
    http.get(HUB + "/incidents/1001", json=IDENTIFIED)
    run_module(statushub_incident, args(title="Slow API", incident_type="identified"))
    assert bodies(http)[6]["start_time"] == "2025-02-01T12:00:30Z"


def test_a_difference_in_check_mode_only_reads(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=OPENED)
    result = run_module(statushub_incident, args(title="Slow API", incident_type="identified"), check_mode=True)
    assert result["changed"] is True
    assert result["posted_update"]["incident_type"] == "identified"
    assert result["incident"]["incident_updates"][0]["incident_type"] == "identified"
    assert calls(http) == [LIST_CALL, READ_CALL]


def test_the_latest_update_is_the_one_that_starts_last(run_module, http):
    """Updates are ordered by start_time, not by when they were written."""
    backdated = dict(SECOND, start_time="2025-02-01T10:00:00Z")
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=dict(OPEN, incident_updates=[backdated, FIRST]))
    result = run_module(statushub_incident, args(title="Slow API", incident_type="investigating", body="Looking into it"))
    assert result["changed"] is False
    assert [update["id"] for update in result["incident"]["incident_updates"]] == [2001, 2002]


def test_the_latest_update_is_the_newest_whatever_the_order_listed(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=IDENTIFIED)
    result = run_module(statushub_incident, args(title="Slow API", incident_type="identified", body="Found it"))
    assert result["changed"] is False
    assert [update["id"] for update in result["incident"]["incident_updates"]] == [2002, 2001]


def test_two_open_incidents_with_one_title_fail_naming_both(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN, dict(OPEN, id=1002)]))
    result = run_module(statushub_incident, args(**OPEN_ARGS))
    assert result["failed"] is True
    assert "1001 and 1002" in result["msg"]
    assert calls(http) == [LIST_CALL]


def test_resolved_incidents_and_deleted_ones_are_not_open(run_module, http):
    http.get(HUB + "/incidents", json=envelope([dict(OPEN, id=990, end_time="2025-02-01T11:59:00Z"),
                                                dict(OPEN, id=991, flags={"deleted": True})]))
    services(http)
    http.post(HUB + "/incidents", json=OPENED)
    result = run_module(statushub_incident, args(**OPEN_ARGS))
    assert result["changed"] is True


def test_resolve_posts_a_resolved_update_without_service_statuses(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=IDENTIFIED)
    http.post(HUB + "/incidents/1001/incident_updates", json=RESOLVED_UPDATE)
    http.get(HUB + "/incidents/1001", json=RESOLVED)
    result = run_module(statushub_incident, args(title="Slow API", body="Fixed", state="resolved",
                                                 services=[{"service": "API", "status": "up"}]))
    assert result["changed"] is True
    assert result["incident"]["end_time"] == "2025-02-01T12:00:00Z"
    assert result["posted_update"]["incident_type"] == "resolved"
    assert calls(http) == [LIST_CALL, READ_CALL, POST_UPDATE, READ_CALL]
    assert bodies(http)[2] == {"incident_type": "resolved", "title": "Slow API", "body": "Fixed", "start_time": "2025-02-01T12:00:00Z"}
    assert result["warnings"]


def test_resolve_in_check_mode_only_reads(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=IDENTIFIED)
    result = run_module(statushub_incident, args(title="Slow API", state="resolved"), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["incident"]["end_time"] == "2025-02-01T12:00:00Z"
    assert result["diff"]["after"]["incident_type"] == "resolved"
    assert calls(http) == [LIST_CALL, READ_CALL]


def test_resolve_with_none_open_changes_nothing(run_module, http):
    http.get(HUB + "/incidents", json=envelope([dict(OPEN, end_time="2025-02-01T11:59:00Z")]))
    result = run_module(statushub_incident, args(title="Slow API", state="resolved"))
    assert result["changed"] is False and result["incident"] == {}
    assert calls(http) == [LIST_CALL]


def test_resolve_by_id_of_a_resolved_incident_changes_nothing(run_module, http):
    http.get(HUB + "/incidents/1001", json=RESOLVED)
    result = run_module(statushub_incident, args(id=1001, state="resolved"))
    assert result["changed"] is False and result["incident"]["id"] == 1001
    assert calls(http) == [READ_CALL]


def test_present_on_a_resolved_incident_that_differs_fails_without_writing(run_module, http):
    http.get(HUB + "/incidents/1001", json=RESOLVED)
    result = run_module(statushub_incident, args(id=1001, body="Still here?"))
    assert result["failed"] is True
    assert "incident 1001 is resolved" in result["msg"]


def test_absent_deletes_then_again(run_module, http):
    http.get(HUB + "/incidents/1001", json=OPENED)
    http.delete(HUB + "/incidents/1001", status=204)
    result = run_module(statushub_incident, args(id=1001, state="absent"))
    assert result["changed"] is True and result["incident"]["id"] == 1001
    assert calls(http) == [READ_CALL, ("DELETE", PATH + "/incidents/1001?" + V)]


def test_absent_of_a_deleted_incident_changes_nothing(run_module, http):
    http.get(HUB + "/incidents/1001", json=dict(OPENED, flags={"deleted": True}))
    result = run_module(statushub_incident, args(id=1001, state="absent"))
    assert result["changed"] is False and result["incident"] == {}


def test_an_incident_cannot_start_resolved(run_module, http):
    result = run_module(statushub_incident, args(title="Slow API", incident_type="resolved"))
    assert result["failed"] is True
    assert "incident_type" in result["msg"] and "resolved" in result["msg"]
    assert len(http.calls) == 0


def test_bad_values_fail_before_any_request(run_module, http):
    result = run_module(statushub_incident, args(title="Slow API", start_time="2999-01-01T00:00:00Z"))
    assert "start_time must not be in the future" in result["msg"]
    result = run_module(statushub_incident, args(title="Slow API", start_time="yesterday"))
    assert "start_time must be ISO-8601 with a zone (like 2025-02-01T00:00:00Z) or 'now', got 'yesterday'" in result["msg"]
    result = run_module(statushub_incident, args(title="Slow API", publication="public"))
    assert "publication" in result["msg"] and "public" in result["msg"]
    result = run_module(statushub_incident, args(title="Slow API", services=[{"service": "API", "status": "sideways"}]))
    assert "sideways" in result["msg"]
    assert len(http.calls) == 0


@pytest.mark.parametrize("options, message", [
    (dict(title="<b>Slow</b> API"), "title must be plain text, without HTML tags or entities, got '<b>Slow</b> API'"),
    (dict(title="Slow&nbsp;API"), "title must be plain text, without HTML tags or entities, got 'Slow&nbsp;API'"),
    (dict(title="Slow API", start_time="2025-02-01T11:00:00"),
     "start_time must say its zone: Z for UTC or an offset such as +02:00 (StatusHub times are UTC), got '2025-02-01T11:00:00'"),
    (dict(id=True, state="absent"), "id must be an integer, got True"),
    (dict(title="Slow API", start_time="2025-02-01T13:30:00+02:00"), None),
])
def test_refused_before_any_request(run_module, http, options, message):
    if message is None:  # the valid twin: 11:30 UTC is in the past, so the module goes on and finds the incident
        http.get(HUB + "/incidents", json=envelope([OPEN]))
        http.get(HUB + "/incidents/1001", json=OPENED)
        assert "failed" not in run_module(statushub_incident, args(**options))
        return
    assert_refused(run_module, http, statushub_incident, options, message)


def test_a_start_time_with_an_offset_opens_the_incident_at_that_instant_in_utc(run_module, http):
    http.get(HUB + "/incidents", json=envelope([]))
    http.post(HUB + "/incidents", json=OPENED)
    run_module(statushub_incident, args(title="Slow API", start_time="2025-02-01T13:30:00+02:00"))
    assert bodies(http)[1]["start_time"] == "2025-02-01T11:30:00Z"


def test_a_lost_create_answer_is_looked_up_before_sending_again(run_module, http):
    http.get(HUB + "/incidents", json=envelope([]))
    services(http)
    http.post(HUB + "/incidents", status=502, json={"error": "Bad gateway"})
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=OPENED)
    result = run_module(statushub_incident, args(**OPEN_ARGS))
    assert result["changed"] is True
    assert result["incident"]["id"] == 1001
    assert calls(http) == [LIST_CALL, SERVICES_CALL, ("POST", PATH + "/incidents?" + V), LIST_CALL, READ_CALL]


# Lost answers: full identity on a lost create, a lost delete answered 404 is done, a task that wrote before failing says so.
FORBIDDEN = {"status": 403, "json": {"error": "forbidden"}}


def test_an_incident_created_then_not_read_back_reports_changed_and_what_was_created(run_module, http, clock):
    http.get(HUB + "/incidents", json=envelope([]))
    http.post(HUB + "/incidents", json=OPEN)
    http.get(HUB + "/incidents/1001", **FORBIDDEN)
    result = run_module(statushub_incident, args(title="Slow API"))
    assert result["failed"] is True and result["changed"] is True
    assert result["incident"] == OPEN and result["status"] == 403
    assert "GET /hubs/acme/incidents/1001 returned HTTP 403: forbidden" in result["msg"]
    assert calls(http) == [LIST_CALL, ("POST", PATH + "/incidents?" + V), READ_CALL]


def test_an_update_posted_then_not_read_back_reports_changed_and_the_posted_update(run_module, http, clock):
    http.get(HUB + "/incidents", json=envelope([OPEN]))
    http.get(HUB + "/incidents/1001", json=dict(OPEN, incident_updates=[FIRST]))
    http.post(HUB + "/incidents/1001/incident_updates", json=SECOND)
    http.get(HUB + "/incidents/1001", **FORBIDDEN)
    result = run_module(statushub_incident, args(title="Slow API", incident_type="identified"))
    assert result["failed"] is True and result["changed"] is True
    assert result["posted_update"] == SECOND and "incident" not in result
    assert calls(http) == [LIST_CALL, READ_CALL, ("POST", PATH + "/incidents/1001/incident_updates?" + V),
                           READ_CALL]


def test_an_incident_task_that_fails_before_any_write_reports_no_change(run_module, http, clock):
    http.get(HUB + "/incidents", **FORBIDDEN)
    result = run_module(statushub_incident, args(title="Slow API"))
    assert result["failed"] is True and result.get("changed") is not True
    assert "incident" not in result and "posted_update" not in result
