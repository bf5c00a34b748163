# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import json
import os

from ansible_collections.statusops.status.plugins.modules import statusmate_maintenance
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls, warning_texts
from ansible_collections.statusops.status.tests.unit.plugins.modules.statusmate_fakes import LIST, TOKEN, URL, WEBSITE

CDN = {"uuid": "c-1", "name": "CDN", "description": "edge", "impact": "partial_outage"}


def args(tmp_path, **extra):
    return dict(dict(api_url=URL, api_token=TOKEN, name="Deploy 2.4.1", components=["Website/CDN"],
                     memory_dir=str(tmp_path)), **extra)


def page(http, cdn):
    """The abbreviated page: one list, then the children of each component to learn the tree."""
    http.get(LIST, json=[WEBSITE, cdn])
    http.get(LIST + "?parent=w-1", json=[cdn])
    http.get(LIST + "?parent=c-1", json=[])


def test_open_remembers_then_writes_the_impact_with_every_known_field(run_module, http, tmp_path):
    page(http, CDN)
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="under_maintenance", parent="w-1"))
    result = run_module(statusmate_maintenance, args(tmp_path), diff=True)
    assert result["changed"] is True
    assert result["remembered"] == {"Website/CDN": "partial_outage"}
    assert result["components"] == {"Website/CDN": "under_maintenance"}
    assert result["diff"]["before"] == {"components": {"Website/CDN": "partial_outage"}}
    assert calls(http)[-1] == ("POST", "/api-components-update/c-1/")
    assert bodies(http)[-1] == {"uuid": "c-1", "name": "CDN", "description": "edge", "parent": "w-1",
                                "impact": "under_maintenance"}
    assert os.path.exists(result["memory_file"])
    with open(result["memory_file"]) as stream:
        assert TOKEN not in stream.read()


def test_open_sends_again_an_update_a_load_balancer_answered_503(run_module, http, tmp_path):
    """The update sends the whole component, so it is safe to repeat: the window opens, it does not fail after
    its memory was saved."""
    page(http, CDN)
    http.post(URL + "/api-components-update/c-1/", status=503, json={"detail": "Service unavailable"})
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="under_maintenance", parent="w-1"))
    result = run_module(statusmate_maintenance, args(tmp_path, retry_timeout=60))
    assert result.get("failed") is not True, result
    assert result["components"] == {"Website/CDN": "under_maintenance"}
    assert calls(http)[-2:] == [("POST", "/api-components-update/c-1/")] * 2
    assert bodies(http)[-2] == bodies(http)[-1]


def test_open_in_check_mode_writes_neither_the_page_nor_the_memory(run_module, http, tmp_path):
    page(http, CDN)
    result = run_module(statusmate_maintenance, args(tmp_path), check_mode=True)
    assert result["changed"] is True
    assert result["components"] == {"Website/CDN": "under_maintenance"}
    assert [method for method, _path in calls(http)] == ["GET", "GET", "GET"]
    assert os.listdir(str(tmp_path)) == []


def test_complete_without_memory_restores_restore_impact_and_warns(run_module, http, tmp_path):
    page(http, dict(CDN, impact="under_maintenance"))
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="major_outage", parent="w-1"))
    result = run_module(statusmate_maintenance, args(tmp_path, state="completed", restore_impact="major_outage"))
    assert result["changed"] is True
    assert result["restored"] == {"Website/CDN": "major_outage"}
    assert bodies(http)[-1]["impact"] == "major_outage"
    assert any("no impact is remembered for Website/CDN" in text for text in warning_texts(result))


def test_an_unknown_component_fails_before_any_write(run_module, http, tmp_path):
    page(http, CDN)
    result = run_module(statusmate_maintenance, args(tmp_path, components=["Website/CDN", "Website/Shop"]))
    assert result["failed"] is True
    assert "components[1]: 'Website/Shop' is neither the path nor the uuid of a component of the page" in result["msg"]
    assert os.listdir(str(tmp_path)) == [".lock"]  # the directory's lock, and no memory


def test_a_directory_others_may_write_fails_before_any_request(run_module, http, tmp_path):
    os.chmod(str(tmp_path), 0o777)
    result = run_module(statusmate_maintenance, args(tmp_path))
    assert result["failed"] is True and result.get("changed") is not True
    assert result["msg"].startswith("the window memory directory %s may be written by others (mode 0777)" % tmp_path)
    assert calls(http) == []


