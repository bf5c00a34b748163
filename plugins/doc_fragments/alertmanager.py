# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of Alertmanager, the address its web UI has, without C(/api/v2), for example
        C(https://alertmanager.example.com) or C(http://127.0.0.1:9093).
      - Must be an C(http) or C(https) URL without a user or password, a query (C(?)) or a fragment (C(#)); anything
        else fails the task before any request.
      - If not set, the value of the E(ALERTMANAGER_API_URL) environment variable is used.
    type: str
    required: true
  headers:
    description:
      - HTTP headers sent with every request, such as the C(Authorization) a proxy in front of Alertmanager wants
        (Alertmanager itself takes none). Their values are secret, never shown in output or errors.
      - A name that is not an HTTP header name, or a value that is not a string on one line, fails the task before
        any request.
    type: dict
  retry_timeout:
    description:
      - The wall time, in seconds from V(0) to V(86400), that the whole task may spend waiting to retry.
      - Retried are a rate limit (C(429)), and a failed connection or a C(502)/C(503)/C(504) answer to a read or an
        expiry (C(DELETE)); a C(POST) whose answer is lost is never sent again blindly; the silence is looked for
        first, by O(created_by) and O(comment).
      - V(0) sends each request once, without any retry.
    type: float
    default: 60
attributes:
  action_group:
    description: Use C(group/statusops.status.alertmanager) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - statusops.status.alertmanager
"""
