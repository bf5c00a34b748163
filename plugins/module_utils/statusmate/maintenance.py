# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Statusmate maintenance windows: components under maintenance, their impacts before remembered (memory.py).

The page API has no maintenance object: a window is a set of components whose impact is ``under_maintenance``.
Opening remembers each component's impact before, completing restores it.

Two windows that hold one component: the window opened second finds it ``under_maintenance`` and takes over the
impact the first one remembered; completing either window leaves the component under maintenance while the other
still holds it, and the last one completed restores the impact from before the first window.

A run reads the page, decides and writes under the memory's lock, so that runs on overlapping windows take turns.
"""

from ansible_collections.statusops.status.plugins.module_utils.executor import Change, ChangeRun
from ansible_collections.statusops.status.plugins.module_utils.locks import url_key
from ansible_collections.statusops.status.plugins.module_utils.statusmate.components import set_impact
from ansible_collections.statusops.status.plugins.module_utils.statusmate.fields import SEPARATOR
from ansible_collections.statusops.status.plugins.module_utils.statusmate.memory import MAINTENANCE, memory_problems
from ansible_collections.statusops.status.plugins.module_utils.statusmate.page import read_page


# ------------------------------------------------------------- validation


def validation_errors(params):
    """Messages naming the option and the value the module refuses before any request."""
    errors = []
    if not (params.get("name") or "").strip():
        errors.append("name must name the window (like 'Deploy 2.4.1'), got %r" % params.get("name"))
    references = params.get("components") or []
    if params.get("state") == "present" and not references:
        errors.append("components must list at least one component (a path like Website/CDN, or a uuid) to open a "
                      "window")
    seen = {}
    for position, reference in enumerate(references):
        where = "components[%d]" % position
        if not isinstance(reference, str) or not reference.strip() or "" in reference.split(SEPARATOR):
            errors.append("%s is not a component path like Website/CDN nor a uuid: %r" % (where, reference))
        elif reference in seen:
            errors.append("%s lists %r again (first as components[%d])" % (where, reference, seen[reference]))
        seen.setdefault(reference, position)
    return errors + memory_option_errors(params)


def memory_option_errors(params):
    """The memory option: only with memory_store=result, required to complete, and this window's memory."""
    given = params.get("memory")
    if params.get("memory_store") != "result":
        return [] if given is None else [
            "memory is read only with memory_store=result; with memory_store=file the window's memory is its file in "
            "memory_dir"]
    if given is None:
        return ["memory is required with memory_store=result and state=completed: give it the memory this module "
                "returned when it opened the window"] if params.get("state") == "completed" else []
    errors = memory_problems(given, "memory.")
    if errors:
        return errors
    api_url, window = url_key(params["api_url"]), params.get("name")
    if url_key(given["api_url"]) != api_url:
        errors.append("memory.api_url is %r, not this task's api_url %r: the memory of another API is refused"
                      % (url_key(given["api_url"]), api_url))
    if given["window"] != window:
        errors.append("memory.window is %r, not this window's name %r: the memory of another window is refused"
                      % (given["window"], window))
    return errors


# ------------------------------------------------------------------ page


def read_window_page(components):
    """The page with every component's path: the components a window names are found by uuid or by path."""
    return read_page(components).read_paths()


# ---------------------------------------------------------------- window


class WindowFailed(Exception):
    """A failure after the task wrote something: the error, what was written before it, and the memory after it."""

    def __init__(self, error, written, memory_saved, memory):
        self.error = error
        self.written = written
        self.memory_saved = memory_saved
        self.memory = memory
        done = ["set %s" % ", ".join("%s to %s" % item for item in sorted(written.items()))] if written else []
        if memory_saved:
            done.append("saved the window's memory")
        super().__init__("%s. Before this failure the task %s." % (error, " and ".join(done)))


class WindowPlan:
    """What opening or completing a window does: the writes, the memory after, and what to tell the user."""

    def __init__(self):
        self.writes = []  # (component, impact)
        self.memory = {}
        self.remembered = {}  # path: impact
        self.restored = {}  # path: impact
        self.changed_during_window = {}  # path: impact now
        self.held = {}  # path: [other windows]
        self.held_by_unreadable = []  # paths left under maintenance, as a window that cannot be read may hold them
        self.unreadable = []  # a message naming each other window's file that cannot be read
        self.unremembered = []  # paths restored to restore_impact
        self.under_maintenance_before = []  # paths under maintenance when the window opened, their impact unknown
        self.not_on_page = []  # (uuid, path) of the remembered components the page no longer has

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
        elif uuid not in plan.memory:
            plan.under_maintenance_before.append(paths[uuid])
    plan.remembered = dict((paths[uuid], entry["impact"]) for uuid, entry in plan.memory.items() if uuid in paths)
    return plan


