# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.statusops.status.plugins.modules import statusmate_gate
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statusmate_fakes import CDN, LIST, WEBSITE, args, item

API = item("a-1", "API", impact="partial_outage")
# Full list items: each carries its parent, so the paths are known from one list.
FULL = [dict(WEBSITE, parent=None), dict(CDN, parent="w-1"), dict(API, parent=None)]
LIST_PATH = "/api-components-list/"


def full(impacts):
    """The full list with these impacts by name."""
    return [dict(entry, impact=impacts.get(entry["name"], entry["impact"])) for entry in FULL]


def test_healthy_components_pass_after_one_list(run_module, http, gate_time):
    http.get(LIST, json=full({"API": "operational"}))
    result = run_module(statusmate_gate, args(components=["Website/CDN", "a-1"], wait=600))
    assert result["changed"] is False and not result.get("failed")
    assert result["components"] == [{"path": "Website/CDN", "uuid": "c-1", "impact": "operational"},
                                    {"path": "API", "uuid": "a-1", "impact": "operational"}]
    assert result["blocking"] == []
    assert calls(http) == [("GET", LIST_PATH)]
    assert gate_time.sleeps == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_unhealthy_fails_at_once_with_no_wait_naming_each_blocker(run_module, http, gate_time, check_mode):
    http.get(LIST, json=full({"CDN": "major_outage"}))
    result = run_module(statusmate_gate, args(components=["Website/CDN", "API", "Website"]), check_mode=check_mode)
    assert result["failed"] is True and result["changed"] is False
    assert result["msg"] == "components not healthy: Website/CDN is major_outage; API is partial_outage"
    assert result["blocking"] == [{"path": "Website/CDN", "uuid": "c-1", "impact": "major_outage"},
                                  {"path": "API", "uuid": "a-1", "impact": "partial_outage"}]
    assert [entry["path"] for entry in result["components"]] == ["Website/CDN", "API", "Website"]
    assert calls(http) == [("GET", LIST_PATH)]
    assert gate_time.sleeps == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_component_that_clears_during_the_wait_passes_at_that_look(run_module, http, gate_time, check_mode):
    http.get(LIST, json=full({}))
    http.get(LIST, json=[API])
    http.get(LIST, json=[dict(API, impact="operational")])
    result = run_module(statusmate_gate, args(components=["API"], wait=60, interval=10), check_mode=check_mode)
    assert not result.get("failed") and result["blocking"] == []
    assert result["components"] == [{"path": "API", "uuid": "a-1", "impact": "operational"}]
    # Each look after the first is one list of the components checked.
    assert calls(http) == [("GET", LIST_PATH)] + [("GET", LIST_PATH + "?component=a-1")] * 2
    assert gate_time.sleeps == [10, 10]


def test_one_that_does_not_clear_fails_when_the_wait_is_spent(run_module, http, gate_time):
    http.get(LIST, json=full({}))
    http.get(LIST, json=[API])
    result = run_module(statusmate_gate, args(components=["API"], wait=25, interval=10))
    assert result["failed"] is True
    assert result["msg"] == "components not healthy after waiting 25 s: API is partial_outage"
    assert result["blocking"] == [{"path": "API", "uuid": "a-1", "impact": "partial_outage"}]
    assert len(calls(http)) == 4
    assert gate_time.sleeps == [10, 10, 5]


def test_healthy_names_the_impacts_that_pass(run_module, http, gate_time):
    http.get(LIST, json=full({}))
    result = run_module(statusmate_gate, args(healthy=["operational", "partial_outage"]))
    assert not result.get("failed")
    assert [entry["path"] for entry in result["components"]] == ["Website", "Website/CDN", "API"]


def test_the_whole_page_abbreviated_reads_the_tree_once_then_one_list_a_look(run_module, http, gate_time):
    http.get(LIST, json=[WEBSITE, CDN, API])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.get(LIST + "?parent=c-1", json=[])
    http.get(LIST + "?parent=a-1", json=[])
    http.get(LIST, json=[WEBSITE, CDN, dict(API, impact="operational")])
    result = run_module(statusmate_gate, args(wait=30, interval=5))
    assert not result.get("failed")
    assert [(entry["path"], entry["impact"]) for entry in result["components"]] == [
        ("Website", "operational"), ("Website/CDN", "operational"), ("API", "operational")]
    assert calls(http)[4:] == [("GET", LIST_PATH)]
    assert len(calls(http)) == 5
    assert gate_time.sleeps == [5]


def test_a_component_gone_from_the_page_blocks(run_module, http, gate_time):
    http.get(LIST, json=full({}))
    http.get(LIST, json=[])
    result = run_module(statusmate_gate, args(components=["API"], wait=5, interval=5))
    assert result["failed"] is True and "API is no longer on the page" in result["msg"]
    assert result["blocking"] == [{"path": "API", "uuid": "a-1", "impact": None}]


def test_unknown_names_fail_at_the_first_look_before_any_wait(run_module, http, gate_time):
    http.get(LIST, json=full({}))
    result = run_module(statusmate_gate, args(components=["Website/Checkout", "API", "Docs"], wait=600))
    assert result["failed"] is True
    assert "components[0]: 'Website/Checkout' is neither the path nor the uuid of a component" in result["msg"]
    assert "components[2]: 'Docs' is neither" in result["msg"]
    assert calls(http) == [("GET", LIST_PATH)]
    assert gate_time.sleeps == []


@pytest.mark.parametrize("options, message", [
    (dict(wait=-1), "wait must be an integer from 0 to 86400, got -1"),
    (dict(wait=86401), "wait must be an integer from 0 to 86400, got 86401"),
    (dict(interval=0), "interval must be an integer from 1 to 3600, got 0"),
    (dict(interval=True), "interval must be an integer, got True"),
    (dict(healthy=[]), "healthy must name at least one impact"),
    (dict(healthy=["fine"]), "healthy"),
    (dict(components=["Website//CDN"]), "components: 'Website//CDN' is neither a component path"),
])
def test_bad_options_fail_before_any_request(run_module, http, gate_time, options, message):
    result = run_module(statusmate_gate, args(**options))
    assert result["failed"] is True and message in result["msg"]
    assert len(http.calls) == 0
