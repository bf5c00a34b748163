# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import datetime

import pytest
import requests

from ansible_collections.statusops.status.plugins.module_utils import alertmanager_silences
from ansible_collections.statusops.status.plugins.modules import alertmanager_silence
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls

URL = "https://alertmanager.example.test"
LIST = URL + "/api/v2/silences"
LIST_CALL = "/api/v2/silences"
NOW = datetime.datetime(2025, 2, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
TOKEN = "Bearer proxy-secret-42"
MATCHERS = [{"name": "statusmate_component", "value": "Shop/Checkout", "isRegex": False, "isEqual": True}]
SILENCE = {"id": "a1", "status": {"state": "active"}, "updatedAt": "2025-02-01T11:50:00.123Z", "comment": "Deploy 2.4.1",
           "createdBy": "deploy", "startsAt": "2025-02-01T11:50:00.123Z", "endsAt": "2025-02-01T12:20:00.000Z",
           "matchers": MATCHERS}
EXPIRED = dict(SILENCE, id="old", status={"state": "expired"})
OTHER = dict(SILENCE, id="b2", comment="Deploy 2.4.0")


def args(**extra):
    """The options of the task; an option given as None is left out."""
    given = dict(dict(api_url=URL, created_by="deploy", comment="Deploy 2.4.1",
                      matchers=[{"name": "statusmate_component", "value": "Shop/Checkout"}], duration=30), **extra)
    return dict((option, value) for option, value in given.items() if value is not None)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(alertmanager_silences, "utcnow", lambda: NOW)


def test_create_posts_one_silence(run_module, http):
    http.get(LIST, json=[EXPIRED, OTHER])
    http.post(LIST, json={"silenceID": "n1"})
    result = run_module(alertmanager_silence, args())
    assert result["changed"] is True and result["silence"]["id"] == "n1"
    assert calls(http) == [("GET", LIST_CALL), ("POST", LIST_CALL)]
    assert bodies(http)[1] == {"matchers": MATCHERS, "startsAt": "2025-02-01T12:00:00Z", "endsAt": "2025-02-01T12:30:00Z",
                               "createdBy": "deploy", "comment": "Deploy 2.4.1"}


def test_create_in_check_mode_only_reads(run_module, http):
    http.get(LIST, json=[])
    result = run_module(alertmanager_silence, args(), check_mode=True, diff=True)
    assert result["changed"] is True and result["silence"]["id"] is None
    assert result["diff"]["before"] == {} and result["diff"]["after"]["endsAt"] == "2025-02-01T12:30:00Z"
    assert calls(http) == [("GET", LIST_CALL)]


def test_again_changes_nothing(run_module, http):
    # Created at 11:50:00 with a duration of 30: Alertmanager started it at its own now, 11:50:00.123.
    http.get(LIST, json=[SILENCE])
    result = run_module(alertmanager_silence, args())
    assert result["changed"] is False and result["silence"] == SILENCE
    assert calls(http) == [("GET", LIST_CALL)]


def test_a_duration_after_an_absolute_start_is_compared_to_the_second(run_module, http):
    http.get(LIST, json=[SILENCE])
    result = run_module(alertmanager_silence, args(starts_at="2025-02-01T11:50:00Z"))
    assert result["changed"] is False and result["silence"] == SILENCE
    assert calls(http) == [("GET", LIST_CALL)]


def test_changed_matchers_replace_the_silence_and_its_new_id_is_returned(run_module, http):
    http.get(LIST, json=[SILENCE])
    http.post(LIST, json={"silenceID": "n2"})
    matchers = [{"name": "statusmate_component", "value": "Shop/(Cart|Checkout)", "is_regex": True}]
    result = run_module(alertmanager_silence, args(matchers=matchers), diff=True)
    assert result["changed"] is True and result["silence"]["id"] == "n2"
    assert bodies(http)[1] == {"id": "a1", "startsAt": "2025-02-01T11:50:00Z", "endsAt": "2025-02-01T12:20:00Z",
                               "createdBy": "deploy", "comment": "Deploy 2.4.1",
                               "matchers": [{"name": "statusmate_component", "value": "Shop/(Cart|Checkout)", "isRegex": True,
                                             "isEqual": True}]}
    assert list(result["diff"]["after"]) == ["matchers"]


def test_a_changed_end_updates_it(run_module, http):
    http.get(LIST, json=[SILENCE])
    http.post(LIST, json={"silenceID": "a1"})
    result = run_module(alertmanager_silence, args(duration=None, ends_at="2025-02-01T14:00:00+01:00"), diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {"endsAt": "2025-02-01T12:20:00.000Z"}, "after": {"endsAt": "2025-02-01T13:00:00Z"}}
    assert bodies(http)[1]["endsAt"] == "2025-02-01T13:00:00Z" and bodies(http)[1]["id"] == "a1"


def test_expire_deletes_the_live_one_then_again_changes_nothing(run_module, http):
    http.get(LIST, json=[EXPIRED, SILENCE])
    http.delete(URL + "/api/v2/silence/a1")
    result = run_module(alertmanager_silence, args(state="expired", matchers=None, duration=None))
    assert result["changed"] is True and result["silence"]["id"] == "a1"
    assert calls(http) == [("GET", LIST_CALL), ("DELETE", "/api/v2/silence/a1")]


def test_expire_a_missing_silence_changes_nothing(run_module, http):
    http.get(LIST, json=[EXPIRED])
    result = run_module(alertmanager_silence, args(state="expired", matchers=None, duration=None), check_mode=True)
    assert result["changed"] is False and result["silence"] == {}
    assert calls(http) == [("GET", LIST_CALL)]


def test_two_live_silences_with_the_identity_fail_naming_both(run_module, http):
    http.get(LIST, json=[SILENCE, dict(SILENCE, id="a2", status={"state": "pending"})])
    result = run_module(alertmanager_silence, args())
    assert result["failed"] is True and "ids a1 and a2" in result["msg"]


def test_an_answer_that_is_not_a_list_of_silences_is_an_error(run_module, http):
    http.get(LIST, json={"data": []})
    result = run_module(alertmanager_silence, args(retry_timeout=0))
    assert result["failed"] is True
    assert "not the API's answer: a JSON object where a JSON array of objects was due" in result["msg"]
    http.get(LIST, json=[{"id": "x"}])
    result = run_module(alertmanager_silence, args())
    assert result["failed"] is True and "is not a list of silences" in result["msg"]


def test_a_lost_create_is_looked_for_before_any_second_post(run_module, http):
    http.get(LIST, json=[])
    http.post(LIST, body=requests.exceptions.ConnectionError("connection reset by peer"))
    http.get(LIST, json=[dict(SILENCE, id="made")])
    result = run_module(alertmanager_silence, args())
    assert result["changed"] is True and result["silence"]["id"] == "made"
    assert calls(http) == [("GET", LIST_CALL), ("POST", LIST_CALL), ("GET", LIST_CALL)]


def test_headers_are_sent_and_never_shown(run_module, http):
    http.get(LIST, status=403, json={"message": "token %s refused" % TOKEN})
    result = run_module(alertmanager_silence, args(headers={"Authorization": TOKEN}))
    assert http.calls[0].request.headers["Authorization"] == TOKEN
    assert result["failed"] is True and "proxy-secret-42" not in str(result)


@pytest.mark.parametrize("extra, message", [
    (dict(matchers=[{"name": "9lives", "value": "x"}]), "matchers[0].name must be a label name"),
    (dict(matchers=[{"name": "job", "value": "(", "is_regex": True}]), "matchers[0].value is not a regular expression"),
    (dict(matchers=[{"name": "job", "value": ".*", "is_regex": True}]), "at least one must not match an empty"),
    (dict(matchers=[]), "matchers must hold one matcher at least"),
    (dict(duration=None, starts_at="2025-02-01T13:00:00Z", ends_at="2025-02-01T12:00:00Z"), "ends_at must be after starts_at"),
    (dict(duration=None, ends_at="2025-02-01 13:00"), "ends_at must say its zone"),
    (dict(duration=0), "duration must be an integer from 1 to"),
    (dict(duration=-5), "duration must be an integer from 1 to"),
    (dict(duration=None), "ends_at or duration is required"),
    (dict(comment=" "), "comment must not be blank"),
    (dict(headers={"Bad Name": "x"}), "headers: 'Bad Name' is not an HTTP header name"),
    (dict(headers={"X-Token": "a\r\nInjected: yes"}), "headers.X-Token must be one line of printable Latin-1 text"),
    (dict(headers={"X-Token": 42}), "headers.X-Token must be a string"),
])
def test_bad_input_is_refused_before_any_request(run_module, http, extra, message):
    result = run_module(alertmanager_silence, args(**extra))
    assert result["failed"] is True and message in result["msg"], result["msg"]
    assert len(http.calls) == 0


def test_a_create_answer_without_an_id_is_a_lost_answer(run_module, http):
    http.get(LIST, json=[])
    http.post(LIST, json={"ok": True})
    http.get(LIST, json=[dict(SILENCE, id="made")])
    result = run_module(alertmanager_silence, args())
    assert result["changed"] is True and result["silence"]["id"] == "made"
    assert calls(http) == [("GET", LIST_CALL), ("POST", LIST_CALL), ("GET", LIST_CALL)]
