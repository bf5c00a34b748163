# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import json

from ansible_collections.statusops.status.plugins.module_utils.locks import taking_turns
from ansible_collections.statusops.status.plugins.modules import statusmate_components
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import LOST, bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statusmate_fakes import (
    CHILD_EDGE, CREATE, DELETE, LIST, TOKEN, TOP_EDGE, UPDATE, URL, WEBSITE, args, item, patient_args,
)


WEBSITE_GROUP = item("w-1", "Website", "Everything customers see")
CDN = item("c-1", "CDN", "edge")
WEB = item("s-1", "Web servers")
API = item("a-1", "API")
REST = item("r-1", "REST API")

TREE = [
    {"name": "Website", "description": "Everything customers see",
     "children": [{"name": "CDN", "description": "edge"}, {"name": "Web servers"}]},
    {"name": "API", "children": [{"name": "REST API"}]},
]


def created(uuid, body):
    return dict(body, uuid=uuid, index=0, histogram=False, collapse=False, enabled=True, private=False,
                start_date="2026-01-01T00:00:00+00:00", impact=body.get("impact", "operational"),
                description=body.get("description", ""))


def serve_existing_page(http):
    http.get(LIST, json=[WEBSITE_GROUP, CDN, WEB, API, REST])
    http.get(LIST + "?parent=w-1", json=[CDN, WEB])
    http.get(LIST + "?parent=a-1", json=[REST])


def test_create_a_page_parents_before_children(run_module, http):
    http.get(LIST, json=[])
    for uuid in ("w-1", "c-1", "s-1", "a-1", "r-1"):
        http.post(CREATE, status=201, json={"uuid": uuid})
    result = run_module(statusmate_components, args(components=TREE, concurrency=1))
    assert result["changed"] is True
    assert result["created"] == ["Website", "Website/CDN", "Website/Web servers", "API", "API/REST API"]
    assert result["updated"] == [] and result["deleted"] == []
    assert calls(http) == [("GET", "/api-components-list/")] + [("POST", "/api-components-create/")] * 5
    assert bodies(http)[1:] == [
        {"name": "Website", "description": "Everything customers see", "parent": None},
        {"name": "CDN", "description": "edge", "parent": "w-1"},
        {"name": "Web servers", "parent": "w-1"},
        {"name": "API", "parent": None},
        {"name": "REST API", "parent": "a-1"},
    ]
    assert http.calls[1].request.headers["Authorization"] == TOKEN


def test_returned_tree_has_the_input_shape(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, status=201, json=created("w-1", {"name": "Website", "parent": None}))
    http.post(CREATE, status=201, json=created("c-1", {"name": "CDN", "parent": "w-1", "description": "edge"}))
    result = run_module(statusmate_components, args(components=[{"name": "Website", "children": [{"name": "CDN", "description": "edge"}]}]))
    common = {"index": 0, "impact": "operational", "histogram": False, "collapse": False, "enabled": True,
              "private": False, "start_date": "2026-01-01T00:00:00+00:00"}
    assert result["components"] == [dict(common, name="Website", description="",
                                         children=[dict(common, name="CDN", description="edge")])]


