# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.statusops.status.plugins.modules import statushub_platform_alert
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import HUB, PATH, V, args

ALERT_URL = HUB + "/platform_alert"
ALERT_CALL = PATH + "/platform_alert?" + V
ALERT = {"title": "Major outage", "body": "Everything is down", "created_at": "2025-02-01T12:00:00Z", "updated_at": "2025-02-01T12:00:00Z"}
NONE = dict(status=404, json={"error": "Not found"})


def test_set_sends_one_put(run_module, http):
    http.get(ALERT_URL, **NONE)
    http.put(ALERT_URL, json=ALERT)
    result = run_module(statushub_platform_alert, args(title="Major outage", body="Everything is down"))
    assert result["changed"] is True and result["platform_alert"] == ALERT
    assert calls(http) == [("GET", ALERT_CALL), ("PUT", ALERT_CALL)]
    assert bodies(http)[1] == {"title": "Major outage", "body": "Everything is down"}


def test_set_in_check_mode_only_reads(run_module, http):
    http.get(ALERT_URL, **NONE)
    result = run_module(statushub_platform_alert, args(title="Major outage"), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {}, "after": {"title": "Major outage"}}
    assert calls(http) == [("GET", ALERT_CALL)]


def test_set_again_sends_nothing(run_module, http):
    http.get(ALERT_URL, json=ALERT)
    result = run_module(statushub_platform_alert, args(title="Major outage", body="Everything is down"))
    assert result["changed"] is False
    assert calls(http) == [("GET", ALERT_CALL)]


def test_change_sends_only_what_differs(run_module, http):
    http.get(ALERT_URL, json=ALERT)
    http.put(ALERT_URL, json=dict(ALERT, body="Recovering"))
    result = run_module(statushub_platform_alert, args(body="Recovering"), diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {"body": "Everything is down"}, "after": {"body": "Recovering"}}
    assert bodies(http)[1] == {"body": "Recovering"}


def test_setting_without_title_fails_without_writing(run_module, http):
    http.get(ALERT_URL, **NONE)
    result = run_module(statushub_platform_alert, args(body="Everything is down"))
    assert result["failed"] is True and "title is required" in result["msg"]
    assert calls(http) == [("GET", ALERT_CALL)]


def test_clear_then_again(run_module, http):
    http.get(ALERT_URL, json=ALERT)
    http.delete(ALERT_URL, status=204)
    result = run_module(statushub_platform_alert, args(state="absent"))
    assert result["changed"] is True and result["platform_alert"] == ALERT
    assert calls(http) == [("GET", ALERT_CALL), ("DELETE", ALERT_CALL)]


def test_clear_when_none_changes_nothing(run_module, http):
    http.get(ALERT_URL, **NONE)
    result = run_module(statushub_platform_alert, args(state="absent"), check_mode=True)
    assert result["changed"] is False and result["platform_alert"] == {}


def test_a_title_with_html_is_refused_before_any_request(run_module, http):
    result = run_module(statushub_platform_alert, args(title="<h1>Major outage</h1>"))
    assert result["failed"] is True
    assert result["msg"] == "title must be plain text, without HTML tags or entities, got '<h1>Major outage</h1>'"
    assert len(http.calls) == 0


def test_texts_with_white_space_around_them_match_whether_the_hub_trimmed_them_or_not(run_module, http):
    http.get(ALERT_URL, json=dict(ALERT, body="Everything is down\n"))
    http.get(ALERT_URL, json=ALERT)
    for _stored in ("as sent", "trimmed"):
        result = run_module(statushub_platform_alert, args(title="Major outage ", body="Everything is down\n"))
        assert result["changed"] is False
    assert calls(http) == [("GET", ALERT_CALL), ("GET", ALERT_CALL)]


def test_absent_fails_when_the_read_is_not_the_api_s_answer_and_clears_nothing(run_module, http):
    http.get(ALERT_URL, body="null", content_type="application/json")
    result = run_module(statushub_platform_alert, args(state="absent", retry_timeout=0))
    assert result["failed"] is True and not result.get("changed")
    assert result["msg"].startswith("GET /hubs/acme/platform_alert returned HTTP 200: not the API's answer: JSON "
                                    "null where a JSON object was due")
    assert calls(http) == [("GET", ALERT_CALL)]


def test_absent_never_takes_a_proxy_s_404_page_for_no_alert(run_module, http):
    http.get(ALERT_URL, status=404, body="<html>Not found</html>", content_type="text/html")
    result = run_module(statushub_platform_alert, args(state="absent", retry_timeout=0))
    assert result["failed"] is True and "returned HTTP 404: not the API's answer" in result["msg"]


def test_a_clear_never_answered_by_the_api_fails_saying_it_may_have_been_done(run_module, http):
    http.get(ALERT_URL, json=ALERT)
    http.delete(ALERT_URL, body="<html>Gateway</html>", content_type="text/html")
    result = run_module(statushub_platform_alert, args(state="absent", retry_timeout=0))
    assert result["failed"] is True and result["changed"] is True
    assert "the outcome of this DELETE is unknown: check whether it was carried out" in result["msg"]
    assert calls(http) == [("GET", ALERT_CALL), ("DELETE", ALERT_CALL)]
