# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter of the statushub_page role: every URL, email address and phone number in a text hidden."""

DOCUMENTATION = r"""
name: hide_addresses
version_added: 0.1.0
author:
  - statusops.status contributors (@statusops)
short_description: Hide every URL, email address and phone number in a text
description:
  - Returns the text with each URL shown as its scheme and host (C(https://hooks.slack.com/********)), each email
    address as its domain (C(********@example.com)) and each phone number as its last two digits (C(********00)).
  - The rule is the one the StatusHub subscription modules use for URLs; the M(statusops.status.statushub_subscriptions)
    results and error messages pass through it before the P(statusops.status.statushub_page#role) role prints them.
options:
  _input:
    description: The text, such as a task's error message.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Report an error without the addresses in it
  ansible.builtin.debug:
    msg: "{{ result.msg | statusops.status.hide_addresses }}"
"""

RETURN = r"""
_value:
  description: The text with the addresses hidden.
  type: str
"""

from ansible_collections.statusops.status.plugins.module_utils.statushub_subscriptions import hide_addresses


class FilterModule:

    def filters(self):
        return {"hide_addresses": hide_addresses}
