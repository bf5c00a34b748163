# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Statusmate maintenance windows: components under maintenance, their impacts before remembered in a file.

The page API has no maintenance object: a window is a set of components whose impact is ``under_maintenance``.
Opening remembers each component's impact before, completing restores it. The memory of a window is one JSON file
in the memory directory, so that a window opened by one ``ansible-playbook`` run is completed exactly by another.

The file holds the API URL (without any user or password), the window's name, and for each component its uuid,
path and impact before: never the token, nor anything derived from it. A component's uuid belongs to one page, so
two pages served by one API URL never mix their memories, even under one window name.

Two windows that hold one component: the window opened second finds it ``under_maintenance`` and takes over the
impact the first one remembered; completing either window leaves the component under maintenance while the other
still holds it, and the last one completed restores the impact from before the first window.

The memory decides what the page shows after a window, so it is trusted as ssh trusts its files: the directory must be
the user's own and writable by no one else; a file is read only when it is a regular file (never through a link,
never waiting on a FIFO), small and shallow; another window's file that cannot be read may hold any component. A run
reads the page, decides and writes under the directory's lock, so that runs on overlapping windows take turns.
"""

import binascii
import contextlib
import errno
import hashlib
import json
import os
import re
import stat

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.locks import PrivateDirectory, url_key
from ansible_collections.statusops.status.plugins.module_utils.statusmate import IMPACTS
from ansible_collections.statusops.status.plugins.module_utils.statusmate_components import set_impact
from ansible_collections.statusops.status.plugins.module_utils.statusmate_page import SEPARATOR, read_page

MAINTENANCE = "under_maintenance"
RESTORABLE_IMPACTS = tuple(impact for impact in IMPACTS if impact != MAINTENANCE)
DEFAULT_MEMORY_DIR = "~/.ansible/statusmate_maintenance"
MEMORY_DIR_ENV = "STATUSMATE_MAINTENANCE_DIR"
MEMORY_FORMAT = 1
MEMORY_KEYS = ("format", "api_url", "window", "components")
ENTRY_KEYS = ("path", "impact")
MEMORY_STORES = ("file", "result")
FILE_SUFFIX = ".json"
# What file_name makes: only such files of the directory count as windows (temporary files and the lock start with ".").
OWN_NAMING = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,39}-[0-9a-f]{16}\.json\Z")
LOCK_NAME = ".lock"
LOCK_TIMEOUT = 300  # seconds a run waits for another one's page reads and writes
MAX_MEMORY_BYTES = 1 << 20
MAX_DEPTH = 8  # a memory nests 3 deep
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = re.compile(r"[\[\]{}]")


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


def memory_problems(content, prefix=""):
    """What makes content other than a memory this module returns or writes, each message naming the field."""
    whole = prefix.rstrip(".") or "the memory"
    if not isinstance(content, dict):
        return ["%s must be a memory (format, api_url, window, components), got %s" % (whole, type(content).__name__)]
    problems = []
    unknown = sorted(str(key) for key in content if key not in MEMORY_KEYS)
    if unknown:
        problems.append("%s has keys a memory never holds: %s" % (whole, ", ".join(unknown)))
    if content.get("format") != MEMORY_FORMAT or isinstance(content.get("format"), bool):
        problems.append("%sformat must be %d, got %r" % (prefix, MEMORY_FORMAT, content.get("format")))
    for key in ("api_url", "window"):
        if not isinstance(content.get(key), str) or not content[key].strip():
            problems.append("%s%s must be a string that is not blank, got %r" % (prefix, key, content.get(key)))
    components = content.get("components")
    if not isinstance(components, dict):
        return problems + ["%scomponents must be a dict of component uuids, got %r" % (prefix, components)]
    for uuid, entry in sorted(components.items(), key=lambda item: str(item[0])):
        where = "%scomponents[%r]" % (prefix, uuid)
        if not isinstance(entry, dict) or set(entry) != set(ENTRY_KEYS):
            problems.append("%s must be a dict with exactly %s, got %r" % (where, " and ".join(ENTRY_KEYS), entry))
        elif not isinstance(entry["path"], str) or not entry["path"].strip():
            problems.append("%s.path must be a component path, got %r" % (where, entry["path"]))
        elif entry["impact"] not in RESTORABLE_IMPACTS:
            problems.append("%s.impact must be one of %s, got %r" % (where, ", ".join(RESTORABLE_IMPACTS),
                                                                     entry["impact"]))
    return problems


# ------------------------------------------------------------------ page


def read_window_page(components):
    """The page with every component's path: the components a window names are found by uuid or by path."""
    return read_page(components).read_paths()


