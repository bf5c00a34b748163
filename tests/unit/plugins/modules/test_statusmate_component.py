# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.statusops.status.plugins.modules import statusmate_component
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import LOST, bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statusmate_fakes import (
    CDN, CHILD_EDGE, CREATE, DELETE, LIST, TOKEN, TOP_EDGE, UPDATE, URL, WEBSITE, args, item, patient_args,
)


def test_create_top_level_sends_one_list_and_one_create(run_module, http):
    http.get(LIST, json=[])
    http.post(URL + "/api-components-create/", status=201, json=dict(WEBSITE, parent=None, index=0))
    result = run_module(statusmate_component, args(name="Website", index=0))
    assert result["changed"] is True
    assert result["component"]["uuid"] == "w-1"
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/")]
    assert bodies(http)[1] == {"name": "Website", "index": 0, "parent": None}
    assert http.calls[1].request.headers["Authorization"] == TOKEN


def test_create_in_check_mode_only_reads(run_module, http):
    http.get(LIST, json=[])
    result = run_module(statusmate_component, args(name="Website"), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["component"] == {"name": "Website", "parent": None}
    assert result["diff"] == {"before": {}, "after": {"name": "Website", "parent": None}}
    assert calls(http) == [("GET", "/api-components-list/")]


def test_unchanged_top_level_component_sends_no_write(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN])
    http.get(LIST + "?parent=c-1", json=[])
    result = run_module(statusmate_component, args(name="Website", description=None, impact="operational"))
    assert result["changed"] is False
    assert result["unverified"] == []
    assert calls(http) == [("GET", "/api-components-list/"), ("GET", "/api-components-list/?parent=c-1")]


def test_child_found_under_parent_by_name_and_updated_with_every_known_field(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="partial_outage", parent="w-1"))
    result = run_module(statusmate_component, args(name="CDN", parent="Website", impact="partial_outage"), diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {"impact": "operational"}, "after": {"impact": "partial_outage"}}
    assert calls(http) == [
        ("GET", "/api-components-list/"),
        ("GET", "/api-components-list/?parent=w-1"),
        ("POST", "/api-components-update/c-1/"),
    ]
    assert bodies(http)[2] == {"uuid": "c-1", "name": "CDN", "description": "edge", "parent": "w-1", "impact": "partial_outage"}


def test_unverifiable_fields_are_reported_and_sent_only_on_request(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN])
    http.get(LIST + "?parent=w-1", json=[CDN])
    result = run_module(statusmate_component, args(name="CDN", parent="Website", index=3, histogram=True))
    assert result["changed"] is False
    assert result["unverified"] == ["histogram", "index"]
    assert len(http.calls) == 2


def test_update_unverified_sends_them(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, parent="w-1", index=3))
    result = run_module(statusmate_component, args(name="CDN", parent="Website", index=3, update_unverified=True))
    assert result["changed"] is True
    assert bodies(http)[2] == {"uuid": "c-1", "name": "CDN", "description": "edge", "parent": "w-1",
                               "impact": "operational", "index": 3}


def test_full_list_items_need_no_parent_queries(run_module, http):
    full = [dict(WEBSITE, parent=None, index=0), dict(CDN, parent="w-1", index=3)]
    http.get(LIST, json=full)
    result = run_module(statusmate_component, args(name="CDN", parent="Website", index=3))
    assert result["changed"] is False and result["unverified"] == []
    assert calls(http) == [("GET", "/api-components-list/")]


def test_two_matches_fail_naming_both_before_any_write(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN, dict(CDN, uuid="c-2")])
    http.get(LIST + "?parent=w-1", json=[CDN, dict(CDN, uuid="c-2")])
    result = run_module(statusmate_component, args(name="CDN", parent="Website", impact="major_outage"))
    assert result["failed"] is True
    assert "c-1 and c-2" in result["msg"]
    assert all(method == "GET" for method, _path in calls(http))


def test_missing_parent_fails_and_creates_nothing(run_module, http):
    http.get(LIST, json=[WEBSITE])
    result = run_module(statusmate_component, args(name="CDN", parent="Nope"))
    assert result["failed"] is True
    assert "parent 'Nope': no component of the page has that name or uuid" in result["msg"]
    assert calls(http) == [("GET", "/api-components-list/")]


def test_delete_by_uuid_then_again(run_module, http):
    http.get(LIST + "?component=c-1", json=[CDN])
    http.delete(URL + "/api-components-delete/c-1/", status=204)
    result = run_module(statusmate_component, args(uuid="c-1", state="absent"))
    assert result["changed"] is True and result["component"]["uuid"] == "c-1"
    assert calls(http) == [("GET", "/api-components-list/?component=c-1"), ("DELETE", "/api-components-delete/c-1/")]


def test_delete_of_an_absent_component_changes_nothing(run_module, http):
    http.get(LIST + "?component=c-9", json=[])
    result = run_module(statusmate_component, args(uuid="c-9", state="absent"))
    assert result["changed"] is False and result["component"] == {}


