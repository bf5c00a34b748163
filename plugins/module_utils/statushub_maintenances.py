# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""StatusHub maintenances, and the event pieces incidents share: times, service statuses, soft deletes.

A maintenance is found by id, else by title among the windows that have not
ended yet. ``now`` and ``duration`` are resolved once, when the window is
created: a later run of the same task finds the window and compares only the
absolute times it was given.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.statusops.status.plugins.module_utils.client import ApiError
from ansible_collections.statusops.status.plugins.module_utils.common import normalise_time, parse_time
from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    Outcome,
    ReconcileError,
    Resource,
    single_match,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub import ServiceNames

MAINTENANCES_PATH = "/maintenances"
MAINTENANCE_PATH = "/maintenances/%s"
SERVICE_STATUSES = ("up", "degraded-performance", "down")
NOW = "now"
# Event lists and reads ask for the flags, so that soft-deleted events are left out
# whether or not the API lists them (the contract does not say).
FLAGS_QUERY = {"extend": "flags"}

# The `services` option of incidents and maintenances.
SERVICES_SPEC = dict(type="list", elements="dict", options=dict(
    service=dict(type="str", required=True),
    status=dict(type="str", required=True, choices=list(SERVICE_STATUSES)),
))


# ---- times ---------------------------------------------------------------

def utcnow():
    """This moment in UTC, to the second (the precision the API renders)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def to_moment(value):
    """An aware datetime from ISO-8601 text; a time without an offset is UTC. None when it is not a time."""
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)
    if not isinstance(value, str) or not value.strip():
        return None
    return parse_time(value) or parse_time(value.strip() + "Z")


def api_time(moment):
    """The UTC text the API takes: 2025-02-01T00:00:00Z."""
    return normalise_time(moment.astimezone(datetime.timezone.utc).isoformat())


def normalise_event_field(field, value):
    """Event fields compare as instants, as sets of service statuses, and with no body equal to ''."""
    if field in ("start_time", "end_time"):
        return normalise_time(value)
    if field == "service_statuses":
        return sorted((status["service_id"], status["status"]) for status in value or [])
    if field == "body":
        return value or ""
    return value


def time_error(option, value, allow_now=False):
    """A message naming the option and value when the value is not a time, else None."""
    if value is None or (allow_now and value == NOW) or to_moment(value) is not None:
        return None
    what = "ISO-8601 (like 2025-02-01T00:00:00Z) or %r" % NOW if allow_now else "ISO-8601 (like 2025-02-01T00:00:00Z)"
    return "%s must be %s, got %r" % (option, what, value)


def range_query(params, query=None):
    """The API's overlap filter from the start_time/end_time options (already validated)."""
    query = dict(FLAGS_QUERY, **(query or {}))
    for option in ("start_time", "end_time"):
        if params.get(option):
            query[option] = api_time(to_moment(params[option]))
    return query


# ---- soft deletes and reads by id -------------------------------------------

def is_deleted(item):
    return bool((item.get("flags") or {}).get("deleted"))


def get_live(hub, path):
    """The event at path, or None when it does not exist or was deleted."""
    try:
        item = hub.get(path, FLAGS_QUERY)
    except ApiError as exc:
        if exc.status == 404:
            return None
        raise
    return None if not item or is_deleted(item) else item


def list_live(hub, path, query):
    return [item for item in hub.list(path, query) if not is_deleted(item)]


# ---- service statuses --------------------------------------------------------

def service_statuses(names, services):
    """The API's service_statuses for the `services` option; unknown or repeated services fail."""
    statuses = []
    seen = set()
    for entry in services:
        service_id = names.id_of(entry["service"])
        if service_id in seen:
            raise ReconcileError("services: service %r is listed more than once" % entry["service"])
        seen.add(service_id)
        statuses.append({"service_id": service_id, "status": entry["status"]})
    return sorted(statuses, key=lambda status: status["service_id"])


# ---- maintenances --------------------------------------------------------------

def validation_errors(params):
    """Messages naming the option and value of everything wrong before any request."""
    errors = [message for message in (
        time_error("start_time", params.get("start_time"), allow_now=True),
        time_error("end_time", params.get("end_time")),
    ) if message]
    if params.get("duration") is not None and params["duration"] < 1:
        errors.append("duration must be at least 1 minute, got %s" % params["duration"])
    if params.get("title") is not None and not params["title"].strip():
        errors.append("title must not be blank, got %r" % params["title"])
    start, end = params.get("start_time"), params.get("end_time")
    if not errors and start and start != NOW and end and to_moment(end) <= to_moment(start):
        errors.append("end_time must be after start_time, got start_time=%r and end_time=%r" % (start, end))
    return errors


class Event(Resource):
    """An incident or a maintenance: found by id or by title, its fields compared as events compare."""

    kind = None

    def __init__(self, hub, params, now=None):
        self.hub = hub
        self.params = params
        self.now = now or utcnow()
        self.names = ServiceNames(hub)

    def describe(self):
        if self.params.get("id"):
            return "%s %s" % (self.kind, self.params["id"])
        return "%s %r" % (self.kind, self.params["title"])

    def normalise(self, field, value):
        return normalise_event_field(field, value)

    def refuse_unknown_id(self):
        """An id that matches nothing is an error: a new event gets a new id, never the one asked for."""
        if self.params.get("id"):
            raise ReconcileError("%s does not exist (or was deleted); leave out id to create a new one" % self.describe())

    def with_silent(self, body):
        if self.params.get("silent") is not None:
            body = dict(body, silent=self.params["silent"])
        return body


