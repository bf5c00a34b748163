# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

A kind of API object declared once: its fields (Field) and its paths, identity, list query and deletes (Kind). The
generic adapters implement the engine's contracts from the declaration: Endpoints (the requests of one kind),
KindResource (one object, a Resource) and KindSet (a declared set, a SetMapping). A kind that is irregular
subclasses them and overrides the named hooks only.

The API object the endpoints talk through has read(path, flags), list(path, query), live(path, query) (a list
without soft-deleted items), post, put and delete (statushub.Hub is one).
"""

from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers, stored_text
from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.reconcile import Resource, index_unique, single_match
from ansible_collections.statusops.status.plugins.module_utils.sets import SetMapping, SetPlan, plan_set


class Field:
    """One field: its option (and the option's spec), the API's name for it, the value that stands for unset (None and
    it compare, and are shown, alike: "" for a text the API may leave out), the rules of its value, and trim: a text
    compared and shown without the white space around it (checks.stored_text; "compared"), and also sent so ("sent"),
    as a server may store it trimmed."""

    def __init__(self, option, spec=None, api=None, empty=None, checks=(), trim=None):
        self.option = option
        self.spec = spec or dict(type="str")
        self.api = api or option
        self.empty = empty
        self.checks = tuple(checks)
        self.trim = trim

    def sent(self, value):
        return stored_text(value) if self.trim == "sent" else value

    def compared(self, value):
        if self.trim:
            value = stored_text(value)
        return self.empty if value is None or value == "" else value

    def errors(self, value, where=""):
        if value is None:
            return []
        return [message for check in self.checks for message in check(where + self.option, value)]


class Kind:
    """One kind of object: noun, owner (what holds them, for messages), path (of the list, and below it of each
    object, unless paths names the create, update and delete paths), fields, key (the option that identifies one
    besides its id; None for the one object of its owner), list_query, soft_delete (a deleted object stays, flagged),
    the verbs of create and update, shaped (objects are shown as their id and fields only), required (the fields a
    create needs), created (what a create posted answers: the object with its new id, answers.Identified)."""

    def __init__(self, noun, owner, path, fields=(), key=None, id_key="id", list_query=None, soft_delete=True,
                 create_verb="post", update_verb="put", paths=None, shaped=False, required=(),
                 created=None):
        self.noun = noun
        self.owner = owner
        self.path = path
        self.fields = tuple(fields)
        self.key = key
        self.id_key = id_key
        self.list_query = list_query
        self.soft_delete = soft_delete
        self.create_verb = create_verb
        self.update_verb = update_verb
        self.paths = dict(paths or {})
        self.shaped = shaped
        self.required = tuple(required)
        self.created = created

    def options(self, **overrides):
        """The options that describe an object of the kind, as a module's argument spec writes them."""
        return dict(dict((field.option, field.spec) for field in self.fields), **overrides)

    def errors(self, params, where=""):
        """Messages naming the option, the value and the rule, for every value the API would refuse."""
        errors = booleans_given_as_integers(params, (self.id_key,), where)
        for field in self.fields:
            errors.extend(field.errors(params.get(field.option), where))
        return errors

    def desired(self, params):
        return dict((field.api, field.sent(params[field.option])) for field in self.fields
                    if params.get(field.option) is not None)

    def differing(self, current, desired):
        """The desired fields whose value differs from the current one."""
        fields = dict((field.api, field) for field in self.fields)
        return dict((name, value) for name, value in desired.items()
                    if fields[name].compared(current.get(name)) != fields[name].compared(value))

    def blank(self):
        """What a new object holds before its desired fields (check mode shows it)."""
        if not self.shaped:
            return {}
        return dict([(self.id_key, None)] + [(field.api, field.empty) for field in self.fields if field.empty is not None])

    def shown(self, item):
        if not self.shaped:
            return item
        return dict([(self.id_key, item.get(self.id_key))]
                    + [(field.api, field.compared(item.get(field.api))) for field in self.fields])

    def declared(self, items, state, where):
        """{key: desired fields} of a declared list (where: the option, as messages name it); duplicates and bad
        values are refused before any request."""
        errors = []
        declared = {}
        for position, item in enumerate(items):
            at = "%s[%d]." % (where, position)
            key = item.get(self.key)
            if not key:
                errors.append("%s%s is required" % (at, self.key))
                continue
            errors.extend(self.errors(item, at))
            if key in declared:
                errors.append("%s%s %r is declared more than once" % (at, self.key, key))
            declared[key] = self.desired(item) if state == "present" else {self.key: key}
        return declared, errors


class Endpoints:
    """The requests of one kind through one API object; objects come back as the kind shows them."""

    def __init__(self, api, kind):
        self.api = api
        self.kind = kind

    def _path(self, object_id, action=None):
        template = self.kind.paths.get(action) or (self.kind.path if object_id is None else self.kind.path + "/%s")
        return template if object_id is None else api_path(template, object_id)

    def list(self):
        kind = self.kind
        items = (self.api.live if kind.soft_delete else self.api.list)(kind.path, kind.list_query)
        return [kind.shown(item) for item in items]

    def get(self, object_id=None):
        """The object, or None when there is none (or only a deleted one)."""
        item = self.api.read(self._path(object_id), flags=self.kind.soft_delete)
        return item and self.kind.shown(item)

    def create(self, body):
        send = getattr(self.api, self.kind.create_verb)
        path = self._path(None, "create")
        return self.kind.shown(send(path, body, expect=self.kind.created) if self.kind.created else send(path, body))

    def update(self, object_id, body):
        return self.kind.shown(getattr(self.api, self.kind.update_verb)(self._path(object_id, "update"), body))

    def delete(self, object_id):
        self.api.delete(self._path(object_id, "delete"))


class KindResource(Resource):
    """One object of a kind, identified by its id when given, else by its key (else it is the owner's only one);
    through api, or through endpoints of its own (an Endpoints subclass)."""

    def __init__(self, kind, api, params, endpoints=None):
        self.kind = kind
        self.endpoints = endpoints or Endpoints(api, kind)
        self.params = params
        self.noun = kind.noun
        self.id_key = kind.id_key

    def _object_id(self, current):
        return None if self.kind.key is None else current[self.kind.id_key]

    def find(self):
        kind = self.kind
        if self.params.get(kind.id_key) is not None:
            return self.endpoints.get(self.params[kind.id_key])
        if kind.key is None:
            return self.endpoints.get()
        name = self.params[kind.key]
        return single_match([item for item in self.endpoints.list() if item[kind.key] == name],
                            "%s %r" % (kind.noun, name), kind.noun)

    def desired(self):
        return self.kind.desired(self.params)

    def changes(self, current, desired):
        return self.kind.differing(current, desired)

    def check_creatable(self, desired):
        """Refuse a create that cannot be: an id given that the owner does not have, a required field missing."""
        kind = self.kind
        if self.params.get(kind.id_key) is not None:
            raise ReconcileError("%s %s %s: the %s has no %s with that %s; omit %s to create a %s by %s" % (
                kind.noun, kind.id_key, self.params[kind.id_key], kind.owner, kind.noun, kind.id_key, kind.id_key,
                kind.noun, kind.key))
        for field in kind.required:
            if not desired.get(field):
                raise ReconcileError("the %s has no %s; %s is required to set one" % (kind.owner, kind.noun, field))

    def create(self, desired):
        self.check_creatable(desired)
        return self.endpoints.create(desired)

    def update(self, current, desired, changes):
        return self.endpoints.update(self._object_id(current), changes)

    def delete(self, current):
        self.endpoints.delete(self._object_id(current))

    def preview(self, current, desired):
        if current is None:
            self.check_creatable(desired)
            return dict(self.kind.blank(), **desired)
        return super().preview(current, desired)


class KindSet(SetMapping):
    """The objects of a kind as a declared set, keyed by their key (undeclared ones by id: two may share a key);
    declared: {key: desired fields} (Kind.declared). The result holds the objects after the run under plural."""

    def __init__(self, kind, api, declared, prune, state, plural):
        self.kind = kind
        self.endpoints = Endpoints(api, kind)
        self.declared = declared
        self.prune = prune
        self.absent = state == "absent"
        self.plural = plural
        self.noun = kind.noun
        self.id_key = kind.id_key

    def read(self):
        return self.endpoints.list()

    def plan(self, current):
        kind, keys = self.kind, set(self.declared)
        by_key = index_unique([item for item in current if item[kind.key] in keys], lambda item: item[kind.key],
                              lambda key: "%s %r" % (kind.noun, key), kind.noun)
        current_by_key = dict(by_key)
        current_by_key.update((("#id", item[kind.id_key]), item) for item in current if item[kind.key] not in keys)
        return plan_set(current_by_key, self.declared, lambda key, item, desired: kind.differing(item, desired),
                        prune=self.prune, absent=self.absent, plan=SetPlan(current))

    def create(self, plan, key, desired, done):
        return self.endpoints.create(desired)

    def find_created(self, plan, key, desired, done):
        return [item for item in self.endpoints.list() if item[self.kind.key] == key]

    def update(self, plan, key, current, desired, changes, done):
        return self.endpoints.update(current[self.kind.id_key], changes)

    def delete(self, plan, key, current):
        self.endpoints.delete(current[self.kind.id_key])

    def preview_create(self, plan, key, desired, done):
        return dict(self.kind.blank(), **desired)

    def result(self, reconciler):
        after = reconciler.after()
        return {self.plural: after, "diff": {"before": {self.plural: reconciler.plan.context},
                                             "after": {self.plural: after}}}
