# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

One Statusmate page as its component list shows it: the components, their children, their paths (the names from
the top level down, shown as ``Website/CDN``), and a component resolved by uuid, name or path.

A server's list items are full (each carries its ``parent``) or abbreviated (``uuid``, ``name``, ``description``,
``impact`` only): the tree is then learned with one ``?parent=`` query per component whose children are needed, and
no component's children are read twice. Reading is explicit: read_page() sends the one list request and returns the
model; a method that may read more says so.
"""

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.reconcile import single_match
from ansible_collections.statusops.status.plugins.module_utils.statusmate.fields import SEPARATOR


def read_page(components):
    """The page after one list request (components: the page's component endpoints)."""
    return Page(components, components.list())


class Page:
    """The components of one page, and what is known of their tree."""

    def __init__(self, components, items):
        self.components = components
        self.items = items
        self.known = frozenset(item["uuid"] for item in items)
        self.full = any("parent" in item for item in items)
        self.parent_of = {}
        self._children = {}
        # Once read_paths() has run: {uuid: path}, {path: [components]}, {uuid: component with its parent}.
        self.paths = self.by_path = self.by_uuid = None
        if self.full:
            for item in items:
                self._children.setdefault(item.get("parent"), []).append(item)
                if item.get("parent") is not None:
                    self.parent_of[item["uuid"]] = item["parent"]

    def explored(self, uuid):
        """True when the children of this component are known."""
        return self.full or uuid in self._children

    def children(self, uuid):
        """The children of this component (abbreviated items: read when not known yet)."""
        self.read_children([uuid])
        return self._children.get(uuid, [])

    def read_children(self, uuids):
        """Learn the children of these components, the unknown ones read at once (abbreviated items only)."""
        if self.full:
            return
        unread = [uuid for uuid in dict.fromkeys(uuids) if uuid not in self._children]
        for uuid, found in self.components.children_of(unread).items():
            self._children[uuid] = found
            for item in found:
                self.parent_of[item["uuid"]] = uuid

    def top_level(self):
        """The top-level components as far as the tree is known: with abbreviated items, the components not found
        under a component whose children were read (every component's, after read_children of all)."""
        if self.full:
            return self._children.get(None, [])
        return [dict(item, parent=None) for item in self.items if item["uuid"] not in self.parent_of]

    def top_level_of(self, candidates):
        """The candidates that have no parent, made sure of: with abbreviated items, the children of the other
        components are read one at a time until each candidate is found under one or every component is read.

        The candidates' own children are read last, as one may sit under a namesake (never under itself). A
        candidate found at the top level gets parent None.
        """
        if self.full:
            return [item for item in candidates if item.get("parent") is None]
        remaining = dict((item["uuid"], item) for item in candidates if item["uuid"] not in self.parent_of)
        for item in sorted(self.items, key=lambda item: item["uuid"] in remaining):
            if not remaining:
                break
            if list(remaining) == [item["uuid"]]:
                continue
            for child in self.children(item["uuid"]):
                remaining.pop(child["uuid"], None)
        for item in remaining.values():
            item["parent"] = None
        return list(remaining.values())

    def named_under(self, name, parent):
        """The components with this name whose parent is this uuid (None: at the top level, made sure of)."""
        if parent:
            return [item for item in self.children(parent) if item["name"] == name]
        return self.top_level_of([item for item in self.items if item["name"] == name])

    def descendants(self, uuid):
        """The uuids of every component below this one, at any depth (reading the children needed)."""
        found = set()
        pending = [uuid]
        while pending:
            for child in self.children(pending.pop()):
                if child["uuid"] not in found:
                    found.add(child["uuid"])
                    pending.append(child["uuid"])
        return found

    def resolve(self, reference, what="parent"):
        """The uuid of the component named by uuid or by name, at any depth (names must be unique); no request."""
        if reference in self.known:
            return reference
        matches = [item for item in self.items if item["name"] == reference]
        if not matches:
            raise ReconcileError("%s %r: no component of the page has that name or uuid" % (what, reference))
        return single_match(matches, "%s %r" % (what, reference), "component", "uuid")["uuid"]

    def subtree(self, below=None):
        """The components below one (a uuid), else every component, each listed after its parent and with its
        parent set. Abbreviated items: below one, the children are read one component at a time as they are
        reached; the whole page reads every component's children at once first."""
        if below is not None:
            roots = self.children(below)
        else:
            self.read_children(item["uuid"] for item in self.items)
            roots = self.top_level()
        ordered = []

        def visit(item):
            item = dict(item)
            if "parent" not in item:
                item["parent"] = self.parent_of.get(item["uuid"])
            ordered.append(item)
            for child in self.children(item["uuid"]):
                visit(child)

        for item in roots:
            visit(item)
        return ordered

    def read_paths(self):
        """Learn every component's path (the whole page read: see subtree); returns the page."""
        ordered = self.subtree()
        self.paths, self.by_path = path_index(ordered)
        self.by_uuid = dict((item["uuid"], item) for item in ordered)
        return self

    def resolve_paths(self, references, option="components"):
        """The components named by the references (uuid first, else path; after read_paths), or an error naming
        every reference that names none, two, or one named before."""
        errors = []
        found = []
        first = {}
        for position, reference in enumerate(references):
            item = self.by_uuid.get(reference)
            if item is None:
                matches = self.by_path.get(reference, [])
                if len(matches) > 1:
                    errors.append("%s[%d]: two components have the path %r (uuids %s); give the uuid of one"
                                  % (option, position, reference, " and ".join(match["uuid"] for match in matches)))
                    continue
                if not matches:
                    errors.append("%s[%d]: %r is neither the path nor the uuid of a component of the page"
                                  % (option, position, reference))
                    continue
                item = matches[0]
            if item["uuid"] in first:
                errors.append("%s[%d]: %r names the component of %s[%d] again"
                              % (option, position, reference, option, first[item["uuid"]]))
                continue
            first[item["uuid"]] = position
            found.append(item)
        if errors:
            raise ReconcileError("; ".join(errors) + ". Nothing was changed.")
        return found


def path_index(items):
    """{uuid: path} and {path: [components]} of components that carry their parent, each listed after its parent."""
    paths = {}
    by_path = {}
    for item in items:
        parent = item.get("parent")
        path = paths[parent] + SEPARATOR + item["name"] if parent else item["name"]
        paths[item["uuid"]] = path
        by_path.setdefault(path, []).append(item)
    return paths, by_path
