"""Tests of the API simulator (tests/simulator): Flask test client, one in-process server, one subprocess."""

import concurrent.futures
import json
import os
import subprocess
import sys
import threading
import time

import pytest
import requests
from werkzeug.serving import make_server

from tests.simulator import app as simulator_app
from tests.simulator.app import create_app
from tests.simulator.ratelimit import RateLimiter

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SM_AUTH = {"Authorization": "sm-test-token"}
SH_AUTH = {"Authorization": "sh-test-key"}
HUB = "/api/v3/hubs/acme"
VERSION = {"api_version": "V3-R1"}


@pytest.fixture
def app():
    return create_app({"rate_limits": False})


@pytest.fixture
def client(app):
    return app.test_client()


def sm(client, method, path, **kwargs):
    kwargs.setdefault("headers", SM_AUTH)
    return client.open(path, method=method, **kwargs)


def hub(client, method, path, query=None, **kwargs):
    kwargs.setdefault("headers", SH_AUTH)
    return client.open(HUB + path, method=method, query_string=dict(VERSION, **(query or {})), **kwargs)


def component(client, **fields):
    response = sm(client, "POST", "/api-components-create/", json=dict({"name": "Web"}, **fields))
    assert response.status_code == 201, response.json
    return response.json


def service(client, name):
    response = hub(client, "POST", "/services", json={"name": name})
    assert response.status_code == 200, response.json
    return response.json["id"]


def subscription(client, **fields):
    return hub(client, "POST", "/subscriptions", json=fields)


def incident_body(**fields):
    """A complete incident (or new update) body; the fields given override or, as None, leave out."""
    body = dict({"title": "Down", "start_time": "2025-02-01T00:00:00Z", "incident_type": "investigating",
                 "service_statuses": []}, **fields)
    return {field: value for field, value in body.items() if value is not None}


def log(client):
    return client.get("/_sim/log").json["requests"]


# --- auth, paths, methods -------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"Authorization": "wrong"}, {"Authorization": "Bearer sm-test-token"},
                                     {"Authorization": "Token sm-test-token"}])
def test_statusmate_auth_refused(client, headers):
    response = sm(client, "GET", "/api-components-list/", headers=headers)
    assert response.status_code == 401
    assert set(response.json) == {"detail"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "wrong"}, {"Authorization": "Bearer sh-test-key"}])
def test_statushub_auth_refused(client, headers):
    response = hub(client, "GET", "/services", headers=headers)
    assert response.status_code == 401
    assert set(response.json) == {"error"}


def test_statushub_api_version_and_hub(client):
    assert client.get(HUB + "/services", headers=SH_AUTH).status_code == 400
    assert client.get(HUB + "/services", query_string={"api_version": "V2"}, headers=SH_AUTH).json["error"]
    response = client.get("/api/v3/hubs/other/services", query_string=VERSION, headers=SH_AUTH)
    assert response.status_code == 404
    assert hub(client, "GET", "").json == {"id": 1, "subdomain": "acme", "name": "Acme"}


def test_trailing_slashes_are_strict(client):
    response = sm(client, "GET", "/api-components-list")
    assert response.status_code == 404
    assert response.json == {"detail": "Not found."}
    assert sm(client, "POST", "/api-components-create").status_code == 404
    assert hub(client, "GET", "/services/").status_code == 404
    assert hub(client, "GET", "/services").status_code == 200


def test_wrong_method_and_unknown_path(client):
    assert sm(client, "PUT", "/api-components-update/x/").status_code == 405
    assert sm(client, "GET", "/api-components-create/").status_code == 405
    assert sm(client, "OPTIONS", "/api-components-list/").status_code == 405
    assert hub(client, "PATCH", "/services/1").status_code == 405
    assert hub(client, "PUT", "/incidents/1").status_code == 405
    assert sm(client, "GET", "/api/components/").status_code == 404
    assert hub(client, "GET", "/nothing").json == {"error": "Not found"}


# --- Statusmate -----------------------------------------------------------------------------


def test_create_returns_full_component(client):
    created = component(client, start_date="2025-05-24T11:02:11.963141+03:00")
    assert set(created) == {"uuid", "index", "name", "description", "parent", "histogram", "start_date",
                            "collapse", "enabled", "private", "impact"}
    assert created["start_date"] == "2025-05-24T11:02:11.963141+03:00"
    assert (created["enabled"], created["private"], created["impact"], created["index"]) == (True, False, "operational", 0)


def test_list_abbreviated_then_full(client):
    created = component(client)
    listed = sm(client, "GET", "/api-components-list/").json
    assert listed == [{"uuid": created["uuid"], "name": "Web", "description": "", "impact": "operational"}]
    assert client.put("/_sim/config", json={"statusmate_list": "full"}).json["statusmate_list"] == "full"
    assert sm(client, "GET", "/api-components-list/").json == [created]


def test_full_list_from_start_option():
    client = create_app({"statusmate_list": "full"}).test_client()
    created = component(client)
    assert sm(client, "GET", "/api-components-list/").json[0]["parent"] is None
    assert created["uuid"]


