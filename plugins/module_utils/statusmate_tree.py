# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

A Statusmate page as a tree: the declared components, the plan and its execution, the page exported as a tree.

A component of the declared tree is identified by its path: the names from the
top level down to it (shown as ``Website/CDN``). The live page (statusmate_page)
is read with one list; when the server's list items are abbreviated (no ``parent``),
the children of each declared group are read with one ``?parent=`` query, and a
component not found under a declared group is taken to be at the top level.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.statusops.status.plugins.module_utils.common import option_errors
from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    Change,
    ChangeRun,
    Resource,
    create_once,
    delete_once,
    index_unique,
    plan_set,
)
from ansible_collections.statusops.status.plugins.module_utils.statusmate import (
    COMPONENT_FIELD_SPEC,
    differing_fields,
    unverifiable_fields,
    update_body,
    validation_errors,
)
from ansible_collections.statusops.status.plugins.module_utils.statusmate_page import SEPARATOR, read_page

# The fields of one item of the declared tree, in the order the tree shows them.
TREE_FIELDS = tuple(COMPONENT_FIELD_SPEC)
ITEM_SPEC = dict(COMPONENT_FIELD_SPEC)
ITEM_SPEC["name"] = dict(type="str", required=True)
ITEM_SPEC["children"] = dict(type="list", elements="dict")
TEXT_ITEM_SPEC = dict((option, spec) for option, spec in ITEM_SPEC.items() if spec["type"] == "str")
AMBIGUITY_HINT = ("the declared tree identifies a component by its name under its parent: rename or delete one of them, "
                  "or declare the group that holds the other one together with its children")


def path_text(path):
    return SEPARATOR.join(path)


class Declared:
    """One component of the declared tree."""

    def __init__(self, path, fields, children):
        self.path = path
        self.fields = fields
        self.children = children

    @property
    def name(self):
        return self.path[-1]


def parse_tree(items):
    """The declared tree from the module's `components`, and the problems found in it (no request is needed)."""
    errors = []
    tree = _parse_level(items or [], (), "components", errors)
    return tree, errors


def _parse_level(items, parent_path, where, errors):
    level = []
    seen = set()
    validator = ArgumentSpecValidator(ITEM_SPEC)
    for position, raw in enumerate(items):
        location = "%s[%d]" % (where, position)
        if not isinstance(raw, dict):
            errors.append("%s must be a dictionary, got %r" % (location, raw))
            continue
        # Strings checked as given, before the validator turns a dict given for one into its text.
        problems = option_errors(TEXT_ITEM_SPEC, raw, location + ".")
        if problems:
            errors.extend(problems)
            continue
        # A None is an option not set (the module's own validation fills them in at the top level).
        result = validator.validate(dict((key, value) for key, value in raw.items() if value is not None))
        if result.error_messages:
            errors.extend("%s: %s" % (location, message) for message in result.error_messages)
            continue
        params = result.validated_parameters
        path = parent_path + (params["name"],)
        label = "%s (%s)" % (location, path_text(path))
        errors.extend(validation_errors(params, where="%s: " % label))
        if params["name"] in seen:
            errors.append("%s: %s is declared twice" % (label, path_text(path)))
        seen.add(params["name"])
        fields = dict((field, params[field]) for field in TREE_FIELDS if params.get(field) is not None)
        children = _parse_level(params.get("children") or [], path, location + ".children", errors)
        level.append(Declared(path, fields, children))
    return level


def explore(page, tree):
    """Read the children of every live component that may be a declared group, one level of the tree at a time."""
    level = [(node, [item for item in page.items if item["name"] == node.name]) for node in tree if node.children]
    while level and not page.full:
        page.read_children(candidate["uuid"] for _node, candidates in level for candidate in candidates)
        level = [(child, [item for candidate in candidates for item in page.children(candidate["uuid"])
                          if item["name"] == child.name])
                 for node, candidates in level for child in node.children if child.children]


class Entry:
    """One component of the plan: declared, live, or both."""

    def __init__(self, key, path, parent_key, declared=None, live=None):
        self.key = key
        self.path = path
        self.parent_key = parent_key
        self.declared = declared
        self.live = live

    @property
    def depth(self):
        return len(self.path)


