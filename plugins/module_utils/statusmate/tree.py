# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

A Statusmate page as a tree: the declared components, the plan and its execution, the page exported as a tree.

A component of the declared tree is identified by its path: the names from the
top level down to it (shown as ``Website/CDN``). The live page (page.py)
is read with one list; when the server's list items are abbreviated (no ``parent``),
the children of each declared group are read with one ``?parent=`` query, and a
component not found under a declared group is taken to be at the top level.
"""

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.statusops.status.plugins.module_utils.checks import option_errors
from ansible_collections.statusops.status.plugins.module_utils.reconcile import index_unique
from ansible_collections.statusops.status.plugins.module_utils.sets import SetMapping, SetPlan, plan_set
from ansible_collections.statusops.status.plugins.module_utils.statusmate.fields import COMPONENT_FIELD_SPEC, SEPARATOR
from ansible_collections.statusops.status.plugins.module_utils.statusmate.page import read_page
from ansible_collections.statusops.status.plugins.module_utils.statusmate.rules import (
    component_fields,
    differing_fields,
    unverifiable_fields,
    update_body,
    validation_errors,
)

# The fields of one item of the declared tree, in the order the tree shows them.
TREE_FIELDS = tuple(COMPONENT_FIELD_SPEC)
# An export carries the page's structure; the live impact only when asked for.
STRUCTURE_FIELDS = tuple(field for field in TREE_FIELDS if field != "impact")
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
        fields = component_fields(params)
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


class TreePlan(SetPlan):
    """The creates, updates and deletes that make the page match the declared tree: entries holds every component
    looked at (declared, live or both) by key, parents before children. Creates and updates start in that order,
    then deletes, deepest first; a create waits for its parent's, a delete for its children's."""

    def __init__(self, page, absent):
        super().__init__(page)
        self.absent = absent
        self.entries = {}

    def order(self):
        creates = set(key for key, _desired in self.create)
        updates = set(update[0] for update in self.update)
        order = []
        if not self.absent:
            for key in self.entries:
                if key in creates:
                    order.append(("create", key))
                elif key in updates:
                    order.append(("update", key))
        return order + [("delete", key) for key, _current in self.delete]

    def requires(self, key, action):
        entry = self.entries[key]
        if action == "create":
            parent = self.entries.get(entry.parent_key)
            return [entry.parent_key] if parent is not None and parent.live is None else []
        if action == "delete":
            doomed = set(doomed_key for doomed_key, _current in self.delete)
            return [child.key for child in self.entries.values() if child.parent_key == key and child.key in doomed]
        return []

    def parent_uuid(self, key, done):
        """The uuid of the component's parent: live, or created by the run (done); None at the top level."""
        parent_key = self.entries[key].parent_key
        if parent_key is None:
            return None
        parent = self.entries[parent_key]
        return parent.live["uuid"] if parent.live is not None else done[parent_key]["uuid"]


