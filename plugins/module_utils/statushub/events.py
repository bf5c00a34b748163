# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The base StatusHub incidents and maintenances share: UTC times, titles, service statuses, identity by id or title.

Every StatusHub time is UTC: a time the user gives with an offset is converted
to ``Z`` before it is sent or compared, and one without any zone is refused
(it would be read in whatever zone the controller is in).
"""

from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers, stored_text
from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.reconcile import Resource, single_match
from ansible_collections.statusops.status.plugins.module_utils.statushub.fields import SERVICE_STATUSES
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import FLAGS_QUERY
from ansible_collections.statusops.status.plugins.module_utils.statushub.services import ServiceNames
from ansible_collections.statusops.status.plugins.module_utils.times import format_time, is_zoneless_time, normalise_time, parse_time, utcnow

NOW = "now"
TIME_EXAMPLE = "2025-02-01T00:00:00Z"

# The `services` option of incidents and maintenances.
SERVICES_SPEC = dict(type="list", elements="dict", options=dict(
    service=dict(type="str", required=True),
    status=dict(type="str", required=True, choices=list(SERVICE_STATUSES)),
))
# The options incidents and maintenances share.
EVENT_OPTIONS = dict(title=dict(type="str"), id=dict(type="int"), body=dict(type="str"), services=SERVICES_SPEC,
                     silent=dict(type="bool"))
# The filters of their info modules (the doc fragment statushub's EVENT_FILTERS).
EVENT_FILTERS = dict(id=dict(type="int"), title=dict(type="str"), start_time=dict(type="str"), end_time=dict(type="str"))


# ---- times ---------------------------------------------------------------

def time_error(option, value, allow_now=False):
    """A message naming the option and value when the value is not a time with a zone, else None."""
    if value is None or (allow_now and value == NOW) or parse_time(value) is not None:
        return None
    if is_zoneless_time(value):
        return ("%s must say its zone: Z for UTC or an offset such as +02:00 (StatusHub times are UTC), got %r"
                % (option, value))
    what = "ISO-8601 with a zone (like %s)" % TIME_EXAMPLE
    if allow_now:
        what += " or %r" % NOW
    return "%s must be %s, got %r" % (option, what, value)


def time_errors(params, options, allow_now=()):
    return [message for message in (time_error(option, params.get(option), option in allow_now) for option in options)
            if message]


def range_query(params, query=None):
    """The API's overlap filter from the start_time/end_time options (already validated)."""
    query = dict(FLAGS_QUERY, **(query or {}))
    for option in ("start_time", "end_time"):
        if params.get(option):
            query[option] = format_time(parse_time(params[option]))
    return query


# ---- other checks before any request ------------------------------------------

def info_validation_errors(params):
    """The checks of the info modules' id and range options."""
    return time_errors(params, ("start_time", "end_time")) + booleans_given_as_integers(params, ("id",))


# ---- fields and lists ----------------------------------------------------------

def normalise_event_field(field, value):
    """Event fields compare as instants, as sets of service statuses, and texts without the white space around them
    (a hub that stores them trimmed still matches; no body is '')."""
    if field in ("start_time", "end_time"):
        return normalise_time(value)
    if field == "service_statuses":
        return sorted((status["service_id"], status["status"]) for status in value or [])
    if field in ("title", "body"):
        return stored_text(value)
    return value


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


def sent_statuses(statuses):
    """Service statuses as the API takes them: only service_id and status, whatever a read added."""
    return [{"service_id": item["service_id"], "status": item["status"]} for item in statuses or []]


class Event(Resource):
    """An incident or a maintenance: found by id or by title, its fields compared as events compare."""

    kind = None
    list_path = None
    path = None  # the path of one event, with %s for its id
    among = None  # the events a title is looked for among, as a phrase

    def __init__(self, hub, params, now=None):
        self.hub = hub
        self.params = params
        self.now = now or utcnow()
        self.names = ServiceNames(hub)

    def describe(self):
        if self.params.get("id"):
            return "%s %s" % (self.kind, self.params["id"])
        return "%s %r" % (self.kind, self.params["title"])

    def read(self, event_id):
        return self.hub.read(api_path(self.path, event_id))

    def find(self):
        if self.params.get("id"):
            return self.read(self.params["id"])
        listed = self.hub.live(self.list_path, dict(FLAGS_QUERY, start_time=format_time(self.listed_from())))
        title = stored_text(self.params["title"])
        found = self.match([item for item in listed if stored_text(item.get("title")) == title])
        return None if found is None else self.completed(found)

    def listed_from(self):
        """The start of the time range the list is read in: the events that end after it are listed."""
        return self.now

    def match(self, titled):
        """The one listed event with the title that the task names, or None."""
        current = [item for item in titled if self.is_current(item)]
        return single_match(current, "%s (among %s)" % (self.describe(), self.among), self.kind)

    def is_current(self, event):
        """Whether a listed event can be the one a title names (an open incident, a window not ended)."""
        raise NotImplementedError

    def completed(self, listed):
        """The event as the module works with it, from its list item."""
        return listed

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

    def delete(self, current):
        self.hub.delete(api_path(self.path, current["id"]))


def read_one_or_list(hub, params, path, list_path):
    """The info modules' selection: the one event of `id`, else the events of the list in the range asked."""
    if params.get("id"):
        found = hub.read(api_path(path, params["id"]))
        return [found] if found else []
    return hub.live(list_path, range_query(params))
