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


def started_with(monkeypatch, args):
    """The options eda.builtin.webhook is started with, or the ValueError that kept it from starting."""
    seen = []

    async def builtin(queue, args):
        seen.append(args)

    monkeypatch.setattr(webhook.webhook, "main", builtin)
    try:
        asyncio.run(webhook.main(object(), args))
    except ValueError as error:
        assert seen == []
        return error
    return seen[0]


def test_without_a_host_it_listens_on_the_loopback_address(monkeypatch):
    assert started_with(monkeypatch, {"port": 5000, "token": ""}) == {"host": "127.0.0.1", "port": 5000}


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5", "alerts.example.com"])
def test_any_other_address_without_a_token_or_secret_is_refused(monkeypatch, host):
    error = started_with(monkeypatch, {"host": host, "port": 5000, "token": "", "hmac_secret": None})
    assert str(error).startswith("statusops.status.webhook: refusing to listen on %s without a token or an HMAC secret" % host)
    assert "alert_status_webhook_token" in str(error) and "alert_status_webhook_hmac_secret" in str(error)


@pytest.mark.parametrize("secret", [{"token": "s3cret"}, {"hmac_secret": "s3cret"}])
def test_any_address_with_a_token_or_secret_starts(monkeypatch, secret):
    assert started_with(monkeypatch, dict({"host": "0.0.0.0", "port": 5000}, **secret)) == dict(
        {"host": "0.0.0.0", "port": 5000}, **secret)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_a_loopback_address_needs_no_token(monkeypatch, host):
    assert started_with(monkeypatch, {"host": host, "port": 5000}) == {"host": host, "port": 5000}