class ComponentTree(SetMapping):
    """The components of a page as a declared tree, keyed by path (undeclared ones by uuid)."""

    noun = "component"
    id_key = "uuid"

    def __init__(self, components, tree, prune=False, absent=False, update_unverified=False, update_impact="on_create"):
        self.components = components
        self.tree = tree
        self.prune = prune and not absent
        self.absent = absent
        self.update_unverified = update_unverified
        self.update_impact = update_impact

    def read(self):
        """The page, with the children of every component that may be a declared group; with prune, also of the
        components it deletes, to delete children first and name them by path."""
        page = read_page(self.components)
        explore(page, self.tree)
        while self.prune and not page.full:
            unexplored = [entry.live["uuid"] for key, entry in self.plan(page).entries.items()
                          if key[0] is None and not page.explored(entry.live["uuid"])]
            if not unexplored:
                break
            page.read_children(unexplored)
        return page

    def plan(self, current):
        plan = TreePlan(current, self.absent)
        self._level(plan, self.tree, current.top_level(), (), None)
        live = dict((key, entry.live) for key, entry in plan.entries.items() if entry.live is not None)
        desired = dict((key, self._desired(entry)) for key, entry in plan.entries.items() if entry.declared is not None)
        plan_set(live, desired, self._changes, prune=self.prune, absent=self.absent, plan=plan)
        plan.delete.sort(key=lambda item: -plan.entries[item[0]].depth)
        return plan

    def _level(self, plan, tree, live, parent_path, parent_key):
        names = set(node.name for node in tree)

        def key_of(item):
            return parent_path + (item["name"],) if item["name"] in names else (None, item["uuid"])

        matches = index_unique(live, key_of, lambda key: "component %r" % path_text(key), "component", "uuid",
                               hint=AMBIGUITY_HINT)
        for node in tree:
            match = matches.get(node.path)
            plan.entries[node.path] = Entry(node.path, node.path, parent_key, node, match)
            below = []
            if match is not None and (node.children or plan.context.explored(match["uuid"])):
                below = plan.context.children(match["uuid"])
            self._level(plan, node.children, below, node.path, node.path)
        for key, item in matches.items():
            if key[0] is None:
                self._undeclared(plan, item, parent_path, parent_key)

    def _undeclared(self, plan, item, parent_path, parent_key):
        key = (None, item["uuid"])
        path = parent_path + (item["name"],)
        plan.entries[key] = Entry(key, path, parent_key, live=item)
        if plan.context.explored(item["uuid"]):
            for child in plan.context.children(item["uuid"]):
                self._undeclared(plan, child, path, key)

    def _desired(self, entry):
        """The declared fields; a declared impact is only the impact of a component this task creates, unless
        update_impact is always: the live impact of an existing one belongs to the tasks that set live status."""
        if entry.live is None or self.update_impact == "always":
            return entry.declared.fields
        return dict((field, value) for field, value in entry.declared.fields.items() if field != "impact")

    def _changes(self, key, current, desired):
        changes = differing_fields(current, desired)
        if self.update_unverified:
            for field in unverifiable_fields(current, desired):
                changes[field] = desired[field]
        return changes

    def known_ids(self, plan):
        return plan.context.known

    def create(self, plan, key, desired, done):
        return self.components.create(dict(desired, parent=plan.parent_uuid(key, done)))

    def find_created(self, plan, key, desired, done):
        return read_page(self.components).named_under(plan.entries[key].declared.name, plan.parent_uuid(key, done))

    def update(self, plan, key, current, desired, changes, done):
        return self.components.update(current["uuid"], update_body(current, dict(desired, parent=plan.parent_uuid(key, done))))

    def delete(self, plan, key, current):
        self.components.delete(current["uuid"])

    def shown(self, plan, key, item):
        return path_text(plan.entries[key].path)

    def result(self, reconciler):
        plan = reconciler.plan
        after = dict((key, entry.live) for key, entry in plan.entries.items() if entry.live is not None)
        after.update(reconciler.done("create") + reconciler.done("update"))
        tree = after_tree(plan, after)
        return dict(components=tree, unverified=unverified(plan),
                    diff={"before": {"components": before_tree(plan)}, "after": {"components": tree}})


def unverified(plan):
    """Path: the declared fields the list did not report, for each declared component that existed."""
    report = {}
    if plan.absent:
        return report
    for entry in plan.entries.values():
        if entry.declared is not None and entry.live is not None:
            fields = unverifiable_fields(entry.live, entry.declared.fields)
            if fields:
                report[path_text(entry.path)] = fields
    return report


def after_tree(plan, after):
    """The declared components as they are after the run (in check mode, as they would be)."""
    if plan.absent:
        return []
    entries = [entry for entry in plan.entries.values() if entry.declared is not None]
    return _tree(entries, lambda entry: after.get(entry.key) or {}, name_of=lambda entry: entry.declared.name)


def before_tree(plan):
    """The live components that the run looks at: the declared ones that exist and the ones it deletes."""
    doomed = set(key for key, _current in plan.delete)
    entries = [entry for entry in plan.entries.values()
               if entry.live is not None and (entry.declared is not None or entry.key in doomed)]
    return _tree(entries, lambda entry: entry.live, name_of=lambda entry: entry.live["name"])


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


def shape(item, name=None, fields=TREE_FIELDS):
    """One component in the shape the declared tree takes: the known fields, no uuid or parent."""
    node = {}
    for field in fields:
        if field == "name" and name is not None:
            node["name"] = name
        elif item.get(field) is not None:
            node[field] = item[field]
    return node


def export_page(components, parent=None, include_impact=False):
    """The live page (or the part below parent, a name or uuid) as a declared tree, and its components, parents first.

    The tree leaves the live impact out unless include_impact: declared again, it would freeze that moment."""
    page = read_page(components)
    flat = page.subtree(page.resolve(parent) if parent is not None else None)
    nodes = {}
    tree = []
    for item in flat:
        node = nodes[item["uuid"]] = shape(item, fields=TREE_FIELDS if include_impact else STRUCTURE_FIELDS)
        holder = nodes.get(item["parent"])
        if holder is None:
            tree.append(node)
        else:
            holder.setdefault("children", []).append(node)
    return tree, flat
