# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""statushub_services: the exact requests it sends (one read of every page, then one write per change)."""

from ansible_collections.statusops.status.plugins.modules import statushub_services
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import LOST, bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    API, DASHBOARD, EDGE, GONE_API, HUB, PATH, REST_API, V, WEBSITE, args, paged,
)

LIST = PATH + "/services?" + V + "&deleted=false&extend=flags&page=%d&per_page=100"
ONE = PATH + "/services/%d?" + V
STATUS = {"id": 14, "name": "Status", "description": "old"}


def test_every_page_is_read_once_before_the_writes(run_module, http):
    paged(http, HUB + "/services", [API, DASHBOARD], [STATUS], deleted="false", extend="flags")
    http.put(HUB + "/services/14", json=dict(STATUS, description="new"))
    http.post(HUB + "/services", json={"id": 15, "name": "Mobile", "description": ""})
    declared = [{"name": "API"}, {"name": "Dashboard"}, {"name": "Status", "description": "new"}, {"name": "Mobile"}]
    result = run_module(statushub_services, args(services=declared, concurrency=1))
    assert result["changed"] is True
    assert calls(http) == [("GET", LIST % 1), ("GET", LIST % 2), ("PUT", ONE % 14), ("POST", PATH + "/services?" + V)]
    assert bodies(http)[2:] == [{"description": "new"}, {"name": "Mobile"}]


def test_prune_with_allow_empty_deletes_every_service(run_module, http):
    paged(http, HUB + "/services", [API, DASHBOARD], deleted="false", extend="flags")
    http.delete(HUB + "/services/12", status=204)
    http.delete(HUB + "/services/13", status=204)
    result = run_module(statushub_services, args(services=[], prune=True, allow_empty=True, concurrency=1))
    assert result["changed"] is True and result["deleted"] == [API, DASHBOARD] and result["services"] == []
    assert calls(http) == [("GET", LIST % 1), ("DELETE", ONE % 12), ("DELETE", ONE % 13)]
    assert bodies(http) == [None, None, None]


def test_absent_in_check_mode_only_reads(run_module, http):
    paged(http, HUB + "/services", [API, DASHBOARD], deleted="false", extend="flags")
    result = run_module(statushub_services, args(services=[{"name": "API"}], state="absent"), check_mode=True, diff=True)
    assert result["changed"] is True and result["deleted"] == [API]
    assert calls(http) == [("GET", LIST % 1)]


def test_a_failed_write_stops_the_run(run_module, http):
    paged(http, HUB + "/services", [API], deleted="false", extend="flags")
    http.post(HUB + "/services", status=422, json={"error": "name is too long"})
    result = run_module(statushub_services, args(services=[{"name": "API"}, {"name": "Mobile"}, {"name": "Web"}], concurrency=1))
    assert result["failed"] is True and "HTTP 422: name is too long" in result["msg"]
    assert calls(http) == [("GET", LIST % 1), ("POST", PATH + "/services?" + V)]


DECLARED = [{"name": "API", "description": "REST v2"}, {"name": "Mobile"}]


def test_set_creates_updates_and_prunes_one_write_each(run_module, http):
    paged(http, HUB + "/services", [REST_API, WEBSITE], deleted="false", extend="flags")
    http.delete(HUB + "/services/2", status=204)
    http.put(HUB + "/services/1", json=dict(REST_API, description="REST v2"))
    http.post(HUB + "/services", json={"id": 3, "name": "Mobile", "description": ""})
    result = run_module(statushub_services, args(services=DECLARED, prune=True, concurrency=1))
    assert result["changed"] is True
    assert result["created"] == [{"id": 3, "name": "Mobile", "description": ""}]
    assert result["updated"] == [dict(REST_API, description="REST v2")]
    assert result["deleted"] == [WEBSITE]
    assert [item["name"] for item in result["services"]] == ["API", "Mobile"]
    assert calls(http) == [
        ("GET", LIST % 1),
        ("DELETE", ONE % 2),
        ("PUT", ONE % 1),
        ("POST", PATH + "/services?" + V),
    ]
    assert bodies(http)[2:] == [{"description": "REST v2"}, {"name": "Mobile"}]


