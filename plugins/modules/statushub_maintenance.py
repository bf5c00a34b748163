#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_maintenance
short_description: Manage one maintenance window of a StatusHub hub
version_added: 0.1.0
description:
  - Schedules, updates, completes or deletes one maintenance window of a StatusHub hub.
  - The window is found by O(id) when given. A window declared with an absolute O(start_time) is the one with its
    O(title) and its times (O(start_time), and O(end_time) or the end O(duration) gives), whether it is scheduled, in
    progress or over, so a task whose times have passed finds its window and never posts (and notifies) it again.
  - Otherwise, and for O(start_time=now), the window is the one with its O(title) among the windows that have not
    ended yet (scheduled or in progress), whose times the task then updates. Two windows found either way are an
    error naming both ids.
  - O(start_time=now) and O(duration) are resolved once, when the window is created. Running the same task again
    later finds the window and changes nothing, so the task can sit in a deploy pipeline that runs many times.
  - Absolute times that differ from the window's are an update. O(duration) after an absolute O(start_time) is an
    absolute end time too, and is compared.
  - StatusHub times are UTC. A time given with another offset is converted to UTC (C(Z)) before it is sent or
    compared, so C(Z) and C(+00:00) forms of one time are equal; a time without a zone is refused.
  - A change is checked as the window would be after it (the window's current times merged with those the task
    sets) and refused before any write if the window would end before it starts.
  - Bad values are refused before any request, naming the option and the value, such as a title with HTML, a time
    without a zone or a boolean O(id) or O(duration).
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statushub
  - statusops.status.http_options
  - statusops.status.statushub.SERVICE_STATUSES
  - statusops.status.attributes
options:
  title:
    description:
      - The window's title. Without O(id), it identifies the window among those that have not ended yet.
      - Required to create a window.
      - Plain text; a title with HTML tags or entities (such as C(<b>) or C(&amp;)) is refused.
    type: str
  id:
    description:
      - The window's id. When given it identifies the window, and O(title) renames it.
      - A window that does not exist (or was deleted) is not created again under this id; leave O(id) out to create one.
    type: int
  body:
    description:
      - The message shown with the window (basic HTML). V("") and an unset body compare equal.
    type: str
  start_time:
    description:
      - When the window starts, ISO-8601 with a zone (C(2025-02-01T22:00:00Z) or an offset such as C(+02:00)), or
        V(now). A time without a zone is refused.
      - V(now) is resolved when the window is created and never compared afterwards.
      - Required to create a window.
    type: str
  end_time:
    description:
      - When the window ends, ISO-8601 with a zone, like O(start_time).
      - Mutually exclusive with O(duration). One of them is required to create a window.
    type: str
  duration:
    description:
      - Length of the window in minutes, counted from O(start_time), from V(1) to V(527040) (a year).
      - Resolved once, when the window is created, if O(start_time=now); after an absolute O(start_time) it gives an
        absolute end time that is compared like O(end_time).
    type: int
  services:
    description:
      - The services under maintenance and the status each shows during the window.
      - When given, the whole list is compared (in any order) and replaces the window's list.
  silent:
    description:
      - Do not notify subscribers of this create or update. Sent with the writes this task makes, never compared.
    type: bool
  state:
    description:
      - V(present) creates or updates the window.
      - V(completed) ends a window in progress now (its end time becomes now) and cancels (deletes) a window that has
        not started yet. A window that has already ended, or no window, is left alone.
      - V(absent) deletes the window (a soft delete).
    type: str
    choices: [present, completed, absent]
    default: present
notes:
  - Once a window that started V(now) has ended, a task without O(id) no longer finds it; running V(present) again
    then schedules a new one. A window with absolute times is found again after it has ended.
  - The maintenances are listed from the earlier of now and the declared O(start_time) on (the API's time-range
    filter), so that a window that is over is in the list.
seealso:
  - module: statusops.status.statushub_maintenance_info
  - module: statusops.status.statushub_incident
"""

EXAMPLES = r"""
- name: Announce the deploy, 30 minutes from now (a re-run later changes nothing)
  statusops.status.statushub_maintenance:
    title: "Deploy {{ release }}"
    body: We are rolling out a new release; the API may be slow.
    start_time: now
    duration: 30
    services:
      - service: API
        status: degraded-performance
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: The deploy is done, end the window now
  statusops.status.statushub_maintenance:
    title: "Deploy {{ release }}"
    state: completed
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: A planned database upgrade, with the connection from module_defaults
  module_defaults:
    group/statusops.status.statushub:
      api_url: https://acme.app.statushub.io/api/v3
      api_key: "{{ statushub_api_key }}"
      hub: acme
  block:
    - name: Schedule the window
      statusops.status.statushub_maintenance:
        title: Database upgrade
        body: The database moves to new hardware.
        start_time: "2030-02-01T22:00:00Z"
        end_time: "2030-02-01T23:30:00Z"
        services:
          - service: API
            status: down
          - service: Dashboard
            status: degraded-performance

    - name: Move it by an hour (an update of the same window)
      statusops.status.statushub_maintenance:
        title: Database upgrade
        start_time: "2030-02-01T23:00:00Z"
        end_time: "2030-02-02T00:30:00Z"

- name: Delete a window by id
  statusops.status.statushub_maintenance:
    id: 3001
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
maintenance:
  description:
    - The window as it is after the task (in check mode, as it would be).
    - After O(state=absent), or a window cancelled by O(state=completed), the window that was deleted; V({}) when
      there was none.
  returned: always
  type: dict
  sample:
    id: 3001
    title: Deploy 2.4.1
    body: We are rolling out a new release; the API may be slow.
    start_time: "2025-02-01T22:00:00Z"
    end_time: "2025-02-01T22:30:00Z"
    service_statuses:
      - service_id: 12
        status: degraded-performance
    silent: false
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import run_object, state_option, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.statushub.events import EVENT_OPTIONS
from ansible_collections.statusops.status.plugins.module_utils.statushub.maintenances import Maintenance, ensure_completed, validation_errors
from ansible_collections.statusops.status.plugins.module_utils.times import utcnow


def main():
    module = statushub_module(dict(
        EVENT_OPTIONS,
        start_time=dict(type="str"),
        end_time=dict(type="str"),
        duration=dict(type="int"),
        state=state_option("present", "completed", "absent"),
    ), checks=validation_errors, required_one_of=[("title", "id")], mutually_exclusive=[("end_time", "duration")])
    now = utcnow()
    maintenance = Maintenance(statushub_hub(module), module.params, now)
    run_object(module, maintenance, "maintenance", states=dict(completed=ensure_completed))


if __name__ == "__main__":
    main()
