# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.statusops.status.plugins.modules import statusmate_component_impacts
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statusmate_fakes import CDN, LIST, TOKEN, URL, WEBSITE

API = {"uuid": "a-1", "name": "API", "description": "", "impact": "partial_outage"}
READS = [("GET", "/api-components-list/"), ("GET", "/api-components-list/?parent=a-1"),
         ("GET", "/api-components-list/?parent=c-1"), ("GET", "/api-components-list/?parent=w-1")]


def args(impacts, **extra):
    return dict(dict(api_url=URL, api_token=TOKEN, impacts=impacts), **extra)


def page(http):
    """The abbreviated list, then the children of each component (read side by side, in any order)."""
    http.get(LIST, json=[WEBSITE, CDN, API])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.get(LIST + "?parent=c-1", json=[])
    http.get(LIST + "?parent=a-1", json=[])


def test_one_update_per_component_that_differs_carrying_the_fields_the_list_reported(run_module, http):
    page(http)
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="major_outage"))
    result = run_module(statusmate_component_impacts, args({"Website/CDN": "major_outage", "a-1": "partial_outage"}),
                        diff=True)
    assert result["changed"] is True
    assert result["updated"] == {"Website/CDN": "major_outage"}
    assert result["components"] == {"Website/CDN": "major_outage", "API": "partial_outage"}
    assert result["diff"] == {"before": {"components": {"Website/CDN": "operational", "API": "partial_outage"}},
                              "after": {"components": {"Website/CDN": "major_outage", "API": "partial_outage"}}}
    assert sorted(calls(http)[:4]) == READS
    assert calls(http)[4:] == [("POST", "/api-components-update/c-1/")]
    assert bodies(http)[4] == {"uuid": "c-1", "name": "CDN", "description": "edge", "parent": "w-1",
                               "impact": "major_outage"}


def test_check_mode_only_reads_and_reports_the_same_plan(run_module, http):
    page(http)
    result = run_module(statusmate_component_impacts, args({"Website/CDN": "major_outage", "API": "operational"}),
                        check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["updated"] == {"Website/CDN": "major_outage", "API": "operational"}
    assert result["diff"]["after"] == {"components": {"Website/CDN": "major_outage", "API": "operational"}}
    assert sorted(calls(http)) == READS


def test_impacts_that_match_send_no_write(run_module, http):
    page(http)
    result = run_module(statusmate_component_impacts, args({"Website/CDN": "operational", "API": "partial_outage"}))
    assert result["changed"] is False
    assert result["updated"] == {}
    assert sorted(calls(http)) == READS


def test_no_impacts_send_no_request(run_module, http):
    result = run_module(statusmate_component_impacts, args({}))
    assert result == dict(result, changed=False, updated={}, components={})
    assert calls(http) == []


def test_a_reference_that_names_no_component_fails_before_any_write(run_module, http):
    page(http)
    result = run_module(statusmate_component_impacts, args({"API": "major_outage", "Website/Edge": "major_outage"}))
    assert result["failed"] is True
    assert result["msg"] == ("impacts[1]: 'Website/Edge' is neither the path nor the uuid of a component of the page. "
                             "Nothing was changed.")
    assert sorted(calls(http)) == READS


def test_a_bad_impact_or_reference_fails_before_any_request(run_module, http):
    result = run_module(statusmate_component_impacts, args({"API": "down", "Website//CDN": "operational"}))
    assert result["failed"] is True
    assert result["msg"] == (
        "impacts['API'] must be one of operational, under_maintenance, degraded_performance, partial_outage, "
        "major_outage, got 'down'; impacts: 'Website//CDN' is neither a component path like Website/CDN nor a uuid")
    assert calls(http) == []