def test_set_in_check_mode_only_reads(run_module, http):
    paged(http, HUB + "/services", [REST_API, WEBSITE], deleted="false", extend="flags")
    result = run_module(statushub_services, args(services=DECLARED, prune=True), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["created"] == [{"id": None, "name": "Mobile", "description": ""}]
    assert result["deleted"] == [WEBSITE]
    assert calls(http) == [("GET", LIST % 1)]


def test_set_unchanged_sends_no_write(run_module, http):
    paged(http, HUB + "/services", [REST_API, WEBSITE], deleted="false", extend="flags")
    result = run_module(statushub_services, args(services=[{"name": "API", "description": "REST"}, {"name": "Website"}]))
    assert result["changed"] is False
    assert result["created"] == result["updated"] == result["deleted"] == []
    assert calls(http) == [("GET", LIST % 1)]


def test_set_absent_deletes_declared_only(run_module, http):
    paged(http, HUB + "/services", [REST_API, WEBSITE], deleted="false", extend="flags")
    http.delete(HUB + "/services/1", status=204)
    result = run_module(statushub_services, args(services=[{"name": "API"}, {"name": "Nope"}], state="absent"))
    assert result["deleted"] == [REST_API] and result["services"] == [WEBSITE]
    assert calls(http)[-1] == ("DELETE", ONE % 1)


def test_set_empty_with_prune_needs_allow_empty(run_module, http):
    result = run_module(statushub_services, args(services=[], prune=True))
    assert result["failed"] is True and "allow_empty" in result["msg"]
    assert len(http.calls) == 0


def test_set_duplicate_in_hub_fails_before_any_write(run_module, http):
    paged(http, HUB + "/services", [REST_API, dict(REST_API, id=9), WEBSITE], deleted="false", extend="flags")
    result = run_module(statushub_services, args(services=[{"name": "API"}], prune=True))
    assert result["failed"] is True and "ids 1 and 9; give its id to choose one" in result["msg"]
    assert calls(http) == [("GET", LIST % 1)]


def test_set_duplicate_in_declared_list_fails(run_module, http):
    result = run_module(statushub_services, args(services=[{"name": "API"}, {"name": "API"}]))
    assert result["failed"] is True and "services[1].name 'API' is declared more than once" in result["msg"]
    assert len(http.calls) == 0


def test_set_neither_matches_nor_prunes_a_deleted_service(run_module, http):
    paged(http, HUB + "/services", [GONE_API, dict(GONE_API, id=8, name="Old"), WEBSITE], deleted="false", extend="flags")
    http.post(HUB + "/services", json=dict(REST_API, id=6))
    result = run_module(statushub_services, args(services=[{"name": "API", "description": "REST"}, {"name": "Website"}],
                                                 prune=True))
    assert result["created"] == [dict(REST_API, id=6)] and result["deleted"] == []
    assert calls(http) == [("GET", LIST % 1), ("POST", PATH + "/services?" + V)]


# Lost answers: full identity on a lost create, a lost delete answered 404 is done, a task that wrote before failing says so.


def test_a_lost_service_create_adopts_the_one_it_made_beside_a_look_alike(run_module, http):
    lookalike = {"id": 20, "name": "edge", "description": ""}
    paged(http, HUB + "/services", [API, lookalike], deleted="false", extend="flags")
    http.post(HUB + "/services", body=LOST)
    paged(http, HUB + "/services", [API, lookalike, EDGE], deleted="false", extend="flags")
    result = run_module(statushub_services, args(services=[{"name": "Edge"}], concurrency=1))
    assert result["changed"] is True and result["created"] == [EDGE]
    assert result["services"] == [API, lookalike, EDGE]
    assert calls(http) == [("GET", LIST % 1), ("POST", PATH + "/services?" + V), ("GET", LIST % 1)]


def test_a_lost_service_create_with_two_new_namesakes_fails_naming_both(run_module, http):
    paged(http, HUB + "/services", [API], deleted="false", extend="flags")
    http.post(HUB + "/services", body=LOST)
    paged(http, HUB + "/services", [API, EDGE, dict(EDGE, id=22)], deleted="false", extend="flags")
    result = run_module(statushub_services, args(services=[{"name": "Edge"}], concurrency=1))
    assert result["failed"] is True and result["created"] == []
    assert "the outcome is unknown: 2 services now match what it was to create (ids 21 and 22)" in result["msg"]
    assert calls(http) == [("GET", LIST % 1), ("POST", PATH + "/services?" + V), ("GET", LIST % 1)]


def test_a_pruned_service_whose_delete_answer_was_lost_is_reported_deleted(run_module, http):
    paged(http, HUB + "/services", [API], deleted="false", extend="flags")
    http.delete(HUB + "/services/12", status=503, json={"error": "unavailable"})
    http.delete(HUB + "/services/12", status=404, json={"error": "not found"})
    result = run_module(statushub_services, args(services=[], prune=True, allow_empty=True, concurrency=1))
    assert result["changed"] is True and result["deleted"] == [API] and result["services"] == []
    assert calls(http) == [("GET", LIST % 1), ("DELETE", PATH + "/services/12?" + V), ("DELETE", PATH + "/services/12?" + V)]


def test_descriptions_ending_in_a_newline_send_no_write(run_module, http):
    paged(http, HUB + "/services", [API, STATUS], deleted="false", extend="flags")
    result = run_module(statushub_services, args(services=[{"name": "API", "description": "\n"},
                                                           {"name": "Status", "description": "old\n"}]))
    assert result["changed"] is False
    assert calls(http) == [("GET", LIST % 1)]