def test_parent_and_component_filters(client):
    group = component(client, name="Group")
    child = component(client, name="Child", parent=group["uuid"])
    grandchild = component(client, name="Grandchild", parent=child["uuid"])
    other = component(client, name="Other")
    names = [c["name"] for c in sm(client, "GET", "/api-components-list/").json]
    assert names == ["Group", "Child", "Grandchild", "Other"]
    children = sm(client, "GET", "/api-components-list/", query_string={"parent": group["uuid"]}).json
    assert [c["uuid"] for c in children] == [child["uuid"]]
    picked = sm(client, "GET", "/api-components-list/?component=%s&component=%s" % (other["uuid"], grandchild["uuid"])).json
    assert [c["name"] for c in picked] == ["Grandchild", "Other"]


def test_drf_error_bodies(client):
    response = sm(client, "POST", "/api-components-create/", json={"index": 40000, "impact": "bad", "enabled": "yes"})
    assert response.status_code == 400
    assert set(response.json) == {"name", "index", "impact", "enabled"}
    assert all(isinstance(messages, list) for messages in response.json.values())
    assert sm(client, "POST", "/api-components-create/", json={"name": " "}).json == {"name": ["This field may not be blank."]}
    assert sm(client, "POST", "/api-components-create/", json={"name": "x" * 256}).status_code == 400
    assert "parent" in sm(client, "POST", "/api-components-create/", json={"name": "a", "parent": "nope"}).json
    response = sm(client, "POST", "/api-components-create/", data="not json", content_type="application/json")
    assert response.status_code == 400
    assert list(response.json) == ["non_field_errors"]


def test_unknown_uuid_is_404(client):
    for method, path in (("POST", "/api-components-update/%s/"), ("DELETE", "/api-components-delete/%s/")):
        response = sm(client, method, path % "946e31f4-1daa-4c36-8e6f-bfd6780ec581", json={"name": "x"})
        assert response.status_code == 404
        assert response.json == {"detail": "Not found."}


def test_update_is_partial_and_validated(client):
    created = component(client, description="d", index=3)
    path = "/api-components-update/%s/" % created["uuid"]
    response = sm(client, "POST", path, json={"name": "Web", "impact": "major_outage"})
    assert response.status_code == 200
    assert response.json == dict(created, impact="major_outage")
    assert sm(client, "POST", path, json={"impact": "operational"}).json == {"name": ["This field is required."]}
    response = sm(client, "POST", path, json={"name": "Web", "parent": created["uuid"]})
    assert response.status_code == 400


def test_delete_group_deletes_descendants(client):
    group = component(client, name="Group")
    child = component(client, name="Child", parent=group["uuid"])
    component(client, name="Grandchild", parent=child["uuid"])
    component(client, name="Other")
    response = sm(client, "DELETE", "/api-components-delete/%s/" % group["uuid"])
    assert (response.status_code, response.data) == (204, b"")
    assert [c["name"] for c in sm(client, "GET", "/api-components-list/").json] == ["Other"]


# --- StatusHub incidents and maintenances ---------------------------------------------------


def test_incident_cannot_start_resolved_or_in_future(client):
    response = hub(client, "POST", "/incidents", json=incident_body(incident_type="resolved", service_statuses=None))
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["incident_type"]
    response = hub(client, "POST", "/incidents", json=incident_body(start_time="2999-01-01T00:00:00Z"))
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["start_time"]
    assert hub(client, "POST", "/incidents", json=incident_body(title=None, body="no title")).status_code == 422
    assert hub(client, "POST", "/incidents", json=incident_body()).status_code == 200


def test_incident_lifecycle(client):
    api = service(client, "API")
    down = [{"service_id": api, "status": "down"}]
    created = hub(client, "POST", "/incidents", json=incident_body(title="API down", service_statuses=down)).json
    assert created["start_time"] == "2025-02-01T00:00:00Z"
    assert created["end_time"] is None and created["last_incident_type"] == "investigating"
    assert len(created["incident_updates"]) == 1
    path = "/incidents/%d/incident_updates" % created["id"]
    draft = hub(client, "POST", path, json=incident_body(title="Draft", start_time="2025-02-01T01:00:00Z",
                                                         incident_type="identified", state="draft",
                                                         service_statuses=down)).json
    assert hub(client, "GET", "/incidents/%d" % created["id"]).json["title"] == "API down"
    fixed = incident_body(title="Fixed", start_time="2025-02-01T02:00:00Z", incident_type="resolved", service_statuses=None)
    response = hub(client, "POST", path, json=dict(fixed, service_statuses=[{"service_id": api, "status": "up"}]))
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["service_statuses"]
    assert hub(client, "POST", path, json=fixed).status_code == 200
    incident = hub(client, "GET", "/incidents/%d" % created["id"]).json
    assert incident["end_time"] == "2025-02-01T02:00:00Z" and incident["last_incident_type"] == "resolved"
    assert incident["title"] == "Fixed"
    assert incident["service_statuses"] == [{"service_id": api, "status": "up"}]
    assert [u["title"] for u in incident["incident_updates"]] == ["Fixed", "Draft", "API down"]
    again = incident_body(title="Again", start_time="2025-02-01T03:00:00Z", incident_type="monitoring")
    assert hub(client, "POST", path, json=again).status_code == 422
    response = hub(client, "PUT", "%s/%d" % (path, draft["id"]), json={"body": "<p>more</p>"})
    assert response.json["body"] == "<p>more</p>" and response.json["title"] == "Draft"
    assert hub(client, "GET", "%s/%d" % (path, draft["id"])).json["body"] == "<p>more</p>"


