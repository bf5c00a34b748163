#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statushub_incident
short_description: Open, update, resolve or delete one incident of a StatusHub hub
version_added: 0.1.0
description:
  - Opens an incident, posts updates to it, resolves it or deletes it.
  - The incident is found by O(id) when given, else by its O(title) among the open incidents (those not resolved).
    Two open incidents with one title are an error naming both ids.
  - An incident is not edited in place; it changes by incident updates. With O(state=present), the update the task
    describes (O(incident_type), O(title), O(body), O(services), O(publication), whichever are set) is compared with the
    incident's latest update; when anything differs, one update is posted, else nothing is sent.
  - Options not set are not compared, and a posted update carries them from the latest update, except O(body),
    which is the message of the new update.
  - Every update the module posts is whole, as the API requires, with its title, its type, its start time (now in UTC,
    never before the incident's start or its latest update) and, unless it resolves the incident, its service statuses
    (those of O(services), else those of the latest update; an empty list for an incident that affects no service).
  - Bad values are refused before any request, naming the option and the value, such as a title with HTML, a time
    without a zone or a boolean O(id).
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
      - The incident's title. Without O(id), it identifies the incident among the open incidents.
      - Required to open an incident. With O(id), a different title is posted as an update.
      - Plain text; a title with HTML tags or entities (such as C(<b>) or C(&amp;)) is refused.
    type: str
  id:
    description:
      - The incident's id. When given it identifies the incident.
      - An incident that does not exist (or was deleted) is not opened again under this id.
    type: int
  body:
    description:
      - The message of the update (basic HTML).
    type: str
  incident_type:
    description:
      - The stage of the incident. V(investigating) when an incident is opened without it.
      - An incident cannot start resolved; use O(state=resolved) to resolve it.
    type: str
    choices: [investigating, identified, monitoring]
  services:
    description:
      - The affected services and their status. When given, the whole list is compared (in any order) with the
        latest update's.
      - Unset, an incident is opened affecting no service (an empty list is sent), and an update carries the services
        of the latest update.
      - Not sent with O(state=resolved), because resolving sets the affected services back to C(up).
  silent:
    description:
      - Do not notify subscribers of the update this task posts. Never compared.
    type: bool
  publication:
    description:
      - The publication state of the update (the API calls it C(state)).
    type: str
    choices: [draft, unconfirmed, published]
  start_time:
    description:
      - When the incident started, ISO-8601 with a zone (C(2025-02-01T12:00:00Z) or an offset such as C(+02:00)), or
        V(now); not in the future.
      - StatusHub times are UTC; a time with another offset is converted to UTC before it is sent, and a time without
        a zone is refused (it would be read in the controller's zone).
      - Used only when the incident is opened; V(now) when not set. Never compared afterwards.
    type: str
  state:
    description:
      - V(present) opens the incident or posts one update to it when the requested update differs from the latest.
      - V(resolved) posts a C(resolved) update (with O(body) if given) to the open incident. An incident already
        resolved, or no open incident, is left alone.
      - V(absent) deletes the incident (a soft delete).
    type: str
    choices: [present, resolved, absent]
    default: present
notes:
  - Once an incident is resolved, a task without O(id) no longer finds it; V(present) then opens a new one.
  - A task that fails after its write (the incident created or the update posted, then reading it back failed) reports
    C(changed=true) with what it wrote, as the server answered it, in RV(incident) or RV(posted_update).
seealso:
  - module: statusops.status.statushub_incident_info
  - module: statusops.status.statushub_maintenance
"""

EXAMPLES = r"""
- name: Open an incident (a re-run changes nothing)
  statusops.status.statushub_incident:
    title: Slow API responses
    incident_type: investigating
    body: We are looking into slow responses of the API.
    services:
      - service: API
        status: degraded-performance
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
  register: incident

- name: The cause is known (posts one update)
  statusops.status.statushub_incident:
    title: Slow API responses
    incident_type: identified
    body: A database node is overloaded; we are moving traffic away from it.
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Resolve it
  statusops.status.statushub_incident:
    title: Slow API responses
    body: Response times are back to normal.
    state: resolved
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme

- name: Delete an incident opened by mistake
  statusops.status.statushub_incident:
    id: "{{ incident.incident.id }}"
    state: absent
    api_url: https://acme.app.statushub.io/api/v3
    api_key: "{{ statushub_api_key }}"
    hub: acme
"""

RETURN = r"""
incident:
  description:
    - The incident as it is after the task (in check mode, as it would be), with its updates newest first.
    - After O(state=absent), the incident that was deleted.
    - V({}) when no incident was found (O(state=resolved) or O(state=absent) without an open incident of that title).
  returned: always
  type: dict
  sample:
    id: 1001
    title: Slow API responses
    start_time: "2025-02-01T12:00:00Z"
    end_time: null
    last_incident_type: identified
    incident_updates:
      - id: 2002
        title: Slow API responses
        incident_type: identified
        body: A database node is overloaded; we are moving traffic away from it.
        state: published
        service_statuses:
          - service_id: 12
            status: degraded-performance
      - id: 2001
        title: Slow API responses
        incident_type: investigating
        body: We are looking into slow responses of the API.
        state: published
        service_statuses:
          - service_id: 12
            status: degraded-performance
posted_update:
  description:
    - The incident update this task posted (in check mode, the one it would post).
  returned: when an update was posted to an existing incident
  type: dict
  sample:
    id: 2002
    title: Slow API responses
    incident_type: identified
    body: A database node is overloaded; we are moving traffic away from it.
    state: published
"""

from ansible_collections.statusops.status.plugins.module_utils.ansible_module import fail_on_invalid, run_object, state_option, statushub_hub, statushub_module
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ensure_existing
from ansible_collections.statusops.status.plugins.module_utils.statushub.events import EVENT_OPTIONS
from ansible_collections.statusops.status.plugins.module_utils.statushub.incidents import (
    INCIDENT_TYPES,
    PUBLICATIONS,
    Incident,
    ResolvedIncident,
    validation_errors,
)
from ansible_collections.statusops.status.plugins.module_utils.times import utcnow


def main():
    module = statushub_module(dict(
        EVENT_OPTIONS,
        incident_type=dict(type="str", choices=list(INCIDENT_TYPES)),
        publication=dict(type="str", choices=list(PUBLICATIONS)),
        start_time=dict(type="str"),
        state=state_option("present", "resolved", "absent"),
    ), required_one_of=[("title", "id")])
    now = utcnow()
    fail_on_invalid(module, validation_errors(module.params, now))
    state = module.params["state"]
    if state == "resolved" and module.params["services"] is not None:
        module.warn("services is ignored with state=resolved: a resolved update carries no service statuses")
    incident = (ResolvedIncident if state == "resolved" else Incident)(statushub_hub(module), module.params, now)
    run_object(module, incident, "incident", states=dict(resolved=ensure_existing), written=lambda: incident.written,
               extra=lambda _outcome, _item: {} if incident.posted_update is None else dict(posted_update=incident.posted_update))


if __name__ == "__main__":
    main()
