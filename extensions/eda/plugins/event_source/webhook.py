# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-rulebook's built-in webhook source (eda.builtin.webhook), with the options that are empty left out.

The built-in source turns an option on by its presence: a ``token: ""`` would demand an empty bearer token. A
rulebook cannot leave an option out when a variable is unset, so the rulebook of this collection passes every option,
empty when unset, and this source hands on only those that hold a value.
"""

DOCUMENTATION = r"""
---
short_description: Receive events with ansible-rulebook's built-in webhook, its empty options left out.
description:
  - Runs eda.builtin.webhook with the options given, except those that are empty (an empty string or null), so that
    a rulebook can pass optional options from variables that may be unset.
  - The body posted is the event's C(payload); see eda.builtin.webhook for every option.
options:
  host:
    description: The address to listen on.
    type: str
    default: "0.0.0.0"
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
    host: 127.0.0.1
    port: 5000
    token: "{{ alert_status_webhook_token | default('') }}"
"""

from ansible_rulebook.event_source import webhook


def given(args):
    """The options that hold a value."""
    return dict((name, value) for name, value in args.items() if value not in ("", None))


async def main(queue, args):
    await webhook.main(queue, given(args))
