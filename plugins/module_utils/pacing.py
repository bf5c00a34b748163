# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The client's pacing and retry budget: at most the documented requests a second for every thread (Pacer), one wall-time
budget for the retries of a whole task (RetryBudget), and Retry-After read.
"""

import collections
import email.utils
import re
import threading
import time


BACKOFF_BASE = 0.5
# The shortest wait before a retry, whatever a server answers (Retry-After: 0 included): never a hot loop.
BACKOFF_MIN = BACKOFF_BASE / 2


# A documented limit of N requests a second is kept as at most N starts in any
# window of this many seconds: a little more than one, so that requests reaching
# the server up to 0.1 s later or sooner than they started (scheduling, network
# jitter) still fit its one-second window, while a burst of N needs no waiting.
RATE_WINDOW = 1.1
DELTA_SECONDS = re.compile(r"[0-9]+")


def retry_after_seconds(value, now=None):
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None when it is neither."""
    if value is None:
        return None
    value = value.strip()
    if DELTA_SECONDS.fullmatch(value):
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class Pacer:
    """Lets at most the documented number of requests of each kind start in any RATE_WINDOW, for every thread.

    Counting starts (not answers) keeps the steady rate at the documented limit whatever the latency, while
    several requests are in flight. A 429's Retry-After holds every request back.
    """

    def __init__(self, per_second, clock, sleep):
        """per_second maps 'GET' and 'OTHER' to a documented limit (or None: no limit)."""
        self._limits = dict((kind, int(limit)) for kind, limit in per_second.items() if limit)
        self._starts = dict((kind, collections.deque()) for kind in self._limits)
        self._held_until = None
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()

    @staticmethod
    def _kind(method):
        return "GET" if method == "GET" else "OTHER"

    def wait(self, method):
        """Sleep until a request of this kind may start, and count its start."""
        kind = self._kind(method)
        starts = self._starts.get(kind)
        while True:
            with self._lock:
                now = self._clock()
                ready = max(now, self._held_until or now)
                if starts is not None and len(starts) == self._limits[kind]:
                    ready = max(ready, starts[0] + RATE_WINDOW)
                if ready <= now:
                    if starts is not None:
                        if len(starts) == self._limits[kind]:
                            starts.popleft()
                        starts.append(now)
                    return
            self._sleep(ready - now)

    def hold(self, seconds):
        """Send nothing more, from any thread, for this long (a server asked so with Retry-After)."""
        with self._lock:
            until = self._clock() + seconds
            self._held_until = max(self._held_until or until, until)


class RetryBudget:
    """The wall time one task may spend waiting to retry (retry_timeout), shared by all its requests and threads.

    Waits are granted as stretches of time from the moment they are asked for; waits that overlap (several threads
    held back by one 429) count once, so the budget is wall time, not a sum of sleeps.
    """

    def __init__(self, seconds, clock):
        self.seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._ended = 0.0  # seconds of the stretches of waiting that are over
        self._since = None  # the current stretch of waiting, from _since to _until
        self._until = None

    def spent(self):
        """Seconds of the budget taken so far (granted waits that are still running included)."""
        with self._lock:
            self._close_ended(self._clock())
            return self._ended + (self._until - self._since if self._since is not None else 0.0)

    def grant(self, asked, backoff):
        """Seconds to wait from now before a retry, or None when the budget cannot pay for one.

        asked is what the server said (Retry-After), None when it said nothing usable. It is granted when it is more
        than zero and fits in what is left; anything else (0, in the past, absurd) backs off instead, never less
        than BACKOFF_MIN, and shortened to what is left.
        """
        with self._lock:
            now = self._clock()
            self._close_ended(now)
            left = self.seconds - self._ended
            if self._since is not None:
                left -= now - self._since  # the part of the current stretch already behind us
            if asked is not None and 0 < asked <= left:
                delay = asked
            elif left >= BACKOFF_MIN:
                delay = min(max(backoff, BACKOFF_MIN), left)
            else:
                return None
            if self._since is None:
                self._since, self._until = now, now + delay
            else:
                self._until = max(self._until, now + delay)
            return delay

    def charge(self, seconds):
        """Count the time a retried request took: retries are bounded as a whole, not only the waits between them."""
        with self._lock:
            self._ended += seconds

    def _close_ended(self, now):
        if self._since is not None and now >= self._until:
            self._ended += self._until - self._since
            self._since = self._until = None
