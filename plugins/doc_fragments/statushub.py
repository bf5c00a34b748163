# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of the StatusHub Public API v3, the host the team signs in on followed by C(/api/v3),
        for example C(https://acme.app.statushub.io/api/v3) or C(https://acme.app-eu1.statushub.io/api/v3).
      - Must be an C(http) or C(https) URL without a user or password, a query (C(?)) or a fragment (C(#)); anything
        else fails the task before any request (a password is never shown).
      - A plain C(http) URL to a host other than this machine (C(127.0.0.0/8), C(::1), C(localhost)) works, with a
        warning that the API key travels in clear.
      - If not set, the value of the E(STATUSHUB_API_URL) environment variable is used.
    type: str
    required: true
  api_key:
    description:
      - The StatusHub API key. It is sent as the raw value of the C(Authorization) header and never shown in output.
      - If not set, the value of the E(STATUSHUB_API_KEY) environment variable is used.
    type: str
    required: true
  hub:
    description:
      - The subdomain of the hub to manage, 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen
        (like C(acme)). Anything else fails the task before any request, so that the hub can only ever be one
        segment of the request path.
      - If not set, the value of the E(STATUSHUB_HUB) environment variable is used.
    type: str
    required: true
notes:
  - Requests are paced to the documented limits (30 reads and 5 writes a second per key), so a run alone on its key
    meets no rate limit.
attributes:
  action_group:
    description: Use C(group/statusops.status.statushub) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - statusops.status.statushub
"""

    DECLARED_SET = r"""
options:
  prune:
    description:
      - With O(state=present), also delete the hub's items of this kind that the declared list does not hold.
    type: bool
    default: false
  allow_empty:
    description:
      - With O(prune), an empty declared list fails the task unless this is V(true), so that a mistake
        cannot delete every item of this kind on the hub.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the declared items; V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
"""

    EVENT_FILTERS = r"""
options:
  id:
    description:
      - Only the one with this id.
    type: int
  title:
    description:
      - Only the ones with this title.
    type: str
  start_time:
    description:
      - With O(end_time), the range that the listed ones must overlap (the API's filter), ISO-8601 with a zone (C(Z) or
        an offset, converted to UTC; a time without a zone is refused). Missing bounds are open.
    type: str
  end_time:
    description:
      - See O(start_time).
    type: str
"""

    # The shape of the service statuses of incidents and maintenance windows; each module describes O(services) itself.
    SERVICE_STATUSES = r"""
options:
  services:
    type: list
    elements: dict
    suboptions:
      service:
        description:
          - The service, by name or id. An unknown or ambiguous name fails before any write.
        type: str
        required: true
      status:
        description:
          - The status the service shows.
        type: str
        required: true
        choices: [up, degraded-performance, down]
"""
