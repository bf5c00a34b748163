# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reconcile engine: read current state, compare, decide, honour check mode, diff.

It knows nothing of HTTP or of any API: a Resource (one per kind of object, in
the API mapping files) tells it how to find, compare, create, update and delete.
A set of objects is planned with plan_set and carried out as Changes by apply_changes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import heapq
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from ansible_collections.statusops.status.plugins.module_utils.client import NotFoundOnRetry, OutcomeUnknown


class ReconcileError(Exception):
    """A problem with what was asked for: ambiguous identity, a missing reference."""


class Resource:
    """One object the user declared. Subclasses fill in the API specifics."""

    noun = "object"
    id_key = "id"

    def find(self):
        """The current object, or None. Raise ReconcileError when two objects match."""
        raise NotImplementedError

    def find_created(self):
        """After a create whose answer was lost: every object that now has the declared identity, all of it (for a
        component in a tree, its parent too), so that the one the create made is among them if it made one."""
        found = self.find()
        return [] if found is None else [found]

    def desired(self):
        """The fields the user set, in the API's shape."""
        raise NotImplementedError

    def normalise(self, field, value):
        """The form in which values of a field compare (None and "", list order, time zones)."""
        return value

    def compared(self, current):
        """What the desired fields are compared with: the object itself, or a view of it (such as its latest part)."""
        return current

    def changes(self, current, desired):
        """The desired fields whose normalised value differs from the current one."""
        return dict((field, value) for field, value in desired.items()
                    if self.normalise(field, current.get(field)) != self.normalise(field, value))

    def must_update(self, current, desired, changes):
        return bool(changes)

    def create(self, desired):
        raise NotImplementedError

    def update(self, current, desired, changes):
        raise NotImplementedError

    def delete(self, current):
        raise NotImplementedError

    def preview(self, current, desired):
        """The object as it would be after the change (used in check mode)."""
        merged = dict(current or {})
        merged.update(desired)
        return merged


class Outcome:
    """What the engine did (or would do) to one object."""

    def __init__(self, action, before=None, after=None, changes=None, view=None):
        self.action = action  # one of: none, create, update, delete
        self.before = before
        self.after = after
        self.changes = changes or {}
        self.view = view  # the view of before and after that an update's diff shows (Resource.compared)

    @property
    def changed(self):
        return self.action != "none"

    @property
    def diff(self):
        """Before/after of the changed keys only."""
        if self.action == "create":
            return {"before": {}, "after": dict(self.after or {})}
        if self.action == "delete":
            return {"before": dict(self.before or {}), "after": {}}
        keys = sorted(self.changes)
        before, after = self.before or {}, self.after or {}
        if self.view is not None:
            before, after = self.view(before), self.view(after)
        return {
            "before": dict((key, before.get(key)) for key in keys),
            "after": dict((key, after.get(key)) for key in keys),
        }


def create_once(resource, desired, known=()):
    """Create; when the answer was lost, look for the object by its full identity and create only if still absent.

    known holds the ids of objects that cannot be the one created: there before the run, or made by another change
    of it. Two candidates or more are never adopted: the outcome is unknown, and the error names them.
    """
    try:
        return resource.create(desired)
    except OutcomeUnknown as lost:
        try:
            candidates = [item for item in resource.find_created() if item[resource.id_key] not in known]
        except ReconcileError as exc:
            raise ReconcileError("%s; looking for what it may have created: %s" % (lost, exc))
        if len(candidates) > 1:
            raise ReconcileError("%s; the outcome is unknown: %d %ss now match what it was to create (%ss %s) and none "
                                 "is taken for it; check them and delete the extra ones" % (
                                     lost, len(candidates), resource.noun, resource.id_key,
                                     " and ".join(str(item[resource.id_key]) for item in candidates)))
        if candidates:
            return candidates[0]
        return resource.create(desired)


def delete_once(delete, current):
    """delete(current); a 404 answering a retry after an attempt that may have been carried out is that delete done."""
    try:
        delete(current)
    except NotFoundOnRetry:
        pass


