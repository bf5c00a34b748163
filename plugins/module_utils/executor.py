# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The executor of every plan, of one object or of a set: Changes carried out after those they require, a bounded
number at once, in a stable order, and on failure a report of what was already done.
"""

import heapq
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


class Change:
    """One write of a plan: its action, what it needs done first, and how to do it (or, in check mode, preview it).

    apply(done) and preview(done) return the object after the change; done maps the key of every change already
    carried out to what it returned, so a change can use the object created by one it requires.
    """

    def __init__(self, key, action, apply, preview, requires=()):
        self.key = key
        self.action = action  # one of: create, update, delete
        self.apply = apply
        self.preview = preview
        self.requires = tuple(requires)


class ChangeRun:
    """Carries out a list of Changes: each after those it requires, up to `concurrency` at once.

    The list's order is the plan order: changes start in that order as soon as they are free to, so a concurrency
    of 1 sends them exactly in that order, and done() reports them in that order at any concurrency. When a change
    fails, nothing more starts, the changes already in flight finish, and the error of the first failed change in
    plan order is raised; done() then says what was carried out.
    """

    def __init__(self, changes, concurrency=1, check_mode=False):
        self.changes = list(changes)
        self.concurrency = concurrency
        self.check_mode = check_mode
        self.results = {}

    def done(self, action=None):
        """The changes carried out (in check mode, previewed), in plan order, optionally of one action only."""
        return [change for change in self.changes
                if change.key in self.results and (action is None or change.action == action)]

    def run(self):
        if self.check_mode:
            for change in self.changes:
                self.results[change.key] = change.preview(self.results)
            return self
        position = dict((change.key, number) for number, change in enumerate(self.changes))
        blocking = {}
        unblocks = {}
        for change in self.changes:
            required = set(key for key in change.requires if key in position)
            blocking[change.key] = len(required)
            for key in required:
                unblocks.setdefault(key, []).append(change.key)
        ready = [position[key] for key, count in blocking.items() if not count]
        heapq.heapify(ready)
        failures = []
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            running = {}
            while ready or running:
                while ready and len(running) < self.concurrency and not failures:
                    change = self.changes[heapq.heappop(ready)]
                    running[pool.submit(change.apply, dict(self.results))] = change
                if not running:
                    break
                finished, _pending = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    change = running.pop(future)
                    error = future.exception()
                    if error is not None:
                        failures.append((position[change.key], error))
                        continue
                    self.results[change.key] = future.result()
                    for key in unblocks.get(change.key, ()):
                        blocking[key] -= 1
                        if not blocking[key]:
                            heapq.heappush(ready, position[key])
        if failures:
            raise min(failures, key=lambda failure: failure[0])[1]
        return self