def test_check_mode_creates_children_of_a_group_that_would_be_created_without_looking_them_up(run_module, http):
    http.get(LIST, json=[WEBSITE_GROUP, CDN, WEB])
    http.get(LIST + "?parent=w-1", json=[CDN, WEB])
    result = run_module(statusmate_components, args(components=TREE), check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["created"] == ["API", "API/REST API"]
    assert result["updated"] == [] and result["deleted"] == []
    assert calls(http) == [("GET", "/api-components-list/"), ("GET", "/api-components-list/?parent=w-1")]
    assert result["components"][1] == {"name": "API", "children": [{"name": "REST API"}]}
    assert result["diff"]["before"] == {"components": [
        {"name": "Website", "description": "Everything customers see", "impact": "operational", "children": [
            {"name": "CDN", "description": "edge", "impact": "operational"},
            {"name": "Web servers", "description": "", "impact": "operational"}]}]}
    assert result["diff"]["after"]["components"][1] == {"name": "API", "children": [{"name": "REST API"}]}


def test_unchanged_page_sends_one_list_and_one_query_per_group_and_no_write(run_module, http):
    serve_existing_page(http)
    result = run_module(statusmate_components, args(components=TREE))
    assert result["changed"] is False
    assert result["created"] == [] and result["updated"] == [] and result["deleted"] == []
    assert result["unverified"] == {}
    # The groups' children are read at once, in any order.
    assert calls(http)[0] == ("GET", "/api-components-list/")
    assert sorted(calls(http)[1:]) == [("GET", "/api-components-list/?parent=a-1"), ("GET", "/api-components-list/?parent=w-1")]


def test_unchanged_page_with_full_items_sends_one_list(run_module, http):
    full = [dict(WEBSITE_GROUP, parent=None, index=0), dict(CDN, parent="w-1", index=0), dict(WEB, parent="w-1", index=1),
            dict(API, parent=None, index=1), dict(REST, parent="a-1", index=0)]
    http.get(LIST, json=full)
    tree = [dict(TREE[0], index=0), dict(TREE[1], index=1)]
    result = run_module(statusmate_components, args(components=tree))
    assert result["changed"] is False and result["unverified"] == {}
    assert calls(http) == [("GET", "/api-components-list/")]


def serve_page_during_an_incident(http):
    """The existing page, with CDN in a major outage."""
    http.get(LIST, json=[WEBSITE_GROUP, OUTAGE_CDN, WEB, API, REST])
    http.get(LIST + "?parent=w-1", json=[OUTAGE_CDN, WEB])
    http.get(LIST + "?parent=a-1", json=[REST])


OUTAGE_CDN = item("c-1", "CDN", "edge", impact="major_outage")
# The page as a nightly provisioning run declares it, with the impacts of a quiet day.
TREE_WITH_IMPACTS = [dict(TREE[0], impact="operational",
                          children=[{"name": "CDN", "description": "edge", "impact": "operational"}, {"name": "Web servers"}]),
                     TREE[1]]


def test_an_existing_component_keeps_its_live_impact_by_default(run_module, http):
    serve_page_during_an_incident(http)
    result = run_module(statusmate_components, args(components=TREE_WITH_IMPACTS), diff=True)
    assert result["changed"] is False
    assert result["updated"] == [] and result["created"] == []
    assert all(method == "GET" for method, _path in calls(http))
    assert result["components"][0]["children"][0]["impact"] == "major_outage"
    assert result["diff"]["before"] == result["diff"]["after"]


def test_check_mode_shows_no_impact_change_for_an_existing_component(run_module, http):
    serve_page_during_an_incident(http)
    result = run_module(statusmate_components, args(components=TREE_WITH_IMPACTS, update_impact="on_create"),
                        check_mode=True, diff=True)
    assert result["changed"] is False and result["updated"] == []
    assert all(method == "GET" for method, _path in calls(http))
    assert result["diff"]["before"] == result["diff"]["after"]


def test_an_update_for_another_field_carries_the_live_impact(run_module, http):
    serve_page_during_an_incident(http)
    http.post(UPDATE % "c-1", json=dict(OUTAGE_CDN, description="edge caches", parent="w-1"))
    tree = [dict(TREE[0], children=[{"name": "CDN", "description": "edge caches", "impact": "operational"},
                                    {"name": "Web servers"}]), TREE[1]]
    result = run_module(statusmate_components, args(components=tree))
    assert result["updated"] == ["Website/CDN"]
    assert calls(http)[3:] == [("POST", "/api-components-update/c-1/")]
    assert bodies(http)[3] == {"uuid": "c-1", "name": "CDN", "description": "edge caches", "parent": "w-1",
                               "impact": "major_outage"}


def test_a_new_component_is_created_with_its_declared_impact(run_module, http):
    serve_page_during_an_incident(http)
    http.post(CREATE, status=201, json={"uuid": "g-1"})
    tree = [dict(TREE_WITH_IMPACTS[0], children=TREE_WITH_IMPACTS[0]["children"] + [
        {"name": "Gateway", "impact": "under_maintenance"}]), TREE[1]]
    result = run_module(statusmate_components, args(components=tree))
    assert result["changed"] is True
    assert result["created"] == ["Website/Gateway"] and result["updated"] == []
    assert calls(http)[3:] == [("POST", "/api-components-create/")]
    assert bodies(http)[3] == {"name": "Gateway", "impact": "under_maintenance", "parent": "w-1"}


def test_update_impact_always_resets_the_live_impact_in_one_update_with_every_known_field(run_module, http):
    serve_page_during_an_incident(http)
    http.post(UPDATE % "c-1", json=dict(CDN, parent="w-1"))
    result = run_module(statusmate_components, args(components=TREE_WITH_IMPACTS, update_impact="always"), diff=True)
    assert result["changed"] is True and result["updated"] == ["Website/CDN"]
    assert calls(http)[3:] == [("POST", "/api-components-update/c-1/")]
    assert bodies(http)[3] == {"uuid": "c-1", "name": "CDN", "description": "edge", "parent": "w-1", "impact": "operational"}
    before_cdn = result["diff"]["before"]["components"][0]["children"][0]
    after_cdn = result["diff"]["after"]["components"][0]["children"][0]
    assert (before_cdn["impact"], after_cdn["impact"]) == ("major_outage", "operational")


def test_a_bad_update_impact_fails_before_any_request_naming_it(run_module, http):
    result = run_module(statusmate_components, args(components=TREE, update_impact="sometimes"))
    assert result["failed"] is True
    assert "update_impact" in result["msg"] and "sometimes" in result["msg"]
    assert len(http.calls) == 0


def test_unverifiable_fields_are_reported_per_path_and_sent_only_on_request(run_module, http):
    serve_existing_page(http)
    tree = [dict(TREE[0], index=0), TREE[1]]
    result = run_module(statusmate_components, args(components=tree))
    assert result["changed"] is False
    assert result["unverified"] == {"Website": ["index"]}
    assert len(http.calls) == 3


def test_update_unverified_sends_them(run_module, http):
    serve_existing_page(http)
    http.post(UPDATE % "w-1", json=dict(WEBSITE_GROUP, parent=None, index=0))
    tree = [dict(TREE[0], index=0), TREE[1]]
    result = run_module(statusmate_components, args(components=tree, update_unverified=True))
    assert result["changed"] is True and result["updated"] == ["Website"]
    assert bodies(http)[3] == {"uuid": "w-1", "name": "Website", "description": "Everything customers see",
                               "parent": None, "impact": "operational", "index": 0}


def test_prune_deletes_undeclared_components_children_first(run_module, http):
    legacy, ftp, old = item("l-1", "Legacy"), item("f-1", "FTP"), item("o-1", "Old CDN")
    http.get(LIST, json=[WEBSITE_GROUP, CDN, WEB, old, API, REST, legacy, ftp])
    http.get(LIST + "?parent=w-1", json=[CDN, WEB, old])
    http.get(LIST + "?parent=a-1", json=[REST])
    http.get(LIST + "?parent=o-1", json=[])
    http.get(LIST + "?parent=l-1", json=[ftp])
    http.get(LIST + "?parent=f-1", json=[])
    http.delete(DELETE % "o-1", status=204)
    http.delete(DELETE % "f-1", status=204)
    http.delete(DELETE % "l-1", status=204)
    result = run_module(statusmate_components, args(components=TREE, prune=True))
    assert result["changed"] is True
    assert result["deleted"] == ["Website/Old CDN", "Legacy/FTP", "Legacy"]
    deletes = [path for method, path in calls(http) if method == "DELETE"]
    assert sorted(deletes) == ["/api-components-delete/f-1/", "/api-components-delete/l-1/", "/api-components-delete/o-1/"]
    assert deletes.index("/api-components-delete/f-1/") < deletes.index("/api-components-delete/l-1/")


def test_prune_with_full_items_reads_once(run_module, http):
    full = [dict(WEBSITE_GROUP, parent=None), dict(CDN, parent="w-1"), dict(WEB, parent="w-1"), dict(API, parent=None),
            dict(REST, parent="a-1"), dict(item("l-1", "Legacy"), parent=None), dict(item("f-1", "FTP"), parent="l-1")]
    http.get(LIST, json=full)
    http.delete(DELETE % "f-1", status=204)
    http.delete(DELETE % "l-1", status=204)
    result = run_module(statusmate_components, args(components=TREE, prune=True))
    assert result["deleted"] == ["Legacy/FTP", "Legacy"]
    assert calls(http) == [("GET", "/api-components-list/"), ("DELETE", "/api-components-delete/f-1/"),
                           ("DELETE", "/api-components-delete/l-1/")]


def test_prune_in_check_mode_reports_but_never_deletes(run_module, http):
    legacy = item("l-1", "Legacy")
    http.get(LIST, json=[WEBSITE_GROUP, CDN, WEB, API, REST, legacy])
    http.get(LIST + "?parent=w-1", json=[CDN, WEB])
    http.get(LIST + "?parent=a-1", json=[REST])
    http.get(LIST + "?parent=l-1", json=[])
    result = run_module(statusmate_components, args(components=TREE, prune=True), check_mode=True)
    assert result["changed"] is True and result["deleted"] == ["Legacy"]
    assert all(method == "GET" for method, _path in calls(http))


def test_prune_of_an_empty_list_is_refused_before_any_request(run_module, http):
    result = run_module(statusmate_components, args(components=[], prune=True))
    assert result["failed"] is True
    assert "allow_empty" in result["msg"]
    assert len(http.calls) == 0


def test_prune_of_an_empty_list_with_allow_empty_deletes_everything(run_module, http):
    http.get(LIST, json=[dict(API, parent=None), dict(REST, parent="a-1")])
    http.delete(DELETE % "r-1", status=204)
    http.delete(DELETE % "a-1", status=204)
    result = run_module(statusmate_components, args(components=[], prune=True, allow_empty=True))
    assert result["deleted"] == ["API/REST API", "API"]
    assert result["components"] == []


def test_state_absent_deletes_exactly_the_declared_ones_children_first(run_module, http):
    http.get(LIST, json=[WEBSITE_GROUP, CDN, WEB, API, REST])
    http.get(LIST + "?parent=w-1", json=[CDN, WEB])
    http.delete(DELETE % "c-1", status=204)
    http.delete(DELETE % "w-1", status=204)
    tree = [{"name": "Website", "children": [{"name": "CDN"}]}, {"name": "Nope"}]
    result = run_module(statusmate_components, args(components=tree, state="absent"))
    assert result["changed"] is True
    assert result["deleted"] == ["Website/CDN", "Website"]
    assert result["components"] == []
    assert calls(http) == [("GET", "/api-components-list/"), ("GET", "/api-components-list/?parent=w-1"),
                           ("DELETE", "/api-components-delete/c-1/"), ("DELETE", "/api-components-delete/w-1/")]


def test_state_absent_of_what_is_not_there_changes_nothing(run_module, http):
    http.get(LIST, json=[])
    result = run_module(statusmate_components, args(components=TREE, state="absent"))
    assert result["changed"] is False and result["deleted"] == []


def test_two_matches_fail_naming_both_before_any_write(run_module, http):
    http.get(LIST, json=[WEBSITE_GROUP, CDN, dict(CDN, uuid="c-2"), WEB])
    http.get(LIST + "?parent=w-1", json=[CDN, dict(CDN, uuid="c-2"), WEB])
    tree = [dict(TREE[0], children=[{"name": "CDN", "impact": "major_outage"}])]
    result = run_module(statusmate_components, args(components=tree, prune=True))
    assert result["failed"] is True
    assert "'Website/CDN'" in result["msg"] and "c-1 and c-2" in result["msg"]
    assert all(method == "GET" for method, _path in calls(http))


def test_two_top_level_matches_fail_naming_both(run_module, http):
    http.get(LIST, json=[API, dict(API, uuid="a-2")])
    result = run_module(statusmate_components, args(components=[{"name": "API"}]))
    assert result["failed"] is True
    assert "'API'" in result["msg"] and "a-1 and a-2" in result["msg"]


def test_a_child_with_a_top_level_name_is_told_apart_by_its_declared_group(run_module, http):
    inner = item("a-2", "API")
    http.get(LIST, json=[API, WEBSITE_GROUP, inner])
    http.get(LIST + "?parent=w-1", json=[inner])
    tree = [{"name": "API"}, {"name": "Website", "description": "Everything customers see", "children": [{"name": "API"}]}]
    result = run_module(statusmate_components, args(components=tree))
    assert result["changed"] is False
    assert len(http.calls) == 2


def test_a_lost_create_answer_is_looked_up_before_sending_again(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, status=503, json={"detail": "unavailable"})
    http.get(LIST, json=[dict(API, parent=None)])
    result = run_module(statusmate_components, args(components=[{"name": "API"}]))
    assert result["changed"] is True and result["created"] == ["API"]
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"), ("GET", "/api-components-list/")]


def test_bad_items_fail_before_any_request(run_module, http):
    tree = [{"name": "Website", "children": [{"name": "CDN", "index": 40000}, {"name": "CDN"}, {"nom": "x"},
                                             {"name": "Edge", "impact": "fine"}]}]
    result = run_module(statusmate_components, args(components=tree))
    assert result["failed"] is True
    assert "components[0].children[0] (Website/CDN): index must be between 0 and 32767, got 40000" in result["msg"]
    assert "Website/CDN is declared twice" in result["msg"]
    assert "components[0].children[2]" in result["msg"] and "nom" in result["msg"]
    assert "components[0].children[3]" in result["msg"] and "impact" in result["msg"]
    assert len(http.calls) == 0


def test_write_failure_reports_what_was_done(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, status=201, json={"uuid": "a-1"})
    http.post(CREATE, status=400, json={"name": ["This field may not be blank."]})
    result = run_module(statusmate_components, args(components=[{"name": "API", "children": [{"name": "REST API"}]}]))
    assert result["failed"] is True and result["changed"] is True
    assert result["created"] == ["API"]
    assert "POST /api-components-create/ returned HTTP 400" in result["msg"]


def test_token_never_in_output_on_auth_failure(run_module, http):
    http.get(LIST, status=401, json={"detail": "Invalid token %s." % TOKEN})
    result = run_module(statusmate_components, args(components=TREE))
    assert result["failed"] is True
    assert TOKEN not in str(result)


def test_prune_learns_that_a_component_taken_for_top_level_sits_in_an_undeclared_group(run_module, http):
    old, inner = item("o-1", "Old"), dict(CDN)
    http.get(LIST, json=[old, inner])
    http.get(LIST + "?parent=o-1", json=[inner])
    http.get(LIST + "?parent=c-1", json=[])
    http.post(CREATE, status=201, json={"uuid": "c-9"})
    http.delete(DELETE % "c-1", status=204)
    http.delete(DELETE % "o-1", status=204)
    result = run_module(statusmate_components, args(components=[{"name": "CDN", "description": "edge"}], prune=True))
    assert result["created"] == ["CDN"]
    assert result["deleted"] == ["Old/CDN", "Old"]
    creates = [body for (method, path), body in zip(calls(http), bodies(http)) if path == "/api-components-create/"]
    assert creates == [{"name": "CDN", "description": "edge", "parent": None}]
    deletes = [path for method, path in calls(http) if method == "DELETE"]
    assert deletes == ["/api-components-delete/c-1/", "/api-components-delete/o-1/"]


def test_a_boolean_index_is_refused_before_any_request(run_module, http):
    tree = [{"name": "Website", "index": False, "children": [{"name": "CDN", "index": True}]}]
    result = run_module(statusmate_components, args(components=tree))
    assert result["failed"] is True
    assert "components[0] (Website): index must be an integer, got False" in result["msg"]
    assert "components[0].children[0] (Website/CDN): index must be an integer, got True" in result["msg"]
    assert len(http.calls) == 0


def test_a_group_declared_inside_its_own_child_is_never_moved_there(run_module, http):
    # Identity is the path: the live Website/CDN is not the declared CDN/Website, so nothing live moves below itself.
    full = [dict(WEBSITE_GROUP, parent=None), dict(CDN, parent="w-1")]
    http.get(LIST, json=full)
    http.post(CREATE, status=201, json=created("c-2", {"name": "CDN", "parent": None}))
    http.post(CREATE, status=201, json=created("w-2", {"name": "Website", "parent": "c-2"}))
    result = run_module(statusmate_components, args(components=[{"name": "CDN", "children": [{"name": "Website"}]}]))
    assert result["created"] == ["CDN", "CDN/Website"] and result["updated"] == []
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"),
                           ("POST", "/api-components-create/")]
    assert bodies(http)[2] == {"name": "Website", "parent": "c-2"}