def test_bad_values_fail_before_any_request(run_module, http):
    result = run_module(statusmate_component, args(name=" ", index=40000, start_date="yesterday"))
    assert result["failed"] is True
    assert "name must be 1 to 255 characters" in result["msg"]
    assert "index must be between 0 and 32767, got 40000" in result["msg"]
    assert "start_date must be ISO-8601" in result["msg"] and "'yesterday'" in result["msg"]
    assert len(http.calls) == 0


def test_token_never_in_output_on_auth_failure(run_module, http):
    http.get(LIST, status=401, json={"detail": "Invalid token %s." % TOKEN})
    result = run_module(statusmate_component, args(name="Website"))
    assert result["failed"] is True
    assert "GET /api-components-list/ returned HTTP 401" in result["msg"]
    assert TOKEN not in str(result)


def test_a_uuid_that_names_no_component_fails_even_with_a_name(run_module, http):
    http.get(LIST + "?component=c-9", json=[])
    result = run_module(statusmate_component, args(uuid="c-9", name="CDN"))
    assert result["failed"] is True
    assert result["msg"] == "uuid 'c-9': no component of the page has that uuid; omit uuid to create a component by name"
    assert calls(http) == [("GET", "/api-components-list/?component=c-9")]


def test_a_uuid_that_names_no_component_fails_in_check_mode_too(run_module, http):
    http.get(LIST + "?component=c-9", json=[])
    result = run_module(statusmate_component, args(uuid="c-9", name="CDN"), check_mode=True)
    assert result["failed"] is True
    assert "uuid 'c-9': no component of the page has that uuid" in result["msg"]


def test_a_component_cannot_be_its_own_parent(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN])
    http.get(LIST + "?component=w-1", json=[WEBSITE])
    result = run_module(statusmate_component, args(uuid="w-1", parent="Website"))
    assert result["failed"] is True
    assert result["msg"] == "parent 'Website' is component w-1 itself; a component cannot be its own parent"
    assert all(method == "GET" for method, _path in calls(http))


def test_a_component_cannot_move_below_itself_abbreviated_items(run_module, http):
    edge = {"uuid": "e-1", "name": "Edge", "description": "", "impact": "operational"}
    http.get(LIST, json=[WEBSITE, CDN, edge])
    http.get(LIST + "?component=w-1", json=[WEBSITE])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.get(LIST + "?parent=c-1", json=[edge])
    http.get(LIST + "?parent=e-1", json=[])
    result = run_module(statusmate_component, args(uuid="w-1", parent="Edge"))
    assert result["failed"] is True
    assert result["msg"] == ("parent 'Edge' (e-1) is below component w-1; moving the component under it would put a "
                             "loop in the page")
    assert calls(http) == [
        ("GET", "/api-components-list/"),
        ("GET", "/api-components-list/?component=w-1"),
        ("GET", "/api-components-list/?parent=w-1"),
        ("GET", "/api-components-list/?parent=c-1"),
        ("GET", "/api-components-list/?parent=e-1"),
    ]


def test_a_component_cannot_move_below_itself_full_items(run_module, http):
    full = [dict(WEBSITE, parent=None), dict(CDN, parent="w-1")]
    http.get(LIST, json=full)
    http.get(LIST + "?component=w-1", json=[full[0]])
    result = run_module(statusmate_component, args(uuid="w-1", parent="c-1"), check_mode=True)
    assert result["failed"] is True
    assert "parent 'c-1' (c-1) is below component w-1" in result["msg"]
    assert len(http.calls) == 2


def test_a_move_to_a_component_that_is_not_below_is_sent(run_module, http):
    full = [dict(WEBSITE, parent=None), dict(CDN, parent="w-1"),
            {"uuid": "a-1", "name": "API", "description": "", "impact": "operational", "parent": None}]
    http.get(LIST, json=full)
    http.get(LIST + "?component=c-1", json=[full[1]])
    http.post(URL + "/api-components-update/c-1/", json=dict(full[1], parent="a-1"))
    result = run_module(statusmate_component, args(uuid="c-1", parent="API"))
    assert result["changed"] is True
    assert calls(http) == [("GET", "/api-components-list/"), ("GET", "/api-components-list/?component=c-1"),
                           ("POST", "/api-components-update/c-1/")]
    assert bodies(http)[2] == {"uuid": "c-1", "name": "CDN", "description": "edge", "parent": "a-1", "impact": "operational"}


def test_a_boolean_index_is_refused_naming_the_option_and_value(run_module, http):
    result = run_module(statusmate_component, args(name="Website", index=True))
    assert result["failed"] is True
    assert result["msg"] == "index must be an integer, got True"
    assert len(http.calls) == 0


# Lost answers: a lost create is looked up by name and parent, a lost delete answered 404 is done.


def test_a_lost_create_of_the_single_module_is_looked_up_under_its_parent(run_module, http):
    http.get(LIST, json=[WEBSITE])
    http.get(LIST + "?parent=w-1", json=[])
    http.post(CREATE, body=LOST)
    http.get(LIST, json=[WEBSITE, CHILD_EDGE])
    http.get(LIST + "?parent=w-1", json=[CHILD_EDGE])
    result = run_module(statusmate_component, patient_args(name="Edge", parent="Website"))
    assert result["changed"] is True and result["component"]["uuid"] == "e-1"
    assert [method for method, _path in calls(http)] == ["GET", "GET", "POST", "GET", "GET"]


