"""Fault rules injected through POST /_sim/faults."""

import random
import re

FAULT_ACTIONS = ("429", "500", "502", "503", "drop", "slow")
DEFAULT_FAULT_COUNT = 1  # assumed: a rule with neither count nor fraction hits the next matching request
DEFAULT_RETRY_AFTER = 1  # assumed: seconds in Retry-After when a 429 rule gives none
DEFAULT_SLOW_DELAY = 1.0  # assumed: seconds of a slow rule that gives no delay


def _number(spec, key, default, minimum=0):
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ValueError("%s must be a number >= %s" % (key, minimum))
    return value


class FaultRule:
    """One rule: which requests it matches, what it does, how often."""

    def __init__(self, rule_id, spec):
        if not isinstance(spec, dict):
            raise ValueError("a fault rule is a JSON object")
        self.id = rule_id
        self.method = spec.get("method")
        if self.method is not None and not isinstance(self.method, str):
            raise ValueError("method must be a string")
        self.action = str(spec.get("action"))
        if self.action not in FAULT_ACTIONS:
            raise ValueError("action must be one of %s" % ", ".join(FAULT_ACTIONS))
        try:
            self.path = re.compile(spec.get("path") or "")
        except (re.error, TypeError) as exc:
            raise ValueError("path is not a regular expression: %s" % exc) from None
        self.fraction = None
        self.count = None
        if "fraction" in spec:
            self.fraction = _number(spec, "fraction", None)
            if self.fraction > 1:
                raise ValueError("fraction must be between 0 and 1")
            self.random = random.Random(spec.get("seed"))
        else:
            self.count = int(_number(spec, "count", DEFAULT_FAULT_COUNT))
        self.retry_after = _number(spec, "retry_after", DEFAULT_RETRY_AFTER)
        self.delay = _number(spec, "delay", DEFAULT_SLOW_DELAY)
        self.after_handling = bool(spec.get("after_handling", False))

    def matches(self, method, path):
        if self.method is not None and self.method.upper() != method:
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

    def pick(self, method, path):
        """The first rule that hits this request, or None."""
        for rule in self.rules:
            if rule.matches(method, path) and rule.fires():
                return rule
        return None