def named_uuid(request):
    """A create's answer: the component with a uuid made from its name."""
    body = json.loads(request.body)
    return (201, {}, json.dumps(dict(body, uuid="u-" + body["name"])))


def test_concurrent_creates_put_each_child_after_its_group_under_the_group_s_uuid(run_module, http):
    http.get(LIST, json=[])
    http.add_callback("POST", CREATE, callback=named_uuid, content_type="application/json")
    tree = [{"name": "G%d" % group, "children": [{"name": "G%d-C%d" % (group, child)} for child in range(4)]}
            for group in range(3)]
    result = run_module(statusmate_components, args(components=tree, concurrency=4))
    assert result["created"] == [name for group in range(3)
                                 for name in ["G%d" % group] + ["G%d/G%d-C%d" % (group, group, child) for child in range(4)]]
    created = [body for (_method, path), body in zip(calls(http), bodies(http)) if path == "/api-components-create/"]
    assert len(created) == 15
    order = [body["name"] for body in created]
    for body in created:
        if body["parent"] is not None:
            assert body["parent"] == "u-" + body["name"].split("-")[0]
            assert order.index(body["name"].split("-")[0]) < order.index(body["name"])


def test_concurrency_below_one_fails_before_any_request(run_module, http):
    result = run_module(statusmate_components, args(components=TREE, concurrency=0))
    assert result["failed"] is True
    assert "concurrency must be 1 or more, got 0" in result["msg"]


