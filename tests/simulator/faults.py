"""Fault rules injected through POST /_sim/faults."""

import random
import re

FAULT_ACTIONS = ("429", "500", "502", "503", "drop", "slow", "redirect", "trickle", "html", "raw", "truncate",
                 "envelope")
RULE_KEYS = ("method", "path", "query", "body", "action", "count", "fraction", "seed", "retry_after", "delay",
             "after_handling", "status", "location", "chunk", "text", "content_type", "bytes", "page_count", "total")
# Actions that change the real answer: the request is always carried out first.
REAL_ANSWER_ACTIONS = ("truncate", "envelope")
# The keys that only some actions use (a rule giving one to another action is refused).
ACTION_KEYS = {"text": ("raw",), "content_type": ("raw",), "bytes": ("truncate",), "page_count": ("envelope",),
               "total": ("envelope",)}
ENVELOPE_KEYS = ("page_count", "total")
DEFAULT_RAW_CONTENT_TYPE = "application/json"  # assumed: a raw rule that gives no content_type claims JSON
RETRY_AFTER_ACTIONS = ("429", "503")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
DEFAULT_REDIRECT_STATUS = 302  # assumed: the status of a redirect rule that gives none
DEFAULT_FAULT_COUNT = 1  # assumed: a rule with neither count nor fraction hits the next matching request
DEFAULT_RETRY_AFTER = "1"  # assumed: Retry-After of a 429 rule that gives none (a 503 then sends none)
DEFAULT_SLOW_DELAY = 1.0  # assumed: seconds of a slow rule that gives no delay (for trickle: between two chunks)
DEFAULT_TRICKLE_CHUNK = 1  # assumed: bytes of each chunk of a trickle rule that gives no chunk
# What a header value cannot carry through Werkzeug: control characters and anything beyond Latin-1.
UNSENDABLE_HEADER_TEXT = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]|[^\x00-\xff]")


def _number(spec, key, default, minimum=0):
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ValueError("%s must be a number >= %s" % (key, minimum))
    return value


def _regex(key, value):
    if not isinstance(value, str):
        raise ValueError("%s must be a string (a regular expression)" % key)
    try:
        return re.compile(value)
    except re.error as exc:
        raise ValueError("%s is not a regular expression: %s" % (key, exc)) from None


