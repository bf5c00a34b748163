# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""StatusHub incidents: identity among open incidents, one update per change, resolving.

An incident is not updated itself: it changes by incident updates. ``present``
compares the requested update with the incident's latest update and posts one
update when anything differs; ``resolved`` posts a ``resolved`` update, which
never carries service statuses.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    Outcome,
    ReconcileError,
    create_once,
    single_match,
)
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ensure_absent as engine_ensure_absent
from ansible_collections.statusops.status.plugins.module_utils.statushub_maintenances import (
    FLAGS_QUERY,
    NOW,
    Event,
    api_time,
    get_live,
    list_live,
    range_query,
    service_statuses,
    time_error,
    to_moment,
)

INCIDENTS_PATH = "/incidents"
INCIDENT_PATH = "/incidents/%s"
UPDATES_PATH = "/incidents/%s/incident_updates"
INCIDENT_TYPES = ("investigating", "identified", "monitoring")
RESOLVED = "resolved"
PUBLICATIONS = ("draft", "unconfirmed", "published")
# The incident_type of a new incident when none is given (the first step of the documented flow).
DEFAULT_INCIDENT_TYPE = "investigating"
# assumed: an incident read by id carries its updates under this key (no list of updates is documented).
UPDATES_KEY = "incident_updates"
# The fields of an update that `present` compares: option name -> API field.
COMPARED = (("title", "title"), ("body", "body"), ("incident_type", "incident_type"), ("publication", "state"))
# Fields of the latest update carried into a new one when the task does not set them.
CARRIED = ("title", "incident_type", "service_statuses", "state")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def validation_errors(params, now):
    """Messages naming the option and value of everything wrong before any request."""
    errors = []
    message = time_error("start_time", params.get("start_time"), allow_now=True)
    if message:
        errors.append(message)
    elif params.get("start_time") not in (None, NOW) and to_moment(params["start_time"]) > now:
        errors.append("start_time must not be in the future (an incident has started), got %r" % params["start_time"])
    if params.get("title") is not None and not params["title"].strip():
        errors.append("title must not be blank, got %r" % params["title"])
    return errors


def newest_first(updates):
    """Updates sorted newest first, by creation time and then id (whatever order the API lists them in)."""
    return sorted(updates or [], key=lambda update: (to_moment(update.get("created_at")) or EPOCH, update.get("id") or 0),
                  reverse=True)


def with_sorted_updates(incident):
    if incident and UPDATES_KEY in incident:
        incident = dict(incident)
        incident[UPDATES_KEY] = newest_first(incident[UPDATES_KEY])
    return incident


def latest_update(incident):
    updates = newest_first(incident.get(UPDATES_KEY))
    if updates:
        return updates[0]
    # Without updates, what the incident itself reports of its latest one.
    return {"title": incident.get("title"), "incident_type": incident.get("last_incident_type"),
            "state": incident.get("state"), "service_statuses": incident.get("service_statuses")}


def is_open(incident):
    return incident.get("end_time") is None


class Incident(Event):
    """One incident, by id or by title among the open incidents; compared against its latest update."""

    kind = "incident"

    def read(self, incident_id):
        return with_sorted_updates(get_live(self.hub, INCIDENT_PATH % incident_id))

    def find(self):
        if self.params.get("id"):
            return self.read(self.params["id"])
        listed = list_live(self.hub, INCIDENTS_PATH, dict(FLAGS_QUERY, start_time=api_time(self.now)))
        matches = [item for item in listed if is_open(item) and item.get("title") == self.params["title"]]
        found = single_match(matches, "%s (among the open incidents)" % self.describe(), self.kind)
        return None if found is None else self.read(found["id"])

    def desired(self):
        """The update the task asks for, in the API's shape: only what it sets."""
        fields = dict((field, self.params[option]) for option, field in COMPARED if self.params.get(option) is not None)
        if self.params.get("services") is not None:
            fields["service_statuses"] = service_statuses(self.names, self.params["services"])
        return fields

    def creation_body(self, desired):
        self.refuse_unknown_id()
        body = dict(desired)
        body.setdefault("incident_type", DEFAULT_INCIDENT_TYPE)
        start = self.params.get("start_time")
        body["start_time"] = api_time(self.now if start in (None, NOW) else to_moment(start))
        return self.with_silent(body)

    def create(self, desired):
        created = self.hub.post(INCIDENTS_PATH, self.creation_body(desired))
        if created and UPDATES_KEY not in created and created.get("id") is not None:
            return self.read(created["id"])
        return with_sorted_updates(created)

    def update_body(self, latest, desired):
        """One new update: what the task sets, the rest carried from the latest update."""
        body = dict((field, latest[field]) for field in CARRIED if latest.get(field) is not None)
        if "service_statuses" in body:
            body["service_statuses"] = [{"service_id": item["service_id"], "status": item["status"]} for item in body["service_statuses"]]
        body.update(desired)
        return self.with_silent(body)

    def post_update(self, incident, body):
        posted = self.hub.post(UPDATES_PATH % incident["id"], body)
        return self.read(incident["id"]) or incident, posted

    def delete(self, current):
        self.hub.delete(INCIDENT_PATH % current["id"])

    def preview(self, current, desired):
        body = self.creation_body(desired)
        first = dict((key, value) for key, value in body.items() if key != "start_time")
        return {"title": body.get("title"), "start_time": body["start_time"], "end_time": None,
                "last_incident_type": body["incident_type"], UPDATES_KEY: [first]}