# Lost answers: a lost create is looked up by name and parent, a lost delete answered 404 is done.


def test_a_lost_top_level_create_never_adopts_a_namesake_child(run_module, http):
    # The list items are abbreviated (no parent): the Edge the look-up finds sits under Website, so it is not the
    # top-level one this create was for, which never reached the page and is sent again.
    http.get(LIST, json=[WEBSITE])
    http.post(CREATE, body=LOST)
    http.get(LIST, json=[WEBSITE, CHILD_EDGE])
    http.get(LIST + "?parent=w-1", json=[CHILD_EDGE])
    http.post(CREATE, status=201, json=dict(TOP_EDGE, parent=None))
    result = run_module(statusmate_components, patient_args(components=[{"name": "Edge"}]))
    assert result["changed"] is True and result["created"] == ["Edge"]
    assert result["components"] == [{"name": "Edge", "description": "", "impact": "operational"}]
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"),
                           ("GET", "/api-components-list/"), ("GET", "/api-components-list/?parent=w-1"),
                           ("POST", "/api-components-create/")]
    assert bodies(http)[1] == bodies(http)[4] == {"name": "Edge", "parent": None}


def test_a_lost_top_level_create_adopts_the_top_level_one_beside_the_child_made_by_the_run(run_module, http):
    http.get(LIST, json=[WEBSITE])
    http.get(LIST + "?parent=w-1", json=[])
    http.post(CREATE, status=201, json=dict(CHILD_EDGE, parent="w-1"))
    http.post(CREATE, body=LOST)
    http.get(LIST, json=[WEBSITE, CHILD_EDGE, TOP_EDGE])
    http.get(LIST + "?parent=w-1", json=[CHILD_EDGE])
    http.get(LIST + "?parent=e-1", json=[])
    tree = [{"name": "Website", "children": [{"name": "Edge"}]}, {"name": "Edge"}]
    result = run_module(statusmate_components, patient_args(components=tree, concurrency=1))
    assert result["changed"] is True and result["created"] == ["Website/Edge", "Edge"]
    assert calls(http) == [("GET", "/api-components-list/"), ("GET", "/api-components-list/?parent=w-1"),
                           ("POST", "/api-components-create/"), ("POST", "/api-components-create/"),
                           ("GET", "/api-components-list/"), ("GET", "/api-components-list/?parent=w-1"),
                           ("GET", "/api-components-list/?parent=e-1")]
    assert bodies(http)[2:4] == [{"name": "Edge", "parent": "w-1"}, {"name": "Edge", "parent": None}]