def test_maintenance_validation_and_partial_put(client):
    response = hub(client, "POST", "/maintenances", json={"title": "M", "start_time": "2025-02-08T00:00:00Z",
                                                          "end_time": "2025-02-01T00:00:00Z"})
    assert response.status_code == 422
    assert hub(client, "POST", "/maintenances", json={"title": "M"}).json["errors"].keys() == {"start_time", "end_time"}
    created = hub(client, "POST", "/maintenances", json={"title": "M", "start_time": "2025-02-01T00:00:00Z",
                                                         "end_time": "2025-02-08T00:00:00Z"}).json
    assert set(created) == {"id", "title", "body", "start_time", "end_time", "service_statuses", "silent", "created_at", "updated_at"}
    updated = hub(client, "PUT", "/maintenances/%d" % created["id"], json={"body": "b"}).json
    assert (updated["title"], updated["body"]) == ("M", "b")
    assert hub(client, "PUT", "/maintenances/%d" % created["id"], json={"end_time": "2025-01-01T00:00:00Z"}).status_code == 422


def test_overlap_filters(client):
    maintenance = hub(client, "POST", "/maintenances", json={"title": "M", "start_time": "2025-02-01T00:00:00Z",
                                                             "end_time": "2025-02-08T00:00:00Z"}).json
    incident = hub(client, "POST", "/incidents", json=incident_body(title="Open")).json

    def ids(path, **query):
        return [item["id"] for item in hub(client, "GET", path, query=query).json["data"]]

    assert ids("/maintenances", start_time="2025-01-01T00:00:00Z", end_time="2025-02-02T00:00:00Z") == [maintenance["id"]]
    assert ids("/maintenances", start_time="2025-02-09T00:00:00Z") == []
    assert ids("/maintenances", end_time="2025-01-31T00:00:00Z") == []
    assert ids("/maintenances") == [maintenance["id"]]
    assert ids("/incidents", start_time="2025-03-01T00:00:00Z") == [incident["id"]]
    assert ids("/incidents", end_time="2025-01-01T00:00:00Z") == []


# --- StatusHub subscriptions ---------------------------------------------------------------


def test_subscription_address_unique_and_one_method_per_subscriber(client):
    first = subscription(client, address="ops@example.com", method_name="email")
    assert first.status_code == 200
    assert first.json["subscriber_id"] > 0
    response = subscription(client, address="ops@example.com", method_name="email")
    assert response.status_code == 422
    assert "address" in response.json["errors"]
    same_subscriber = {"subscriber_id": first.json["subscriber_id"]}
    response = subscription(client, address="dev@example.com", method_name="email", **same_subscriber)
    assert response.status_code == 422
    assert "method_name" in response.json["errors"]
    assert subscription(client, address="+12025550100", method_name="sms", **same_subscriber).status_code == 200
    hub(client, "DELETE", "/subscriptions/%d" % first.json["id"])
    assert subscription(client, address="ops@example.com", method_name="email").status_code == 200


@pytest.mark.parametrize("fields, field", [
    ({"address": "not-an-email", "method_name": "email"}, "address"),
    ({"address": "12345", "method_name": "sms"}, "address"),
    ({"address": "ftp://x", "method_name": "webhook"}, "address"),
    ({"address": "a@b.io", "method_name": "email", "label": "Team"}, "label"),
    ({"address": "a@b.io", "method_name": "fax"}, "method_name"),
    ({"address": "a@b.io", "method_name": "email", "services_selection": {"all": False, "service_ids": []}}, "services_selection"),
    ({"address": "a@b.io", "method_name": "email", "services_selection": {"all": False, "service_ids": [999]}}, "services_selection"),
    ({"method_name": "email"}, "address"),
])
def test_subscription_validation(client, fields, field):
    response = subscription(client, **fields)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_all_services_equivalence(client):
    first, second = service(client, "A"), service(client, "B")
    every = subscription(client, address="https://hooks.example.com/x", method_name="webhook", label="Team",
                         services_selection={"all": False, "service_ids": [second, first]}).json
    assert every["services_selection"] == {"all": True, "services": [{"id": first, "name": "A"}, {"id": second, "name": "B"}]}
    some = subscription(client, address="https://hooks.example.com/y", method_name="slack",
                        services_selection={"all": False, "service_ids": [first]}).json
    assert some["services_selection"] == {"all": False, "services": [{"id": first, "name": "A"}]}
    third = service(client, "C")
    names = [s["name"] for s in hub(client, "GET", "/subscriptions/%d" % every["id"]).json["services_selection"]["services"]]
    assert names == ["A", "B", "C"]
    hub(client, "DELETE", "/services/%d" % first)
    assert hub(client, "GET", "/services/%d" % first, query={"extend": "flags"}).json["flags"] == {"deleted": True}
    names = [s["name"] for s in hub(client, "GET", "/subscriptions/%d" % every["id"]).json["services_selection"]["services"]]
    assert names == ["B", "C"]
    selection = hub(client, "GET", "/subscriptions/%d" % some["id"]).json["services_selection"]
    assert selection == {"all": False, "services": []}
    assert third


def test_subscription_put_is_partial(client):
    created = subscription(client, address="+12025550100", method_name="sms", label="On call").json
    updated = hub(client, "PUT", "/subscriptions/%d" % created["id"], json={"less_verbose": True}).json
    assert updated["label"] == "On call" and updated["less_verbose"] is True and updated["address"] == "+12025550100"
    assert hub(client, "PUT", "/subscriptions/%d" % created["id"], json={"address": "+1"}).status_code == 422


