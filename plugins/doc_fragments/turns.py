# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    # The set modules: runs on one page or hub take turns on one host.
    DOCUMENTATION = r"""
options: {}
notes:
  - B(Runs at the same time.) Two runs of the set modules (M(statusops.status.statusmate_components),
    M(statusops.status.statushub_services), M(statusops.status.statushub_subscriptions)) on one page or hub, by one
    user on one host, take turns. Each holds an exclusive lock (C(flock)) from its first read to its last write, so
    that neither creates what the other has just created.
  - The lock is keyed by the API URL and the page (known by its token, which goes into the lock's name only as part
    of a digest) or the hub. Its file is in the directory C(statusops-locks-<uid>) of the system's temporary
    directory (C(TMPDIR), never under C(HOME)), created with mode 0700. A directory another user owns or may write,
    or a lock file that is a link, is refused before any request.
  - A run waits for the other one O(retry_timeout) seconds at most, then fails before any request, saying so. Check
    mode writes nothing and takes no turn.
  - Nothing holds across hosts, users or C(TMPDIR)s, as neither API offers any locking; two runs on one page or hub
    from two CI runners can still both create one object. Run the tasks that manage one page or hub from one host
    (in a CI pipeline, one job that the others wait for, or a C(resource_group), concurrency group or lock of the CI
    system), or one after another.
"""