class Maintenance(Event):
    """One maintenance window, by id or by title among the windows not ended yet."""

    kind = "maintenance"

    def find(self):
        if self.params.get("id"):
            return get_live(self.hub, MAINTENANCE_PATH % self.params["id"])
        windows = list_live(self.hub, MAINTENANCES_PATH, dict(FLAGS_QUERY, start_time=api_time(self.now)))
        matches = [item for item in windows if item.get("title") == self.params["title"] and not self.ended(item)]
        return single_match(matches, "%s (among the maintenances that have not ended)" % self.describe(), self.kind)

    def ended(self, window):
        end = to_moment(window.get("end_time"))
        return end is not None and end <= self.now

    def started(self, window):
        start = to_moment(window.get("start_time"))
        return start is not None and start <= self.now

    def completion_time(self, window):
        """Now, or one second after the start for a window that began this very second: the API needs end > start."""
        return max(self.now, to_moment(window["start_time"]) + datetime.timedelta(seconds=1))

    def absolute_start(self):
        start = self.params.get("start_time")
        return None if start in (None, NOW) else to_moment(start)

    def desired(self):
        """The fields that can be compared: `now` and a duration after `now` are not."""
        params = self.params
        fields = {}
        for option in ("title", "body"):
            if params.get(option) is not None:
                fields[option] = params[option]
        if params.get("services") is not None:
            fields["service_statuses"] = service_statuses(self.names, params["services"])
        start = self.absolute_start()
        if start is not None:
            fields["start_time"] = api_time(start)
        if params.get("end_time"):
            fields["end_time"] = api_time(to_moment(params["end_time"]))
        elif params.get("duration") and start is not None:
            fields["end_time"] = api_time(start + datetime.timedelta(minutes=params["duration"]))
        return fields

    def creation_body(self, desired):
        """Everything a new window needs, with `now` and `duration` resolved this once."""
        self.refuse_unknown_id()
        start = self.absolute_start() or self.now
        if self.params.get("start_time") is None:
            raise ReconcileError("%s does not exist; start_time is required to create it" % self.describe())
        if self.params.get("end_time") is None and self.params.get("duration") is None:
            raise ReconcileError("%s does not exist; end_time or duration is required to create it" % self.describe())
        body = dict(desired)
        body["start_time"] = api_time(start)
        if "end_time" not in body:
            body["end_time"] = api_time(start + datetime.timedelta(minutes=self.params["duration"]))
        if to_moment(body["end_time"]) <= start:
            raise ReconcileError("%s: end_time %s is not after start_time %s" % (self.describe(), body["end_time"], body["start_time"]))
        if self.params.get("silent") is not None:
            body["silent"] = self.params["silent"]
        return body

    def create(self, desired):
        return self.hub.post(MAINTENANCES_PATH, self.creation_body(desired))

    def update(self, current, desired, changes):
        return self.hub.put(MAINTENANCE_PATH % current["id"], self.with_silent(changes))

    def delete(self, current):
        self.hub.delete(MAINTENANCE_PATH % current["id"])

    def preview(self, current, desired):
        if current is None:
            return self.creation_body(desired)
        return super(Maintenance, self).preview(current, desired)


def ensure_completed(maintenance, check_mode):
    """A window in progress ends now; one not started yet is cancelled (deleted); an ended one is left alone."""
    current = maintenance.find()
    if current is None or maintenance.ended(current):
        return Outcome("none", current, current)
    if not maintenance.started(current):
        if not check_mode:
            maintenance.delete(current)
        return Outcome("delete", current, None)
    changes = maintenance.changes(current, {"end_time": api_time(maintenance.completion_time(current))})
    if not changes:
        return Outcome("none", current, current)
    if check_mode:
        after = dict(current, **changes)
    else:
        after = maintenance.hub.put(MAINTENANCE_PATH % current["id"], maintenance.with_silent(changes))
    return Outcome("update", current, after, changes)


def matches_filters(window, params, now):
    """The info module's title and upcoming/in_progress filters (either flag set: the union of those set)."""
    if params.get("title") is not None and window.get("title") != params["title"]:
        return False
    if not (params.get("upcoming") or params.get("in_progress")):
        return True
    start, end = to_moment(window.get("start_time")), to_moment(window.get("end_time"))
    upcoming = start is not None and start > now
    in_progress = start is not None and start <= now and (end is None or end > now)
    return bool((params.get("upcoming") and upcoming) or (params.get("in_progress") and in_progress))


def list_maintenances(hub, params, now=None):
    """The maintenances the info module's options select."""
    now = now or utcnow()
    if params.get("id"):
        found = get_live(hub, MAINTENANCE_PATH % params["id"])
        windows = [found] if found else []
    else:
        windows = list_live(hub, MAINTENANCES_PATH, range_query(params))
    return [window for window in windows if matches_filters(window, params, now)]