def test_soft_delete_filters_and_flags(client):
    kept = subscription(client, address="keep@example.com", method_name="email").json
    gone = subscription(client, address="gone@example.com", method_name="email").json
    assert "flags" not in kept
    assert hub(client, "DELETE", "/subscriptions/%d" % gone["id"]).status_code == 204
    assert hub(client, "DELETE", "/subscriptions/%d" % gone["id"]).status_code == 404

    def listed(**query):
        return [(s["id"], s.get("flags")) for s in hub(client, "GET", "/subscriptions", query=query).json["data"]]

    assert listed() == [(kept["id"], None)]
    assert listed(deleted="true", extend="flags") == [(gone["id"], {"deleted": True})]
    assert listed(deleted="all") == [(kept["id"], None), (gone["id"], None)]
    assert listed(q="KEEP") == [(kept["id"], None)]
    assert hub(client, "GET", "/subscriptions/%d" % gone["id"], query={"extend": "flags"}).json["flags"] == {"deleted": True}
    incident = hub(client, "POST", "/incidents", json=incident_body()).json
    assert hub(client, "DELETE", "/incidents/%d" % incident["id"]).status_code == 204
    assert hub(client, "GET", "/incidents").json["total"] == 0
    assert hub(client, "GET", "/incidents/%d" % incident["id"], query={"extend": "flags"}).json["flags"] == {"deleted": True}
    assert hub(client, "DELETE", "/incidents/%d" % incident["id"]).status_code == 404


def test_deleting_subscriber_deletes_its_subscriptions(client):
    created = subscription(client, address="x@example.com", method_name="email").json
    assert hub(client, "DELETE", "/subscribers/%d" % created["subscriber_id"]).status_code == 204
    assert hub(client, "GET", "/subscriptions").json["total"] == 0
    assert hub(client, "GET", "/subscriptions/%d" % created["id"], query={"extend": "flags"}).json["flags"]["deleted"]


def test_pagination_envelope_and_cap(client):
    for number in range(30):
        service(client, "S%d" % number)
    first = hub(client, "GET", "/services").json
    assert (first["current_page"], first["page_count"], first["per_page"], first["total"]) == (1, 2, 25, 30)
    second = hub(client, "GET", "/services", query={"page": 2}).json
    assert [s["name"] for s in second["data"]] == ["S%d" % n for n in range(25, 30)]
    client.put("/_sim/config", json={"statushub_per_page_max": 10})
    capped = hub(client, "GET", "/services", query={"per_page": 50}).json
    assert (capped["per_page"], capped["page_count"], len(capped["data"])) == (10, 3, 10)
    empty = hub(client, "GET", "/subscriptions").json
    assert (empty["page_count"], empty["total"], empty["data"]) == (1, 0, [])


def test_platform_alert(client):
    assert hub(client, "GET", "/platform_alert").json == {"error": "Not found"}
    assert hub(client, "PUT", "/platform_alert", json={"body": "x"}).status_code == 422
    created = hub(client, "PUT", "/platform_alert", json={"title": "Outage", "body": "all down"})
    assert created.status_code == 200
    assert set(created.json) == {"title", "body", "created_at", "updated_at"}
    assert hub(client, "PUT", "/platform_alert", json={"body": "better"}).json["title"] == "Outage"
    assert hub(client, "DELETE", "/platform_alert").status_code == 204
    assert hub(client, "DELETE", "/platform_alert").status_code == 404


# --- rate limits ----------------------------------------------------------------------------