class TreePlan:
    """The creates, updates and deletes that make the page match the declared tree."""

    def __init__(self, page, tree, prune=False, absent=False, update_unverified=False):
        self.page = page
        self.tree = tree
        self.prune = prune and not absent
        self.absent = absent
        self.update_unverified = update_unverified
        explore(page, tree)
        while True:
            self._build()
            if page.full or not self.prune:
                break
            # Pruning reads the children of the components it deletes, to delete children first and name them by path.
            unexplored = [entry.live["uuid"] for key, entry in self.entries.items() if key[0] is None
                          and not page.explored(entry.live["uuid"])]
            if not unexplored:
                break
            page.read_children(unexplored)

    def _build(self):
        self.entries = {}
        self._level(self.tree, self.page.top_level(), (), None)
        current = dict((key, entry.live) for key, entry in self.entries.items() if entry.live is not None)
        desired = dict((key, entry.declared.fields) for key, entry in self.entries.items() if entry.declared is not None)
        self.plan = plan_set(current, desired, self._changes, prune=self.prune, absent=self.absent)
        self.plan.delete.sort(key=lambda item: -self.entries[item[0]].depth)

    def _level(self, tree, live, parent_path, parent_key):
        names = set(node.name for node in tree)

        def key_of(item):
            return parent_path + (item["name"],) if item["name"] in names else (None, item["uuid"])

        matches = index_unique(live, key_of, lambda key: "component %r" % path_text(key), "component", "uuid",
                               hint=AMBIGUITY_HINT)
        for node in tree:
            match = matches.get(node.path)
            self.entries[node.path] = Entry(node.path, node.path, parent_key, node, match)
            below = []
            if match is not None and (node.children or self.page.explored(match["uuid"])):
                below = self.page.children(match["uuid"])
            self._level(node.children, below, node.path, node.path)
        for key, item in matches.items():
            if key[0] is None:
                self._undeclared(item, parent_path, parent_key)

    def _undeclared(self, item, parent_path, parent_key):
        key = (None, item["uuid"])
        path = parent_path + (item["name"],)
        self.entries[key] = Entry(key, path, parent_key, live=item)
        if self.page.explored(item["uuid"]):
            for child in self.page.children(item["uuid"]):
                self._undeclared(child, path, key)

    def unverified_of(self, entry):
        return unverifiable_fields(entry.live, entry.declared.fields)

    def _changes(self, key, current, desired):
        changes = differing_fields(current, desired)
        if self.update_unverified:
            for field in unverifiable_fields(current, desired):
                changes[field] = desired[field]
        return changes

    @property
    def changed(self):
        return self.plan.changed


class _Creation(Resource):
    """The create of one component, for reconcile.create_once: after a lost answer it looks before sending again."""

    noun = "component"
    id_key = "uuid"

    def __init__(self, components, parent_uuid, name):
        self.components = components
        self.parent_uuid = parent_uuid
        self.name = name

    def find_created(self):
        return read_page(self.components).named_under(self.name, self.parent_uuid)

    def create(self, desired):
        return self.components.create(desired)


