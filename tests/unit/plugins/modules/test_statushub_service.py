# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.statusops.status.plugins.modules import statushub_service
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import LOST, bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    API, GONE_API, HUB, KEY, PATH, REST_API, V, WEBSITE, args, paged,
)

LIST = PATH + "/services?" + V + "&deleted=false&extend=flags&page=%d&per_page=100"


def list_services(http, *pages):
    paged(http, HUB + "/services", *pages, deleted="false", extend="flags")


# statushub_service


def test_create_sends_one_list_and_one_create(run_module, http):
    list_services(http, [WEBSITE])
    http.post(HUB + "/services", json=dict(REST_API, id=3))
    result = run_module(statushub_service, args(name="API", description="REST"))
    assert result["changed"] is True
    assert result["service"] == {"id": 3, "name": "API", "description": "REST"}
    assert calls(http) == [("GET", LIST % 1), ("POST", PATH + "/services?" + V)]
    assert bodies(http)[1] == {"name": "API", "description": "REST"}
    assert http.calls[1].request.headers["Authorization"] == KEY


def test_create_in_check_mode_only_reads(run_module, http):
    list_services(http, [WEBSITE])
    result = run_module(statushub_service, args(name="API"), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["service"] == {"id": None, "name": "API", "description": ""}
    assert result["diff"]["before"] == {}
    assert calls(http) == [("GET", LIST % 1)]


def test_unchanged_service_sends_no_write(run_module, http):
    list_services(http, [REST_API, WEBSITE])
    result = run_module(statushub_service, args(name="Website", description=""))
    assert result["changed"] is False
    assert result["service"] == WEBSITE
    assert calls(http) == [("GET", LIST % 1)]


def test_every_page_is_read_to_find_the_service(run_module, http):
    list_services(http, [WEBSITE], [REST_API])
    result = run_module(statushub_service, args(name="API", description="REST"))
    assert result["changed"] is False and result["service"]["id"] == 1
    assert calls(http) == [("GET", LIST % 1), ("GET", LIST % 2)]


def test_update_sends_only_what_changed(run_module, http):
    list_services(http, [REST_API])
    http.put(HUB + "/services/1", json=dict(REST_API, description="v2"))
    result = run_module(statushub_service, args(name="API", description="v2"), diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {"description": "REST"}, "after": {"description": "v2"}}
    assert calls(http) == [("GET", LIST % 1), ("PUT", PATH + "/services/1?" + V)]
    assert bodies(http)[1] == {"description": "v2"}


def test_update_in_check_mode_only_reads(run_module, http):
    list_services(http, [REST_API])
    result = run_module(statushub_service, args(name="API", description="v2"), check_mode=True)
    assert result["changed"] is True and result["service"] == dict(REST_API, description="v2")
    assert calls(http) == [("GET", LIST % 1)]


def test_rename_by_id(run_module, http):
    http.get(HUB + "/services/1", json=REST_API)
    http.put(HUB + "/services/1", json=dict(REST_API, name="Public API"))
    result = run_module(statushub_service, args(id=1, name="Public API"))
    assert result["changed"] is True and result["service"]["name"] == "Public API"
    assert calls(http) == [("GET", PATH + "/services/1?" + V + "&extend=flags"), ("PUT", PATH + "/services/1?" + V)]
    assert bodies(http)[1] == {"name": "Public API"}


def test_unknown_id_fails_without_write(run_module, http):
    http.get(HUB + "/services/9", status=404, json={"error": "Not found"})
    result = run_module(statushub_service, args(id=9, name="X"))
    assert result["failed"] is True
    assert "service id 9: the hub has no service with that id" in result["msg"]


def test_duplicate_name_fails_naming_both_ids(run_module, http):
    list_services(http, [REST_API, dict(REST_API, id=7)])
    result = run_module(statushub_service, args(name="API", description="x"))
    assert result["failed"] is True
    assert "ids 1 and 7" in result["msg"]
    assert all(method == "GET" for method, _path in calls(http))


def test_delete_then_delete_again(run_module, http):
    list_services(http, [REST_API])
    http.delete(HUB + "/services/1", status=204)
    result = run_module(statushub_service, args(name="API", state="absent"))
    assert result["changed"] is True and result["service"] == REST_API
    assert calls(http)[-1] == ("DELETE", PATH + "/services/1?" + V)


def test_delete_of_absent_service_changes_nothing(run_module, http):
    list_services(http, [WEBSITE])
    result = run_module(statushub_service, args(name="API", state="absent"))
    assert result["changed"] is False and result["service"] == {}


def test_blank_name_fails_before_any_request(run_module, http):
    result = run_module(statushub_service, args(name="  "))
    assert result["failed"] is True
    assert "name must be 1 to 255 characters and not blank, got '  '" in result["msg"]
    assert len(http.calls) == 0


# soft-deleted services (contract: deletes are soft, flags.deleted with extend=flags)


def test_a_deleted_service_does_not_count_as_existing(run_module, http):
    list_services(http, [GONE_API, WEBSITE])
    http.post(HUB + "/services", json=dict(REST_API, id=6))
    result = run_module(statushub_service, args(name="API", description="REST"))
    assert result["changed"] is True and result["service"]["id"] == 6
    assert calls(http) == [("GET", LIST % 1), ("POST", PATH + "/services?" + V)]


def test_deleting_a_deleted_service_changes_nothing(run_module, http):
    list_services(http, [GONE_API])
    result = run_module(statushub_service, args(name="API", state="absent"))
    assert result["changed"] is False and result["service"] == {}
    assert calls(http) == [("GET", LIST % 1)]


def test_an_unknown_id_fails_in_check_mode_too(run_module, http):
    http.get(HUB + "/services/9", status=404, json={"error": "Not found"})
    result = run_module(statushub_service, args(id=9, name="X"), check_mode=True)
    assert result["failed"] is True
    assert "service id 9: the hub has no service with that id" in result["msg"]


def test_a_boolean_id_is_refused_before_any_request(run_module, http):
    result = run_module(statushub_service, args(id=True, state="absent"))
    assert result["failed"] is True
    assert result["msg"] == "id must be an integer, got True"
    assert len(http.calls) == 0


# Lost answers: full identity on a lost create, a lost delete answered 404 is done, a task that wrote before failing says so.


def test_a_service_delete_whose_answer_was_lost_is_done(run_module, http):
    http.get(HUB + "/services/12", json=API)
    http.delete(HUB + "/services/12", body=LOST)
    http.delete(HUB + "/services/12", status=404, json={"error": "not found"})
    result = run_module(statushub_service, args(id=12, state="absent"))
    assert result["changed"] is True and result["service"] == API
    assert [method for method, _path in calls(http)] == ["GET", "DELETE", "DELETE"]


# stored text: names are refused with white space around them, descriptions compared and sent without it

def test_a_description_ending_in_a_newline_is_sent_trimmed(run_module, http):
    list_services(http, [WEBSITE])
    http.post(HUB + "/services", json=dict(REST_API, id=3))
    result = run_module(statushub_service, args(name="API", description="REST\n"))
    assert result["changed"] is True
    assert bodies(http)[1] == {"name": "API", "description": "REST"}


def test_a_description_ending_in_a_newline_sends_no_write_whether_the_hub_trimmed_it_or_not(run_module, http):
    list_services(http, [REST_API, dict(WEBSITE, description="Shop\n")])
    for name, description in (("API", "REST\n"), ("Website", "Shop\n")):
        result = run_module(statushub_service, args(name=name, description=description))
        assert result["changed"] is False
    assert calls(http) == [("GET", LIST % 1), ("GET", LIST % 1)]


def test_a_read_by_id_answered_with_another_shape_fails_cleanly(run_module, http):
    http.get(HUB + "/services/12", json=[])
    result = run_module(statushub_service, args(id=12, name="API", retry_timeout=0))
    assert result["failed"] is True and "NoneType" not in result["msg"]
    assert "GET /hubs/acme/services/12 returned HTTP 200: not the API's answer: a JSON array" in result["msg"]


def test_a_list_whose_page_count_lies_is_read_again_then_fails_before_any_create(run_module, http):
    for _read in range(3):
        http.get(HUB + "/services", json={"current_page": 1, "page_count": 100000, "per_page": 100, "total": 2,
                                          "data": [API, WEBSITE]})
    result = run_module(statushub_service, args(name="Status"))
    assert result["failed"] is True and not result.get("changed")
    assert "the list changed or lied while it was read, on each of 3 reads (page_count 100000 where a total of 2" \
           in result["msg"]
    assert calls(http) == [("GET", LIST % 1)] * 3
