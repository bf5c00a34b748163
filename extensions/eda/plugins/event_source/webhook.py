# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-rulebook's built-in webhook source (eda.builtin.webhook), with the options that are empty left out, safe by
default.

The built-in source turns an option on by its presence: a ``token: ""`` would demand an empty bearer token. A
rulebook cannot leave an option out when a variable is unset, so the rulebook of this collection passes every option,
empty when unset, and this source hands on only those that hold a value.

A notification opens public incidents: the source listens on 127.0.0.1 unless told otherwise, and refuses any other
address without a token or an HMAC secret.
"""

DOCUMENTATION = r"""
---
short_description: Receive events with ansible-rulebook's built-in webhook, its empty options left out, safe by default.
description:
  - Runs eda.builtin.webhook with the options given, except those that are empty (an empty string or null), so that
    a rulebook can pass optional options from variables that may be unset.
  - Listens on 127.0.0.1 unless O(host) says otherwise. On any address but a loopback one (C(127.0.0.0/8), C(::1),
    C(localhost)) it refuses to start without O(token) or O(hmac_secret): whoever reaches the port could post events.
  - The body posted is the event's C(payload); see eda.builtin.webhook for every option.
options:
  host:
    description: The address to listen on; any but a loopback address needs O(token) or O(hmac_secret).
    type: str
    default: "127.0.0.1"
  port:
    description: The TCP port to listen on.
    type: int
    required: true
  token:
    description: The bearer token a client must send (C(Authorization: Bearer <token>)); empty or unset, none.
    type: str
  hmac_secret:
    description: The secret of the HMAC signature a client must send; empty or unset, none.
    type: str
  hmac_algo:
    description: The HMAC algorithm.
    type: str
    default: sha256
  hmac_header:
    description: The header that carries the signature.
    type: str
    default: x-hub-signature-256
  hmac_format:
    description: The signature's format, C(hex) or C(base64).
    type: str
    default: hex
"""

EXAMPLES = r"""
- statusops.status.webhook:
    host: 0.0.0.0
    port: 5000
    token: "{{ alert_status_webhook_token }}"
"""

import ipaddress

from ansible_rulebook.event_source import webhook

DEFAULT_HOST = "127.0.0.1"


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refusal(args):
    """Why the source must not start with these options, or None."""
    host = args.get("host", DEFAULT_HOST)
    if is_loopback(host) or args.get("token") or args.get("hmac_secret"):
        return None
    return ("statusops.status.webhook: refusing to listen on %s without a token or an HMAC secret: anyone who reaches "
            "the port could post notifications that open public incidents. Set alert_status_webhook_token or "
            "alert_status_webhook_hmac_secret (the options token, hmac_secret), or listen on 127.0.0.1, the default."
            % host)


def given(args):
    """The options that hold a value."""
    return dict((name, value) for name, value in args.items() if value not in ("", None))


async def main(queue, args):
    args = dict({"host": DEFAULT_HOST}, **given(args))
    problem = refusal(args)
    if problem:
        raise ValueError(problem)
    await webhook.main(queue, args)
