# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.statusops.status.plugins.module_utils.errors import OutcomeUnknown
from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    ReconcileError,
    Resource,
    ensure_absent,
    ensure_present,
    index_unique,
)
from ansible_collections.statusops.status.plugins.module_utils.sets import plan_set


class Thing(Resource):
    """An in-memory resource that records what the engine asked of it."""

    def __init__(self, stored, wanted, lose_create_answer=False):
        self.stored = stored
        self.wanted = wanted
        self.lose_create_answer = lose_create_answer
        self.writes = []

    def find(self):
        return dict(self.stored) if self.stored else None

    def desired(self):
        return dict(self.wanted)

    def create(self, desired):
        self.writes.append(("create", desired))
        self.stored = dict(desired, id=1)
        if self.lose_create_answer:
            self.lose_create_answer = False
            raise OutcomeUnknown("POST", "/things", 503, "lost")
        return dict(self.stored)

    def update(self, current, desired, changes):
        self.writes.append(("update", changes))
        self.stored.update(changes)
        return dict(self.stored)

    def delete(self, current):
        self.writes.append(("delete", current["id"]))
        self.stored = None


def test_create_then_nothing_then_update_then_delete():
    thing = Thing(None, {"name": "a", "size": 1})
    outcome = ensure_present(thing, check_mode=False)
    assert (outcome.action, outcome.after) == ("create", {"name": "a", "size": 1, "id": 1})
    assert outcome.diff == {"before": {}, "after": {"name": "a", "size": 1, "id": 1}}
    assert ensure_present(thing, check_mode=False).action == "none"
    thing.wanted["size"] = 2
    outcome = ensure_present(thing, check_mode=False)
    assert outcome.action == "update"
    assert outcome.diff == {"before": {"size": 1}, "after": {"size": 2}}
    assert ensure_absent(thing, check_mode=False).action == "delete"
    assert ensure_absent(thing, check_mode=False).action == "none"
    assert thing.writes == [("create", {"name": "a", "size": 1}), ("update", {"size": 2}), ("delete", 1)]


def test_check_mode_sends_no_write_and_shows_the_object_as_it_would_be():
    thing = Thing({"id": 1, "name": "a", "size": 1}, {"name": "a", "size": 5})
    outcome = ensure_present(thing, check_mode=True)
    assert outcome.changed and outcome.after == {"id": 1, "name": "a", "size": 5}
    assert ensure_absent(thing, check_mode=True).changed
    assert Thing(None, {"name": "b"}).find() is None
    assert ensure_present(Thing(None, {"name": "b"}), check_mode=True).after == {"name": "b"}
    assert thing.writes == []


def test_a_create_whose_answer_was_lost_is_not_sent_again_when_it_exists():
    thing = Thing(None, {"name": "a"}, lose_create_answer=True)
    outcome = ensure_present(thing, check_mode=False)
    assert outcome.action == "create" and outcome.after == {"name": "a", "id": 1}
    assert thing.writes == [("create", {"name": "a"})]


def test_a_create_whose_answer_was_lost_is_sent_again_when_absent():
    thing = Thing(None, {"name": "a"}, lose_create_answer=True)
    thing.find = lambda: None
    ensure_present(thing, check_mode=False)
    assert [write[0] for write in thing.writes] == ["create", "create"]


def test_index_unique_names_both_ids():
    items = [{"id": 7, "name": "x"}, {"id": 9, "name": "x"}]
    with pytest.raises(ReconcileError, match="more than one object: ids 7 and 9; give its id to choose one"):
        index_unique(items, lambda item: item["name"], lambda key: "name %r" % key)


def test_plan_set_with_and_without_prune():
    current = {"a": {"v": 1}, "b": {"v": 2}, "old": {"v": 0}}
    desired = {"a": {"v": 1}, "b": {"v": 3}, "new": {"v": 4}}

    def changes_of(key, cur, des):
        return dict((key, value) for key, value in des.items() if cur.get(key) != value)

    plan = plan_set(current, desired, changes_of)
    assert [key for key, _desired in plan.create] == ["new"]
    assert [(key, changes) for key, _current, _desired, changes in plan.update] == [("b", {"v": 3})]
    assert plan.delete == [] and [key for key, _current in plan.unchanged] == ["a"]
    assert [key for key, _current in plan_set(current, desired, changes_of, prune=True).delete] == ["old"]
    absent = plan_set(current, desired, changes_of, absent=True, prune=True)
    assert [key for key, _current in absent.delete] == ["a", "b"] and not absent.create
