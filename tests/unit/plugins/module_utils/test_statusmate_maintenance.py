# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The window logic: remember, restore, changed during the window, no memory, two windows, the memory file and
the rules that keep it from being fooled or raced."""

import fcntl
import json
import os
import shutil
import stat
import tempfile
import threading
import time

import pytest

from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError
from ansible_collections.statusops.status.plugins.module_utils.locks import url_key
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.statusmate.maintenance import (
    WindowFailed,
    plan_complete,
    plan_open,
    read_window_page,
    run_window,
    validation_errors,
)
from ansible_collections.statusops.status.plugins.module_utils.statusmate.memory import (
    MAX_MEMORY_BYTES,
    Memory,
    ResultMemory,
    file_name,
    memory_problems,
)
from ansible_collections.statusops.status.plugins.module_utils.statusmate.page import path_index

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


def test_complete_leaves_what_an_unreadable_window_may_hold_and_keeps_remembering_it():
    memory = {"c": {"path": "Website/CDN", "impact": "partial_outage"}, "a": {"path": "API", "impact": "operational"}}
    plan = plan_complete([at(CDN, "under_maintenance"), at(API, "major_outage")], PATHS, memory, {}, "operational",
                         unreadable=["the window memory /x/B-0123456789abcdef.json is not a regular file"])
    assert plan.writes == []
    assert plan.held_by_unreadable == ["Website/CDN"]
    assert plan.memory == {"c": {"path": "Website/CDN", "impact": "partial_outage"}}
    assert plan.changed_during_window == {"API": "major_outage"}


# ---------------------------------------------------------------- the memory file


class Server:
    """A page's components held in memory (full list items), shared by runs as a real page is; it logs each write.

    read() is what the module calls to read the page; read_delay and write_delay stretch reads and writes, so that
    two runs would overlap.
    """

    def __init__(self, items, read_delay=0.0, write_delay=0.0, fail_after=None, on_write=None):
        self.items = [dict(item) for item in items]
        self.read_delay = read_delay
        self.write_delay = write_delay
        self.fail_after = fail_after
        self.on_write = on_write
        self.log = []
        self.reads = 0
        self.guard = threading.Lock()

    def read(self):
        self.reads += 1
        time.sleep(self.read_delay)
        return read_window_page(self)

    def list(self, parent=None, uuids=None):
        with self.guard:
            return [dict(item) for item in self.items if parent is None or item["parent"] == parent]

    def update(self, uuid, body):
        if self.fail_after is not None and len(self.log) >= self.fail_after:
            raise ApiError("POST", "/api-component-update/%s/" % uuid, 503, "unavailable")
        time.sleep(self.write_delay)
        with self.guard:
            for item in self.items:
                if item["uuid"] == uuid:
                    item["impact"] = body["impact"]
            self.log.append((uuid, body["impact"]))
        if self.on_write is not None:
            self.on_write()
        return body

    def impact(self, uuid):
        return [item["impact"] for item in self.items if item["uuid"] == uuid][0]


def never_read():
    raise AssertionError("the page was read")


def window(state, *components):
    return {"components": list(components), "state": state, "restore_impact": "operational"}


OPEN = window("present", "Website/CDN")
COMPLETE = window("completed", "Website/CDN")


def plant(path, content):
    """A file at path, as someone else (or a damaged disk) left it."""
    with open(path, "w") as stream:
        stream.write(content if isinstance(content, str) else json.dumps(content))


def memory_of(api_url, name, components):
    return {"format": 1, "api_url": api_url, "window": name, "components": components}


CDN_BEFORE = {"c": {"path": "Website/CDN", "impact": "partial_outage"}}


def test_memory_file_is_private_atomic_and_holds_no_secret(tmp_path):
    memory = Memory(str(tmp_path / "windows"), "https://user:password@status.example.test/", "Deploy 2.4.1")
    with memory.opened(to_write=True):
        memory.save(CDN_BEFORE)
        assert memory.load() == CDN_BEFORE
    assert sorted(os.listdir(str(tmp_path / "windows"))) == [".lock", os.path.basename(memory.path)]
    assert stat.S_IMODE(os.stat(memory.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(str(tmp_path / "windows")).st_mode) == 0o700
    with open(memory.path) as stream:
        text = stream.read()
    assert "password" not in text and "user" not in text
    assert json.loads(text)["api_url"] == URL
    with memory.opened(to_write=True):
        memory.save({})
    assert not os.path.exists(memory.path)


def test_the_directory_and_the_parents_it_creates_are_private_whatever_the_umask(tmp_path):
    os.chmod(str(tmp_path), 0o755)
    old = os.umask(0o277)  # would leave the owner unable to write
    try:
        memory = Memory(str(tmp_path / "a" / "b" / "windows"), URL, "Deploy")
        with memory.opened(to_write=True):
            memory.save(CDN_BEFORE)
    finally:
        os.umask(old)
    for directory in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "windows"):
        assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(memory.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(str(tmp_path)).st_mode) == 0o755  # a parent that existed is left as it was


def test_check_mode_creates_nothing_and_finds_no_window(tmp_path):
    server = Server([WEBSITE, CDN])
    memory = Memory(str(tmp_path / "windows"), URL, "Deploy")
    plan, changed, _diff = run_window(server.read, memory, OPEN, check_mode=True)
    assert changed and writes(plan) == [("c", "under_maintenance")]
    assert not (tmp_path / "windows").exists() and server.log == []


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702, 0o1777])
@pytest.mark.parametrize("check_mode", [False, True])
def test_a_directory_others_may_write_is_refused_before_the_page_is_read(tmp_path, mode, check_mode):
    directory = tmp_path / "windows"
    directory.mkdir()
    os.chmod(str(directory), mode)
    plant(str(directory / file_name(URL, "Planted")), memory_of(URL, "Planted", CDN_BEFORE))
    with pytest.raises(ReconcileError) as failure:
        run_window(never_read, Memory(str(directory), URL, "Deploy"), COMPLETE, check_mode)
    assert str(failure.value) == (
        "the window memory directory %s may be written by others (mode %04o): refused, as they could plant or remove "
        "windows in it; make it private (chmod 700 %s) or give memory_dir another one. Nothing was changed."
        % (directory, mode, directory))
    assert sorted(os.listdir(str(directory))) == [file_name(URL, "Planted")]  # not even a lock file


def test_a_directory_of_another_user_is_refused(tmp_path, monkeypatch):
    directory = tmp_path / "windows"
    directory.mkdir(mode=0o700)
    owner = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    with pytest.raises(ReconcileError) as failure:
        run_window(never_read, Memory(str(directory), URL, "Deploy"), OPEN, check_mode=False)
    assert str(failure.value).startswith("the window memory directory %s is owned by uid %d, not by this user (uid %d)"
                                         % (directory, owner, owner + 1))


def test_a_symlinked_own_file_is_refused_and_nothing_restored(tmp_path):
    elsewhere = tmp_path / "elsewhere.json"
    plant(str(elsewhere), memory_of(URL, "Deploy", {"c": {"path": "Website/CDN", "impact": "major_outage"}}))
    directory = tmp_path / "windows"
    directory.mkdir(mode=0o700)
    memory = Memory(str(directory), URL, "Deploy")
    os.symlink(str(elsewhere), memory.path)
    server = Server([WEBSITE, at(CDN, "under_maintenance")])
    with pytest.raises(ReconcileError) as failure:
        run_window(server.read, memory, COMPLETE, check_mode=False)
    assert str(failure.value) == ("the window memory %s is a symbolic link, not a file this module wrote: refused"
                                  % memory.path)
    assert server.log == []
    assert os.path.islink(memory.path)


@pytest.mark.parametrize("api_url, name", [("https://other.example.test", "Deploy"), (URL, "Deploy 2")])
def test_a_memory_file_of_another_url_or_window_under_this_name_is_refused_and_nothing_restored(tmp_path, api_url, name):
    memory = Memory(str(tmp_path), URL, "Deploy")
    plant(memory.path, memory_of(api_url, name, {"c": {"path": "Website/CDN", "impact": "major_outage"}}))
    server = Server([WEBSITE, at(CDN, "under_maintenance")])
    with pytest.raises(ReconcileError) as failure:
        run_window(server.read, memory, COMPLETE, check_mode=False)
    assert str(failure.value) == (
        "the window memory %s holds the window %r of %s, not the window 'Deploy' of %s: refused, nothing is restored "
        "from it. Nothing was changed." % (memory.path, name, api_url, URL))
    assert server.log == []


def test_a_fifo_never_blocks_a_window(tmp_path):
    other = tmp_path / file_name(URL, "Deploy B")
    os.mkfifo(str(other))
    memory = Memory(str(tmp_path), URL, "Deploy")
    outcome = {}
    runner = threading.Thread(target=lambda: outcome.update(
        result=run_window(Server([WEBSITE, CDN]).read, memory, OPEN, check_mode=False)), daemon=True)
    runner.start()
    runner.join(10)
    assert not runner.is_alive(), "the window waited on a FIFO"
    plan = outcome["result"][0]
    assert plan.unreadable == ["the window memory %s is not a regular file (mode %06o): refused"
                               % (other, os.lstat(str(other)).st_mode)]
    assert plan.memory == CDN_BEFORE


def test_a_fifo_as_the_window_own_file_fails_naming_it(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    os.mkfifo(memory.path)
    with pytest.raises(ReconcileError, match="the window memory %s is not a regular file" % memory.path):
        with memory.opened(to_write=False):
            memory.load()


def test_deeply_nested_json_fails_naming_the_file(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    plant(memory.path, '{"components": ' + "[" * 100000 + "]" * 100000 + "}")
    with pytest.raises(ReconcileError) as failure:
        with memory.opened(to_write=False):
            memory.load()
    assert str(failure.value) == "cannot read the window memory %s: nested deeper than 8 levels" % memory.path


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy [[[[[[[[[[ \\\" {{{{{{{{{{")
    with memory.opened(to_write=True):
        memory.save({"c": {"path": "[[[[[[[[[[[[", "impact": "operational"}})
        assert memory.load() == {"c": {"path": "[[[[[[[[[[[[", "impact": "operational"}}


def test_an_oversized_file_fails_naming_it(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    plant(memory.path, " " * (MAX_MEMORY_BYTES + 1))
    with pytest.raises(ReconcileError) as failure:
        with memory.opened(to_write=False):
            memory.load()
    assert str(failure.value) == ("the window memory %s is %d bytes, more than the %d a memory may have: refused"
                                  % (memory.path, MAX_MEMORY_BYTES + 1, MAX_MEMORY_BYTES))


@pytest.mark.parametrize("content", [
    "not json",
    "[1, 2]",
    {"format": 1, "api_url": URL, "window": "Deploy B", "components": {"c": {"impact": "under_maintenance"}}},
    {"format": 1, "api_url": 5, "window": "Deploy B", "components": {}},
    "[" * 50 + "]" * 50,
])
def test_a_damaged_other_window_keeps_what_it_may_hold_under_maintenance_and_says_so(tmp_path, content):
    other = tmp_path / file_name(URL, "Deploy B")
    plant(str(other), content)
    memory = Memory(str(tmp_path), URL, "Deploy")
    with memory.opened(to_write=True):
        memory.save(CDN_BEFORE)
    server = Server([WEBSITE, at(CDN, "under_maintenance")])
    plan, changed, _diff = run_window(server.read, memory, COMPLETE, check_mode=False)
    assert server.log == [] and not changed
    assert plan.held_by_unreadable == ["Website/CDN"]
    assert len(plan.unreadable) == 1 and str(other) in plan.unreadable[0]
    with memory.opened(to_write=False):
        assert memory.load() == CDN_BEFORE  # remembered until that file is mended or removed
    os.remove(str(other))
    plan, changed, _diff = run_window(server.read, memory, COMPLETE, check_mode=False)
    assert server.log == [("c", "partial_outage")] and changed


def test_only_files_of_the_module_naming_count_as_other_windows(tmp_path):
    planted = memory_of(URL, "Planted", {"c": {"path": "Website/CDN", "impact": "major_outage"}})
    for name in ("notes.json", "Planted.json", ".Planted-0123456789abcdef.json", "Planted-0123456789abcdef.json.bak"):
        plant(str(tmp_path / name), planted)
    os.mkdir(str(tmp_path / "Dir-0123456789abcdef"))
    memory = Memory(str(tmp_path), URL, "Deploy")
    with memory.opened(to_write=True):
        memory.save(CDN_BEFORE)
    server = Server([WEBSITE, at(CDN, "under_maintenance")])
    plan, _changed, _diff = run_window(server.read, memory, COMPLETE, check_mode=False)
    assert plan.unreadable == [] and plan.held == {}
    assert server.log == [("c", "partial_outage")]


def test_other_windows_of_the_same_api_url_are_found(tmp_path):
    directory = str(tmp_path)
    for api_url, name, components in ((URL, "Deploy A", CDN_BEFORE),
                                      ("https://other.example.test", "Deploy C", {"x": {"path": "X", "impact": "operational"}})):
        memory = Memory(directory, api_url, name)
        with memory.opened(to_write=True):
            memory.save(components)
    with Memory(directory, URL, "Deploy B").opened(to_write=False) as memory:
        assert memory.others() == ({"c": [("Deploy A", CDN_BEFORE["c"])]}, [])
    with Memory(directory, URL, "Deploy A").opened(to_write=False) as memory:
        assert memory.others() == ({}, [])


def test_a_memory_file_with_an_impact_it_cannot_restore_is_refused(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    plant(memory.path, memory_of(URL, "Deploy", {"c": {"path": "CDN", "impact": "under_maintenance"}}))
    with pytest.raises(ReconcileError, match="is not one this module wrote"):
        with memory.opened(to_write=False):
            memory.load()


@pytest.mark.parametrize("spelling", [
    "https://status.example.test", "https://status.example.test/", "HTTPS://Status.Example.TEST:443//",
    "https://deploy:secret@status.example.test:443", " https://status.example.test ",
])
def test_every_spelling_of_one_url_keys_one_memory(tmp_path, spelling):
    assert url_key(spelling) == URL
    written = Memory(str(tmp_path), URL, "Deploy")
    with written.opened(to_write=True):
        written.save(CDN_BEFORE)
    memory = Memory(str(tmp_path), spelling, "Deploy")
    assert memory.path == written.path
    with memory.opened(to_write=False):
        assert memory.load() == CDN_BEFORE


def test_the_url_key_keeps_what_tells_pages_apart():
    assert url_key("http://127.0.0.1:8989/") == "http://127.0.0.1:8989"
    assert url_key("http://status.example.test:443") == "http://status.example.test:443"
    assert url_key("https://status.example.test:8443/Page/") == "https://status.example.test:8443/Page"
    assert url_key("http://[::1]:80/api") == "http://[::1]/api"


def test_file_names_differ_per_url_and_window_and_stay_safe():
    assert file_name(URL, "Deploy 2.4.1").startswith("Deploy-2.4.1-")
    assert file_name(URL, "../../etc/passwd").startswith("etc-passwd-")
    assert file_name(URL, "Deploy") != file_name("https://other.example.test", "Deploy")


def test_open_remembers_before_its_first_write_and_complete_forgets_only_after_its_writes(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    with pytest.raises(WindowFailed):
        run_window(Server([WEBSITE, CDN], fail_after=0).read, memory, OPEN, check_mode=False)
    with memory.opened(to_write=False):
        assert memory.load() == CDN_BEFORE
    with pytest.raises(ApiError):
        run_window(Server([WEBSITE, at(CDN, "under_maintenance")], fail_after=0).read, memory, COMPLETE,
                   check_mode=False)
    with memory.opened(to_write=False):
        assert memory.load() == CDN_BEFORE


def test_a_failed_open_after_some_writes_says_what_it_wrote(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    server = Server([WEBSITE, CDN, API], fail_after=1)
    with pytest.raises(WindowFailed) as failure:
        run_window(server.read, memory, window("present", "Website/CDN", "API"), check_mode=False)
    assert failure.value.written == {"Website/CDN": "under_maintenance"} and failure.value.memory_saved
    assert str(failure.value) == ("POST /api-component-update/a/ returned HTTP 503: unavailable. Before this failure "
                                  "the task set Website/CDN to under_maintenance and saved the window's memory.")


def test_a_failed_open_whose_memory_was_saved_says_so(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    with pytest.raises(WindowFailed) as failure:
        run_window(Server([WEBSITE, CDN], fail_after=0).read, memory, OPEN, check_mode=False)
    assert failure.value.written == {} and failure.value.memory_saved


NOBODY = 65534


def as_an_ordinary_owner(directory, work):
    """work()'s result, run as the owner of directory without root's privileges (which no mode stops): as this user,
    or, when the tests run as root, as nobody in a child process, the directory and its files given to nobody."""
    if os.geteuid() != 0:
        return work()
    for name in os.listdir(directory) + [""]:
        os.chown(os.path.join(directory, name), NOBODY, NOBODY)
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's coverage is not collected)
        try:
            os.close(reader)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(writer, json.dumps(work()).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as stream:
        answer = stream.read()
    os.waitpid(child, 0)
    return json.loads(answer.decode("utf-8"))


def read_only_directory_case(make_read_only_at):
    """Complete a window whose directory turns read-only before the run, or at its first write: what came of it, the
    memory file's path, and whether the file is there after."""
    directory = tempfile.mkdtemp()  # not under pytest's private directory, which nobody could enter
    memory = Memory(directory, URL, "Deploy")
    with memory.opened(to_write=True):
        memory.save(CDN_BEFORE)
    server = Server([WEBSITE, at(CDN, "under_maintenance")],
                    on_write=lambda: os.chmod(directory, 0o500) if make_read_only_at == "write" else None)

    def complete():
        if make_read_only_at == "start":
            os.chmod(directory, 0o500)
        try:
            run_window(server.read, memory, COMPLETE, check_mode=False)
        except WindowFailed as exc:
            return {"error": str(exc), "written": exc.written, "log": server.log}
        except ReconcileError as exc:
            return {"error": str(exc), "log": server.log}
        return {"error": None, "log": server.log}

    try:
        return as_an_ordinary_owner(directory, complete), memory.path, os.path.exists(memory.path)
    finally:
        os.chmod(directory, 0o700)
        shutil.rmtree(directory)


