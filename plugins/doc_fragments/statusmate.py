# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of the Statusmate install that serves the page.
      - Must be an C(http) or C(https) URL without a user or password, a query (C(?)) or a fragment (C(#)); anything
        else fails the task before any request (a password is never shown).
      - A plain C(http) URL to a host other than this machine (C(127.0.0.0/8), C(::1), C(localhost)) works, with a
        warning that the token travels in clear.
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
attributes:
  action_group:
    description: Use C(group/statusops.status.statusmate) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - statusops.status.statusmate
"""
