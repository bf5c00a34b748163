# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The memory of Statusmate maintenance windows: each window's remembered impacts in one JSON file of the memory
directory (or carried in the module's result), so that a window opened by one ``ansible-playbook`` run is completed
exactly by another.

The file holds the API URL (without any user or password), the window's name, and for each component its uuid,
path and impact before: never the token, nor anything derived from it. A component's uuid belongs to one page, so
two pages served by one API URL never mix their memories, even under one window name.

The memory decides what the page shows after a window, so it is trusted as ssh trusts its files: the directory must be
the user's own and writable by no one else; a file is read only when it is a regular file (never through a link,
never waiting on a FIFO), small and shallow; another window's file that cannot be read may hold any component.
Reads and writes take the directory's lock, so that runs on overlapping windows take turns.
"""

import binascii
import contextlib
import hashlib
import json
import os
import re

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.locks import PrivateDirectory, url_key
from ansible_collections.statusops.status.plugins.module_utils.statusmate.fields import IMPACTS
from ansible_collections.statusops.status.plugins.module_utils.statusmate.memory_dir import MAX_MEMORY_BYTES, read_regular_file

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
MAX_DEPTH = 8  # a memory nests 3 deep
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = re.compile(r"[\[\]{}]")


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


# ---------------------------------------------------------------- memory


def file_name(api_url, window):
    """A readable, safe name, unique per API URL and window (the digest covers both; no secret goes in)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", window).strip("-.")[:40] or "window"
    digest = hashlib.sha256(("%s\n%s" % (api_url, window)).encode("utf-8")).hexdigest()[:16]
    return "%s-%s%s" % (slug, digest, FILE_SUFFIX)


def memory_content(api_url, window, components):
    """The memory as the file holds it and the module returns it; api_url is already a url_key."""
    return {"format": MEMORY_FORMAT, "api_url": api_url, "window": window, "components": components}


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
        text = read_regular_file(self._directory_fd, entry, where)
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
