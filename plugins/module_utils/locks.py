# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Files on the host a module runs on: directories only this user may write, and exclusive locks in them.

A directory is trusted as ssh trusts its files: it must be the user's own and writable by no one else. Everything in
it is opened relative to the directory's descriptor and never through a link, so that a directory or file swapped in
meanwhile is never used. A lock is a ``flock`` on a file of the directory, which a run that ends or dies releases;
waiting for it is bounded.

The APIs have no locking of their own: a lock here makes runs on one host take turns, nothing more.
"""

import contextlib
import fcntl
import hashlib
import os
import re
import stat
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError

LOCK_POLL = 0.1
DEFAULT_PORTS = {"http": 80, "https": 443}


def url_key(api_url):
    """The API URL as it keys files and locks: no user or password, scheme and host in lower case, no default port,
    no trailing slash, no query; so that every spelling of one URL is one key."""
    parts = urlsplit(api_url.strip())
    scheme = parts.scheme.lower()
    host = parts.netloc.rpartition("@")[2].lower()
    if scheme in DEFAULT_PORTS:
        host = re.sub(r":(0*%d)?$" % DEFAULT_PORTS[scheme], "", host)
    return urlunsplit((scheme, host, parts.path.rstrip("/"), "", ""))


class PrivateDirectory:
    """A directory of this user's that no one else may write.

    Messages name it as `what` ("the window memory directory"), say what another user could do with it (`harm`:
    "plant or remove windows in it") and how to choose another one (`choose`: "give memory_dir").
    """

    def __init__(self, path, what, harm, choose):
        self.path = os.path.abspath(os.path.expanduser(path))
        self.what = what
        self.harm = harm
        self.choose = choose

    @contextlib.contextmanager
    def opened(self, create):
        """The directory's descriptor, once checked; create=True makes it first (mode 0700, with its missing parents).

        Without create a directory that does not exist is None: it holds nothing.
        """
        if create:
            self._make()
        descriptor = self._open(required=create)
        try:
            if descriptor is not None:
                self._check(descriptor)
            yield descriptor
        finally:
            if descriptor is not None:
                os.close(descriptor)

    def lock(self, descriptor, name, timeout):
        """The descriptor of the lock file `name`, once this run holds its exclusive lock (waiting `timeout` seconds
        at most); closing it releases the lock."""
        where = os.path.join(self.path, name)
        try:
            lock = os.open(name, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600,
                           dir_fd=descriptor)
        except OSError as exc:
            raise self._lock_failure(where, exc)
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return lock
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise ReconcileError("another run has held the lock %s for more than %g seconds: waited for it "
                                             "in vain. Nothing was changed." % (where, timeout))
                    time.sleep(LOCK_POLL)
                except OSError as exc:  # a file system without locks, say
                    raise self._lock_failure(where, exc)
        except BaseException:
            os.close(lock)
            raise

    def _lock_failure(self, where, exc):
        return ReconcileError("cannot lock %s: %s: %s. Nothing was changed." % (self.what, where, exc.strerror))

    def _make(self):
        """Create the directory and each missing parent, mode 0700; one that exists is left as it is (and checked)."""
        missing = []
        path = self.path
        while not os.path.lexists(path):
            missing.append(path)
            path = os.path.dirname(path)
        for path in reversed(missing):
            try:
                os.mkdir(path, 0o700)
            except FileExistsError:
                continue  # made by a concurrent run meanwhile
            except OSError as exc:
                raise ReconcileError("cannot create %s %s: %s. Nothing was changed." % (self.what, path, exc.strerror))
            os.chmod(path, 0o700)  # the umask may have taken the owner's bits away

    def _open(self, required):
        try:
            return os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except FileNotFoundError:
            if not required:
                return None
            error = "no such directory"
        except OSError as exc:
            error = exc.strerror
        raise ReconcileError("cannot open %s %s: %s. Nothing was changed." % (self.what, self.path, error))

    def _check(self, descriptor):
        """Refuse a directory another user owns or may write."""
        info = os.fstat(descriptor)
        if info.st_uid != os.geteuid():
            raise ReconcileError(
                "%s %s is owned by uid %d, not by this user (uid %d): refused, as its owner could %s; %s a directory "
                "of your own. Nothing was changed." % (self.what, self.path, info.st_uid, os.geteuid(), self.harm,
                                                       self.choose))
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise ReconcileError(
                "%s %s may be written by others (mode %04o): refused, as they could %s; make it private (chmod 700 %s) "
                "or %s another one. Nothing was changed."
                % (self.what, self.path, stat.S_IMODE(info.st_mode), self.harm, self.path, self.choose))


def run_lock_directory():
    """Where runs take turns: one directory per user in the system's temporary directory (TMPDIR), never under
    HOME, so that runs of one user on one host find it whatever HOME they were given."""
    return PrivateDirectory(os.path.join(tempfile.gettempdir(), "statusops-locks-%d" % os.geteuid()),
                            "the lock directory", "hold or remove the locks in it", "point TMPDIR at")


@contextlib.contextmanager
def taking_turns(identity, timeout):
    """Held while this run holds the lock of `identity` (strings: the API URL key, then the page or hub), waiting
    `timeout` seconds at most for another run of this user on this host to release it.

    The file's name is a digest of the identity: a Statusmate page is known only by its token, which is never written
    anywhere in the clear.
    """
    directory = run_lock_directory()
    name = "%s.lock" % hashlib.sha256("\n".join(identity).encode("utf-8")).hexdigest()[:32]
    with directory.opened(create=True) as descriptor:
        lock = directory.lock(descriptor, name, timeout)
        try:
            yield
        finally:
            os.close(lock)