# ---------------------------------------------------------------- memory


def file_name(api_url, window):
    """A readable, safe name, unique per API URL and window (the digest covers both; no secret goes in)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", window).strip("-.")[:40] or "window"
    digest = hashlib.sha256(("%s\n%s" % (api_url, window)).encode("utf-8")).hexdigest()[:16]
    return "%s-%s%s" % (slug, digest, FILE_SUFFIX)


def memory_content(api_url, window, components):
    """The memory as the file holds it and the module returns it; api_url is already a url_key."""
    return {"format": MEMORY_FORMAT, "api_url": api_url, "window": window, "components": components}


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


class Memory:
    """The remembered impacts of one window: {uuid: {"path": path, "impact": impact}} in one JSON file.

    Every use is inside opened(): the directory is checked (and, to write, created and locked) there, and each file
    is opened relative to the directory's descriptor, so that a directory swapped in the meantime is never used.
    """

    in_file = True

    def __init__(self, directory, api_url, window, lock_timeout=LOCK_TIMEOUT):
        self.place = PrivateDirectory(directory, "the window memory directory", "plant or remove windows in it",
                                      "give memory_dir")
        self.directory = self.place.path
        self.api_url = url_key(api_url)
        self.window = window
        self.name = file_name(self.api_url, window)
        self.path = os.path.join(self.directory, self.name)
        self.lock_timeout = lock_timeout
        self._directory_fd = None

    @contextlib.contextmanager
    def opened(self, to_write):
        """The directory checked; to write, created first (mode 0700) and locked until the block ends.

        Reading only (check mode) takes no lock and creates nothing: a directory that does not exist holds no window.
        """
        with self.place.opened(create=to_write) as descriptor:
            lock = self.place.lock(descriptor, LOCK_NAME, self.lock_timeout) if to_write else None
            try:
                if to_write and not os.access(self.directory, os.W_OK | os.X_OK):
                    raise ReconcileError("the window memory directory %s is not writable: the window could not be "
                                         "remembered or forgotten. Nothing was changed." % self.directory)
                self._directory_fd = descriptor
                yield self
            finally:
                self._directory_fd = None
                if lock is not None:
                    os.close(lock)  # closing the lock file releases the lock

    def load(self):
        """The components this window remembers; a file that is not this window's memory fails, naming it."""
        content = self._read(self.name)
        if content is None:
            return {}
        if (content["api_url"], content["window"]) != (self.api_url, self.window):
            raise ReconcileError(
                "the window memory %s holds the window %r of %s, not the window %r of %s: refused, nothing is "
                "restored from it. Nothing was changed." % (self.path, content["window"], content["api_url"],
                                                            self.window, self.api_url))
        return content["components"]

    def others(self):
        """({uuid: [(window, remembered entry), ...]}, [problem, ...]): what the other windows of this API URL
        remember, and a message naming each other window's file that cannot be read (it may hold any component)."""
        held = {}
        unreadable = []
        if self._directory_fd is None:
            return held, unreadable
        for entry in sorted(os.listdir(self._directory_fd)):
            if entry == self.name or not OWN_NAMING.match(entry):
                continue
            try:
                content = self._read(entry)
            except ReconcileError as exc:
                unreadable.append(str(exc))
                continue
            if content is None or content["api_url"] != self.api_url:
                continue
            for uuid, remembered in content["components"].items():
                held.setdefault(uuid, []).append((content["window"], remembered))
        return held, unreadable

    def save(self, components):
        """Write atomically (a new private file renamed over the old one); an empty memory removes the file."""
        if not components:
            try:
                os.unlink(self.name, dir_fd=self._directory_fd)
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise ReconcileError("cannot forget the window memory %s: %s" % (self.path, exc.strerror))
            return
        text = json.dumps(memory_content(self.api_url, self.window, components), indent=2, sort_keys=True).encode("utf-8")
        if len(text) > MAX_MEMORY_BYTES:
            raise ReconcileError("cannot write the window memory %s: %d bytes, more than the %d it may read back"
                                 % (self.path, len(text), MAX_MEMORY_BYTES))
        temporary = ".%s.%s.tmp" % (self.name, binascii.hexlify(os.urandom(8)).decode("ascii"))
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                         dir_fd=self._directory_fd)
        except OSError as exc:
            raise ReconcileError("cannot write the window memory %s: %s" % (self.path, exc.strerror))
        try:
            with os.fdopen(fd, "wb") as stream:
                os.fchmod(fd, 0o600)  # the umask may have taken the owner's bits away
                stream.write(text)
                stream.flush()
                os.fsync(fd)
            os.replace(temporary, self.name, src_dir_fd=self._directory_fd, dst_dir_fd=self._directory_fd)
        except OSError as exc:
            try:
                os.unlink(temporary, dir_fd=self._directory_fd)
            except OSError:
                pass  # the error that matters is the one raised below
            raise ReconcileError("cannot write the window memory %s: %s" % (self.path, exc.strerror))
        try:
            os.fsync(self._directory_fd)  # the rename itself survives a crash
        except OSError:
            pass  # some file systems cannot sync a directory; the file is written and renamed all the same

    def _read(self, entry):
        """The content of a memory file of the directory, checked; None when there is no such file."""
        where = os.path.join(self.directory, entry)
        if self._directory_fd is None:
            return None
        text = _read_regular_file(self._directory_fd, entry, where)
        return None if text is None else _memory_content(text, where)


