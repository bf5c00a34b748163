"""Sliding-window rate limits per API key (StatusHub)."""

import collections

RATE_WINDOW = 1.0
RATE_LIMITS = {"GET": 30, "other": 5}


class RateLimiter:
    """Counts accepted requests per (key, kind) by arrival time in the window (now - 1.0, now]."""

    def __init__(self, limits=None, window=RATE_WINDOW):
        self.limits = dict(limits or RATE_LIMITS)
        self.window = window
        self.arrivals = {}

    def allow(self, key, method, now):
        """True and counted when the request fits; False (not counted) when it must get 429."""
        kind = "GET" if method == "GET" else "other"
        times = self.arrivals.setdefault((key, kind), collections.deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) >= self.limits[kind]:
            return False
        times.append(now)
        return True
