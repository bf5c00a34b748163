#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: alertmanager_silence
short_description: Create, update or expire one silence in Prometheus Alertmanager
version_added: 0.1.0
description:
  - Manages one silence through Alertmanager's API v2 (C(/api/v2/silences), C(/api/v2/silence/{id})). The alerts
    whose labels match every one of O(matchers) are not notified from O(starts_at) until O(ends_at).
  - The silence is found again by O(created_by) and O(comment) among the active and pending silences, so separate
    runs (the open and the close of a deploy window, two jobs of a pipeline) need no memory of its id. Two silences
    with that identity fail the task, naming both.
  - O(state=present) creates it; run again, it changes nothing. Changed O(matchers), O(ends_at) or (while it has
    not started) O(starts_at) update it. Alertmanager changes a silence by replacing it, and may give it a new id (it does
    when the matchers change), so the id returned is the one it has now.
  - O(state=expired) expires it (Alertmanager keeps expired silences for a while, then forgets them); with no such
    silence active or pending, nothing changes.
  - Bad matchers, an O(ends_at) not after O(starts_at), a O(duration) that is not positive and a blank
    O(created_by) or O(comment) are refused before any request.
  - The role P(statusops.status.maintenance_window#role) uses it so that a deploy window silences the alerts of its
    components or services; see the guide "Status that follows monitoring".
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.alertmanager
  - statusops.status.http_options
  - statusops.status.attributes
options:
  matchers:
    description:
      - The alerts silenced, those whose labels match every matcher. Required with O(state=present).
      - The order does not matter. At least one matcher must not match an empty value (Alertmanager refuses a
        silence of every alert).
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - The label's name, like C(statusmate_component).
        type: str
        required: true
      value:
        description:
          - The value it is compared with, or a regular expression with O(matchers[].is_regex) (anchored at both
            ends, as Alertmanager does).
        type: str
        required: true
      is_regex:
        description:
          - Whether O(matchers[].value) is a regular expression.
        type: bool
        default: false
      is_equal:
        description:
          - V(false) matches the alerts whose label does not equal (or does not match) O(matchers[].value).
        type: bool
        default: true
  comment:
    description:
      - The silence's comment, shown in Alertmanager; with O(created_by), the silence's identity.
    type: str
    required: true
  created_by:
    description:
      - Who made the silence, shown in Alertmanager; with O(comment), the silence's identity.
    type: str
    required: true
  starts_at:
    description:
      - When the silence starts, ISO-8601 with a zone (C(Z) or an offset; a time without one is refused). Not set,
        now. A start in the past is now for Alertmanager.
      - Compared only while the silence has not started (an active silence's start cannot move).
    type: str
  ends_at:
    description:
      - When the silence ends, ISO-8601 with a zone, after O(starts_at). Required with O(state=present), unless
        O(duration) is set.
    type: str
  duration:
    description:
      - Minutes from the silence's start to its end, from V(1) to a year, instead of O(ends_at).
      - After an absolute O(starts_at), the end it gives is compared like O(ends_at). Without O(starts_at), it is
        resolved once, when the silence is created (it ends that many minutes after now), and never compared. Running
        the task again later, or with other matchers, keeps the end the silence has. Give O(ends_at) to move it.
    type: int
  state:
    description:
      - V(present) creates or updates the silence; V(expired) expires it.
    type: str
    choices: [present, expired]
    default: present
notes:
  - Alertmanager keeps times to the millisecond; the module sends and compares them in UTC.
seealso:
  - name: Alertmanager API v2
    description: The OpenAPI description of the API the module uses.
    link: https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml
"""

EXAMPLES = r"""
- name: Silence the checkout alerts for the 30 minutes of a deploy
  statusops.status.alertmanager_silence:
    matchers:
      - name: statusmate_component
        value: Shop/Checkout
    created_by: deploy pipeline
    comment: Deploy 2.4.1
    duration: 30
    api_url: https://alertmanager.example.com

- name: Silence every shop component, by a regular expression, until a time
  statusops.status.alertmanager_silence:
    matchers:
      - name: statusmate_component
        value: Shop/.*
        is_regex: true
    created_by: ops
    comment: Shop migration
    ends_at: "2025-03-01T06:00:00Z"
    api_url: https://alertmanager.example.com
    headers:
      Authorization: "Bearer {{ alertmanager_proxy_token }}"

- name: The deploy is done, expire its silence
  statusops.status.alertmanager_silence:
    created_by: deploy pipeline
    comment: Deploy 2.4.1
    state: expired
    api_url: https://alertmanager.example.com
"""

RETURN = r"""
silence:
  description:
    - The silence as Alertmanager shows it after the task (in check mode, as it would be; a silence to create has a
      null C(id)).
    - After O(state=expired), the silence that was expired; V({}) when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Its id; after an update, the id of the silence that replaced it when Alertmanager made a new one.
      type: str
      sample: 5b0e2c8f-3a43-4a29-9d3b-5c3f3d2b0f0e
    matchers:
      description: Its matchers, with C(name), C(value), C(isRegex) and C(isEqual).
      type: list
      elements: dict
    startsAt:
      description: Its start, UTC.
      type: str
      sample: "2025-03-01T05:30:00Z"
    endsAt:
      description: Its end, UTC.
      type: str
      sample: "2025-03-01T06:00:00Z"
    createdBy:
      description: O(created_by).
      type: str
    comment:
      description: O(comment).
      type: str
    status:
      description: Its C(state), V(active), V(pending) or V(expired).
      type: dict
      sample: {state: active}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.statusops.status.plugins.module_utils.alertmanager_silences import (
    MATCHERS_SPEC,
    Silence,
    argument_spec,
    connect,
    validation_errors,
)
from ansible_collections.statusops.status.plugins.module_utils.common import run
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ensure_absent, ensure_present


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            matchers=MATCHERS_SPEC,
            comment=dict(type="str", required=True),
            created_by=dict(type="str", required=True),
            starts_at=dict(type="str"),
            ends_at=dict(type="str"),
            duration=dict(type="int"),
            state=dict(type="str", default="present", choices=["present", "expired"]),
        ),
        mutually_exclusive=[("ends_at", "duration")],
        supports_check_mode=True,
    )
    silence = Silence(connect(module, validation_errors(module.params)), module.params)

    def work():
        if module.params["state"] == "expired":
            outcome = ensure_absent(silence, module.check_mode)
            return dict(changed=outcome.changed, diff=outcome.diff, silence=outcome.before or {})
        outcome = ensure_present(silence, module.check_mode)
        return dict(changed=outcome.changed, diff=outcome.diff, silence=outcome.after)

    run(module, work)


if __name__ == "__main__":
    main()