def plan_complete(components, paths, memory, others, restore_impact, unreadable=()):
    """Restore each component still under_maintenance; leave one changed during the window; forget the window.

    A component another open window still holds stays under maintenance: that window restores it. While another
    window's file cannot be read (unreadable: a message for each), it may hold any component: one that would be
    restored stays under maintenance and remembered, for completing again once that file is mended or removed.
    The memory of components that are not on this page (another page under the same window name) is kept.
    restore_impact None (a memory the engine carries, never lost): a component under maintenance that the window
    does not remember was so when it opened, and is left as it is.
    """
    plan = WindowPlan()
    plan.unreadable = list(unreadable)
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
        elif unreadable:
            plan.held_by_unreadable.append(path)
            if remembered is not None:
                plan.memory[uuid] = remembered
        elif remembered is None and restore_impact is None:
            plan.under_maintenance_before.append(path)
        else:
            impact = remembered["impact"] if remembered is not None else restore_impact
            if remembered is None:
                plan.unremembered.append(path)
            plan.writes.append((item, impact))
            plan.restored[path] = impact
    return plan


def window_components(page, references, memory):
    """The listed components, then the remembered ones of this page that are not listed."""
    components = page.resolve_paths(references)
    listed = set(item["uuid"] for item in components)
    components.extend(page.by_uuid[uuid] for uuid in memory if uuid in page.by_uuid and uuid not in listed)
    return components


def run_window(read_page, memory, params, check_mode):
    """Open or complete the window; returns the plan, whether anything changed (or would), and the diff.

    read_page() reads the page. Outside check mode the page is read, the memory decided and every write carried out
    under the directory's lock, so that two runs on overlapping windows take turns and each sees what the other did.
    A failure after something was written raises WindowFailed, which says what was.
    """
    opening = params["state"] == "present"
    with memory.opened(to_write=not check_mode):
        page = read_page()
        remembered = memory.load()
        others, unreadable = memory.others()
        components = window_components(page, params["components"] or [], remembered)
        if opening:
            plan = plan_open(components, page.paths, remembered, others)
            plan.unreadable = unreadable
        else:
            restore_impact = params["restore_impact"] if memory.in_file else None
            plan = plan_complete(components, page.paths, remembered, others, restore_impact, unreadable)
        if not check_mode:
            _carry_out(page, memory, plan, remembered, opening)
    plan.not_on_page = sorted((uuid, entry["path"]) for uuid, entry in plan.memory.items() if uuid not in page.paths)
    diff = {"before": {"components": plan.impacts(components, page.paths)},
            "after": {"components": plan.impacts(components, page.paths, after=True)}}
    return plan, bool(plan.writes) or (memory.in_file and plan.memory != remembered), diff


def _carry_out(page, memory, plan, remembered, opening):
    memory_changed = plan.memory != remembered
    impacts = dict((item["uuid"], impact) for item, impact in plan.writes)
    # one write at a time, in the plan's order: a failure stops the writes after it
    writes = ChangeRun([Change(item["uuid"], "update", _setting(page.components, item, impact), None)
                        for item, impact in plan.writes])
    saved = False
    try:
        if opening and memory_changed:
            memory.save(plan.memory)  # before any write: a failure half-way still leaves what completing needs
            saved = memory.in_file
        writes.run()
        if not opening and memory_changed:
            memory.save(plan.memory)  # only after the writes: a failure half-way keeps the memory for the next try
    except Exception as exc:  # whatever it is, a task that wrote something must say what
        written = dict((page.paths[change.key], impacts[change.key]) for change in writes.done())
        if written or saved:
            # what completing needs: all that opening remembered, or all that completing has not forgotten yet
            raise WindowFailed(exc, written, saved, plan.memory if opening else remembered) from exc
        raise


def _setting(components, item, impact):
    return lambda _done: set_impact(components, item, impact)
