# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pieces of the StatusHub module tests: URLs, a fixed clock, list envelopes, services, subscriptions."""

import datetime
import json

URL = "https://acme.app.statushub.test/api/v3"
KEY = "hub-key-123"
HUB = URL + "/hubs/acme"
PATH = "/api/v3/hubs/acme"
V = "api_version=V3-R1"
Q = "?" + V
PAGE = "page=1&per_page=100"
NOW = datetime.datetime(2025, 2, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
NOW_TEXT = "2025-02-01T12%3A00%3A00Z"
# How a time without its zone is refused, before the time itself.
ZONE = "must say its zone: Z for UTC or an offset such as +02:00 (StatusHub times are UTC), got "
API = {"id": 12, "name": "API", "description": ""}
DASHBOARD = {"id": 13, "name": "Dashboard", "description": ""}
EDGE = {"id": 21, "name": "Edge", "description": ""}
# Another hub: REST_API (id 1) and WEBSITE (id 2); GONE_API was deleted (flags.deleted, with extend=flags).
REST_API = {"id": 1, "name": "API", "description": "REST"}
WEBSITE = {"id": 2, "name": "Website", "description": ""}
GONE_API = dict(REST_API, id=5, flags={"deleted": True})


def args(**extra):
    return dict(dict(api_url=URL, api_key=KEY, hub="acme"), **extra)


def envelope(items):
    return {"current_page": 1, "page_count": 1, "per_page": 100, "total": len(items), "data": list(items)}


def assert_refused(run_module, http, module, options, message):
    """The module fails with message before any request."""
    result = run_module(module, args(**options))
    assert result["failed"] is True and message in result["msg"]
    assert len(http.calls) == 0


def fix_clock(monkeypatch, module):
    """The module's idea of now is NOW."""
    monkeypatch.setattr(module, "utcnow", lambda: NOW)


def services(http, *items):
    http.get(HUB + "/services", json=envelope(items or (API, DASHBOARD)))


SERVICES_CALL = ("GET", PATH + "/services?%s&deleted=false&extend=flags&%s" % (V, PAGE))


def paged(http, url, *pages, **query):
    """Registers a list answered in len(pages) pages, each matched by its page number (and query); the server's
    page size is that of the first page (a server may hold fewer items a page than asked for)."""
    from responses import matchers

    for number, items in enumerate(pages, 1):
        body = {"current_page": number, "page_count": len(pages), "per_page": len(pages[0]) if len(pages) > 1 else 100,
                "total": sum(len(p) for p in pages),
                "data": list(items)}
        expected = dict(query, api_version="V3-R1", page=str(number), per_page="100")
        http.get(url, json=body, match=[matchers.query_param_matcher(expected)])


# Subscriptions on the hub of REST_API and WEBSITE, as its list answers them.
SUBS_Q = PATH + "/subscriptions?" + V + "&deleted=false&page=%d&per_page=100"
SERVICES_Q = PATH + "/services?" + V + "&deleted=false&extend=flags&page=1&per_page=100"
SUBSCRIBABLE = (dict(REST_API, description=""), WEBSITE)


def sub(sub_id, address, method="email", ids=None, **extra):
    """A subscription to the services of ids (all when None) of SUBSCRIBABLE; its subscriber is sub_id - 1000."""
    selected = [{"id": i, "name": {1: "API", 2: "Website"}[i]} for i in (ids or [1, 2])]
    item = {"id": sub_id, "address": address, "method_name": method, "subscriber_id": sub_id - 1000,
            "services_selection": {"all": ids is None, "services": selected}, "configuration": {},
            "label": None, "less_verbose": False, "protected": False,
            "created_at": "2025-02-01T00:00:00Z", "updated_at": "2025-02-01T00:00:00Z"}
    item.update(extra)
    return item


def list_subscriptions(http, *pages):
    paged(http, HUB + "/subscriptions", *pages, deleted="false")


def list_subscribable_services(http, items=SUBSCRIBABLE):
    http.get(HUB + "/services", json=envelope(items))


OPS_EMAIL = sub(5001, "ops@example.com", ids=[1])
SLACK = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX"
SLACK_SHOWN = "https://hooks.slack.com/********"
# A webhook subscription's configuration: every value but content_type may be a credential.
WEBHOOK = "https://hooks.example.com/in/Hook-Path-0001"
CONFIGURATION = {"secret": "s3cr3t-value", "headers": {"Authorization": "Bearer hdr-t0ken-xyz"},
                 "content_type": "application/json", "retries": 3}
SHOWN_CONFIGURATION = {"secret": "********", "headers": {"Authorization": "********"},
                       "content_type": "application/json", "retries": "********"}
CONFIGURATION_SECRETS = ("s3cr3t-value", "hdr-t0ken-xyz", WEBHOOK, "Hook-Path-0001")


def assert_no_configuration_secret(result):
    """No secret of the configuration, in any case, anywhere in the result."""
    text = json.dumps(result)
    for secret in CONFIGURATION_SECRETS:
        assert secret not in text and secret.lower() not in text
