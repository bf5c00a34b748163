# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Statusmate maintenance windows: components under maintenance, their impacts before remembered in a file.

The page API has no maintenance object: a window is a set of components whose impact is ``under_maintenance``.
Opening remembers each component's impact before, completing restores it. The memory of a window is one JSON file
in the memory directory, so that a window opened by one ``ansible-playbook`` run is completed exactly by another.

The file holds the API URL (without any user or password), the window's name, and for each component its uuid,
path and impact before: never the token, nor anything derived from it. A component's uuid belongs to one page, so
two pages served by one API URL never mix their memories, even under one window name.

Two windows that hold one component: the window opened second finds it ``under_maintenance`` and takes over the
impact the first one remembered; completing either window leaves the component under maintenance while the other
still holds it, and the last one completed restores the impact from before the first window.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import re
import tempfile
from urllib.parse import urlsplit, urlunsplit

from ansible_collections.statusops.status.plugins.module_utils.reconcile import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.statusmate import IMPACTS, update_body
from ansible_collections.statusops.status.plugins.module_utils.statusmate_tree import SEPARATOR, export_page

MAINTENANCE = "under_maintenance"
RESTORABLE_IMPACTS = tuple(impact for impact in IMPACTS if impact != MAINTENANCE)
DEFAULT_MEMORY_DIR = "~/.ansible/statusmate_maintenance"
MEMORY_DIR_ENV = "STATUSMATE_MAINTENANCE_DIR"
MEMORY_FORMAT = 1
FILE_SUFFIX = ".json"


# ------------------------------------------------------------- validation


def validation_errors(params, options=None):
    """Messages naming the option and the value the module refuses before any request.

    options renames the options in the messages ({"name": ..., "components": ...}), for a role that passes its own
    variables on.
    """
    options = dict(dict(name="name", components="components"), **(options or {}))
    errors = []
    if not (params.get("name") or "").strip():
        errors.append("%s must name the window (like 'Deploy 2.4.1'), got %r" % (options["name"], params.get("name")))
    references = params.get("components") or []
    if params.get("state") == "present" and not references:
        errors.append("%s must list at least one component (a path like Website/CDN, or a uuid) to open a window"
                      % options["components"])
    seen = {}
    for position, reference in enumerate(references):
        where = "%s[%d]" % (options["components"], position)
        if not isinstance(reference, str) or not reference.strip() or "" in reference.split(SEPARATOR):
            errors.append("%s is not a component path like Website/CDN nor a uuid: %r" % (where, reference))
        elif reference in seen:
            errors.append("%s lists %r again (first as %s[%d])" % (where, reference, options["components"], seen[reference]))
        seen.setdefault(reference, position)
    return errors


# ------------------------------------------------------------------ page


def path_index(items):
    """{uuid: path} and {path: [components]} of the page's components, each listed after its parent."""
    paths = {}
    by_path = {}
    for item in items:
        parent = item.get("parent")
        path = paths[parent] + SEPARATOR + item["name"] if parent else item["name"]
        paths[item["uuid"]] = path
        by_path.setdefault(path, []).append(item)
    return paths, by_path


class Page:
    """The page's components, read once, each known by uuid and by path."""

    def __init__(self, components):
        self.components = components
        _tree, self.items = export_page(components)
        self.paths, self.by_path = path_index(self.items)
        self.by_uuid = dict((item["uuid"], item) for item in self.items)

    def resolve(self, references):
        """The components named by the references (uuid first, else path), or an error naming every problem."""
        errors = []
        found = []
        first = {}
        for position, reference in enumerate(references):
            item = self.by_uuid.get(reference)
            if item is None:
                matches = self.by_path.get(reference, [])
                if len(matches) > 1:
                    errors.append("components[%d]: two components have the path %r (uuids %s); give the uuid of one"
                                  % (position, reference, " and ".join(match["uuid"] for match in matches)))
                    continue
                if not matches:
                    errors.append("components[%d]: %r is neither the path nor the uuid of a component of the page"
                                  % (position, reference))
                    continue
                item = matches[0]
            if item["uuid"] in first:
                errors.append("components[%d]: %r names the component of components[%d] again"
                              % (position, reference, first[item["uuid"]]))
                continue
            first[item["uuid"]] = position
            found.append(item)
        if errors:
            raise ReconcileError("; ".join(errors) + ". Nothing was changed.")
        return found

    def set_impact(self, item, impact):
        return self.components.update(item["uuid"], update_body(item, {"impact": impact}))