def test_a_component_under_a_namesake_is_not_taken_for_the_top_level_one(run_module, http):
    inner = item("e-3", "Edge")
    http.get(LIST, json=[TOP_EDGE, inner])
    http.get(LIST + "?parent=e-2", json=[inner])
    http.get(LIST + "?parent=e-3", json=[])
    result = run_module(statusmate_component, patient_args(name="Edge"))
    assert result["changed"] is False and result["component"]["uuid"] == "e-2"


def test_a_delete_whose_answer_was_lost_and_then_answered_404_is_done(run_module, http):
    http.get(LIST, json=[TOP_EDGE])
    http.delete(DELETE % "e-2", status=502, json={"detail": "bad gateway"})
    http.delete(DELETE % "e-2", status=404, json={"detail": "Not found."})
    result = run_module(statusmate_component, patient_args(name="Edge", state="absent"))
    assert result["changed"] is True and result.get("failed") is not True
    assert result["component"]["uuid"] == "e-2"
    assert calls(http) == [("GET", "/api-components-list/"), ("DELETE", "/api-components-delete/e-2/"),
                           ("DELETE", "/api-components-delete/e-2/")]


def test_a_first_delete_answered_404_still_fails(run_module, http):
    http.get(LIST, json=[TOP_EDGE])
    http.delete(DELETE % "e-2", status=404, json={"detail": "Not found."})
    result = run_module(statusmate_component, patient_args(name="Edge", state="absent"))
    assert result["failed"] is True and result["status"] == 404
    assert len(http.calls) == 2


def test_a_list_answered_with_null_fails_and_never_creates_a_second_copy(run_module, http):
    http.get(LIST, body="null", content_type="application/json")
    result = run_module(statusmate_component, args(name="Website", retry_timeout=0))
    assert result["failed"] is True and not result.get("changed")
    assert "GET /api-components-list/ returned HTTP 200: not the API's answer: JSON null where a JSON array" in result["msg"]
    assert calls(http) == [("GET", "/api-components-list/")]


def test_a_create_answered_by_a_proxy_is_looked_up_before_any_second_create(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, body="<html>Gateway</html>", content_type="text/html")
    http.get(LIST, json=[dict(WEBSITE, parent=None)])
    result = run_module(statusmate_component, args(name="Website"))
    assert result["changed"] is True and result["component"]["uuid"] == "w-1"
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"),
                           ("GET", "/api-components-list/")]


# An update sends the whole object: safe to repeat, so it is retried like a PUT.


def test_an_update_answered_503_is_sent_again(run_module, http):
    http.get(LIST, json=[CDN])
    http.post(UPDATE % "c-1", status=503, json={"detail": "Service unavailable"})
    http.post(UPDATE % "c-1", json=dict(CDN, impact="major_outage"))
    result = run_module(statusmate_component, patient_args(name="CDN", impact="major_outage"))
    assert result["changed"] is True and result.get("failed") is not True, result
    assert result["component"]["impact"] == "major_outage"
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-update/c-1/"),
                           ("POST", "/api-components-update/c-1/")]
    assert bodies(http)[1] == bodies(http)[2]


def test_an_update_whose_connection_was_lost_is_sent_again(run_module, http):
    http.get(LIST, json=[CDN])
    http.post(UPDATE % "c-1", body=LOST)
    http.post(UPDATE % "c-1", json=dict(CDN, impact="major_outage"))
    result = run_module(statusmate_component, patient_args(name="CDN", impact="major_outage"))
    assert result["changed"] is True and result.get("failed") is not True, result
    assert [method for method, _path in calls(http)] == ["GET", "POST", "POST"]


def test_a_create_answered_503_is_not_sent_again(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, status=503, json={"detail": "Service unavailable"})
    http.get(LIST, json=[WEBSITE])
    result = run_module(statusmate_component, patient_args(name="Website"))
    assert result["changed"] is True and result["component"]["uuid"] == "w-1"
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"),
                           ("GET", "/api-components-list/")]


# stored text (API_CONTRACT.md: the server trims names and descriptions)

def test_a_description_ending_in_a_newline_is_sent_trimmed(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, status=201, json=dict(CDN, parent=None))
    result = run_module(statusmate_component, args(name="CDN", description="edge\n"))
    assert result["changed"] is True
    assert bodies(http)[1] == {"name": "CDN", "description": "edge", "parent": None}


def test_a_description_ending_in_a_newline_matches_the_stored_one(run_module, http):
    http.get(LIST, json=[CDN])
    result = run_module(statusmate_component, args(name="CDN", description="edge\n"))
    assert result["changed"] is False
    assert calls(http) == [("GET", "/api-components-list/")]


def test_a_stored_description_with_white_space_around_it_is_not_rewritten(run_module, http):
    http.get(LIST, json=[item("c-1", "CDN", " edge\n")])
    result = run_module(statusmate_component, args(name="CDN", description="edge"))
    assert result["changed"] is False
    assert calls(http) == [("GET", "/api-components-list/")]