def ensure_present(resource, check_mode):
    current = resource.find()
    desired = resource.desired()
    if current is None:
        after = resource.preview(None, desired) if check_mode else create_once(resource, desired)
        return Outcome("create", None, after)
    return update_if_changed(resource, current, desired, check_mode)


def ensure_existing(resource, check_mode):
    """Like ensure_present for a state that changes an object but never creates one (such as resolved)."""
    current = resource.find()
    if current is None:
        return Outcome("none")
    return update_if_changed(resource, current, resource.desired(), check_mode)


def update_if_changed(resource, current, desired, check_mode):
    changes = resource.changes(resource.compared(current), desired)
    if not resource.must_update(current, desired, changes):
        return Outcome("none", current, current)
    after = resource.preview(current, desired) if check_mode else resource.update(current, desired, changes)
    return Outcome("update", current, after, changes, view=resource.compared)


def ensure_absent(resource, check_mode):
    current = resource.find()
    if current is None:
        return Outcome("none")
    if not check_mode:
        delete_once(resource.delete, current)
    return Outcome("delete", current, None)


def ambiguous(what, matches, noun="object", id_key="id", hint=None):
    """The error for one identity that matches several objects: it names each of them and how to choose."""
    return ReconcileError("%s matches more than one %s: %ss %s; %s" % (
        what, noun, id_key, " and ".join(str(item[id_key]) for item in matches),
        hint or "give its %s to choose one" % id_key))


def single_match(matches, what, noun="object", id_key="id", hint=None):
    """The one match, or None for none; two or more fail naming each (nothing is guessed)."""
    if len(matches) > 1:
        raise ambiguous(what, matches, noun, id_key, hint)
    return matches[0] if matches else None


def index_unique(items, key_of, describe, noun="object", id_key="id", hint=None):
    """Map each item's key to the item; two items with one key fail naming both."""
    index = {}
    for item in items:
        key = key_of(item)
        if key in index:
            raise ambiguous(describe(key), [index[key], item], noun, id_key, hint)
        index[key] = item
    return index


class SetPlan:
    """The work that makes a set of current objects match a declared set."""

    def __init__(self):
        self.create = []  # (key, desired)
        self.update = []  # (key, current, desired, changes)
        self.delete = []  # (key, current)
        self.unchanged = []  # (key, current)

    @property
    def changed(self):
        return bool(self.create or self.update or self.delete)


def plan_set(current_by_key, desired_by_key, changes_of, prune=False, absent=False):
    """Decide the creates, updates and deletes that make current match desired.

    changes_of(key, current, desired) returns the fields to change of one object.
    With absent=True the declared keys are deleted; with prune=True the current
    objects that are not declared are deleted too.
    """
    plan = SetPlan()
    for key, desired in desired_by_key.items():
        current = current_by_key.get(key)
        if absent:
            if current is not None:
                plan.delete.append((key, current))
        elif current is None:
            plan.create.append((key, desired))
        else:
            changes = changes_of(key, current, desired)
            if changes:
                plan.update.append((key, current, desired, changes))
            else:
                plan.unchanged.append((key, current))
    if prune and not absent:
        for key, current in current_by_key.items():
            if key not in desired_by_key:
                plan.delete.append((key, current))
    return plan


# Requests in flight at once when a set module applies its plan (Terraform's default parallelism is 10 too).
DEFAULT_CONCURRENCY = 10


def concurrency_errors(value):
    return [] if value >= 1 else ["concurrency must be 1 or more, got %s" % value]


class Change:
    """One write of a plan: its action, what it needs done first, and how to do it (or, in check mode, preview it).

    apply(results) and preview(results) return the object after the change; results maps the key of every change
    already done to what it returned, so a change can use the object created by one it requires.
    """

    def __init__(self, key, action, apply, preview, requires=()):
        self.key = key
        self.action = action  # one of: create, update, delete
        self.apply = apply
        self.preview = preview
        self.requires = tuple(requires)