def test_a_lost_create_with_two_candidates_fails_naming_both_and_adopts_neither(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, body=LOST)
    http.get(LIST, json=[dict(TOP_EDGE, parent=None), dict(item("e-3", "Edge"), parent=None)])
    result = run_module(statusmate_components, patient_args(components=[{"name": "Edge"}]))
    assert result["failed"] is True and result["created"] == []
    assert "the outcome is unknown: 2 components now match what it was to create (uuids e-2 and e-3)" in result["msg"]
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"),
                           ("GET", "/api-components-list/")]


def test_a_tree_delete_whose_answer_was_lost_is_reported_deleted(run_module, http):
    http.get(LIST, json=[TOP_EDGE])
    http.delete(DELETE % "e-2", body=LOST)
    http.delete(DELETE % "e-2", status=404, json={"detail": "Not found."})
    result = run_module(statusmate_components, patient_args(components=[{"name": "Edge"}], state="absent"))
    assert result["changed"] is True and result["deleted"] == ["Edge"]
    assert [method for method, _path in calls(http)] == ["GET", "DELETE", "DELETE"]


# stored text (API_CONTRACT.md: the server trims names and descriptions)

def test_descriptions_ending_in_a_newline_match_the_stored_ones(run_module, http):
    serve_existing_page(http)
    declared = [{"name": "Website", "description": "Everything customers see\n",
                 "children": [{"name": "CDN", "description": "edge\n"}, {"name": "Web servers", "description": "\n"}]},
                {"name": "API", "children": [{"name": "REST API"}]}]
    result = run_module(statusmate_components, args(components=declared))
    assert result["changed"] is False
    assert [method for method, _path in calls(http)] == ["GET", "GET", "GET"]