def test_a_failure_after_a_write_reports_changed_and_what_was_written(run_module, http, tmp_path):
    api = {"uuid": "a-1", "name": "API", "description": "", "impact": "operational"}
    http.get(LIST, json=[WEBSITE, CDN, api])
    http.get(LIST + "?parent=w-1", json=[CDN])
    http.get(LIST + "?parent=c-1", json=[])
    http.get(LIST + "?parent=a-1", json=[])
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="under_maintenance", parent="w-1"))
    http.post(URL + "/api-components-update/a-1/", status=400, json={"impact": ["no"]})
    result = run_module(statusmate_maintenance, args(tmp_path, components=["Website/CDN", "API"], retry_timeout=0))
    assert result["failed"] is True and result["changed"] is True
    assert result["written"] == {"Website/CDN": "under_maintenance"}
    assert result["msg"].endswith("Before this failure the task set Website/CDN to under_maintenance and saved the "
                                  "window's memory.")
    with open(result["memory_file"]) as stream:
        assert sorted(json.load(stream)["components"]) == ["a-1", "c-1"]  # completing restores both


def test_a_window_whose_memory_cannot_be_read_is_named_in_a_warning(run_module, http, tmp_path):
    damaged = tmp_path / "Deploy-B-0123456789abcdef.json"
    damaged.write_text("{")
    page(http, dict(CDN, impact="under_maintenance"))
    result = run_module(statusmate_maintenance, args(tmp_path, state="completed"))
    assert result["changed"] is False
    assert result["held_by_unreadable_windows"] == ["Website/CDN"]
    assert [call for call in calls(http) if call[0] != "GET"] == []
    texts = warning_texts(result)
    assert any(text.startswith("window 'Deploy 2.4.1': cannot read the window memory %s: " % damaged) for text in texts)
    assert any(text.startswith("window 'Deploy 2.4.1': left under maintenance and remembered, as a window whose memory "
                               "cannot be read may hold them: Website/CDN") for text in texts)


def test_with_memory_store_result_open_returns_the_memory_and_completing_takes_it_back(run_module, http, tmp_path):
    page(http, CDN)
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="under_maintenance", parent="w-1"))
    opened = run_module(statusmate_maintenance, args(tmp_path, memory_store="result"))
    assert opened["changed"] is True
    assert opened["memory"] == {"format": 1, "api_url": URL, "window": "Deploy 2.4.1",
                                "components": {"c-1": {"path": "Website/CDN", "impact": "partial_outage"}}}
    assert opened["memory_file"] is None and os.listdir(str(tmp_path)) == []
    assert TOKEN not in json.dumps(opened["memory"])
    http.reset()
    page(http, dict(CDN, impact="under_maintenance"))
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, parent="w-1"))
    completed = run_module(statusmate_maintenance, args(tmp_path, memory_store="result", state="completed",
                                                        components=[], memory=opened["memory"]))
    assert completed["changed"] is True and completed["restored"] == {"Website/CDN": "partial_outage"}
    assert bodies(http)[-1]["impact"] == "partial_outage"
    assert completed["memory"]["components"] == {} and os.listdir(str(tmp_path)) == []


def test_a_memory_given_as_json_text_is_read_as_a_dict(run_module, http, tmp_path):
    memory = {"format": 1, "api_url": URL, "window": "Deploy 2.4.1",
              "components": {"c-1": {"path": "Website/CDN", "impact": "partial_outage"}}}
    page(http, CDN)
    result = run_module(statusmate_maintenance, args(tmp_path, memory_store="result", state="completed",
                                                     memory=json.dumps(memory)))
    assert result["changed"] is False and result["memory"]["components"] == {}


def test_a_tampered_memory_fails_before_any_request(run_module, http, tmp_path):
    memory = {"format": 1, "api_url": "https://other.example.test", "window": "Deploy 2.4.0",
              "components": {"c-1": {"path": "Website/CDN", "impact": "sunny"}}}
    result = run_module(statusmate_maintenance, args(tmp_path, memory_store="result", state="completed", memory=memory))
    assert result["failed"] is True and result.get("changed") is not True
    assert result["msg"] == (
        "memory.components['c-1'].impact must be one of operational, degraded_performance, partial_outage, "
        "major_outage, got 'sunny'")
    memory["components"]["c-1"]["impact"] = "operational"
    result = run_module(statusmate_maintenance, args(tmp_path, memory_store="result", state="completed", memory=memory))
    assert result["msg"] == (
        "memory.api_url is 'https://other.example.test', not this task's api_url 'https://status.example.test': the "
        "memory of another API is refused; memory.window is 'Deploy 2.4.0', not this window's name 'Deploy 2.4.1': "
        "the memory of another window is refused")
    assert calls(http) == []