class ResultMemory:
    """The memory of one window that the automation engine carries (memory_store=result): given as the memory option
    (already checked by validation_errors), returned in the result. No file is read or written, no other window is
    known: a component under maintenance that this window does not remember is left as it is."""

    in_file = False
    path = None

    def __init__(self, api_url, window, given=None):
        self.api_url = url_key(api_url)
        self.window = window
        self.components = dict(given["components"]) if given else {}

    @contextlib.contextmanager
    def opened(self, to_write):
        yield self

    def load(self):
        return self.components

    def others(self):
        return {}, []

    def save(self, components):
        """Nothing to write: the result carries the memory."""


def _read_regular_file(directory_fd, entry, where):
    """The bytes of a regular file, never through a link and never waiting (a FIFO is refused, not opened for good)."""
    try:
        fd = os.open(entry, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=directory_fd)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # what O_NOFOLLOW answers for a link (EMLINK on FreeBSD)
            raise ReconcileError("the window memory %s is a symbolic link, not a file this module wrote: refused"
                                 % where)
        raise ReconcileError("cannot read the window memory %s: %s" % (where, exc.strerror))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReconcileError("the window memory %s is not a regular file (mode %06o): refused"
                                 % (where, info.st_mode))
        if info.st_size > MAX_MEMORY_BYTES:
            raise ReconcileError("the window memory %s is %d bytes, more than the %d a memory may have: refused"
                                 % (where, info.st_size, MAX_MEMORY_BYTES))
        chunks = []
        size = 0
        while size <= MAX_MEMORY_BYTES:
            chunk = os.read(fd, MAX_MEMORY_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_MEMORY_BYTES:
            raise ReconcileError("the window memory %s grew beyond the %d bytes a memory may have: refused"
                                 % (where, MAX_MEMORY_BYTES))
        return b"".join(chunks)
    except OSError as exc:
        raise ReconcileError("cannot read the window memory %s: %s" % (where, exc.strerror))
    finally:
        os.close(fd)


def _memory_content(data, where):
    """The checked content of a memory file: its format, API URL (as a key), window and restorable impacts."""
    try:
        text = data.decode("utf-8")
        if _nesting_depth(text) > MAX_DEPTH:
            raise ValueError("nested deeper than %d levels" % MAX_DEPTH)
        content = json.loads(text)
        api_url = url_key(content["api_url"])
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ReconcileError("cannot read the window memory %s: %s" % (where, exc))
    problems = memory_problems(content)
    if problems:
        raise ReconcileError("the window memory %s is not one this module wrote: %s" % (where, "; ".join(problems)))
    return dict(content, api_url=api_url)


def _nesting_depth(text):
    """How deep the JSON text nests (strings skipped), counted before parsing so that no depth can crash the parser."""
    depth = deepest = 0
    for bracket in BRACKETS.finditer(JSON_STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
    return deepest


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
    written = {}
    saved = False
    try:
        if opening and memory_changed:
            memory.save(plan.memory)  # before any write: a failure half-way still leaves what completing needs
            saved = memory.in_file
        for item, impact in plan.writes:
            set_impact(page.components, item, impact)
            written[page.paths[item["uuid"]]] = impact
        if not opening and memory_changed:
            memory.save(plan.memory)  # only after the writes: a failure half-way keeps the memory for the next try
    except Exception as exc:  # whatever it is, a task that wrote something must say what
        if written or saved:
            # what completing needs: all that opening remembered, or all that completing has not forgotten yet
            raise WindowFailed(exc, written, saved, plan.memory if opening else remembered) from exc
        raise
