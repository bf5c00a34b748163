# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.statusops.status.plugins.modules import statusmate_component_info
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statusmate_fakes import CDN, LIST, WEBSITE, args

API = {"uuid": "a-1", "name": "API", "description": "", "impact": "major_outage"}


def test_list_is_the_default(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN])
    result = run_module(statusmate_component_info, args())
    assert result["changed"] is False
    assert result["components"] == [WEBSITE, CDN]
    assert "page" not in result


def test_tree_with_abbreviated_items_reads_the_children_of_every_component(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN, API])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.get(LIST + "?parent=c-1", json=[])
    http.get(LIST + "?parent=a-1", json=[])
    result = run_module(statusmate_component_info, args(format="tree"))
    assert result["changed"] is False
    assert result["page"] == [
        {"name": "Website", "description": "", "children": [{"name": "CDN", "description": "edge"}]},
        {"name": "API", "description": ""},
    ]
    assert [(item["name"], item["parent"]) for item in result["components"]] == [("Website", None), ("CDN", "w-1"), ("API", None)]
    assert [item["impact"] for item in result["components"]] == ["operational", "operational", "major_outage"]
    assert len(calls(http)) == 4


def test_tree_carries_the_live_impact_only_when_asked(run_module, http):
    http.get(LIST, json=[dict(WEBSITE, parent=None), dict(CDN, parent="w-1"), dict(API, parent=None)])
    result = run_module(statusmate_component_info, args(format="tree", include_impact=True))
    assert result["page"] == [
        {"name": "Website", "description": "", "impact": "operational",
         "children": [{"name": "CDN", "description": "edge", "impact": "operational"}]},
        {"name": "API", "description": "", "impact": "major_outage"},
    ]
    assert calls(http) == [("GET", "/api-components-list/")]


def test_tree_with_full_items_reads_once_and_exports_every_field(run_module, http):
    full = dict(CDN, parent="w-1", index=2, histogram=True, collapse=False, enabled=True, private=False,
                start_date="2025-05-24T11:02:11+03:00")
    http.get(LIST, json=[dict(WEBSITE, parent=None), full])
    result = run_module(statusmate_component_info, args(format="tree"))
    assert result["page"][0]["children"] == [{"name": "CDN", "description": "edge", "index": 2,
                                              "histogram": True, "collapse": False, "enabled": True, "private": False,
                                              "start_date": "2025-05-24T11:02:11+03:00"}]
    assert calls(http) == [("GET", "/api-components-list/")]


def test_tree_below_a_parent_given_by_name(run_module, http):
    http.get(LIST, json=[WEBSITE, CDN, API])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.get(LIST + "?parent=c-1", json=[])
    result = run_module(statusmate_component_info, args(format="tree", parent="Website"))
    assert result["page"] == [{"name": "CDN", "description": "edge"}]
    assert len(calls(http)) == 3


def test_tree_refuses_list_filters(run_module, http):
    result = run_module(statusmate_component_info, args(format="tree", name="CDN"))
    assert result["failed"] is True and "format=tree" in result["msg"]
    assert len(http.calls) == 0
