# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The rulebook's webhook source hands eda.builtin.webhook only the options that hold a value."""

import asyncio

import pytest

pytest.importorskip("ansible_rulebook", reason="ansible-rulebook is in requirements-dev.txt (the newest ansible-core) only")

from ansible_collections.statusops.status.extensions.eda.plugins.event_source import webhook  # noqa: E402


def test_empty_options_are_left_out_and_the_others_handed_on(monkeypatch):
    seen = []

    async def builtin(queue, args):
        seen.append((queue, args))

    monkeypatch.setattr(webhook.webhook, "main", builtin)
    queue = object()
    asyncio.run(webhook.main(queue, {"host": "127.0.0.1", "port": 5000, "token": "", "hmac_secret": None,
                                     "hmac_algo": "sha256", "hmac_format": "hex"}))
    assert seen == [(queue, {"host": "127.0.0.1", "port": 5000, "hmac_algo": "sha256", "hmac_format": "hex"})]


def test_a_token_is_handed_on():
    assert webhook.given({"port": 5000, "token": "secret"}) == {"port": 5000, "token": "secret"}