def test_rate_limit_429_with_retry_after():
    client = create_app().test_client()
    statuses = [hub(client, "POST", "/services", json={"name": "s%d" % n}).status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    response = hub(client, "DELETE", "/services/1")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"
    assert response.json == {"error": "Too many requests - please retry later"}
    assert hub(client, "GET", "/services").status_code == 200
    assert sm(client, "POST", "/api-components-create/", json={"name": "no limit here"}).status_code == 201
    assert [entry["status"] for entry in log(client)][5:7] == [429, 429]


def test_rate_limit_gets_and_rejections_do_not_count():
    limiter = RateLimiter()
    assert all(limiter.allow("key", "GET", 0.0) for _attempt in range(30))
    assert not limiter.allow("key", "GET", 0.5)
    assert limiter.allow("other-key", "GET", 0.5)
    assert all(limiter.allow("key", "POST", 0.1 * n) for n in range(5))
    assert not any(limiter.allow("key", "PUT", 0.5 + 0.1 * n) for n in range(5))
    assert limiter.allow("key", "DELETE", 1.01)  # rejected requests at 0.5..0.9 did not count
    assert not limiter.allow("key", "POST", 1.05)
    assert limiter.allow("key", "GET", 1.0 + 1e-6)


# --- faults, log, control -------------------------------------------------------------------


def add_fault(client, **rule):
    response = client.post("/_sim/faults", json=rule)
    assert response.status_code == 200, response.json
    return response.json["id"]


@pytest.mark.parametrize("action", ["500", "502", "503"])
def test_server_error_faults(client, action):
    add_fault(client, method="POST", path="components-create", action=action, count=2)
    assert sm(client, "GET", "/api-components-list/").status_code == 200
    statuses = [sm(client, "POST", "/api-components-create/", json={"name": "x"}).status_code for _attempt in range(3)]
    assert statuses == [int(action), int(action), 201]
    assert len(sm(client, "GET", "/api-components-list/").json) == 1
    assert [entry["status"] for entry in log(client)] == [200, int(action), int(action), 201, 200]


def test_429_fault_with_retry_after(client):
    add_fault(client, path="/services", action="429", retry_after=3)
    response = hub(client, "GET", "/services")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3"
    assert response.json == {"error": "Too many requests - please retry later"}
    assert hub(client, "GET", "/services").status_code == 200


def test_fraction_fault_is_seeded(client):
    def pattern():
        client.post("/_sim/reset")
        client.put("/_sim/config", json={"rate_limits": False})
        add_fault(client, action="503", fraction=0.5, seed=7)
        return [sm(client, "GET", "/api-components-list/").status_code for _attempt in range(20)]

    first = pattern()
    assert first == pattern()
    assert 200 in first and 503 in first


def test_after_handling_fault_changes_state(client):
    add_fault(client, method="POST", action="502", after_handling=True)
    assert sm(client, "POST", "/api-components-create/", json={"name": "x"}).status_code == 502
    assert [c["name"] for c in sm(client, "GET", "/api-components-list/").json] == ["x"]


def test_slow_fault(client):
    add_fault(client, action="slow", delay=0.3)
    started = time.monotonic()
    assert sm(client, "GET", "/api-components-list/").status_code == 200
    assert time.monotonic() - started >= 0.3


def test_trickle_fault_sends_the_answer_a_chunk_at_a_time(client, monkeypatch):
    waits = []
    monkeypatch.setattr(simulator_app.time, "sleep", waits.append)
    add_fault(client, method="POST", action="trickle", delay=0.5, chunk=4)
    response = sm(client, "POST", "/api-components-create/", json={"name": "x"})
    assert response.status_code == 201 and response.json["name"] == "x"
    assert int(response.headers["Content-Length"]) == len(response.data)
    assert waits == [0.5] * ((len(response.data) + 3) // 4 - 1)
    assert [item["name"] for item in sm(client, "GET", "/api-components-list/").json] == ["x"]
    assert [entry["status"] for entry in log(client)] == [201, 200]


def test_trickle_fault_sends_one_byte_a_second_by_default(client, monkeypatch):
    waits = []
    monkeypatch.setattr(simulator_app.time, "sleep", waits.append)
    add_fault(client, action="trickle")
    body = sm(client, "GET", "/api-components-list/").data
    assert waits == [1.0] * (len(body) - 1)


def test_trickle_fault_answers_with_its_chunks_on_a_real_connection(live_server):
    """The status and headers come at once, the body over (length - 1) delays: a lower bound holds on any machine."""
    requests.post(live_server + "/_sim/faults", json={"action": "trickle", "delay": 0.2, "chunk": 1}, timeout=5)
    with requests.get(live_server + "/api-components-list/", headers=SM_AUTH, stream=True, timeout=5) as response:
        started = time.monotonic()
        body = response.raw.read()
        took = time.monotonic() - started
    assert response.status_code == 200 and body.strip() == b"[]"
    assert took >= 0.2 * (len(body) - 2)  # the first delay may have begun before the clock started


@pytest.mark.parametrize("rule, field", [
    ({"action": "trickle", "chunk": 0}, "chunk"),
    ({"action": "trickle", "chunk": 1.5}, "chunk"),
    ({"action": "trickle", "chunk": True}, "chunk"),
    ({"action": "trickle", "chunk": "4"}, "chunk"),
    ({"action": "trickle", "delay": -1}, "delay"),
    ({"action": "trickle", "delay": "1"}, "delay"),
    ({"action": "trickle", "after_handling": True}, "after_handling"),
    ({"action": "trickle", "after_handling": False}, "after_handling"),
    ({"action": "trickle", "retry_after": 1}, "retry_after"),
    ({"action": "slow", "chunk": 4}, "chunk"),
    ({"action": "503", "chunk": 4}, "chunk"),
])
def test_bad_trickle_rules_refused(client, rule, field):
    response = client.post("/_sim/faults", json=rule)
    assert response.status_code == 400 and field in response.json["error"]


@pytest.mark.parametrize("retry_after, header", [
    ("0", "0"), ("-5", "-5"), ("Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT"), ("soon", "soon"),
    ("99999999", "99999999"), ("", ""), (0, "0"), (-5, "-5"), (2.5, "2.5"), (99999999, "99999999"),
])
def test_429_fault_sends_retry_after_verbatim(client, retry_after, header):
    add_fault(client, method="POST", action="429", retry_after=retry_after)
    response = sm(client, "POST", "/api-components-create/", json={"name": "x"})
    assert (response.status_code, response.headers["Retry-After"]) == (429, header)
    assert sm(client, "GET", "/api-components-list/").json == []


def test_429_fault_without_retry_after_sends_one(client):
    add_fault(client, action="429")
    assert sm(client, "GET", "/api-components-list/").headers["Retry-After"] == "1"


@pytest.mark.parametrize("retry_after, header", [(120, "120"), ("Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT"),
                                                 ("0", "0")])
def test_503_fault_sends_retry_after_only_when_given(client, retry_after, header):
    add_fault(client, path="/services", action="503", retry_after=retry_after)
    add_fault(client, path="/services", action="503")
    given = hub(client, "GET", "/services")
    assert (given.status_code, given.headers["Retry-After"], given.json) == (503, header, {"error": "Service unavailable"})
    absent = hub(client, "GET", "/services")
    assert absent.status_code == 503 and "Retry-After" not in absent.headers


@pytest.mark.parametrize("rule", [
    {"action": "429", "retry_after": None}, {"action": "429", "retry_after": True}, {"action": "429", "retry_after": [1]},
    {"action": "503", "retry_after": {"seconds": 1}}, {"action": "429", "retry_after": "1\r\nX-Injected: yes"},
    {"action": "500", "retry_after": 1}, {"action": "502", "retry_after": 1}, {"action": "slow", "retry_after": 1},
    {"action": "redirect", "location": "/", "retry_after": 1},
])
def test_bad_retry_after_refused(client, rule):
    response = client.post("/_sim/faults", json=rule)
    assert response.status_code == 400 and "retry_after" in response.json["error"]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_fault_answers_with_location_and_does_nothing(client, status):
    location = "https://elsewhere.example:8443/api-components-create/?next=1#top"
    add_fault(client, method="POST", path="components-create", action="redirect", status=status, location=location)
    response = sm(client, "POST", "/api-components-create/", json={"name": "x"})
    assert (response.status_code, response.headers["Location"], response.data) == (status, location, b"")
    assert sm(client, "GET", "/api-components-list/").json == []
    assert [(entry["method"], entry["status"]) for entry in log(client)] == [("POST", status), ("GET", 200)]
    assert sm(client, "POST", "/api-components-create/", json={"name": "x"}).status_code == 201


def test_redirect_fault_defaults_to_302_and_keeps_a_relative_location(client):
    add_fault(client, path="/services", action="redirect", location="/api/v3/hubs/other/services")
    response = hub(client, "POST", "/services", json={"name": "x"})
    assert (response.status_code, response.headers["Location"]) == (302, "/api/v3/hubs/other/services")
    assert hub(client, "GET", "/services").json["data"] == []


@pytest.mark.parametrize("rule, field", [
    ({"action": "redirect"}, "location"), ({"action": "redirect", "location": None}, "location"),
    ({"action": "redirect", "location": 5}, "location"), ({"action": "redirect", "location": "/a\nb"}, "location"),
    ({"action": "redirect", "location": "/", "status": 300}, "status"),
    ({"action": "redirect", "location": "/", "status": 304}, "status"),
    ({"action": "redirect", "location": "/", "status": "302"}, "status"),
    ({"action": "redirect", "location": "/", "status": 302.0}, "status"),
    ({"action": "redirect", "location": "/", "status": True}, "status"),
    ({"action": "redirect", "location": "/", "after_handling": True}, "after_handling"),
    ({"action": "500", "status": 302}, "status"), ({"action": "503", "location": "/"}, "location"),
])
def test_bad_redirect_rules_refused(client, rule, field):
    response = client.post("/_sim/faults", json=rule)
    assert response.status_code == 400 and field in response.json["error"]


def test_body_fault_hits_only_the_matching_request(client):
    add_fault(client, method="POST", body=r'"name":\s*"Beta"', action="500", count=5)
    assert sm(client, "POST", "/api-components-create/", json={"name": "Alpha"}).status_code == 201
    assert sm(client, "POST", "/api-components-create/", json={"name": "Beta"}).status_code == 500
    assert sm(client, "GET", "/api-components-list/").status_code == 200
    assert [item["name"] for item in sm(client, "GET", "/api-components-list/").json] == ["Alpha"]
    assert [entry["status"] for entry in log(client)] == [201, 500, 200, 200]


def test_body_fault_reads_the_raw_text_with_bad_bytes_replaced(client):
    add_fault(client, body="\ufffd", action="502")
    assert sm(client, "POST", "/api-components-create/", json={"name": "Alpha"}).status_code == 201
    response = sm(client, "POST", "/api-components-create/", data=b'{"name": "\xff"}', content_type="application/json")
    assert response.status_code == 502


@pytest.mark.parametrize("body", [None, 5, ["x"], "("])
def test_bad_body_rules_refused(client, body):
    response = client.post("/_sim/faults", json={"action": "500", "body": body})
    assert response.status_code == 400 and "body" in response.json["error"]


@pytest.mark.parametrize("rule, field", [({"action": "500", "after_handling": "yes"}, "after_handling"),
                                         ({"action": "500", "retry-after": 1}, "retry-after")])
def test_bad_rule_keys_refused(client, rule, field):
    response = client.post("/_sim/faults", json=rule)
    assert response.status_code == 400 and field in response.json["error"]


def test_late_slow_fault_writes_then_waits(client):
    add_fault(client, method="POST", action="slow", delay=0.3, after_handling=True)
    started = time.monotonic()
    assert sm(client, "POST", "/api-components-create/", json={"name": "x"}).status_code == 201
    assert time.monotonic() - started >= 0.3
    assert [item["name"] for item in sm(client, "GET", "/api-components-list/").json] == ["x"]


def test_faults_apply_before_rate_limits():
    client = create_app().test_client()
    add_fault(client, method="POST", action="500", count=10)
    assert [hub(client, "POST", "/services", json={"name": "x"}).status_code for _attempt in range(10)] == [500] * 10
    assert [hub(client, "POST", "/services", json={"name": "x"}).status_code for _attempt in range(5)] == [200] * 5


def test_bad_fault_rules_refused(client):
    assert client.post("/_sim/faults", json={"action": "418"}).status_code == 400
    assert client.post("/_sim/faults", json={"action": "500", "path": "("}).status_code == 400
    assert client.post("/_sim/faults", json={"action": "500", "fraction": 2}).status_code == 400
    add_fault(client, action="500")
    assert client.delete("/_sim/faults").status_code == 200
    assert sm(client, "GET", "/api-components-list/").status_code == 200


def test_log_content_without_auth(client):
    sm(client, "POST", "/api-components-create/?x=1", json={"name": "Web"})
    hub(client, "GET", "/services", headers={"Authorization": "Bearer sh-test-key"})
    client.get("/_sim/config")
    entries = log(client)
    assert [(e["api"], e["method"], e["path"], e["status"]) for e in entries] == [
        ("statusmate", "POST", "/api-components-create/", 201),
        ("statushub", "GET", "/api/v3/hubs/acme/services", 401),
    ]
    assert entries[0]["body"] == {"name": "Web"} and entries[1]["body"] is None
    assert entries[0]["query"] == {"x": ["1"]}
    assert isinstance(entries[0]["time"], float)
    text = json.dumps(entries)
    assert "sm-test-token" not in text and "sh-test-key" not in text and "Authorization" not in text
    assert client.delete("/_sim/log").status_code == 200
    assert log(client) == []


def test_reset_and_config(client):
    component(client)
    add_fault(client, action="500", count=5)
    client.put("/_sim/config", json={"statusmate_list": "full"})
    assert client.put("/_sim/config", json={"nope": 1}).status_code == 400
    assert client.put("/_sim/config", json={"rate_limits": "yes"}).status_code == 400
    client.post("/_sim/reset")
    assert client.get("/_sim/config").json == {"statusmate_list": "abbreviated", "statushub_per_page_max": 100,
                                               "rate_limits": False, "latency": 0}
    assert sm(client, "GET", "/api-components-list/").json == []
    assert log(client) == [{"time": log(client)[0]["time"], "api": "statusmate", "method": "GET",
                            "path": "/api-components-list/", "query": {}, "status": 200, "body": None}]


# --- real servers ---------------------------------------------------------------------------


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_port
    server.shutdown()
    server.server_close()


def test_latency_is_a_config_key_of_seconds(client):
    assert client.put("/_sim/config", json={"latency": 0.1}).json["latency"] == 0.1
    for bad in (-1, "0.1", True, 61):
        response = client.put("/_sim/config", json={"latency": bad})
        assert response.status_code == 400 and "latency" in response.json["error"]


def test_latency_is_waited_by_requests_in_flight_side_by_side(app, live_server, monkeypatch):
    """Each answer waits the latency outside the simulator lock: four requests wait at once (or the barrier breaks)."""
    together = threading.Barrier(4, timeout=10)
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        together.wait()

    monkeypatch.setattr(simulator_app.time, "sleep", sleep)
    requests.put(live_server + "/_sim/config", json={"latency": 0.25}, timeout=5)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda number: requests.post(
            live_server + "/api-components-create/", json={"name": "c%d" % number}, headers=SM_AUTH, timeout=15),
            range(4)))
    assert [answer.status_code for answer in answers] == [201] * 4
    assert waits == [0.25] * 4
    assert len(set(answer.json()["uuid"] for answer in answers)) == 4


