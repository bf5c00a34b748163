# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.statusops.status.plugins.modules import statushub_maintenance
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    HUB, KEY, NOW_TEXT, PAGE, PATH, SERVICES_CALL, V, ZONE, args, assert_refused, envelope, fix_clock, services,
)

LIST_CALL = ("GET", PATH + "/maintenances?%s&extend=flags&start_time=%s&%s" % (V, NOW_TEXT, PAGE))
DEPLOY = dict(title="Deploy", start_time="now", duration=30, services=[{"service": "API", "status": "down"}])
WINDOW = {
    "id": 3001, "title": "Deploy", "body": "", "silent": False, "flags": {"deleted": False},
    "start_time": "2025-02-01T12:00:00Z", "end_time": "2025-02-01T12:30:00Z",
    "service_statuses": [{"service_id": 12, "status": "down"}],
}
LATER = dict(WINDOW, start_time="2025-02-01T11:50:00Z", end_time="2025-02-01T12:20:00Z")  # in progress at NOW
PLANNED = dict(WINDOW, id=3002, title="Upgrade", start_time="2025-02-03T22:00:00Z", end_time="2025-02-03T23:00:00Z")


def with_services(*entries):
    deploy = dict(DEPLOY)
    deploy["services"] = list(entries)
    return deploy


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    fix_clock(monkeypatch, statushub_maintenance)


def test_deploy_window_created_with_now_and_duration_resolved_once(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([]))
    services(http)
    http.post(HUB + "/maintenances", json=WINDOW)
    result = run_module(statushub_maintenance, args(**DEPLOY))
    assert result["changed"] is True
    assert result["maintenance"]["id"] == 3001
    assert calls(http) == [LIST_CALL, SERVICES_CALL, ("POST", PATH + "/maintenances?" + V)]
    assert bodies(http)[2] == {"title": "Deploy", "start_time": "2025-02-01T12:00:00Z", "end_time": "2025-02-01T12:30:00Z",
                               "service_statuses": [{"service_id": 12, "status": "down"}]}
    assert http.calls[2].request.headers["Authorization"] == KEY