def _header_text(key, value):
    """A header value sent as given; numbers as %g (integers in full)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return "%g" % value
    if not isinstance(value, str):
        raise ValueError("%s must be a number or a string" % key)
    if UNSENDABLE_HEADER_TEXT.search(value):
        raise ValueError("%s must not hold control characters or characters beyond Latin-1" % key)
    return value


class FaultRule:
    """One rule: which requests it matches, what it does, how often."""

    def __init__(self, rule_id, spec):
        if not isinstance(spec, dict):
            raise ValueError("a fault rule is a JSON object")
        unknown = sorted(set(spec) - set(RULE_KEYS))
        if unknown:
            raise ValueError("unknown fault rule key(s): %s" % ", ".join(unknown))
        self.id = rule_id
        self.method = spec.get("method")
        if self.method is not None and not isinstance(self.method, str):
            raise ValueError("method must be a string")
        self.action = str(spec.get("action"))
        if self.action not in FAULT_ACTIONS:
            raise ValueError("action must be one of %s" % ", ".join(FAULT_ACTIONS))
        self.path = _regex("path", spec.get("path") or "")
        self.query = _regex("query", spec["query"]) if "query" in spec else None
        self.body = _regex("body", spec["body"]) if "body" in spec else None
        self.fraction = None
        self.count = None
        if "fraction" in spec:
            self.fraction = _number(spec, "fraction", None)
            if self.fraction > 1:
                raise ValueError("fraction must be between 0 and 1")
            self.random = random.Random(spec.get("seed"))
        else:
            self.count = int(_number(spec, "count", DEFAULT_FAULT_COUNT))
        self.retry_after = self._retry_after(spec)
        self.delay = _number(spec, "delay", DEFAULT_SLOW_DELAY)
        self.after_handling = spec.get("after_handling", False)
        if not isinstance(self.after_handling, bool):
            raise ValueError("after_handling must be a boolean")
        self.status, self.location = self._redirect(spec)
        self.chunk = self._chunk(spec)
        self._answer(spec)
        if self.action in REAL_ANSWER_ACTIONS:
            if "after_handling" in spec and not self.after_handling:
                raise ValueError("after_handling cannot be false for action %s (it changes the real answer)" % self.action)
            self.after_handling = True

    def _chunk(self, spec):
        """Bytes a trickle rule sends at a time; None for the other actions."""
        if self.action != "trickle":
            if "chunk" in spec:
                raise ValueError("chunk applies only to action trickle")
            return None
        if "after_handling" in spec:
            raise ValueError("after_handling does not apply to action trickle (the request is always carried out: "
                             "its own answer is what trickles)")
        chunk = spec.get("chunk", DEFAULT_TRICKLE_CHUNK)
        if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
            raise ValueError("chunk must be a whole number of bytes >= 1")
        return chunk

    def _answer(self, spec):
        """The fields of the actions that answer in place of the API (raw, truncate, envelope)."""
        for key, actions in ACTION_KEYS.items():
            if key in spec and self.action not in actions:
                raise ValueError("%s applies only to action %s" % (key, " and ".join(actions)))
        self.text = spec.get("text")
        if self.action == "raw" and not isinstance(self.text, str):
            raise ValueError("text is required for action raw and must be a string (the raw body)")
        self.content_type = _header_text("content_type", spec.get("content_type", DEFAULT_RAW_CONTENT_TYPE))
        if self.action == "truncate":
            self.bytes = spec.get("bytes")
            if isinstance(self.bytes, bool) or not isinstance(self.bytes, int) or self.bytes < 0:
                raise ValueError("bytes is required for action truncate and must be a whole number >= 0")
        self.envelope = dict((key, spec[key]) for key in ENVELOPE_KEYS if key in spec)
        if self.action == "envelope" and not self.envelope:
            raise ValueError("page_count or total is required for action envelope")
        for key, value in self.envelope.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError("%s must be a whole number >= 0" % key)

    def _retry_after(self, spec):
        if "retry_after" not in spec:
            return DEFAULT_RETRY_AFTER if self.action == "429" else None
        if self.action not in RETRY_AFTER_ACTIONS:
            raise ValueError("retry_after applies only to actions %s" % " and ".join(RETRY_AFTER_ACTIONS))
        return _header_text("retry_after", spec["retry_after"])

    def _redirect(self, spec):
        """(status, location) of a redirect rule; (None, None) for the other actions."""
        if self.action != "redirect":
            given = [key for key in ("status", "location") if key in spec]
            if given:
                raise ValueError("%s applies only to action redirect" % " and ".join(given))
            return None, None
        if self.after_handling:
            raise ValueError("after_handling does not apply to action redirect (the request is not carried out)")
        status = spec.get("status", DEFAULT_REDIRECT_STATUS)
        if isinstance(status, bool) or not isinstance(status, int) or status not in REDIRECT_STATUSES:
            raise ValueError("status must be one of %s" % ", ".join(str(code) for code in REDIRECT_STATUSES))
        location = spec.get("location")
        if not isinstance(location, str):
            raise ValueError("location is required for action redirect and must be a string")
        return status, _header_text("location", location)

    def matches(self, method, path, body_text, query_text=""):
        if self.method is not None and self.method.upper() != method:
            return False
        if self.body is not None and self.body.search(body_text) is None:
            return False
        if self.query is not None and self.query.search(query_text) is None:
            return False
        return self.path.search(path) is not None

    def fires(self):
        """Whether this matching request is hit; uses up one count or one random draw."""
        if self.fraction is not None:
            return self.random.random() < self.fraction
        if self.count > 0:
            self.count -= 1
            return True
        return False


class FaultSet:
    """The active rules, in the order they were added."""

    def __init__(self):
        self.rules = []
        self.next_id = 1

    def add(self, spec):
        rule = FaultRule(self.next_id, spec)
        self.rules.append(rule)
        self.next_id += 1
        return rule.id

    def clear(self):
        self.rules = []

    def pick(self, method, path, body_text, query_text=""):
        """The first rule that hits this request, or None."""
        for rule in self.rules:
            if rule.matches(method, path, body_text, query_text) and rule.fires():
                return rule
        return None
