# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The files of the window memories' directory, trusted as ssh trusts its files: read only when regular (never through a
link, never waiting on a FIFO) and small. The directory itself is made private and checked by locks.PrivateDirectory.
"""

import errno
import os
import stat

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError

MAX_MEMORY_BYTES = 1 << 20


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
