# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub maintenances: one window with a known start and end.

A maintenance is found by id, else by title: a window declared with absolute
times is the one with its title and those times, whether it is scheduled, in
progress or over (so a window whose times have passed is never posted again);
failing that, and for a window that starts ``now``, the one with its title among
the windows that have not ended yet (whose times a change of the task updates).
``now`` and ``duration`` are resolved once, when the window is created: a later
run of the same task finds the window and compares only the absolute times it
was given.
"""

import datetime

from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers
from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.executor import Change
from ansible_collections.statusops.status.plugins.module_utils.reconcile import Outcome, carry_out, deleted, single_match
from ansible_collections.statusops.status.plugins.module_utils.statushub.events import NOW, Event, read_one_or_list, service_statuses, time_errors
from ansible_collections.statusops.status.plugins.module_utils.statushub.fields import title_errors
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import CREATED
from ansible_collections.statusops.status.plugins.module_utils.times import format_time, normalise_time, parse_time

MAINTENANCES_PATH = "/maintenances"
MAINTENANCE_PATH = "/maintenances/%s"


TIME_OPTIONS = ("start_time", "end_time")


def validation_errors(params):
    """Messages naming the option and value of everything wrong before any request."""
    errors = time_errors(params, TIME_OPTIONS, allow_now=("start_time",))
    errors += booleans_given_as_integers(params, ("id", "duration"))
    if params.get("duration") is not None and params["duration"] < 1:
        errors.append("duration must be at least 1 minute, got %s" % params["duration"])
    errors += title_errors(params)
    start, end = params.get("start_time"), params.get("end_time")
    if not errors and start and start != NOW and end and parse_time(end) <= parse_time(start):
        errors.append("end_time must be after start_time, got start_time=%r and end_time=%r" % (start, end))
    return errors


class Maintenance(Event):
    """One maintenance window, by id, by title and absolute times, or by title among the windows not ended yet."""

    kind = "maintenance"
    list_path = MAINTENANCES_PATH
    path = MAINTENANCE_PATH
    among = "the maintenances that have not ended"

    def is_current(self, event):
        return not self.ended(event)

    def ended(self, window):
        end = parse_time(window.get("end_time"))
        return end is not None and end <= self.now

    def started(self, window):
        start = parse_time(window.get("start_time"))
        return start is not None and start <= self.now

    def completion_time(self, window):
        """Now, or one second after the start for a window that began this very second: the API needs end > start."""
        return max(self.now, parse_time(window["start_time"]) + datetime.timedelta(seconds=1))

    def absolute_start(self):
        start = self.params.get("start_time")
        return None if start in (None, NOW) else parse_time(start)

    def listed_from(self):
        """From the declared start when it is in the past, so that a window that is over is listed too."""
        start = self.absolute_start()
        return self.now if start is None else min(start, self.now)

    def match(self, titled):
        """The window with the declared title and absolute times, in whatever state; else the title's not ended."""
        if self.absolute_start() is not None:
            times = self.absolute_times()
            same = [item for item in titled
                    if all(normalise_time(item.get(field)) == value for field, value in times.items())]
            if same:
                described = "%s (with %s)" % (self.describe(), ", ".join("%s %s" % item for item in sorted(times.items())))
                return single_match(same, described, self.kind)
        return super().match(titled)

    def absolute_times(self):
        """The start_time and end_time the task declares as instants (`now`, and a duration after it, are not)."""
        params = self.params
        start = self.absolute_start()
        times = {}
        if start is not None:
            times["start_time"] = format_time(start)
        if params.get("end_time"):
            times["end_time"] = format_time(parse_time(params["end_time"]))
        elif params.get("duration") and start is not None:
            times["end_time"] = format_time(start + datetime.timedelta(minutes=params["duration"]))
        return times

    def desired(self):
        """The fields that can be compared: `now` and a duration after `now` are not."""
        params = self.params
        fields = {}
        for option in ("title", "body"):
            if params.get(option) is not None:
                fields[option] = params[option]
        if params.get("services") is not None:
            fields["service_statuses"] = service_statuses(self.names, params["services"])
        fields.update(self.absolute_times())
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
        body["start_time"] = format_time(start)
        if "end_time" not in body:
            body["end_time"] = format_time(start + datetime.timedelta(minutes=self.params["duration"]))
        self.check_window(body)
        return self.with_silent(body)

    def check_window(self, window):
        """The window as it would be after the change must end after it starts (checked before any write)."""
        start, end = parse_time(window.get("start_time")), parse_time(window.get("end_time"))
        if start is not None and end is not None and end <= start:
            raise ReconcileError("%s would end before it starts: end_time %s is not after start_time %s"
                                 % (self.describe(), format_time(end), format_time(start)))

    def create(self, desired):
        return self.hub.post(MAINTENANCES_PATH, self.creation_body(desired), expect=CREATED)

    def must_update(self, current, desired, changes):
        """Changes are checked as the window would be after them, the merge of current and changed times."""
        self.check_window(dict(current, **changes))
        return bool(changes)

    def update(self, current, desired, changes):
        return self.hub.put(api_path(MAINTENANCE_PATH, current["id"]), self.with_silent(changes))

    def preview(self, current, desired):
        if current is None:
            return self.creation_body(desired)
        return super().preview(current, desired)


def ensure_completed(maintenance, check_mode):
    """A window in progress ends now; one not started yet is cancelled (deleted); an ended one is left alone."""
    current = maintenance.find()
    if current is None or maintenance.ended(current):
        return Outcome("none", current, current)
    if not maintenance.started(current):
        return deleted(maintenance, current, check_mode)
    changes = maintenance.changes(current, {"end_time": format_time(maintenance.completion_time(current))})
    if not changes:
        return Outcome("none", current, current)
    end = Change(maintenance.noun, "update", lambda _done: maintenance.update(current, {}, changes),
                 lambda _done: dict(current, **changes))
    return Outcome("update", current, carry_out(end, check_mode), changes)


def matches_filters(window, params, now):
    """The info module's title and upcoming/in_progress filters (either flag set: the union of those set)."""
    if params.get("title") is not None and window.get("title") != params["title"]:
        return False
    if not (params.get("upcoming") or params.get("in_progress")):
        return True
    start, end = parse_time(window.get("start_time")), parse_time(window.get("end_time"))
    upcoming = start is not None and start > now
    in_progress = start is not None and start <= now and (end is None or end > now)
    return bool((params.get("upcoming") and upcoming) or (params.get("in_progress") and in_progress))


def list_maintenances(hub, params, now):
    """The maintenances the info module's options select."""
    windows = read_one_or_list(hub, params, MAINTENANCE_PATH, MAINTENANCES_PATH)
    return [window for window in windows if matches_filters(window, params, now)]
