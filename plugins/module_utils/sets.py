# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The engine for declared sets: a SetMapping (how one kind of object is read, planned, changed and shown as a set)
and the SetReconciler that reads, plans and carries the plan out through the executor (ChangeRun).
"""

from ansible_collections.statusops.status.plugins.module_utils.executor import Change, ChangeRun
from ansible_collections.statusops.status.plugins.module_utils.reconcile import create_once, delete_once


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