def test_deploy_window_in_check_mode_only_reads(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([]))
    services(http)
    result = run_module(statushub_maintenance, args(**DEPLOY), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["maintenance"]["end_time"] == "2025-02-01T12:30:00Z"
    assert result["diff"]["before"] == {}
    assert calls(http) == [LIST_CALL, SERVICES_CALL]


def test_rerun_later_finds_the_window_and_sends_nothing(run_module, http):
    """Minutes later `now` and `duration` mean other times, but they are not compared."""
    http.get(HUB + "/maintenances", json=envelope([LATER]))
    services(http)
    result = run_module(statushub_maintenance, args(**DEPLOY))
    assert result["changed"] is False
    assert result["maintenance"] == LATER
    assert calls(http) == [LIST_CALL, SERVICES_CALL]


def test_rerun_in_check_mode_is_not_changed(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([LATER]))
    services(http)
    result = run_module(statushub_maintenance, args(**DEPLOY), check_mode=True)
    assert result["changed"] is False


def test_ended_and_deleted_windows_are_not_the_one(run_module, http):
    ended = dict(WINDOW, id=2999, end_time="2025-02-01T12:00:00Z")
    deleted = dict(WINDOW, id=3000, flags={"deleted": True})
    http.get(HUB + "/maintenances", json=envelope([ended, deleted]))
    services(http)
    http.post(HUB + "/maintenances", json=WINDOW)
    result = run_module(statushub_maintenance, args(**DEPLOY))
    assert result["changed"] is True
    assert [call[0] for call in calls(http)] == ["GET", "GET", "POST"]


def test_absolute_times_that_differ_are_one_partial_update(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([PLANNED]))
    http.put(HUB + "/maintenances/3002", json=dict(PLANNED, end_time="2025-02-04T00:00:00Z"))
    result = run_module(statushub_maintenance, args(title="Upgrade", start_time="2025-02-03T23:00:00+01:00",
                                                    end_time="2025-02-04T00:00:00Z", silent=True), diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {"end_time": "2025-02-03T23:00:00Z"}, "after": {"end_time": "2025-02-04T00:00:00Z"}}
    assert calls(http) == [LIST_CALL, ("PUT", PATH + "/maintenances/3002?" + V)]
    assert bodies(http)[1] == {"end_time": "2025-02-04T00:00:00Z", "silent": True}


def test_duration_after_an_absolute_start_is_compared(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([PLANNED]))
    result = run_module(statushub_maintenance, args(title="Upgrade", start_time="2025-02-03T22:00:00Z", duration=60))
    assert result["changed"] is False
    assert calls(http) == [LIST_CALL]


def test_two_open_windows_with_one_title_fail_naming_both(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([LATER, dict(PLANNED, title="Deploy")]))
    result = run_module(statushub_maintenance, args(**DEPLOY))
    assert result["failed"] is True
    assert "3001 and 3002" in result["msg"]
    assert calls(http) == [LIST_CALL]


def test_unknown_service_fails_before_any_write(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([]))
    services(http)
    result = run_module(statushub_maintenance, args(**with_services({"service": "Nope", "status": "down"})))
    assert result["failed"] is True
    assert "service 'Nope'" in result["msg"]
    assert [call[0] for call in calls(http)] == ["GET", "GET"]


def test_completed_in_progress_ends_now(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([LATER]))
    http.put(HUB + "/maintenances/3001", json=dict(LATER, end_time="2025-02-01T12:00:00Z"))
    result = run_module(statushub_maintenance, args(title="Deploy", state="completed"))
    assert result["changed"] is True
    assert result["maintenance"]["end_time"] == "2025-02-01T12:00:00Z"
    assert calls(http) == [LIST_CALL, ("PUT", PATH + "/maintenances/3001?" + V)]
    assert bodies(http)[1] == {"end_time": "2025-02-01T12:00:00Z"}


def test_completed_in_check_mode_only_reads(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([LATER]))
    result = run_module(statushub_maintenance, args(title="Deploy", state="completed"), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {"end_time": "2025-02-01T12:20:00Z"}, "after": {"end_time": "2025-02-01T12:00:00Z"}}
    assert calls(http) == [LIST_CALL]


def test_completed_in_the_second_it_started_ends_one_second_later(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([WINDOW]))
    http.put(HUB + "/maintenances/3001", json=dict(WINDOW, end_time="2025-02-01T12:00:01Z"))
    result = run_module(statushub_maintenance, args(title="Deploy", state="completed"))
    assert result["changed"] is True
    assert calls(http) == [LIST_CALL, ("PUT", PATH + "/maintenances/3001?" + V)]
    assert bodies(http)[1] == {"end_time": "2025-02-01T12:00:01Z"}


def test_completed_again_in_that_second_changes_nothing(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([dict(WINDOW, end_time="2025-02-01T12:00:01Z")]))
    result = run_module(statushub_maintenance, args(title="Deploy", state="completed"))
    assert result["changed"] is False
    assert calls(http) == [LIST_CALL]


def test_completed_not_started_is_cancelled(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([PLANNED]))
    http.delete(HUB + "/maintenances/3002", status=204)
    result = run_module(statushub_maintenance, args(title="Upgrade", state="completed"))
    assert result["changed"] is True
    assert result["maintenance"]["id"] == 3002
    assert calls(http) == [LIST_CALL, ("DELETE", PATH + "/maintenances/3002?" + V)]


def test_completed_again_changes_nothing(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([dict(LATER, end_time="2025-02-01T12:00:00Z")]))
    result = run_module(statushub_maintenance, args(title="Deploy", state="completed"))
    assert result["changed"] is False and result["maintenance"] == {}
    assert calls(http) == [LIST_CALL]


def test_completed_by_id_of_an_ended_window_changes_nothing(run_module, http):
    ended = dict(LATER, end_time="2025-02-01T11:59:00Z")
    http.get(HUB + "/maintenances/3001", json=ended)
    result = run_module(statushub_maintenance, args(id=3001, state="completed"))
    assert result["changed"] is False and result["maintenance"] == ended
    assert calls(http) == [("GET", PATH + "/maintenances/3001?%s&extend=flags" % V)]


def test_absent_by_id_then_again(run_module, http):
    http.get(HUB + "/maintenances/3002", json=PLANNED)
    http.delete(HUB + "/maintenances/3002", status=204)
    result = run_module(statushub_maintenance, args(id=3002, state="absent"))
    assert result["changed"] is True and result["maintenance"]["id"] == 3002
    assert [call[0] for call in calls(http)] == ["GET", "DELETE"]


def test_absent_of_a_deleted_window_changes_nothing(run_module, http):
    http.get(HUB + "/maintenances/3002", json=dict(PLANNED, flags={"deleted": True}))
    result = run_module(statushub_maintenance, args(id=3002, state="absent"))
    assert result["changed"] is False and result["maintenance"] == {}


def test_present_with_an_unknown_id_fails_without_writing(run_module, http):
    http.get(HUB + "/maintenances/3009", status=404, json={"error": "Not found"})
    result = run_module(statushub_maintenance, args(id=3009, title="Deploy", start_time="now", duration=5), check_mode=True)
    assert result["failed"] is True
    assert "maintenance 3009 does not exist" in result["msg"]


def test_creating_needs_start_and_end(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([]))
    result = run_module(statushub_maintenance, args(title="Deploy", start_time="now"))
    assert result["failed"] is True
    assert "end_time or duration is required to create it" in result["msg"]
    assert calls(http) == [LIST_CALL]


def test_bad_values_fail_before_any_request(run_module, http):
    result = run_module(statushub_maintenance, args(title="Deploy", start_time="tomorrow", end_time="later", duration=0))
    assert result["failed"] is True
    assert "mutually exclusive" in result["msg"]
    result = run_module(statushub_maintenance, args(title="Deploy", start_time="tomorrow", end_time="later"))
    assert "start_time must be ISO-8601 with a zone (like 2025-02-01T00:00:00Z) or 'now', got 'tomorrow'" in result["msg"]
    assert "end_time must be ISO-8601 with a zone (like 2025-02-01T00:00:00Z), got 'later'" in result["msg"]
    result = run_module(statushub_maintenance, args(title="Deploy", start_time="2025-02-02T10:00:00Z", end_time="2025-02-02T09:00:00Z"))
    assert "end_time must be after start_time" in result["msg"]
    result = run_module(statushub_maintenance, args(title="Deploy", start_time="now", duration=0))
    assert "duration must be at least 1 minute, got 0" in result["msg"]
    result = run_module(statushub_maintenance, args(**with_services({"service": "API", "status": "broken"})))
    assert "status" in result["msg"] and "broken" in result["msg"]
    assert len(http.calls) == 0


@pytest.mark.parametrize("options, message", [
    (dict(title="Deploy", start_time="2025-02-02T10:00:00", duration=5), "start_time " + ZONE + "'2025-02-02T10:00:00'"),
    (dict(title="Deploy", start_time="now", end_time="2025-02-02 10:00"), "end_time " + ZONE + "'2025-02-02 10:00'"),
    (dict(title="Deploy", start_time="now", duration=True), "duration must be an integer, got True"),
    (dict(id=True, state="absent"), "id must be an integer, got True"),
    (dict(title="Deploy <script>alert(1)</script>", start_time="now", duration=5),
     "title must be plain text, without HTML tags or entities, got 'Deploy <script>alert(1)</script>'"),
])
def test_refused_before_any_request(run_module, http, options, message):
    assert_refused(run_module, http, statushub_maintenance, options, message)


def test_plain_text_with_angle_brackets_and_ampersands_is_a_title(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([]))
    http.post(HUB + "/maintenances", json=WINDOW)
    run_module(statushub_maintenance, args(title="R&D: latency < 5 ms & more", start_time="now", duration=30))
    assert bodies(http)[1]["title"] == "R&D: latency < 5 ms & more"


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("options, window", [
    (dict(end_time="2025-02-03T21:00:00Z"), "end_time 2025-02-03T21:00:00Z is not after start_time 2025-02-03T22:00:00Z"),
    (dict(start_time="2025-02-04T00:00:00+01:00"), "end_time 2025-02-03T23:00:00Z is not after start_time 2025-02-03T23:00:00Z"),
])
def test_an_update_that_would_end_the_window_before_it_starts_is_refused(run_module, http, options, window, check_mode):
    """Checked as the window would be after the change: the current times merged with the changed ones."""
    http.get(HUB + "/maintenances", json=envelope([PLANNED]))
    result = run_module(statushub_maintenance, args(title="Upgrade", **options), check_mode=check_mode)
    assert result["failed"] is True
    assert result["msg"] == "maintenance 'Upgrade' would end before it starts: " + window
    assert calls(http) == [LIST_CALL]


def test_create_with_an_offset_sends_utc(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([]))
    http.post(HUB + "/maintenances", json=PLANNED)
    run_module(statushub_maintenance, args(title="Upgrade", start_time="2025-02-03T23:00:00+01:00",
                                           end_time="2025-02-03T17:00:00.250-06:00"))
    assert bodies(http)[1] == {"title": "Upgrade", "start_time": "2025-02-03T22:00:00Z", "end_time": "2025-02-03T23:00:00.25Z"}


def test_a_lost_create_answer_is_looked_up_before_sending_again(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([]))
    services(http)
    http.post(HUB + "/maintenances", status=502, json={"error": "Bad gateway"})
    http.get(HUB + "/maintenances", json=envelope([WINDOW]))
    result = run_module(statushub_maintenance, args(**DEPLOY))
    assert result["changed"] is True
    assert result["maintenance"]["id"] == 3001
    assert calls(http) == [LIST_CALL, SERVICES_CALL, ("POST", PATH + "/maintenances?" + V), LIST_CALL]


# Lost answers: full identity on a lost create, a lost delete answered 404 is done, a task that wrote before failing says so.


def test_a_cancelled_window_whose_delete_answer_was_lost_is_done(run_module, http, monkeypatch):
    fix_clock(monkeypatch, statushub_maintenance)
    http.get(HUB + "/maintenances", json=envelope([PLANNED]))
    http.delete(HUB + "/maintenances/3002", status=502, json={"error": "bad gateway"})
    http.delete(HUB + "/maintenances/3002", status=404, json={"error": "not found"})
    result = run_module(statushub_maintenance, args(title="Upgrade", state="completed"))
    assert result["changed"] is True and result["maintenance"]["id"] == 3002
    assert calls(http) == [LIST_CALL, ("DELETE", PATH + "/maintenances/3002?" + V),
                           ("DELETE", PATH + "/maintenances/3002?" + V)]


# A declared window is one window: absolute times find it again scheduled, in progress or over.

MIGRATION = dict(title="Migration", start_time="2025-01-20T22:00:00Z", end_time="2025-01-20T23:00:00Z",
                 services=[{"service": "API", "status": "down"}])
OVER = dict(WINDOW, id=2990, title="Migration", start_time="2025-01-20T22:00:00Z", end_time="2025-01-20T23:00:00Z")


def list_from(start):
    return ("GET", PATH + "/maintenances?%s&extend=flags&start_time=%s&%s" % (V, start.replace(":", "%3A"), PAGE))


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_window_whose_times_have_passed_is_found_and_not_posted_again(run_module, http, check_mode):
    http.get(HUB + "/maintenances", json=envelope([OVER]))
    services(http)
    result = run_module(statushub_maintenance, args(**MIGRATION), check_mode=check_mode)
    assert result["changed"] is False
    assert result["maintenance"] == OVER
    assert calls(http) == [list_from("2025-01-20T22:00:00Z"), SERVICES_CALL]


def test_a_window_in_progress_is_found_by_its_times_given_with_another_offset(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([LATER]))
    services(http)
    result = run_module(statushub_maintenance, args(title="Deploy", start_time="2025-02-01T12:50:00+01:00", duration=30,
                                                    services=[{"service": "API", "status": "down"}]))
    assert result["changed"] is False and result["maintenance"] == LATER
    assert calls(http) == [list_from("2025-02-01T11:50:00Z"), SERVICES_CALL]


def test_the_window_with_the_declared_times_wins_over_a_later_one_of_the_same_title(run_module, http):
    """Last week's task finds last week's window, not next week's (which it would otherwise update)."""
    next_week = dict(OVER, id=2995, start_time="2025-02-03T22:00:00Z", end_time="2025-02-03T23:00:00Z")
    http.get(HUB + "/maintenances", json=envelope([OVER, next_week]))
    services(http)
    result = run_module(statushub_maintenance, args(**MIGRATION))
    assert result["changed"] is False and result["maintenance"]["id"] == 2990
    assert [method for method, _path in calls(http)] == ["GET", "GET"]


def test_a_window_over_with_other_times_is_not_the_one(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([dict(OVER, end_time="2025-01-20T22:30:00Z")]))
    services(http)
    http.post(HUB + "/maintenances", json=OVER)
    result = run_module(statushub_maintenance, args(**MIGRATION))
    assert result["changed"] is True
    assert [method for method, _path in calls(http)] == ["GET", "GET", "POST"]
    assert bodies(http)[2]["start_time"] == "2025-01-20T22:00:00Z"


def test_two_windows_with_the_declared_title_and_times_fail_naming_both(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([OVER, dict(OVER, id=2991)]))
    result = run_module(statushub_maintenance, args(**MIGRATION))
    assert result["failed"] is True
    assert "2990" in result["msg"] and "2991" in result["msg"]
    assert "start_time 2025-01-20T22:00:00Z" in result["msg"]
    assert [method for method, _path in calls(http)] == ["GET"]


@pytest.mark.parametrize("stored", [dict(OVER, body="Schema v2"), dict(OVER, title="Migration \n", body="Schema v2\n")],
                         ids=["hub trims", "hub stores as sent"])
def test_a_title_and_body_written_as_block_scalars_send_no_write(run_module, http, stored):
    http.get(HUB + "/maintenances", json=envelope([stored]))
    services(http)
    declared = dict(MIGRATION)
    declared.update(title="Migration\n", body="Schema v2\n")
    result = run_module(statushub_maintenance, args(**declared))
    assert result["changed"] is False and result["maintenance"]["id"] == 2990
    assert [method for method, _path in calls(http)] == ["GET", "GET"]