# ---------------------------------------------------------------- memory


def public_url(api_url):
    """The API URL without a user or password, so that none is ever written to a memory file."""
    parts = urlsplit(api_url.rstrip("/"))
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


def file_name(api_url, window):
    """A readable, safe name, unique per API URL and window (the digest covers both; no secret goes in)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", window).strip("-.")[:40] or "window"
    digest = hashlib.sha256(("%s\n%s" % (api_url, window)).encode("utf-8")).hexdigest()[:16]
    return "%s-%s%s" % (slug, digest, FILE_SUFFIX)


class Memory:
    """The remembered impacts of one window: {uuid: {"path": path, "impact": impact}} in one JSON file."""

    def __init__(self, directory, api_url, window):
        self.directory = os.path.expanduser(directory)
        self.api_url = public_url(api_url)
        self.window = window
        self.path = os.path.join(self.directory, file_name(self.api_url, window))

    def load(self):
        return _read(self.path)["components"] if os.path.exists(self.path) else {}

    def others(self):
        """{uuid: [(window, remembered entry), ...]}: what the other windows of this API URL remember."""
        held = {}
        if not os.path.isdir(self.directory):
            return held
        for entry in sorted(os.listdir(self.directory)):
            path = os.path.join(self.directory, entry)
            if not entry.endswith(FILE_SUFFIX) or path == self.path:
                continue
            try:
                content = _read(path)
            except ReconcileError:
                continue  # not a memory this module wrote; its own window reports it when it is completed
            if content.get("api_url") != self.api_url:
                continue
            for uuid, remembered in content["components"].items():
                held.setdefault(uuid, []).append((content.get("window"), remembered))
        return held

    def save(self, components):
        """Write atomically (a temporary file renamed over the old one), readable by the user alone."""
        if not components:
            if os.path.exists(self.path):
                os.remove(self.path)
            return
        try:
            os.makedirs(self.directory, 0o700, exist_ok=True)
        except OSError as exc:
            raise ReconcileError("cannot create the window memory directory %s: %s" % (self.directory, exc))
        content = {"format": MEMORY_FORMAT, "api_url": self.api_url, "window": self.window, "components": components}
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w") as stream:
                os.fchmod(stream.fileno(), 0o600)
                json.dump(content, stream, indent=2, sort_keys=True)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except OSError as exc:
            if os.path.exists(temporary):
                os.remove(temporary)
            raise ReconcileError("cannot write the window memory %s: %s" % (self.path, exc))


def _read(path):
    try:
        with open(path) as stream:
            content = json.load(stream)
    except (OSError, ValueError) as exc:
        raise ReconcileError("cannot read the window memory %s: %s" % (path, exc))
    components = content.get("components") if isinstance(content, dict) else None
    if not isinstance(components, dict) or any(
            not isinstance(entry, dict) or entry.get("impact") not in RESTORABLE_IMPACTS for entry in components.values()):
        raise ReconcileError("the window memory %s is not one this module wrote (each component needs an impact, one of %s)"
                             % (path, ", ".join(RESTORABLE_IMPACTS)))
    return content


# ---------------------------------------------------------------- window


class WindowPlan:
    """What opening or completing a window does: the writes, the memory after, and what to tell the user."""

    def __init__(self):
        self.writes = []  # (component, impact)
        self.memory = {}
        self.remembered = {}  # path: impact
        self.restored = {}  # path: impact
        self.changed_during_window = {}  # path: impact now
        self.held = {}  # path: [other windows]
        self.unremembered = []  # paths restored to restore_impact

    def impacts(self, components, paths, after=False):
        written = dict((item["uuid"], impact) for item, impact in self.writes) if after else {}
        return dict((paths[item["uuid"]], written.get(item["uuid"], item["impact"])) for item in components)


def plan_open(components, paths, memory, others):
    """Remember each component's impact (never overwriting, never under_maintenance), then set under_maintenance.

    A component already under maintenance for another open window takes over the impact that window remembered.
    """
    plan = WindowPlan()
    plan.memory = dict(memory)
    for item in components:
        uuid = item["uuid"]
        if uuid not in plan.memory:
            if item["impact"] != MAINTENANCE:
                plan.memory[uuid] = {"path": paths[uuid], "impact": item["impact"]}
            elif uuid in others:
                plan.memory[uuid] = {"path": paths[uuid], "impact": others[uuid][0][1]["impact"]}
        if item["impact"] != MAINTENANCE:
            plan.writes.append((item, MAINTENANCE))
    plan.remembered = dict((paths[uuid], entry["impact"]) for uuid, entry in plan.memory.items() if uuid in paths)
    return plan


def plan_complete(components, paths, memory, others, restore_impact):
    """Restore each component still under_maintenance; leave one changed during the window; forget the window.

    A component another open window still holds stays under maintenance: that window restores it.
    The memory of components that are not on this page (another page under the same window name) is kept.
    """
    plan = WindowPlan()
    plan.memory = dict((uuid, entry) for uuid, entry in memory.items() if uuid not in paths)
    plan.remembered = dict((paths[uuid], entry["impact"]) for uuid, entry in memory.items() if uuid in paths)
    for item in components:
        uuid = item["uuid"]
        path = paths[uuid]
        remembered = memory.get(uuid)
        if item["impact"] != MAINTENANCE:
            if remembered is not None and item["impact"] != remembered["impact"]:
                plan.changed_during_window[path] = item["impact"]
        elif uuid in others:
            plan.held[path] = [window for window, _entry in others[uuid]]
        else:
            impact = remembered["impact"] if remembered is not None else restore_impact
            if remembered is None:
                plan.unremembered.append(path)
            plan.writes.append((item, impact))
            plan.restored[path] = impact
    return plan


def window_components(page, references, memory):
    """The listed components, then the remembered ones of this page that are not listed."""
    components = page.resolve(references)
    listed = set(item["uuid"] for item in components)
    components.extend(page.by_uuid[uuid] for uuid in memory if uuid in page.by_uuid and uuid not in listed)
    return components


def run_window(page, memory, params, check_mode):
    """Open or complete the window; returns the plan and whether anything changed (or would)."""
    remembered = memory.load()
    others = memory.others()
    components = window_components(page, params["components"] or [], remembered)
    if params["state"] == "present":
        plan = plan_open(components, page.paths, remembered, others)
        memory_changed = plan.memory != remembered
        if memory_changed and not check_mode:
            memory.save(plan.memory)  # before any write: a failure half-way still leaves what completing needs
        _write(page, plan, check_mode)
    else:
        plan = plan_complete(components, page.paths, remembered, others, params["restore_impact"])
        memory_changed = plan.memory != remembered
        _write(page, plan, check_mode)
        if memory_changed and not check_mode:
            memory.save(plan.memory)  # after the writes: a failure half-way keeps the memory for the next try
    diff = {"before": {"components": plan.impacts(components, page.paths)},
            "after": {"components": plan.impacts(components, page.paths, after=True)}}
    return plan, bool(plan.writes) or memory_changed, diff


def _write(page, plan, check_mode):
    if check_mode:
        return
    for item, impact in plan.writes:
        page.set_impact(item, impact)
