# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The reconcile engine: read what is, compare it with what is declared, plan, carry the plan out (in check mode,
preview it) and say what was done.

It knows nothing of HTTP or of any API. A Resource (one object) or a SetMapping (a set of objects) in the API
mapping files tells it how to read, identify, compare, create, update and delete; every plan, of one object or of
a set, is carried out by one executor (ChangeRun), and a create whose answer was lost goes through create_once.
"""

import heapq
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from ansible_collections.statusops.status.plugins.module_utils.errors import (
    ApiError,
    NotFoundOnRetry,
    OutcomeUnknown,
    ReconcileError,
)


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


def create_once(create, find_created, known=(), noun="object", id_key="id"):
    """create(); when its answer was lost, look for the object by its full identity and create only if still absent.

    find_created() returns every object that now has the declared identity (for a component in a tree, under its
    parent), so that the one the lost create made is among them if it made one. known holds the ids of objects that
    cannot be it: there before the run, or made by another change of it. Two candidates or more are never adopted:
    the outcome is unknown, and the error names them.
    """
    try:
        return create()
    except OutcomeUnknown as lost:
        try:
            candidates = [item for item in find_created() if item[id_key] not in known]
        except (ApiError, ReconcileError) as exc:
            raise OutcomeUnknown(lost.method, lost.path, lost.status, "%s; the outcome is unknown: looking for what it "
                                 "may have created failed: %s" % (lost.message, exc))
        if len(candidates) > 1:
            raise ReconcileError("%s; the outcome is unknown: %d %ss now match what it was to create (%ss %s) and none "
                                 "is taken for it; check them and delete the extra ones" % (
                                     lost, len(candidates), noun, id_key,
                                     " and ".join(str(item[id_key]) for item in candidates)))
        if candidates:
            return candidates[0]
        return create()


def delete_once(delete, current):
    """delete(current); a 404 answering a retry after an attempt that may have been carried out is that delete done."""
    try:
        delete(current)
    except NotFoundOnRetry:
        pass


def carry_out(change, check_mode):
    """The object after one change (in check mode, as it would be), carried out by the executor of every plan."""
    return ChangeRun([change], 1, check_mode).run().results[change.key]


def ensure_present(resource, check_mode):
    current = resource.find()
    desired = resource.desired()
    if current is None:
        create = Change(resource.noun, "create",
                        lambda _done: create_once(lambda: resource.create(desired), resource.find_created,
                                                  noun=resource.noun, id_key=resource.id_key),
                        lambda _done: resource.preview(None, desired))
        return Outcome("create", None, carry_out(create, check_mode))
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
    update = Change(resource.noun, "update", lambda _done: resource.update(current, desired, changes),
                    lambda _done: resource.preview(current, desired))
    return Outcome("update", current, carry_out(update, check_mode), changes, view=resource.compared)


def ensure_absent(resource, check_mode):
    current = resource.find()
    if current is None:
        return Outcome("none")
    carry_out(Change(resource.noun, "delete", lambda _done: delete_once(resource.delete, current), lambda _done: None),
              check_mode)
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
    """The work that makes a set of current objects match a declared set, each object under the key that identifies
    it. context is what the read returned (the objects, a page). A mapping whose changes depend on one another
    (parents and children, subscribers) subclasses it: requires() names what must be done first, order() the order
    in which changes start."""

    def __init__(self, context=None):
        self.context = context
        self.create = []  # (key, desired)
        self.update = []  # (key, current, desired, changes)
        self.delete = []  # (key, current)
        self.unchanged = []  # (key, current)

    def requires(self, key, action):
        """The keys whose changes must be carried out before this one."""
        return ()

    def order(self):
        """(action, key) of every change, in the order they start: deletes, then updates, then creates."""
        return [*(("delete", key) for key, _current in self.delete),
                *(("update", update[0]) for update in self.update),
                *(("create", key) for key, _desired in self.create)]


def plan_set(current_by_key, desired_by_key, changes_of, prune=False, absent=False, plan=None):
    """Fill plan (a new SetPlan when None) with the creates, updates and deletes that make current match desired.

    changes_of(key, current, desired) returns the fields to change of one object.
    With absent=True the declared keys are deleted; with prune=True the current
    objects that are not declared are deleted too.
    """
    plan = SetPlan() if plan is None else plan
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

    apply(done) and preview(done) return the object after the change; done maps the key of every change already
    carried out to what it returned, so a change can use the object created by one it requires.
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


class SetMapping:
    """How one kind of object is managed as a declared set: read, planned, changed one object at a time, shown.

    read() is the only method that may read more than once; plan() sends no request. Every change method gets the
    plan it belongs to, the key of its object and done, the objects returned by the changes already carried out.
    """

    noun = "object"
    id_key = "id"

    def read(self):
        """The current state (the objects, a page) in as few requests as the API allows."""
        raise NotImplementedError

    def plan(self, current):
        """The SetPlan that makes current match the declaration; raises ReconcileError for what cannot be done."""
        raise NotImplementedError

    def known_ids(self, plan):
        """The ids that a create whose answer was lost cannot have made: every object read."""
        return [item[self.id_key] for item in plan.context]

    def create(self, plan, key, desired, done):
        raise NotImplementedError

    def find_created(self, plan, key, desired, done):
        """After a create whose answer was lost: every object that now has the declared identity."""
        raise NotImplementedError

    def update(self, plan, key, current, desired, changes, done):
        raise NotImplementedError

    def delete(self, plan, key, current):
        raise NotImplementedError

    def preview_create(self, plan, key, desired, done):
        return dict(desired)

    def preview_update(self, plan, key, current, desired, done):
        return dict(current, **desired)

    def shown(self, plan, key, item):
        """An object as the result's created, updated and deleted show it."""
        return item

    def result(self, reconciler):
        """The result keys besides created, updated, deleted and changed."""
        return {}