# two runs on one page take turns (ansible_module.turn_on)

def test_a_run_while_another_holds_the_page_waits_then_fails_before_any_request(run_module, http):
    with taking_turns((URL, "page", TOKEN), 0):
        result = run_module(statusmate_components, args(components=TREE, retry_timeout=0))
    assert result["failed"] is True
    assert "another run has held the lock" in result["msg"] and "Nothing was changed." in result["msg"]
    assert TOKEN not in result["msg"]
    assert len(http.calls) == 0


def test_check_mode_takes_no_turn(run_module, http):
    serve_existing_page(http)
    with taking_turns((URL, "page", TOKEN), 0):
        result = run_module(statusmate_components, args(components=TREE, retry_timeout=0), check_mode=True)
    assert result["changed"] is False


def test_another_page_does_not_wait(run_module, http):
    serve_existing_page(http)
    with taking_turns((URL, "page", "another-page-token"), 0):
        result = run_module(statusmate_components, args(components=TREE, retry_timeout=0))
    assert result["changed"] is False


PORTAL = "<!DOCTYPE html><html><body>Sign in to the network</body></html>"


def test_a_list_answered_by_a_proxy_fails_naming_the_request_and_creates_nothing(run_module, http):
    http.get(LIST, body=PORTAL, content_type="text/html")
    result = run_module(statusmate_components, args(components=TREE, retry_timeout=0))
    assert result["failed"] is True and not result.get("changed")
    assert result["msg"].startswith("GET /api-components-list/ returned HTTP 200: not the API's answer: a body that is not "
                                    "JSON where a JSON array of objects was due (content type text/html; the body "
                                    "begins \"<!DOCTYPE html>")
    assert calls(http) == [("GET", "/api-components-list/")]


