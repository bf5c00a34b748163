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
      - Base URL of the Statusmate install that serves the page.
      - Must be an C(http) or C(https) URL; anything else fails the task before any request.
      - If not set, the value of the E(STATUSMATE_API_URL) environment variable is used.
    type: str
    default: https://status.statusmate.top
  api_token:
    description:
      - The page's API token, from the page settings, section Integrations.
      - It is sent as the raw value of the C(Authorization) header and never shown in output.
      - If not set, the value of the E(STATUSMATE_API_TOKEN) environment variable is used.
    type: str
    required: true
  retry_timeout:
    description:
      - Total seconds that retries may wait, for a rate limit (C(Retry-After)) or a failed connection
        or a 502/503/504 answer. V(0) turns retries off.
    type: float
    default: 60
attributes:
  action_group:
    description: Use C(group/statusops.status.statusmate) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - statusops.status.statusmate
"""