def update_view(update):
    """The compared fields of an update (for diffs)."""
    view = dict((field, update.get(field)) for _option, field in COMPARED)
    view["service_statuses"] = update.get("service_statuses")
    return view


def previewed(incident, body, end_time=None):
    """The incident as it would be with one more update."""
    after = dict(incident)
    after[UPDATES_KEY] = [dict(body)] + list(incident.get(UPDATES_KEY) or [])
    after["last_incident_type"] = body.get("incident_type")
    if body.get("title") and body.get("state", "published") == "published":
        after["title"] = body["title"]
    if end_time:
        after["end_time"] = end_time
    return after


class Result:
    """What a task did: the outcome (changed, diff), the incident and the update posted."""

    def __init__(self, outcome, incident=None, posted_update=None):
        self.outcome = outcome
        self.incident = incident or {}
        self.posted_update = posted_update

    def as_dict(self):
        result = dict(changed=self.outcome.changed, diff=self.outcome.diff, incident=self.incident)
        if self.posted_update is not None:
            result["posted_update"] = self.posted_update
        return result


def ensure_present(incident, check_mode):
    """Create the incident, or post one update when the requested one differs from the latest."""
    current = incident.find()
    desired = incident.desired()
    if current is None:
        after = incident.preview(None, desired) if check_mode else create_once(incident, desired)
        return Result(Outcome("create", None, after), after)
    latest = latest_update(current)
    changes = incident.changes(latest, desired)
    if not changes:
        return Result(Outcome("none", current, current), current)
    if not is_open(current):
        raise ReconcileError("%s is resolved and takes no more updates; it differs in %s"
                             % (incident.describe(), ", ".join(sorted(changes))))
    body = incident.update_body(latest, desired)
    if check_mode:
        after, posted = previewed(current, body), body
    else:
        after, posted = incident.post_update(current, body)
    outcome = Outcome("update", update_view(latest), dict(update_view(latest), **desired), changes)
    return Result(outcome, after, posted)


def ensure_resolved(incident, check_mode):
    """Post a resolved update to an open incident (never with service statuses); anything else is left alone."""
    current = incident.find()
    if current is None or not is_open(current):
        return Result(Outcome("none", current, current), current)
    latest = latest_update(current)
    body = {"incident_type": RESOLVED, "title": incident.params.get("title") or latest.get("title")}
    for option, field in (("body", "body"), ("publication", "state")):
        if incident.params.get(option) is not None:
            body[field] = incident.params[option]
    body = incident.with_silent(body)
    if check_mode:
        after, posted = previewed(current, body, end_time=api_time(incident.now)), body
    else:
        after, posted = incident.post_update(current, body)
    before = {"incident_type": latest.get("incident_type"), "end_time": None}
    outcome = Outcome("update", before, {"incident_type": RESOLVED, "end_time": after.get("end_time")}, before)
    return Result(outcome, after, posted)


def ensure_absent(incident, check_mode):
    outcome = engine_ensure_absent(incident, check_mode)
    return Result(outcome, outcome.before)


def list_incidents(hub, params):
    """The incidents the info module's options select."""
    if params.get("id"):
        found = get_live(hub, INCIDENT_PATH % params["id"])
        incidents = [found] if found else []
    else:
        incidents = list_live(hub, INCIDENTS_PATH, range_query(params))
    if params.get("title") is not None:
        incidents = [item for item in incidents if item.get("title") == params["title"]]
    if params.get("open") is not None:
        incidents = [item for item in incidents if is_open(item) == params["open"]]
    return [with_sorted_updates(item) for item in incidents]
