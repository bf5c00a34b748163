# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Statusmate under lost answers: a lost create is looked up by name and parent, a lost delete answered 404 is done."""

import requests

from ansible_collections.statusops.status.plugins.modules import statusmate_component, statusmate_components
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statusmate_fakes import (
    CREATE, DELETE, LIST, TOKEN, URL, item,
)

LOST = requests.exceptions.ConnectionError("connection reset by peer")
WEBSITE = item("w-1", "Website")
CHILD_EDGE = item("e-1", "Edge")
TOP_EDGE = item("e-2", "Edge")


def args(**extra):
    return dict(dict(api_url=URL, api_token=TOKEN, retry_timeout=60), **extra)


def test_a_lost_top_level_create_never_adopts_a_namesake_child(run_module, http):
    # The list items are abbreviated (no parent): the Edge the look-up finds sits under Website, so it is not the
    # top-level one this create was for, which never reached the page and is sent again.
    http.get(LIST, json=[WEBSITE])
    http.post(CREATE, body=LOST)
    http.get(LIST, json=[WEBSITE, CHILD_EDGE])
    http.get(LIST + "?parent=w-1", json=[CHILD_EDGE])
    http.post(CREATE, status=201, json=dict(TOP_EDGE, parent=None))
    result = run_module(statusmate_components, args(components=[{"name": "Edge"}]))
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
    result = run_module(statusmate_components, args(components=tree, concurrency=1))
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
    result = run_module(statusmate_components, args(components=[{"name": "Edge"}]))
    assert result["failed"] is True and result["created"] == []
    assert "the outcome is unknown: 2 components now match what it was to create (uuids e-2 and e-3)" in result["msg"]
    assert calls(http) == [("GET", "/api-components-list/"), ("POST", "/api-components-create/"),
                           ("GET", "/api-components-list/")]


def test_a_lost_create_of_the_single_module_is_looked_up_under_its_parent(run_module, http):
    http.get(LIST, json=[WEBSITE])
    http.get(LIST + "?parent=w-1", json=[])
    http.post(CREATE, body=LOST)
    http.get(LIST, json=[WEBSITE, CHILD_EDGE])
    http.get(LIST + "?parent=w-1", json=[CHILD_EDGE])
    result = run_module(statusmate_component, args(name="Edge", parent="Website"))
    assert result["changed"] is True and result["component"]["uuid"] == "e-1"
    assert [method for method, _path in calls(http)] == ["GET", "GET", "POST", "GET", "GET"]


def test_a_component_under_a_namesake_is_not_taken_for_the_top_level_one(run_module, http):
    inner = item("e-3", "Edge")
    http.get(LIST, json=[TOP_EDGE, inner])
    http.get(LIST + "?parent=e-2", json=[inner])
    http.get(LIST + "?parent=e-3", json=[])
    result = run_module(statusmate_component, args(name="Edge"))
    assert result["changed"] is False and result["component"]["uuid"] == "e-2"


def test_a_delete_whose_answer_was_lost_and_then_answered_404_is_done(run_module, http):
    http.get(LIST, json=[TOP_EDGE])
    http.delete(DELETE % "e-2", status=502, json={"detail": "bad gateway"})
    http.delete(DELETE % "e-2", status=404, json={"detail": "Not found."})
    result = run_module(statusmate_component, args(name="Edge", state="absent"))
    assert result["changed"] is True and result.get("failed") is not True
    assert result["component"]["uuid"] == "e-2"
    assert calls(http) == [("GET", "/api-components-list/"), ("DELETE", "/api-components-delete/e-2/"),
                           ("DELETE", "/api-components-delete/e-2/")]


def test_a_first_delete_answered_404_still_fails(run_module, http):
    http.get(LIST, json=[TOP_EDGE])
    http.delete(DELETE % "e-2", status=404, json={"detail": "Not found."})
    result = run_module(statusmate_component, args(name="Edge", state="absent"))
    assert result["failed"] is True and result["status"] == 404
    assert len(http.calls) == 2


def test_a_tree_delete_whose_answer_was_lost_is_reported_deleted(run_module, http):
    http.get(LIST, json=[TOP_EDGE])
    http.delete(DELETE % "e-2", body=LOST)
    http.delete(DELETE % "e-2", status=404, json={"detail": "Not found."})
    result = run_module(statusmate_components, args(components=[{"name": "Edge"}], state="absent"))
    assert result["changed"] is True and result["deleted"] == ["Edge"]
    assert [method for method, _path in calls(http)] == ["GET", "DELETE", "DELETE"]
