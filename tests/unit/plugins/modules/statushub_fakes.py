# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pieces of the StatusHub event module tests: URLs, a fixed clock, list envelopes."""

import datetime

URL = "https://acme.app.statushub.test/api/v3"
KEY = "hub-key-123"
HUB = URL + "/hubs/acme"
PATH = "/api/v3/hubs/acme"
V = "api_version=V3-R1"
PAGE = "page=1&per_page=100"
NOW = datetime.datetime(2025, 2, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
NOW_TEXT = "2025-02-01T12%3A00%3A00Z"
API = {"id": 12, "name": "API", "description": ""}
DASHBOARD = {"id": 13, "name": "Dashboard", "description": ""}
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
    """Registers a list answered in len(pages) pages, each matched by its page number (and query)."""
    from responses import matchers

    for number, items in enumerate(pages, 1):
        body = {"current_page": number, "page_count": len(pages), "per_page": 100, "total": sum(len(p) for p in pages),
                "data": list(items)}
        expected = dict(query, api_version="V3-R1", page=str(number), per_page="100")
        http.get(url, json=body, match=[matchers.query_param_matcher(expected)])
