# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Prometheus Alertmanager API v2: the connection (options, client) and one silence.

A silence is found again by its created_by and comment among the active and pending silences, so separate runs need
no memory. Alertmanager changes a silence by replacing it: a POST carrying the id either updates it in place or
expires it and creates another with a new id (when its matchers change, say), so the id is read from every answer.
A duration after an absolute start gives an end that is compared; after "now" (no start given) it is resolved once,
when the silence is created, and never compared: Alertmanager starts a replacement at its own now, so an end counted
from the start found would move at every replacement.
"""

import datetime
import re

from ansible_collections.statusops.status.plugins.module_utils.answers import LIST
from ansible_collections.statusops.status.plugins.module_utils.checks import secret_errors
from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, OutcomeUnknown, ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.reconcile import Resource, single_match
from ansible_collections.statusops.status.plugins.module_utils.statushub.events import time_errors
from ansible_collections.statusops.status.plugins.module_utils.times import format_time, parse_time, utcnow

SILENCES_PATH = "/api/v2/silences"
SILENCE_PATH = "/api/v2/silence/%s"
LIVE_STATES = ("active", "pending")
# Prometheus label names; a header name is an HTTP token.
LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
IDENTITY = ("created_by", "comment")

MATCHERS_SPEC = dict(type="list", elements="dict", options=dict(
    name=dict(type="str", required=True),
    value=dict(type="str", required=True),
    is_regex=dict(type="bool", default=False),
    is_equal=dict(type="bool", default=True),
))


def header_errors(headers):
    """Messages for header names that are not HTTP tokens and values that cannot travel in a header (never shown)."""
    errors = []
    for name, value in sorted((headers or {}).items()):
        if not HEADER_NAME.fullmatch(name):
            errors.append("headers: %r is not an HTTP header name" % name)
        elif not isinstance(value, str):
            errors.append("headers.%s must be a string (its value is not shown)" % name)
        else:
            errors.extend(secret_errors("headers.%s" % name, value))
    return errors


# ---- checks before any request -------------------------------------------------

def _matches_empty(matcher):
    """Whether the matcher matches a missing label (Alertmanager refuses a silence whose matchers all do)."""
    if matcher["is_regex"]:
        matched = re.fullmatch(matcher["value"], "") is not None
    else:
        matched = matcher["value"] == ""
    return matched == matcher["is_equal"]


def matcher_errors(matchers):
    errors = []
    for position, matcher in enumerate(matchers):
        where = "matchers[%d]" % position
        if not LABEL_NAME.fullmatch(matcher["name"]):
            errors.append("%s.name must be a label name (letters, digits and _, not starting with a digit), got %r"
                          % (where, matcher["name"]))
        if matcher["is_regex"]:
            try:
                re.compile(matcher["value"])
            except re.error as exc:
                errors.append("%s.value is not a regular expression (%s), got %r" % (where, exc, matcher["value"]))
    if not errors and all(_matches_empty(matcher) for matcher in matchers):
        errors.append("matchers: at least one must not match an empty label value (Alertmanager refuses a silence "
                      "of every alert), got %r" % ([matcher["value"] for matcher in matchers],))
    return errors


def validation_errors(params):
    """Messages naming the option and value of everything wrong before any request."""
    errors = []
    for option in IDENTITY:
        if not (params[option] or "").strip():
            errors.append("%s must not be blank: with the other of %s it identifies the silence, got %r"
                          % (option, " and ".join(IDENTITY), params[option]))
    errors += time_errors(params, ("starts_at", "ends_at"))
    if params["state"] == "present":
        if not params.get("matchers"):
            errors.append("matchers must hold one matcher at least with state=present")
        else:
            errors += matcher_errors(params["matchers"])
        if params.get("ends_at") is None and params.get("duration") is None:
            errors.append("ends_at or duration is required with state=present")
    start, end = parse_time(params.get("starts_at")), parse_time(params.get("ends_at"))
    if start is not None and end is not None and end <= start:
        errors.append("ends_at must be after starts_at, got starts_at=%r and ends_at=%r"
                      % (params["starts_at"], params["ends_at"]))
    return errors


# ---- the silence ---------------------------------------------------------------

def api_matchers(matchers):
    return [{"name": matcher["name"], "value": matcher["value"], "isRegex": matcher["is_regex"],
             "isEqual": matcher["is_equal"]} for matcher in matchers]


def _is_silence(item):
    return (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("status"), dict)
            and isinstance(item.get("matchers"), list) and all(isinstance(item.get(key), str)
                                                               for key in ("comment", "createdBy", "startsAt", "endsAt")))


def to_second(moment):
    """Times compare to the second: Alertmanager starts a silence asked to start now at its own now, to the
    millisecond."""
    return moment.replace(microsecond=0)


def state_of(silence):
    return silence["status"].get("state")


class Silence(Resource):
    """One silence, by created_by and comment among the active and pending silences."""

    noun = "silence"

    def __init__(self, api, params, now=None):
        self.api = api
        self.params = params
        self.now = now or utcnow()
        self.found = None

    def describe(self):
        return "the silence created by %r with comment %r" % (self.params["created_by"], self.params["comment"])

    def list_silences(self):
        silences = self.api.get(SILENCES_PATH, expect=LIST)
        if not isinstance(silences, list) or not all(_is_silence(item) for item in silences):
            raise ApiError("GET", SILENCES_PATH, 200, "the answer is not a list of silences (id, status, matchers, "
                           "comment, createdBy, startsAt, endsAt)")
        return silences

    def find(self):
        matches = [item for item in self.list_silences() if state_of(item) in LIVE_STATES
                   and item["createdBy"] == self.params["created_by"] and item["comment"] == self.params["comment"]]
        self.found = single_match(matches, self.describe(), self.noun,
                                  hint="expire the extra ones (state=expired expires one; the rest in Alertmanager)")
        return self.found

    def start(self):
        """The start of the silence: the one found (it cannot move once active), else starts_at, else now."""
        if self.found is not None:
            return to_second(parse_time(self.found["startsAt"]))
        return parse_time(self.params.get("starts_at")) or self.now

    def end(self):
        """The end of a silence whose end is not declared: the one found, else the duration after the start."""
        if self.found is not None:
            return to_second(parse_time(self.found["endsAt"]))
        return self.start() + datetime.timedelta(minutes=self.params["duration"])

    def desired(self):
        """The compared fields: the matchers, an absolute end and, while the silence has not started, the start."""
        params = self.params
        fields = {"matchers": api_matchers(params["matchers"])}
        start = parse_time(params.get("starts_at"))
        if params.get("ends_at"):
            fields["endsAt"] = format_time(parse_time(params["ends_at"]))
        elif start is not None:
            fields["endsAt"] = format_time(start + datetime.timedelta(minutes=params["duration"]))
        if start is not None and (self.found is None or state_of(self.found) == "pending"):
            fields["startsAt"] = format_time(start)
        return fields

    def normalise(self, field, value):
        if field == "matchers":
            return sorted((item.get("name"), item.get("value"), bool(item.get("isRegex")), item.get("isEqual", True))
                          for item in value or [])
        moment = parse_time(value)
        return value if moment is None else to_second(moment)

    def body(self, desired, current=None):
        body = {"startsAt": format_time(self.start()), "endsAt": format_time(self.end()),
                "createdBy": self.params["created_by"], "comment": self.params["comment"]}
        body.update(desired)
        if parse_time(body["endsAt"]) <= parse_time(body["startsAt"]):
            raise ReconcileError("%s would end before it starts: endsAt %s is not after startsAt %s"
                                 % (self.describe(), body["endsAt"], body["startsAt"]))
        if current is not None:
            body["id"] = current["id"]
        return body

    def post(self, body):
        answer = self.api.post(SILENCES_PATH, body)
        if not isinstance(answer, dict) or not isinstance(answer.get("silenceID"), str):
            # An answer that cannot be read is a lost answer: a create looks for the silence before sending again.
            raise OutcomeUnknown("POST", SILENCES_PATH, 200, "the answer holds no silenceID; the silence may have been set")
        return dict(body, id=answer["silenceID"], status={"state": self.state_after(body)})

    def state_after(self, body):
        return "pending" if parse_time(body["startsAt"]) > self.now else "active"

    def create(self, desired):
        return self.post(self.body(desired))

    def update(self, current, desired, changes):
        return self.post(self.body(desired, current))

    def delete(self, current):
        self.api.delete(api_path(SILENCE_PATH, current["id"]))

    def preview(self, current, desired):
        body = self.body(desired, current)
        body.setdefault("id", None)
        return dict(body, status={"state": self.state_after(body)})
