# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The window logic: remember, restore, changed during the window, no memory, two windows, the memory file."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import stat

import pytest

from ansible_collections.statusops.status.plugins.module_utils.reconcile import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.statusmate_maintenance import (
    Memory,
    file_name,
    path_index,
    plan_complete,
    plan_open,
    public_url,
    run_window,
    validation_errors,
)

URL = "https://status.example.test"
WEBSITE = {"uuid": "w", "name": "Website", "parent": None, "impact": "operational"}
CDN = {"uuid": "c", "name": "CDN", "parent": "w", "impact": "partial_outage"}
API = {"uuid": "a", "name": "API", "parent": None, "impact": "operational"}
SEARCH = {"uuid": "s", "name": "Search", "parent": "w", "impact": "under_maintenance"}
PATHS, _BY_PATH = path_index([WEBSITE, CDN, API, SEARCH])


def at(item, impact):
    return dict(item, impact=impact)


def writes(plan):
    return [(item["uuid"], impact) for item, impact in plan.writes]


def test_path_index_names_children_under_their_parent():
    paths, by_path = path_index([WEBSITE, CDN, API, dict(CDN, uuid="c2", parent=None)])
    assert paths == {"w": "Website", "c": "Website/CDN", "a": "API", "c2": "CDN"}
    assert [item["uuid"] for item in by_path["Website/CDN"]] == ["c"]


def test_open_remembers_each_impact_and_sets_under_maintenance():
    plan = plan_open([CDN, API], PATHS, {}, {})
    assert plan.memory == {"c": {"path": "Website/CDN", "impact": "partial_outage"},
                           "a": {"path": "API", "impact": "operational"}}
    assert plan.remembered == {"Website/CDN": "partial_outage", "API": "operational"}
    assert writes(plan) == [("c", "under_maintenance"), ("a", "under_maintenance")]


def test_open_again_never_overwrites_a_remembered_impact_and_writes_nothing():
    memory = {"c": {"path": "Website/CDN", "impact": "partial_outage"}}
    plan = plan_open([at(CDN, "under_maintenance")], PATHS, memory, {})
    assert plan.memory == memory
    assert plan.writes == []


def test_open_never_remembers_under_maintenance():
    plan = plan_open([SEARCH], PATHS, {}, {})
    assert plan.memory == {}
    assert plan.writes == []


def test_complete_restores_each_remembered_impact_and_forgets_the_window():
    memory = {"c": {"path": "Website/CDN", "impact": "partial_outage"}, "a": {"path": "API", "impact": "operational"}}
    plan = plan_complete([at(CDN, "under_maintenance"), at(API, "under_maintenance")], PATHS, memory, {}, "operational")
    assert writes(plan) == [("c", "partial_outage"), ("a", "operational")]
    assert plan.restored == {"Website/CDN": "partial_outage", "API": "operational"}
    assert plan.remembered == {"Website/CDN": "partial_outage", "API": "operational"}
    assert plan.memory == {}
    assert plan.unremembered == []


def test_complete_leaves_a_component_changed_during_the_window_and_names_it():
    memory = {"c": {"path": "Website/CDN", "impact": "partial_outage"}, "a": {"path": "API", "impact": "operational"}}
    plan = plan_complete([at(CDN, "under_maintenance"), at(API, "major_outage")], PATHS, memory, {}, "operational")
    assert writes(plan) == [("c", "partial_outage")]
    assert plan.changed_during_window == {"API": "major_outage"}
    assert plan.memory == {}


def test_complete_without_memory_sets_restore_impact_and_names_the_components():
    plan = plan_complete([at(CDN, "under_maintenance"), API], PATHS, {}, {}, "degraded_performance")
    assert writes(plan) == [("c", "degraded_performance")]
    assert plan.unremembered == ["Website/CDN"]
    assert plan.changed_during_window == {}


def test_complete_keeps_the_memory_of_another_page_under_the_same_window_name():
    memory = {"c": {"path": "Website/CDN", "impact": "partial_outage"}, "elsewhere": {"path": "DB", "impact": "operational"}}
    plan = plan_complete([at(CDN, "under_maintenance")], PATHS, memory, {}, "operational")
    assert plan.memory == {"elsewhere": {"path": "DB", "impact": "operational"}}
    assert plan.remembered == {"Website/CDN": "partial_outage"}