def test_completing_in_a_read_only_directory_fails_clearly_before_any_write():
    outcome, path, remembered = read_only_directory_case("start")
    assert outcome == {"error": "the window memory directory %s is not writable: the window could not be remembered "
                                "or forgotten. Nothing was changed." % os.path.dirname(path), "log": []}
    assert remembered


def test_a_directory_turned_read_only_during_the_writes_fails_naming_the_file_and_what_was_written():
    outcome, path, remembered = read_only_directory_case("write")
    assert outcome == {"error": "cannot forget the window memory %s: Permission denied. Before this failure the task "
                                "set Website/CDN to partial_outage." % path,
                       "written": {"Website/CDN": "partial_outage"}, "log": [["c", "partial_outage"]]}
    assert remembered  # still, for the next try


def test_a_memory_that_cannot_be_forgotten_after_the_writes_fails_naming_the_file_and_what_was_written(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    with memory.opened(to_write=True):
        memory.save(CDN_BEFORE)

    def damage_the_memory():  # the file turns into a directory under the run's feet: it cannot be removed
        os.remove(memory.path)
        os.mkdir(memory.path)

    server = Server([WEBSITE, at(CDN, "under_maintenance")], on_write=damage_the_memory)
    with pytest.raises(WindowFailed) as failure:
        run_window(server.read, memory, COMPLETE, check_mode=False)
    assert failure.value.written == {"Website/CDN": "partial_outage"} and not failure.value.memory_saved
    assert str(failure.value) == ("cannot forget the window memory %s: Is a directory. Before this failure the task "
                                  "set Website/CDN to partial_outage." % memory.path)


def test_a_memory_that_cannot_be_saved_fails_naming_the_file_before_any_write(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy")
    os.mkdir(memory.path)
    server = Server([WEBSITE, CDN])
    with pytest.raises(ReconcileError) as failure:
        run_window(server.read, memory, OPEN, check_mode=False)
    assert str(failure.value) == ("the window memory %s is not a regular file (mode %06o): refused"
                                  % (memory.path, os.stat(memory.path).st_mode))
    assert server.log == []


def run_at_once(*runs):
    """Start each run (a function) in its own thread at one moment; returns their outcomes or exceptions, in order."""
    outcomes = [None] * len(runs)
    start = threading.Barrier(len(runs))

    def runner(position):
        start.wait()
        try:
            outcomes[position] = runs[position]()
        except Exception as exc:  # pylint: disable=broad-except
            outcomes[position] = exc

    threads = [threading.Thread(target=runner, args=(position,)) for position in range(len(runs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


TWO_WINDOWS = {"Deploy A": ["Website/CDN", "API"], "Deploy B": ["Website/CDN"]}


@pytest.mark.parametrize("open_before, at_once", [
    ([], [("Deploy A", "present"), ("Deploy B", "present")]),
    (["Deploy A", "Deploy B"], [("Deploy A", "completed"), ("Deploy B", "completed")]),
    (["Deploy A"], [("Deploy A", "completed"), ("Deploy B", "present")]),
    (["Deploy B"], [("Deploy A", "present"), ("Deploy B", "completed")]),
], ids=["two opens", "two completes", "complete and open", "open and complete"])
def test_two_runs_on_overlapping_windows_at_once_take_turns(tmp_path, open_before, at_once):
    directory = str(tmp_path)
    # Reads and writes slow enough for the other run to read the page and the memory in between, were it not locked.
    server = Server([WEBSITE, CDN, API], read_delay=0.2, write_delay=0.2)
    before = dict((item["uuid"], item["impact"]) for item in server.items)

    def run(name, state):
        return run_window(server.read, Memory(directory, URL, name), window(state, *TWO_WINDOWS[name]), check_mode=False)

    for name in open_before:
        run(name, "present")
    outcomes = run_at_once(*(lambda name=name, state=state: run(name, state) for name, state in at_once))
    assert [type(outcome) for outcome in outcomes] == [tuple, tuple]
    still_open = [name for name, state in at_once if state == "present"]
    held = set(path for name in still_open for path in TWO_WINDOWS[name])
    assert dict((path, server.impact(uuid)) for uuid, path in (("c", "Website/CDN"), ("a", "API"))) == dict(
        (path, "under_maintenance" if path in held else impact)
        for uuid, path, impact in (("c", "Website/CDN", before["c"]), ("a", "API", before["a"])))
    for name in still_open:
        run(name, "completed")
    assert dict((item["uuid"], item["impact"]) for item in server.items) == before
    assert sorted(os.listdir(directory)) == [".lock"]


def test_a_run_waits_for_the_lock_no_longer_than_its_bound(tmp_path):
    memory = Memory(str(tmp_path), URL, "Deploy", lock_timeout=0.3)
    lock = os.open(str(tmp_path / ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        began = time.monotonic()
        with pytest.raises(ReconcileError) as failure:
            run_window(never_read, memory, OPEN, check_mode=False)
        assert 0.3 <= time.monotonic() - began < 3
    finally:
        os.close(lock)
    assert str(failure.value) == ("another run has held the lock %s for more than 0.3 seconds: waited for it in vain. "
                                  "Nothing was changed." % (tmp_path / ".lock"))


def test_a_symlinked_lock_file_is_refused(tmp_path):
    os.symlink(str(tmp_path / "elsewhere"), str(tmp_path / ".lock"))
    with pytest.raises(ReconcileError, match="cannot lock the window memory directory: %s/.lock: " % tmp_path):
        run_window(never_read, Memory(str(tmp_path), URL, "Deploy"), OPEN, check_mode=False)
    assert not (tmp_path / "elsewhere").exists()


# ------------------------------------------------ memory_store=result


def result_window(state, memory=None, *components):
    return dict(window(state, *components), memory_store="result", memory=memory, name="Deploy", api_url=URL)


def test_a_memory_carried_by_the_engine_restores_exactly_what_it_remembers_and_leaves_the_rest():
    server = Server([WEBSITE, CDN, at(API, "degraded_performance"), SEARCH])
    opening = ResultMemory(URL, "Deploy")
    plan, changed, _diff = run_window(server.read, opening, result_window("present", None, "Website/CDN", "API",
                                                                          "Website/Search"), check_mode=False)
    assert changed and server.log == [("c", "under_maintenance"), ("a", "under_maintenance")]
    assert plan.memory == {"c": {"path": "Website/CDN", "impact": "partial_outage"},
                           "a": {"path": "API", "impact": "degraded_performance"}}
    assert plan.under_maintenance_before == ["Website/Search"]
    carried = memory_of(URL, "Deploy", plan.memory)
    # completing from the memory alone, the components not even listed, restore_impact never used
    plan, changed, _diff = run_window(server.read, ResultMemory(URL, "Deploy", carried),
                                      result_window("completed", carried, "Website/Search"), check_mode=False)
    assert changed and server.log[2:] == [("c", "partial_outage"), ("a", "degraded_performance")]
    assert plan.restored == {"Website/CDN": "partial_outage", "API": "degraded_performance"}
    assert plan.under_maintenance_before == ["Website/Search"] and plan.unremembered == []
    assert plan.memory == {}
    plan, changed, _diff = run_window(server.read, ResultMemory(URL, "Deploy", carried),
                                      result_window("completed", carried, "Website/Search"), check_mode=False)
    assert not changed and len(server.log) == 4 and plan.restored == {}


def test_opening_again_with_the_memory_keeps_it_and_changes_nothing():
    server = Server([WEBSITE, at(CDN, "under_maintenance")])
    carried = memory_of(URL, "Deploy", CDN_BEFORE)
    plan, changed, _diff = run_window(server.read, ResultMemory(URL, "Deploy", carried),
                                      result_window("present", carried, "Website/CDN"), check_mode=False)
    assert not changed and server.log == [] and plan.memory == CDN_BEFORE and plan.under_maintenance_before == []


def test_a_result_memory_touches_no_file_and_takes_no_lock(tmp_path, monkeypatch):
    monkeypatch.chdir(str(tmp_path))
    server = Server([WEBSITE, CDN])
    run_window(server.read, ResultMemory(URL, "Deploy"), result_window("present", None, "Website/CDN"),
               check_mode=False)
    assert os.listdir(str(tmp_path)) == []


def test_a_failure_after_a_write_carries_the_memory_completing_needs():
    server = Server([WEBSITE, CDN, API], fail_after=1)
    with pytest.raises(WindowFailed) as failure:
        run_window(server.read, ResultMemory(URL, "Deploy"), result_window("present", None, "Website/CDN", "API"),
                   check_mode=False)
    assert failure.value.written == {"Website/CDN": "under_maintenance"}
    assert not failure.value.memory_saved and str(failure.value).endswith("set Website/CDN to under_maintenance.")
    assert sorted(failure.value.memory) == ["a", "c"]


def test_the_memory_option_is_refused_when_it_is_not_this_windows():
    good = memory_of(URL, "Deploy", CDN_BEFORE)
    assert validation_errors(result_window("completed", good)) == []
    assert validation_errors(result_window("completed", memory_of(URL + ":443/", "Deploy", CDN_BEFORE))) == []
    assert validation_errors(result_window("completed", memory_of(URL, "Other", CDN_BEFORE))) == [
        "memory.window is 'Other', not this window's name 'Deploy': the memory of another window is refused"]
    assert validation_errors(result_window("completed", memory_of("https://user:pw@other.test/", "Deploy",
                                                                  CDN_BEFORE))) == [
        "memory.api_url is 'https://other.test', not this task's api_url 'https://status.example.test': the memory "
        "of another API is refused"]
    assert validation_errors(result_window("completed")) == [
        "memory is required with memory_store=result and state=completed: give it the memory this module returned "
        "when it opened the window"]
    assert validation_errors(result_window("present", None, "API")) == []
    assert validation_errors(dict(result_window("completed", good), memory_store="file")) == [
        "memory is read only with memory_store=result; with memory_store=file the window's memory is its file in "
        "memory_dir"]


def test_the_shape_of_a_memory_is_checked_naming_each_field():
    components = {"c": {"path": "Website/CDN", "impact": "sunny"}, "a": {"path": "API", "impact": "under_maintenance"},
                  "s": {"path": "", "impact": "operational"}, "x": "operational"}
    tampered = dict(memory_of(URL, "Deploy", components), format=True, api_token="secret")
    assert memory_problems(tampered, "memory.") == [
        "memory has keys a memory never holds: api_token",
        "memory.format must be 1, got True",
        "memory.components['a'].impact must be one of operational, degraded_performance, partial_outage, "
        "major_outage, got 'under_maintenance'",
        "memory.components['c'].impact must be one of operational, degraded_performance, partial_outage, "
        "major_outage, got 'sunny'",
        "memory.components['s'].path must be a component path, got ''",
        "memory.components['x'] must be a dict with exactly path and impact, got 'operational'",
    ]
    assert memory_problems(["not", "a", "memory"], "memory.") == [
        "memory must be a memory (format, api_url, window, components), got list"]
    assert memory_problems({"format": 1, "api_url": " ", "window": 3, "components": []}) == [
        "api_url must be a string that is not blank, got ' '",
        "window must be a string that is not blank, got 3",
        "components must be a dict of component uuids, got []"]
