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

from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, NotFoundOnRetry, OutcomeUnknown, ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.executor import Change, ChangeRun


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
    return deleted(resource, current, check_mode)


def deleted(resource, current, check_mode):
    """Delete the current object (in check mode, only say so)."""
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