def test_concurrent_writes_keep_the_state_and_the_log_whole(live_server):
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda number: requests.post(
            live_server + "/api-components-create/", json={"name": "c%02d" % number}, headers=SM_AUTH, timeout=15),
            range(40)))
    assert [answer.status_code for answer in answers] == [201] * 40
    listed = requests.get(live_server + "/api-components-list/", headers=SM_AUTH, timeout=5).json()
    assert sorted(item["name"] for item in listed) == ["c%02d" % number for number in range(40)]
    logged = requests.get(live_server + "/_sim/log", timeout=5).json()["requests"]
    assert sorted(entry["status"] for entry in logged) == [200] + [201] * 40


@pytest.mark.parametrize("after_handling", [False, True])
def test_drop_fault_closes_connection(live_server, after_handling):
    requests.post(live_server + "/_sim/faults", json={"method": "POST", "action": "drop", "after_handling": after_handling},
                  timeout=5)
    with requests.Session() as session:
        with pytest.raises(requests.ConnectionError):
            session.post(live_server + "/api-components-create/", json={"name": "x"}, headers=SM_AUTH, timeout=5)
        listed = session.get(live_server + "/api-components-list/", headers=SM_AUTH, timeout=5).json()
    assert len(listed) == (1 if after_handling else 0)
    statuses = [e["status"] for e in requests.get(live_server + "/_sim/log", timeout=5).json()["requests"]]
    assert statuses == [0, 200]


