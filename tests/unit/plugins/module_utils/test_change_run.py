# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The change executor of the reconcile engine: order, dependencies, bounded concurrency, failures, faults."""

import threading

import pytest

from ansible_collections.statusops.status.plugins.module_utils.checks import concurrency_errors
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, OutcomeUnknown
from ansible_collections.statusops.status.plugins.module_utils.executor import Change, ChangeRun
from ansible_collections.statusops.status.plugins.module_utils.sets import SetMapping, SetPlan, SetReconciler, plan_set


class Recorder:
    """Changes that record when they start and end, and how many run at once."""

    def __init__(self, hold=None):
        self.lock = threading.Lock()
        self.events = []
        self.in_flight = 0
        self.most = 0
        self.hold = hold or {}  # key -> a threading.Event the change waits for before it ends

    def change(self, key, action="create", requires=(), fail=None):
        def apply(results):
            with self.lock:
                self.events.append(("start", key))
                self.in_flight += 1
                self.most = max(self.most, self.in_flight)
            try:
                if key in self.hold:
                    assert self.hold[key].wait(10), "held too long"
                if fail is not None:
                    raise fail
                return {"key": key, "seen": sorted(results)}
            finally:
                with self.lock:
                    self.in_flight -= 1
                    self.events.append(("end", key))

        return Change(key, action, apply, preview=lambda results: {"preview": key}, requires=requires)

    def position(self, event, key):
        return self.events.index((event, key))


def test_a_concurrency_of_one_runs_the_plan_in_its_order():
    recorder = Recorder()
    changes = [recorder.change(key) for key in "abcde"]
    ChangeRun(changes, concurrency=1).run()
    assert recorder.events == [(event, key) for key in "abcde" for event in ("start", "end")]


def test_dependent_changes_wait_for_what_they_require_and_see_its_result():
    recorder = Recorder()
    changes = [
        recorder.change("group"),
        recorder.change("group/a", requires=["group"]),
        recorder.change("group/b", requires=["group"]),
        recorder.change("other"),
        recorder.change("old/child", action="delete"),
        recorder.change("old", action="delete", requires=["old/child", "not-in-the-plan"]),
    ]
    run = ChangeRun(changes, concurrency=4).run()
    for child, parent in (("group/a", "group"), ("group/b", "group"), ("old", "old/child")):
        assert recorder.position("end", parent) < recorder.position("start", child)
    assert "group" in run.results["group/a"]["seen"]
    assert [change.key for change in run.done()] == ["group", "group/a", "group/b", "other", "old/child", "old"]
    assert [change.key for change in run.done("delete")] == ["old/child", "old"]


def test_independent_changes_run_side_by_side_up_to_the_bound():
    release = threading.Event()
    recorder = Recorder(hold=dict((key, release) for key in "abc"))
    changes = [recorder.change(key) for key in "abcdefgh"]
    worker = threading.Thread(target=ChangeRun(changes, concurrency=3).run)
    worker.start()
    for _attempt in range(1000):
        with recorder.lock:
            if recorder.in_flight == 3:
                break
        threading.Event().wait(0.01)
    with recorder.lock:
        assert recorder.in_flight == 3  # a, b and c are held: d must not have started
        assert [key for event, key in recorder.events if event == "start"] == ["a", "b", "c"]
    release.set()
    worker.join(10)
    assert recorder.most == 3
    assert len(recorder.events) == 16


def test_a_failure_stops_new_changes_lets_running_ones_finish_and_says_what_was_done():
    release = threading.Event()
    recorder = Recorder(hold={"slow": release})
    error = ApiError("POST", "/things", 500, "boom")
    changes = [
        recorder.change("slow"),
        recorder.change("fails", fail=error),
        recorder.change("needs-fails", requires=["fails"]),
        recorder.change("later-1"),
        recorder.change("later-2"),
    ]
    run = ChangeRun(changes, concurrency=2)
    outcome = {}

    def execute():
        try:
            run.run()
        except ApiError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=execute)
    worker.start()
    for _attempt in range(1000):
        with recorder.lock:
            if ("end", "fails") in recorder.events:
                break
        threading.Event().wait(0.01)
    release.set()
    worker.join(10)
    assert outcome["error"] is error
    assert [change.key for change in run.done()] == ["slow"]
    started = [key for event, key in recorder.events if event == "start"]
    assert sorted(started) == ["fails", "slow"]


def test_the_error_raised_is_that_of_the_first_failed_change_in_plan_order():
    recorder = Recorder()
    first = ApiError("POST", "/a", 500, "first")
    second = ApiError("POST", "/b", 500, "second")
    release = threading.Event()
    recorder.hold = {"a": release}
    changes = [recorder.change("a", fail=first), recorder.change("b", fail=second)]
    run = ChangeRun(changes, concurrency=2)
    timer = threading.Timer(0.2, release.set)
    timer.start()
    with pytest.raises(ApiError) as caught:
        run.run()
    assert caught.value is first
    assert run.done() == []


def test_check_mode_previews_every_change_and_applies_none():
    recorder = Recorder()
    run = ChangeRun([recorder.change("a"), recorder.change("b", requires=["a"])], concurrency=5, check_mode=True).run()
    assert recorder.events == []
    assert run.results == {"a": {"preview": "a"}, "b": {"preview": "b"}}


def test_concurrency_must_be_one_or_more():
    assert concurrency_errors(1) == []
    assert concurrency_errors(0) == ["concurrency must be 1 or more, got 0"]


