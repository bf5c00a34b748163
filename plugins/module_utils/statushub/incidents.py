# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub incidents: identity among open incidents, one update per change, resolving.

An incident is not updated itself: it changes by incident updates. ``present``
compares the requested update with the incident's latest update and posts one
update when anything differs; ``resolved`` posts a ``resolved`` update, which
never carries service statuses. Every update the API is sent is whole: title,
start time, type and (unless it resolves) the service statuses, the fields the
task does not set carried from the latest update.
"""

import datetime

from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers
from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.statushub.events import (
    NOW,
    Event,
    read_one_or_list,
    sent_statuses,
    service_statuses,
    time_errors,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub.fields import title_errors
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import CREATED
from ansible_collections.statusops.status.plugins.module_utils.times import format_time, parse_time

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
# Fields of the latest update carried into a new one when the task does not set them (service statuses too).
CARRIED = ("title", "incident_type", "state")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
# An update not posted yet (a check-mode preview) has no id and sorts after every posted one.
UNPOSTED = float("inf")


def validation_errors(params, now):
    """Messages naming the option and value of everything wrong before any request."""
    errors = time_errors(params, ("start_time",), allow_now=("start_time",))
    start = params.get("start_time")
    if not errors and start not in (None, NOW) and parse_time(start) > now:
        errors.append("start_time must not be in the future (an incident has started), got %r" % start)
    return errors + booleans_given_as_integers(params, ("id",)) + title_errors(params)


def update_order(update):
    """Updates are ordered by start_time (API_CONTRACT.md), by creation when a read has none, then by id."""
    moment = parse_time(update.get("start_time")) or parse_time(update.get("created_at")) or EPOCH
    return moment, update.get("id") if update.get("id") is not None else UNPOSTED


def newest_first(updates):
    """Updates sorted newest first, whatever order the API lists them in."""
    return sorted(updates or [], key=update_order, reverse=True)


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


def previewed(incident, body):
    """The incident as it would be with one more update (a resolved one ends it)."""
    after = dict(incident)
    after[UPDATES_KEY] = [dict(body)] + list(incident.get(UPDATES_KEY) or [])
    after["last_incident_type"] = body["incident_type"]
    if body.get("state", "published") == "published":
        after["title"] = body["title"]
    if body["incident_type"] == RESOLVED:
        after["end_time"] = body["start_time"]
    return after


class Incident(Event):
    """One incident, by id or by title among the open incidents; compared against its latest update (state=present)."""

    kind = "incident"
    list_path = INCIDENTS_PATH
    path = INCIDENT_PATH
    among = "the open incidents"

    def __init__(self, hub, params, now=None):
        super().__init__(hub, params, now)
        self.posted_update = None  # the update this task posted, or would post in check mode
        self.written = {}  # what this task wrote, as the module returns it: incident (created), posted_update

    def read(self, event_id):
        return with_sorted_updates(super().read(event_id))

    def is_current(self, event):
        return is_open(event)

    def completed(self, listed):
        """A list item lacks the updates: the incident is read whole."""
        return self.read(listed["id"])

    def compared(self, current):
        return latest_update(current)

    def desired(self):
        """The update the task asks for, in the API's shape: only what it sets."""
        fields = dict((field, self.params[option]) for option, field in COMPARED if self.params.get(option) is not None)
        if self.params.get("services") is not None:
            fields["service_statuses"] = service_statuses(self.names, self.params["services"])
        return fields

    def must_update(self, current, desired, changes):
        if changes and not is_open(current):
            raise ReconcileError("%s is resolved and takes no more updates; it differs in %s"
                                 % (self.describe(), ", ".join(sorted(changes))))
        return bool(changes)

    def creation_body(self, desired):
        """The incident's first update: a type, and service statuses (an empty list when it affects no service)."""
        self.refuse_unknown_id()
        body = dict(desired)
        body.setdefault("incident_type", DEFAULT_INCIDENT_TYPE)
        body.setdefault("service_statuses", [])
        start = self.params.get("start_time")
        body["start_time"] = format_time(self.now if start in (None, NOW) else parse_time(start))
        return self.with_silent(body)

    def create(self, desired):
        created = self.hub.post(INCIDENTS_PATH, self.creation_body(desired), expect=CREATED)
        self.written["incident"] = created
        if created and UPDATES_KEY not in created and created.get("id") is not None:
            return self.read(created["id"])
        return with_sorted_updates(created)

    def update_start(self, current):
        """A new update starts now, never before the incident or its latest update (whatever the clocks say)."""
        starts = [self.now] + [parse_time(item.get("start_time")) for item in (current, latest_update(current))]
        return format_time(max(moment for moment in starts if moment is not None))

    def update_body(self, current, desired):
        """One new update: what the task sets, the rest carried from the latest update."""
        latest = latest_update(current)
        body = dict((field, latest[field]) for field in CARRIED if latest.get(field) is not None)
        body["service_statuses"] = sent_statuses(latest.get("service_statuses"))
        body.update(desired)
        body["start_time"] = self.update_start(current)
        return self.with_silent(body)

    def update(self, current, desired, changes):
        self.posted_update = self.hub.post(api_path(UPDATES_PATH, current["id"]), self.update_body(current, desired))
        self.written["posted_update"] = self.posted_update
        return self.read(current["id"]) or current

    def preview(self, current, desired):
        if current is None:
            body = self.creation_body(desired)
            return {"title": body.get("title"), "start_time": body["start_time"], "end_time": None,
                    "last_incident_type": body["incident_type"], UPDATES_KEY: [body]}
        self.posted_update = self.update_body(current, desired)
        return previewed(current, self.posted_update)


class ResolvedIncident(Incident):
    """An open incident to resolve: the one change is a resolved update, which carries no service statuses."""

    def desired(self):
        return {"incident_type": RESOLVED}

    def must_update(self, current, desired, changes):
        return bool(changes) and is_open(current)

    def update_body(self, current, desired):
        params = self.params
        body = {"title": params.get("title") or latest_update(current).get("title"), "incident_type": RESOLVED,
                "start_time": self.update_start(current)}
        for option, field in (("body", "body"), ("publication", "state")):
            if params.get(option) is not None:
                body[field] = params[option]
        return self.with_silent(body)


def list_incidents(hub, params):
    """The incidents the info module's options select."""
    incidents = read_one_or_list(hub, params, INCIDENT_PATH, INCIDENTS_PATH)
    if params.get("title") is not None:
        incidents = [item for item in incidents if item.get("title") == params["title"]]
    if params.get("open") is not None:
        incidents = [item for item in incidents if is_open(item) == params["open"]]
    return [with_sorted_updates(item) for item in incidents]