def test_two_windows_on_one_component_the_last_one_completed_restores_the_impact_before_the_first():
    first = plan_open([CDN], PATHS, {}, {})
    second = plan_open([at(CDN, "under_maintenance")], PATHS, {}, {"c": [("Deploy A", first.memory["c"])]})
    assert second.memory == {"c": {"path": "Website/CDN", "impact": "partial_outage"}}
    assert second.writes == []
    first_done = plan_complete([at(CDN, "under_maintenance")], PATHS, first.memory,
                               {"c": [("Deploy B", second.memory["c"])]}, "operational")
    assert first_done.writes == []
    assert first_done.held == {"Website/CDN": ["Deploy B"]}
    assert first_done.memory == {}
    second_done = plan_complete([at(CDN, "under_maintenance")], PATHS, second.memory, {}, "operational")
    assert writes(second_done) == [("c", "partial_outage")]


def test_validation_names_the_option_and_the_value():
    errors = validation_errors({"name": " ", "components": ["Website//CDN", "API", "API"], "state": "present"})
    assert errors == [
        "name must name the window (like 'Deploy 2.4.1'), got ' '",
        "components[0] is not a component path like Website/CDN nor a uuid: 'Website//CDN'",
        "components[2] lists 'API' again (first as components[1])",
    ]
    assert validation_errors({"name": "Deploy", "components": [], "state": "present"}) == [
        "components must list at least one component (a path like Website/CDN, or a uuid) to open a window"]
    assert validation_errors({"name": "Deploy", "components": [], "state": "completed"}) == []


def test_memory_file_is_private_atomic_and_holds_no_secret(tmp_path):
    memory = Memory(str(tmp_path / "windows"), "https://user:password@status.example.test/", "Deploy 2.4.1")
    memory.save({"c": {"path": "Website/CDN", "impact": "partial_outage"}})
    assert os.listdir(str(tmp_path / "windows")) == [os.path.basename(memory.path)]
    assert stat.S_IMODE(os.stat(memory.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(str(tmp_path / "windows")).st_mode) == 0o700
    with open(memory.path) as stream:
        text = stream.read()
    assert "password" not in text and "user" not in text
    assert json.loads(text)["api_url"] == URL
    assert memory.load() == {"c": {"path": "Website/CDN", "impact": "partial_outage"}}
    memory.save({})
    assert not os.path.exists(memory.path)


def test_other_windows_of_the_same_api_url_are_found(tmp_path):
    directory = str(tmp_path)
    Memory(directory, URL, "Deploy A").save({"c": {"path": "Website/CDN", "impact": "partial_outage"}})
    Memory(directory, "https://other.example.test", "Deploy C").save({"x": {"path": "X", "impact": "operational"}})
    assert Memory(directory, URL, "Deploy B").others() == {
        "c": [("Deploy A", {"path": "Website/CDN", "impact": "partial_outage"})]}
    assert Memory(directory, URL, "Deploy A").others() == {}


def test_a_memory_file_with_an_impact_it_cannot_restore_is_refused(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    with open(memory.path, "w") as stream:
        json.dump({"components": {"c": {"path": "CDN", "impact": "under_maintenance"}}}, stream)
    with pytest.raises(ReconcileError, match="is not one this module wrote"):
        memory.load()


def test_file_names_differ_per_url_and_window_and_stay_safe():
    assert file_name(URL, "Deploy 2.4.1").startswith("Deploy-2.4.1-")
    assert file_name(URL, "../../etc/passwd").startswith("etc-passwd-")
    assert file_name(URL, "Deploy") != file_name("https://other.example.test", "Deploy")
    assert public_url("https://u:p@h.example/api/") == "https://h.example/api"


def test_a_foreign_file_in_the_directory_does_not_stop_another_window(tmp_path):
    (tmp_path / "notes.json").write_text("not json")
    Memory(str(tmp_path), URL, "Deploy A").save({"c": {"path": "Website/CDN", "impact": "operational"}})
    assert list(Memory(str(tmp_path), URL, "Deploy B").others()) == ["c"]


class FailingPage:
    """A page whose every write fails, to see what the memory holds after a failure half-way."""

    def __init__(self, items):
        self.paths, _by_path = path_index(items)
        self.by_uuid = dict((item["uuid"], item) for item in items)

    def resolve(self, references):
        return [item for item in self.by_uuid.values() if self.paths[item["uuid"]] in references]

    def set_impact(self, item, impact):
        raise RuntimeError("the write failed")


def test_open_remembers_before_its_first_write_and_complete_forgets_only_after_its_writes(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    params = {"components": ["Website/CDN"], "state": "present", "restore_impact": "operational"}
    with pytest.raises(RuntimeError):
        run_window(FailingPage([WEBSITE, CDN]), memory, params, check_mode=False)
    assert memory.load() == {"c": {"path": "Website/CDN", "impact": "partial_outage"}}
    with pytest.raises(RuntimeError):
        run_window(FailingPage([WEBSITE, at(CDN, "under_maintenance")]), memory, dict(params, state="completed"),
                   check_mode=False)
    assert memory.load() == {"c": {"path": "Website/CDN", "impact": "partial_outage"}}