class FaultyStore:
    """A thread-safe in-memory API with faults: lost answers (the write was done) and refused writes (it was not)."""

    def __init__(self, items, lose_answers=(), refuse_once=()):
        self.lock = threading.Lock()
        self.items = dict((item["id"], dict(item)) for item in items)
        self.next_id = 100
        self.lose_answers = set(lose_answers)
        self.refuse_once = set(refuse_once)
        self.writes = []

    def list(self):
        with self.lock:
            return [dict(item) for item in self.items.values()]

    def create(self, desired):
        with self.lock:
            self.writes.append(("create", desired["name"]))
            if desired["name"] in self.refuse_once:
                self.refuse_once.discard(desired["name"])
                raise OutcomeUnknown("POST", "/things", None, "no answer (connection failed)")
            self.next_id += 1
            item = dict(desired, id=self.next_id)
            self.items[item["id"]] = item
            if desired["name"] in self.lose_answers:
                self.lose_answers.discard(desired["name"])
                raise OutcomeUnknown("POST", "/things", 503, "lost")
            return dict(item)

    def update(self, current, desired, changes):
        with self.lock:
            self.writes.append(("update", current["name"]))
            self.items[current["id"]].update(changes)
            return dict(self.items[current["id"]])

    def delete(self, current):
        with self.lock:
            self.writes.append(("delete", current["name"]))
            del self.items[current["id"]]


class JoiningPlan(SetPlan):
    def __init__(self, context, joins):
        super().__init__(context)
        self.joins = joins

    def requires(self, key, action):
        return self.joins.get(key, ())


class StoreSet(SetMapping):
    """The store's things as a declared set, keyed by name."""

    def __init__(self, store, desired, prune=False, joins=None):
        self.store = store
        self.desired = desired
        self.prune = prune
        self.joins = joins or {}

    def read(self):
        return self.store.list()

    def plan(self, current):
        return plan_set(dict((item["name"], item) for item in current), self.desired,
                        lambda key, cur, des: dict((k, v) for k, v in des.items() if cur.get(k) != v),
                        prune=self.prune, plan=JoiningPlan(current, self.joins))

    def create(self, plan, key, desired, done):
        return self.store.create(desired)

    def find_created(self, plan, key, desired, done):
        return [item for item in self.store.list() if item["name"] == key]

    def update(self, plan, key, current, desired, changes, done):
        return self.store.update(current, desired, changes)

    def delete(self, plan, key, current):
        self.store.delete(current)


def reconciled(mapping, concurrency):
    reconciler = SetReconciler(mapping, concurrency)
    reconciler.read()
    reconciler.apply()
    return reconciler


@pytest.mark.parametrize("concurrency", [1, 4, 16])
def test_a_set_under_lost_answers_and_dropped_connections_ends_whole_without_duplicates(concurrency):
    current = [{"id": number, "name": "keep%02d" % number, "size": 1} for number in range(10)]
    current += [{"id": 50 + number, "name": "old%02d" % number, "size": 1} for number in range(5)]
    store = FaultyStore(current, lose_answers=["new03", "new07", "new11"], refuse_once=["new05", "new13"])
    desired = dict(("keep%02d" % number, {"name": "keep%02d" % number, "size": number % 2 + 1}) for number in range(10))
    desired.update(("new%02d" % number, {"name": "new%02d" % number, "size": 1}) for number in range(20))
    reconciler = reconciled(StoreSet(store, desired, prune=True), concurrency)

    names = sorted(item["name"] for item in store.list())
    assert names == sorted(desired)
    progress = reconciler.progress()
    assert [item["name"] for item in progress["created"]] == ["new%02d" % number for number in range(20)]
    assert [item["name"] for item in progress["updated"]] == ["keep%02d" % number for number in range(1, 10, 2)]
    assert [item["name"] for item in progress["deleted"]] == ["old%02d" % number for number in range(5)]
    creates = [name for action, name in store.writes if action == "create"]
    # One create each, a second only where the first never reached the store.
    assert sorted(creates) == sorted(["new%02d" % number for number in range(20)] + ["new05", "new13"])
    assert sorted(item["name"] for item in reconciler.after()) == names


class RefusingStore(FaultyStore):
    def create(self, desired):
        raise ApiError("POST", "/things", 400, "refused")


def test_a_set_that_fails_partway_reports_what_it_did():
    current = [{"id": 1, "name": "a", "size": 1}, {"id": 2, "name": "gone", "size": 1}]
    store = RefusingStore(current)
    reconciler = SetReconciler(StoreSet(store, {"a": {"name": "a", "size": 2}, "b": {"name": "b"}}, prune=True))
    reconciler.read()
    with pytest.raises(ApiError):
        reconciler.apply()
    progress = reconciler.progress()
    assert [item["name"] for item in progress["deleted"]] == ["gone"]
    assert [item["name"] for item in progress["updated"]] == ["a"]
    assert progress["created"] == []


@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_set_create_waits_for_the_creates_it_requires(concurrency):
    store = FaultyStore([])
    desired = dict((name, {"name": name}) for name in ("joins", "other", "founder"))
    reconciler = reconciled(StoreSet(store, desired, joins={"joins": ["founder"]}), concurrency)
    creates = [name for _action, name in store.writes]
    assert creates.index("founder") < creates.index("joins")
    assert [item["name"] for item in reconciler.progress()["created"]] == ["joins", "other", "founder"]