class Execution:
    """Carries out a TreePlan (or, in check mode, says what it would do): parents created before their children,
    children deleted before their parents, other changes up to `concurrency` at once."""

    def __init__(self, plan, check_mode, concurrency=1):
        self.plan = plan
        # The components that a lost create cannot have made: on the page when it was read, or created by the run.
        self.known_uuids = set(plan.page.known)
        self.changes = ChangeRun(self._changes(), concurrency, check_mode)

    def run(self):
        self.changes.run()
        return self

    def _changes(self):
        plan = self.plan
        changes = []
        if not plan.absent:
            creates = dict(plan.plan.create)
            updates = dict((item[0], item) for item in plan.plan.update)
            for key, entry in plan.entries.items():
                if key in creates:
                    changes.append(self._create(entry, creates[key]))
                elif key in updates:
                    changes.append(self._update(entry, updates[key][1], updates[key][2]))
        doomed = set(key for key, _current in plan.plan.delete)
        for key, current in plan.plan.delete:
            children = [entry.key for entry in plan.entries.values() if entry.parent_key == key and entry.key in doomed]
            changes.append(Change(key, "delete",
                                  lambda results, uuid=current["uuid"]: delete_once(plan.page.components.delete, uuid),
                                  preview=lambda results: None, requires=children))
        return changes

    def _parent_uuid(self, entry, results):
        if entry.parent_key is None:
            return None
        parent = self.plan.entries[entry.parent_key]
        return parent.live["uuid"] if parent.live is not None else results[entry.parent_key]["uuid"]

    def _create(self, entry, desired):
        def apply(results):
            parent_uuid = self._parent_uuid(entry, results)
            creation = _Creation(self.plan.page.components, parent_uuid, entry.declared.name)
            after = create_once(creation, dict(desired, parent=parent_uuid), self.known_uuids)
            self.known_uuids.add(after["uuid"])
            return after

        parent = self.plan.entries.get(entry.parent_key)
        requires = [entry.parent_key] if parent is not None and parent.live is None else []
        return Change(entry.key, "create", apply, preview=lambda results: dict(desired), requires=requires)

    def _update(self, entry, current, desired):
        def apply(results):
            body = update_body(current, dict(desired, parent=self._parent_uuid(entry, results)))
            return self.plan.page.components.update(current["uuid"], body)

        return Change(entry.key, "update", apply, preview=lambda results: dict(current, **desired))

    def _paths(self, action):
        return [path_text(self.plan.entries[change.key].path) for change in self.changes.done(action)]

    @property
    def created(self):
        return self._paths("create")

    @property
    def updated(self):
        return self._paths("update")

    @property
    def deleted(self):
        return self._paths("delete")

    @property
    def after(self):
        after = dict((key, entry.live) for key, entry in self.plan.entries.items() if entry.live is not None)
        after.update(self.changes.results)
        return after

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)

    def unverified(self):
        """Path: the declared fields the list did not report, for each declared component that existed."""
        report = {}
        if self.plan.absent:
            return report
        for entry in self.plan.entries.values():
            if entry.declared is not None and entry.live is not None:
                fields = self.plan.unverified_of(entry)
                if fields:
                    report[path_text(entry.path)] = fields
        return report

    def result_tree(self):
        """The declared components as they are after the run (in check mode, as they would be)."""
        if self.plan.absent:
            return []
        entries = [entry for entry in self.plan.entries.values() if entry.declared is not None]
        after = self.after
        return _tree(entries, lambda entry: after.get(entry.key) or {}, name_of=lambda entry: entry.declared.name)

    def before_tree(self):
        """The live components that the run looks at: the declared ones that exist and the ones it deletes."""
        doomed = set(key for key, _current in self.plan.plan.delete)
        entries = [entry for entry in self.plan.entries.values()
                   if entry.live is not None and (entry.declared is not None or entry.key in doomed)]
        return _tree(entries, lambda entry: entry.live, name_of=lambda entry: entry.live["name"])

    def diff(self):
        return {"before": {"components": self.before_tree()}, "after": {"components": self.result_tree()}}


def _tree(entries, data_of, name_of):
    """Nest entries (parents listed before children) into the input shape."""
    nodes = {}
    roots = []
    for entry in entries:
        node = shape(data_of(entry), name=name_of(entry))
        nodes[entry.key] = node
        parent = nodes.get(entry.parent_key) if entry.parent_key is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.setdefault("children", []).append(node)
    return roots


def shape(item, name=None):
    """One component in the shape the declared tree takes: the known fields, no uuid or parent."""
    node = {}
    for field in TREE_FIELDS:
        if field == "name" and name is not None:
            node["name"] = name
        elif item.get(field) is not None:
            node[field] = item[field]
    return node


def export_page(components, parent=None):
    """The live page (or the part below parent, a name or uuid) as a declared tree, and its components, parents first."""
    page = read_page(components)
    flat = page.subtree(page.resolve(parent) if parent is not None else None)
    nodes = {}
    tree = []
    for item in flat:
        node = nodes[item["uuid"]] = shape(item)
        holder = nodes.get(item["parent"])
        if holder is None:
            tree.append(node)
        else:
            holder.setdefault("children", []).append(node)
    return tree, flat