class ChangeRun:
    """Carries out a list of Changes: each after those it requires, up to `concurrency` at once.

    The list's order is the plan order: changes start in that order as soon as they are free to, so a concurrency
    of 1 sends them exactly in that order, and done() reports them in that order at any concurrency. When a change
    fails, nothing more starts, the changes already in flight finish, and the error of the first failed change in
    plan order is raised; done() then says what was carried out.
    """

    def __init__(self, changes, concurrency=1, check_mode=False):
        self.changes = list(changes)
        self.concurrency = concurrency
        self.check_mode = check_mode
        self.results = {}

    def done(self, action=None):
        """The changes carried out (in check mode, previewed), in plan order, optionally of one action only."""
        return [change for change in self.changes
                if change.key in self.results and (action is None or change.action == action)]

    def run(self):
        if self.check_mode:
            for change in self.changes:
                self.results[change.key] = change.preview(self.results)
            return self
        position = dict((change.key, number) for number, change in enumerate(self.changes))
        blocking = {}
        unblocks = {}
        for change in self.changes:
            required = set(key for key in change.requires if key in position)
            blocking[change.key] = len(required)
            for key in required:
                unblocks.setdefault(key, []).append(change.key)
        ready = [position[key] for key, count in blocking.items() if not count]
        heapq.heapify(ready)
        failures = []
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            running = {}
            while ready or running:
                while ready and len(running) < self.concurrency and not failures:
                    change = self.changes[heapq.heappop(ready)]
                    running[pool.submit(change.apply, dict(self.results))] = change
                if not running:
                    break
                finished, _pending = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    change = running.pop(future)
                    error = future.exception()
                    if error is not None:
                        failures.append((position[change.key], error))
                        continue
                    self.results[change.key] = future.result()
                    for key in unblocks.get(change.key, ()):
                        blocking[key] -= 1
                        if not blocking[key]:
                            heapq.heappush(ready, position[key])
        if failures:
            raise min(failures, key=lambda failure: failure[0])[1]
        return self


def _ignoring_results(function, *args):
    return lambda _results: function(*args)


class SetChanges(ChangeRun):
    """The changes of a SetPlan: deletes, then updates, then creates; a create waits for the keys that requires
    names for it (the creates it depends on), the others do not depend on one another.

    actions carries them out: create(key, desired), update(current, desired, changes) and delete(current), and
    previews them in check mode: preview_create(key, desired) and preview_update(current, desired).
    """

    def __init__(self, plan, actions, concurrency=1, check_mode=False, requires=None):
        self.deletes = dict(plan.delete)
        self.updates = dict((key, current) for key, current, _desired, _changes in plan.update)
        changes = [Change(key, "delete", _ignoring_results(delete_once, actions.delete, current), _ignoring_results(lambda: None))
                   for key, current in plan.delete]
        changes.extend(Change(key, "update", _ignoring_results(actions.update, current, desired, fields),
                              _ignoring_results(actions.preview_update, current, desired))
                       for key, current, desired, fields in plan.update)
        changes.extend(Change(key, "create", _ignoring_results(actions.create, key, desired),
                              _ignoring_results(actions.preview_create, key, desired), (requires or {}).get(key, ()))
                       for key, desired in plan.create)
        super(SetChanges, self).__init__(changes, concurrency, check_mode)

    def created(self):
        return [self.results[change.key] for change in self.done("create")]

    def updated(self):
        return [self.results[change.key] for change in self.done("update")]

    def deleted(self):
        return [self.deletes[change.key] for change in self.done("delete")]

    def after(self, current, id_key="id"):
        """The objects after the run: current ones deleted, replaced by their update, and the created ones."""
        deleted = set(item[id_key] for item in self.deleted())
        updated = dict((self.updates[change.key][id_key], self.results[change.key]) for change in self.done("update"))
        kept = [updated.get(item[id_key], item) for item in current if item[id_key] not in deleted]
        return kept + self.created()