def test_a_create_whose_answer_is_cut_is_looked_up_and_the_tree_goes_on(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, status=201, body='{"uuid": "a-1", "na', content_type="application/json")
    http.get(LIST, json=[dict(API, parent=None)])
    http.post(CREATE, status=201, json=created("r-1", {"name": "REST API", "parent": "a-1"}))
    result = run_module(statusmate_components, args(components=[{"name": "API", "children": [{"name": "REST API"}]}],
                                                    concurrency=1))
    assert result["changed"] is True and result["created"] == ["API", "API/REST API"]
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"),
                           ("GET", "/api-components-list/"), ("POST", "/api-components-create/")]


def test_a_cut_create_answer_whose_look_up_fails_says_what_was_done_and_may_have_been(run_module, http):
    http.get(LIST, json=[])
    http.post(CREATE, status=201, json=created("a-1", {"name": "API", "parent": None}))
    http.post(CREATE, status=201, body='{"uuid": "w-', content_type="application/json")
    http.get(LIST, body="null", content_type="application/json")
    result = run_module(statusmate_components, args(components=[{"name": "API"}, {"name": "Website"}], concurrency=1,
                                                    retry_timeout=0))
    assert result["failed"] is True and result["changed"] is True and result["created"] == ["API"]
    assert result["msg"].startswith("POST /api-components-create/ returned HTTP 201: not the API's answer: a body that is "
                                    "not whole JSON")
    assert "the request may have been carried out; the outcome is unknown: looking for what it may have created " \
           "failed: GET /api-components-list/ returned HTTP 200: not the API's answer: JSON null" in result["msg"]
