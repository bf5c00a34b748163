# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of the StatusHub Public API v3, the host the team signs in on followed by C(/api/v3),
        for example C(https://acme.app.statushub.io/api/v3) or C(https://acme.app-eu1.statushub.io/api/v3).
      - Must be an C(http) or C(https) URL; anything else fails the task before any request.
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
      - The subdomain of the hub to manage.
      - If not set, the value of the E(STATUSHUB_HUB) environment variable is used.
    type: str
    required: true
  retry_timeout:
    description:
      - Total seconds that retries may wait, for a rate limit (C(Retry-After)) or a failed connection
        or a 502/503/504 answer. V(0) turns retries off.
      - Requests are paced to the documented limits (30 reads and 5 writes a second per key),
        so a run alone on its key meets no rate limit.
    type: float
    default: 60
attributes:
  action_group:
    description: Use C(group/statusops.status.statushub) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - statusops.status.statushub
"""