class SetReconciler:
    """Makes a set of objects match a declared one through its SetMapping: read() reads and plans, apply() carries
    the plan out (in check mode, previews it) through the executor; progress() says what was done, also after a
    failed change."""

    def __init__(self, mapping, concurrency=1, check_mode=False):
        self.mapping = mapping
        self.concurrency = concurrency
        self.check_mode = check_mode
        self.plan = None
        self.run = None

    def read(self):
        self.plan = self.mapping.plan(self.mapping.read())
        return self.plan

    def apply(self):
        plan = self.plan
        creates = dict(plan.create)
        updates = dict((update[0], update[1:]) for update in plan.update)
        deletes = dict(plan.delete)
        known = set(self.mapping.known_ids(plan))
        changes = []
        for action, key in plan.order():
            if action == "create":
                apply, preview = self._create(key, creates[key], known)
            elif action == "update":
                apply, preview = self._update(key, *updates[key])
            else:
                apply, preview = self._delete(key, deletes[key])
            changes.append(Change(key, action, apply, preview, plan.requires(key, action)))
        self.run = ChangeRun(changes, self.concurrency, self.check_mode)
        self.run.run()

    def _create(self, key, desired, known):
        mapping, plan = self.mapping, self.plan

        def apply(done):
            created = create_once(lambda: mapping.create(plan, key, desired, done),
                                  lambda: mapping.find_created(plan, key, desired, done),
                                  known, mapping.noun, mapping.id_key)
            known.add(created[mapping.id_key])
            return created

        return apply, lambda done: mapping.preview_create(plan, key, desired, done)

    def _update(self, key, current, desired, changes):
        mapping, plan = self.mapping, self.plan
        return (lambda done: mapping.update(plan, key, current, desired, changes, done),
                lambda done: mapping.preview_update(plan, key, current, desired, done))

    def _delete(self, key, current):
        mapping, plan = self.mapping, self.plan
        return lambda _done: delete_once(lambda item: mapping.delete(plan, key, item), current), lambda _done: None

    def done(self, action):
        """(key, object) of each change of one action carried out (in check mode, previewed), in plan order: the
        object after a create or an update, as it was before a delete."""
        if self.run is None:
            return []
        deletes = dict(self.plan.delete)
        return [(change.key, deletes[change.key] if action == "delete" else self.run.results[change.key])
                for change in self.run.done(action)]

    def progress(self):
        """created, updated and deleted, each a list of objects as the mapping shows them."""
        return dict((name, [self.mapping.shown(self.plan, key, item) for key, item in self.done(action)])
                    for name, action in (("created", "create"), ("updated", "update"), ("deleted", "delete")))

    def after(self):
        """The objects read, as they are after the run: deleted ones gone, updated ones replaced, created ones added."""
        id_key = self.mapping.id_key
        deleted = set(item[id_key] for _key, item in self.done("delete"))
        currents = dict((update[0], update[1]) for update in self.plan.update)
        updated = dict((currents[key][id_key], item) for key, item in self.done("update"))
        kept = [updated.get(item[id_key], item) for item in self.plan.context if item[id_key] not in deleted]
        return kept + [item for _key, item in self.done("create")]
