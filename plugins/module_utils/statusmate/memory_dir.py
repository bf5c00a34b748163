# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The directory of the window memories, trusted as ssh trusts its files: created private, refused when another user
owns or may write it, its files read only when regular (never through a link, never waiting on a FIFO) and small.
"""

import errno
import os
import stat

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError

MAX_MEMORY_BYTES = 1 << 20


def lock_failure(where, exc):
    return ReconcileError("cannot lock the window memory directory: %s: %s. Nothing was changed." % (where, exc.strerror))


def make_private_directories(directory):
    """Create the directory and each missing parent, mode 0700; one that exists is left as it is (and checked)."""
    missing = []
    path = directory
    while not os.path.lexists(path):
        missing.append(path)
        path = os.path.dirname(path)
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue  # made by a concurrent run meanwhile
        except OSError as exc:
            raise ReconcileError("cannot create the window memory directory %s: %s. Nothing was changed."
                                 % (path, exc.strerror))
        os.chmod(path, 0o700)  # the umask may have taken the owner's bits away


def open_directory(directory, required):
    try:
        return os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        if not required:
            return None
        error = "no such directory"
    except OSError as exc:
        error = exc.strerror
    raise ReconcileError("cannot open the window memory directory %s: %s. Nothing was changed." % (directory, error))


def check_private(descriptor, directory):
    """Refuse a directory another user owns or may write: they could plant, replace or remove windows in it."""
    info = os.fstat(descriptor)
    if info.st_uid != os.geteuid():
        raise ReconcileError(
            "the window memory directory %s is owned by uid %d, not by this user (uid %d): refused, as its owner could "
            "plant or remove windows in it; give memory_dir a directory of your own. Nothing was changed."
            % (directory, info.st_uid, os.geteuid()))
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise ReconcileError(
            "the window memory directory %s may be written by others (mode %04o): refused, as they could plant or "
            "remove windows in it; make it private (chmod 700 %s) or give memory_dir another one. Nothing was changed."
            % (directory, stat.S_IMODE(info.st_mode), directory))


def read_regular_file(directory_fd, entry, where):
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
