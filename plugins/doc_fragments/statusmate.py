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
  retry_timeout:
    description:
      - The wall time, in seconds from V(0) to V(86400), that the whole task may spend waiting to retry, one budget
        for all its requests, shared by the requests it has in flight at once (waits that overlap count once).
      - Retried are a rate limit (C(429), any method), and a failed connection or a C(502)/C(503)/C(504) answer to a
        read, update or delete. A C(Retry-After) of whole seconds or an HTTP date is waited when it fits in what is
        left of the budget; one that is V(0), negative, in the past, unreadable or longer than what is left is
        never taken as "retry at once"; the client backs off exponentially with jitter (at least 0.25 s) instead.
      - V(0) sends each request once, without any retry.
    type: float
    default: 60
attributes:
  action_group:
    description: Use C(group/statusops.status.statusmate) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - statusops.status.statusmate
"""