def test_late_slow_answer_waits_outside_the_lock_after_the_write(live_server):
    """The client gives up on the delayed answer; meanwhile other requests proceed and see the object written."""
    requests.post(live_server + "/_sim/faults", json={"method": "POST", "action": "slow", "delay": 3, "after_handling": True},
                  timeout=5)
    with pytest.raises(requests.Timeout):
        requests.post(live_server + "/api-components-create/", json={"name": "x"}, headers=SM_AUTH, timeout=0.3)
    listed = requests.get(live_server + "/api-components-list/", headers=SM_AUTH, timeout=2).json()
    assert [item["name"] for item in listed] == ["x"]
    statuses = [e["status"] for e in requests.get(live_server + "/_sim/log", timeout=2).json()["requests"]]
    assert statuses == [201, 200]


def test_subprocess_start(tmp_path):
    ready = tmp_path / "ready.json"
    process = subprocess.Popen([sys.executable, "-m", "tests.simulator", "--port", "0", "--ready-file", str(ready)],
                               cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        while not ready.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the simulator did not get ready"
            time.sleep(0.05)
        facts = json.loads(ready.read_text())
        assert facts["control_url"] == "http://127.0.0.1:%d/_sim" % facts["port"]
        assert facts["statushub"] == {"api_url": "http://127.0.0.1:%d/api/v3" % facts["port"], "api_key": "sh-test-key", "hub": "acme"}
        response = requests.get(facts["statusmate"]["api_url"] + "/api-components-list/",
                                headers={"Authorization": facts["statusmate"]["api_token"]}, timeout=5)
        assert (response.status_code, response.json()) == (200, [])
        requests.post(facts["control_url"] + "/faults", json={"action": "drop"}, timeout=5)
        with pytest.raises(requests.ConnectionError):
            requests.get(facts["statusmate"]["api_url"] + "/api-components-list/", timeout=5)
    finally:
        process.terminate()
        stdout, stderr = process.communicate(timeout=10)
    assert "statusmate: api_url=http://127.0.0.1:%d api_token=sm-test-token" % facts["port"] in stdout
    assert "statushub: api_url=" in stdout and "control: " in stdout
    assert stderr == ""


# --- answers that are not the API's, lists that lie ------------------------------------------


def test_html_fault_answers_200_with_a_page_and_does_nothing(client):
    add_fault(client, method="GET", path="components-list", action="html")
    add_fault(client, method="POST", path="components-create", action="html")
    listed = sm(client, "GET", "/api-components-list/")
    assert (listed.status_code, listed.mimetype) == (200, "text/html") and listed.data.startswith(b"<!DOCTYPE html>")
    assert sm(client, "POST", "/api-components-create/", json={"name": "x"}).status_code == 200
    assert sm(client, "GET", "/api-components-list/").json == []
    assert [(entry["method"], entry["status"]) for entry in log(client)] == [("GET", 200), ("POST", 200), ("GET", 200)]


def test_html_fault_after_handling_carries_the_request_out(client):
    add_fault(client, method="POST", action="html", after_handling=True)
    assert sm(client, "POST", "/api-components-create/", json={"name": "x"}).mimetype == "text/html"
    assert [c["name"] for c in sm(client, "GET", "/api-components-list/").json] == ["x"]


@pytest.mark.parametrize("text, content_type", [("null", None), ("[]", None), ('"ok"', "application/json"),
                                                ("", "text/plain")])
def test_raw_fault_answers_200_with_the_given_body(client, text, content_type):
    rule = {"content_type": content_type} if content_type else {}
    add_fault(client, path="/platform_alert", action="raw", text=text, **rule)
    response = hub(client, "GET", "/platform_alert")
    assert (response.status_code, response.data.decode(), response.mimetype) == (200, text, content_type or "application/json")


def test_truncate_fault_carries_the_request_out_and_cuts_its_answer(client):
    add_fault(client, method="POST", action="truncate", bytes=10)
    response = sm(client, "POST", "/api-components-create/", json={"name": "x"})
    assert (response.status_code, len(response.data), response.mimetype) == (201, 10, "application/json")
    assert [c["name"] for c in sm(client, "GET", "/api-components-list/").json] == ["x"]
    assert [entry["status"] for entry in log(client)] == [201, 200]


def test_envelope_fault_changes_the_counts_of_the_page_its_query_matches(client):
    for number in range(3):
        service(client, "S%d" % number)
    add_fault(client, path="/services$", query="(^|&)page=2(&|$)", action="envelope", total=2, page_count=1)
    first = hub(client, "GET", "/services", query={"per_page": 2}).json
    second = hub(client, "GET", "/services", query={"per_page": 2, "page": 2}).json
    assert (first["page_count"], first["total"]) == (2, 3)
    assert (second["page_count"], second["total"], [s["name"] for s in second["data"]]) == (1, 2, ["S2"])
    assert hub(client, "GET", "/services", query={"per_page": 2, "page": 2}).json["total"] == 3


@pytest.mark.parametrize("rule, field", [
    ({"action": "raw"}, "text"), ({"action": "raw", "text": 5}, "text"), ({"action": "html", "text": "x"}, "text"),
    ({"action": "raw", "text": "x", "content_type": "a\nb"}, "content_type"),
    ({"action": "html", "content_type": "text/html"}, "content_type"),
    ({"action": "truncate"}, "bytes"), ({"action": "truncate", "bytes": -1}, "bytes"),
    ({"action": "truncate", "bytes": True}, "bytes"), ({"action": "truncate", "bytes": 1.5}, "bytes"),
    ({"action": "500", "bytes": 3}, "bytes"), ({"action": "truncate", "bytes": 3, "after_handling": False}, "after_handling"),
    ({"action": "envelope"}, "page_count"), ({"action": "envelope", "total": -1}, "total"),
    ({"action": "envelope", "page_count": "2"}, "page_count"), ({"action": "html", "total": 2}, "total"),
    ({"action": "html", "query": 5}, "query"), ({"action": "html", "query": "("}, "query"),
])
def test_bad_answer_rules_refused(client, rule, field):
    response = client.post("/_sim/faults", json=rule)
    assert response.status_code == 400 and field in response.json["error"]
