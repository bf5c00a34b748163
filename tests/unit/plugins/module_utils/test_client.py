# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import threading
import time

import pytest
import requests
import responses
from responses import matchers

from ansible_collections.statusops.status.plugins.module_utils import client as client_module
from ansible_collections.statusops.status.plugins.module_utils.client import (
    ApiClient,
    ApiError,
    OutcomeUnknown,
    Pacer,
    render_error_body,
    retry_after_seconds,
)

BASE = "https://api.example.test/api/v3"
SECRET = "s3cr3t-key-value"


class FakeTime:
    """A clock that moves only when the client sleeps."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time():
    return FakeTime()


def make_client(fake_time, **kwargs):
    kwargs.setdefault("retry_timeout", 10)
    return ApiClient(BASE, SECRET, clock=fake_time.clock, sleep=fake_time.sleep, **kwargs)


@responses.activate
def test_every_request_carries_auth_user_agent_and_default_query(fake_time):
    responses.get(
        BASE + "/hubs/acme",
        json={"subdomain": "acme"},
        match=[
            matchers.query_param_matcher({"api_version": "V3-R1"}),
            matchers.header_matcher({"Authorization": SECRET, "User-Agent": client_module.USER_AGENT}),
        ],
    )
    api = make_client(fake_time, default_query={"api_version": "V3-R1"})
    assert api.get("/hubs/acme") == {"subdomain": "acme"}


def test_user_agent_names_the_collection_version_of_galaxy_yml():
    import os
    galaxy = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "galaxy.yml")
    with open(galaxy) as handle:
        version_line = [line for line in handle if line.startswith("version:")][0]
    assert version_line.split(":", 1)[1].strip() == client_module.COLLECTION_VERSION
    assert "statusops.status/%s" % client_module.COLLECTION_VERSION in client_module.USER_AGENT


@responses.activate
def test_retry_after_in_seconds_is_waited_before_retrying_any_method(fake_time):
    responses.post(BASE + "/things", status=429, headers={"Retry-After": "3"}, json={"error": "Too many requests"})
    responses.post(BASE + "/things", status=201, json={"id": 1})
    api = make_client(fake_time)
    assert api.post("/things", {"name": "a"}) == {"id": 1}
    assert fake_time.sleeps == [3.0]
    assert len(responses.calls) == 2


def test_retry_after_as_http_date():
    now = time.time()
    header = email.utils.formatdate(now + 5, usegmt=True)
    assert 4.0 <= retry_after_seconds(header, now=now) <= 5.0
    assert retry_after_seconds(email.utils.formatdate(now - 60, usegmt=True), now=now) == 0.0
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("not a date") is None


@responses.activate
def test_retry_after_http_date_is_honoured_by_the_client(fake_time):
    header = email.utils.formatdate(time.time() + 4, usegmt=True)
    responses.get(BASE + "/things", status=429, headers={"Retry-After": header})
    responses.get(BASE + "/things", json=[])
    api = make_client(fake_time)
    assert api.get("/things") == []
    assert len(fake_time.sleeps) == 1 and 2.5 <= fake_time.sleeps[0] <= 4.0


@responses.activate
def test_spent_budget_fails_saying_rate_limit_and_time_waited(fake_time):
    for _attempt in range(5):
        responses.put(BASE + "/things/1", status=429, headers={"Retry-After": "1"}, json={"error": "Too many requests"})
    api = make_client(fake_time, retry_timeout=2.5)
    with pytest.raises(ApiError) as caught:
        api.put("/things/1", {"name": "b"})
    message = str(caught.value)
    assert "PUT /things/1 returned HTTP 429" in message
    assert "rate limit hit; waited 2.5 s in all" in message
    assert "retry_timeout=2.5" in message
    # A Retry-After beyond what is left of the budget backs off instead, shortened to what is left.
    assert fake_time.sleeps == [1.0, 1.0, 0.5]
    assert len(responses.calls) == 4


@responses.activate
def test_zero_retry_timeout_turns_retries_off(fake_time):
    responses.get(BASE + "/things", status=503, json={"error": "down"})
    api = make_client(fake_time, retry_timeout=0)
    with pytest.raises(ApiError):
        api.get("/things")
    assert len(responses.calls) == 1
    assert fake_time.sleeps == []


@responses.activate
def test_idempotent_methods_retry_5xx_and_connection_errors_with_backoff(fake_time):
    responses.delete(BASE + "/things/1", status=502)
    responses.delete(BASE + "/things/1", body=requests.exceptions.ConnectionError("reset"))
    responses.delete(BASE + "/things/1", status=204)
    api = make_client(fake_time)
    assert api.delete("/things/1") is None
    assert len(responses.calls) == 3
    assert len(fake_time.sleeps) == 2
    assert all(0 <= pause <= client_module.BACKOFF_MAX for pause in fake_time.sleeps)


@pytest.mark.parametrize("answer", [
    {"status": 503, "json": {"error": "unavailable"}},
    {"body": requests.exceptions.ReadTimeout("read timed out")},
    {"body": requests.exceptions.ConnectionError("connection reset by peer")},
])
@responses.activate
def test_create_with_unknown_outcome_is_not_resent(fake_time, answer):
    responses.post(BASE + "/things", **answer)
    responses.post(BASE + "/things", status=201, json={"id": 2})
    api = make_client(fake_time)
    with pytest.raises(OutcomeUnknown):
        api.post("/things", {"name": "a"})
    assert len(responses.calls) == 1


@responses.activate
def test_create_that_never_connected_is_retried(fake_time):
    responses.post(BASE + "/things", body=requests.exceptions.ConnectTimeout("connect timed out"))
    responses.post(BASE + "/things", status=201, json={"id": 2})
    api = make_client(fake_time)
    assert api.post("/things", {"name": "a"}) == {"id": 2}
    assert len(responses.calls) == 2


def test_pacing_holds_the_documented_rates(fake_time):
    sent = []
    api = make_client(fake_time, rate_limits={"GET": 30, "OTHER": 5})
    with responses.RequestsMock() as mock:
        mock.add_callback("POST", BASE + "/things", callback=lambda request: (sent.append(("W", fake_time.now)) or (201, {}, "{}")))
        mock.add_callback("GET", BASE + "/things", callback=lambda request: (sent.append(("R", fake_time.now)) or (200, {}, "[]")))
        for _round in range(12):
            api.post("/things", {})
            api.get("/things")
            api.get("/things")
    for kind, limit in (("W", 5), ("R", 30)):
        times = [moment for what, moment in sent if what == kind]
        assert most_in_one_window(times) <= limit
    writes = [moment for what, moment in sent if what == "W"]
    assert writes[10] - writes[0] == pytest.approx(2 * client_module.RATE_WINDOW)


def most_in_one_window(starts):
    """The most starts in any window of RATE_WINDOW seconds."""
    return max(sum(1 for other in starts if start <= other < start + client_module.RATE_WINDOW) for start in starts)


def test_pacing_counts_starts_so_latency_does_not_lower_the_rate(fake_time):
    starts = []

    def answer_after_latency(request):
        starts.append(fake_time.now)
        fake_time.now += 0.15
        return (201, {}, "{}")

    api = make_client(fake_time, rate_limits={"OTHER": 5})
    with responses.RequestsMock() as mock:
        mock.add_callback("POST", BASE + "/things", callback=answer_after_latency)
        for _attempt in range(10):
            api.post("/things", {})
    # Five start one answer apart, then each waits only for the window of the one five places before it.
    assert starts[5:] == [pytest.approx(start + client_module.RATE_WINDOW) for start in starts[:5]]


def test_one_pacer_counts_the_starts_of_every_thread():
    pacer = Pacer({"OTHER": 5}, time.monotonic, time.sleep)
    starts = []
    lock = threading.Lock()

    def send_five():
        for _request in range(5):
            pacer.wait("POST")
            with lock:
                starts.append(time.monotonic())

    threads = [threading.Thread(target=send_five) for _thread in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts.sort()
    assert len(starts) == 15
    assert most_in_one_window(starts) == 5


def test_a_hold_keeps_every_thread_waiting(fake_time):
    pacer = Pacer({}, fake_time.clock, fake_time.sleep)
    pacer.hold(2.0)
    pacer.hold(1.0)
    pacer.wait("GET")
    assert fake_time.now == 1002.0
    pacer.wait("POST")
    assert fake_time.sleeps == [2.0]


@responses.activate
def test_a_429_holds_back_the_other_threads_too(fake_time):
    responses.post(BASE + "/things", status=429, headers={"Retry-After": "3"}, json={"error": "Too many requests"})
    responses.post(BASE + "/things", status=201, json={"id": 1})
    responses.get(BASE + "/other", json=[])
    api = make_client(fake_time)
    api.post("/things", {"name": "a"})
    held_until = fake_time.now
    api.get("/other")
    assert fake_time.sleeps == [3.0] and fake_time.now == held_until


@responses.activate
def test_the_pages_after_the_first_are_read_at_once_and_kept_in_order(fake_time):
    together = threading.Barrier(3, timeout=10)  # pages 2 to 4 answer only once all three are in flight
    in_flight = []
    most = []
    lock = threading.Lock()

    def page(request):
        number = int(request.params["page"])
        with lock:
            in_flight.append(number)
            most.append(len(in_flight))
        if 2 <= number <= 4:
            together.wait()
        with lock:
            in_flight.remove(number)
        return (200, {}, json.dumps({"page_count": 6, "data": [{"id": number}]}))

    responses.add_callback("GET", BASE + "/items", callback=page)
    api = make_client(fake_time)
    api.set_concurrency(3)
    assert [item["id"] for item in api.paginate("/items", None, per_page=100)] == [1, 2, 3, 4, 5, 6]
    assert len(responses.calls) == 6
    assert max(most) == 3


@responses.activate
def test_paginate_reads_every_page_with_the_largest_page_size(fake_time):
    for page, ids in ((1, [1, 2]), (2, [3, 4]), (3, [5])):
        responses.get(
            BASE + "/hubs/acme/subscriptions",
            json={"current_page": page, "page_count": 3, "per_page": 2, "total": 5, "data": [{"id": i} for i in ids]},
            match=[matchers.query_param_matcher({"page": str(page), "per_page": "100", "deleted": "false"})],
        )
    api = make_client(fake_time)
    items = list(api.paginate("/hubs/acme/subscriptions", {"deleted": "false"}, per_page=100))
    assert [item["id"] for item in items] == [1, 2, 3, 4, 5]
    assert len(responses.calls) == 3


def test_render_drf_errors_one_line_per_field_nested_too():
    body = {
        "name": ["This field may not be blank."],
        "address": {"city": ["This field may not be blank."], "postal_code": ["Invalid postal code format."]},
        "non_field_errors": ["Something general."],
    }
    assert render_error_body(body).splitlines() == [
        "name: This field may not be blank.",
        "address.city: This field may not be blank.",
        "address.postal_code: Invalid postal code format.",
        "Something general.",
    ]
    assert render_error_body({"detail": "Not found."}) == "Not found."
    assert render_error_body([{"name": ["bad"]}, {}]) == "[0].name: bad"


def test_render_statushub_errors():
    assert render_error_body({"error": "Too many requests - please retry later"}) == "Too many requests - please retry later"
    assert render_error_body({"errors": {"address": ["has already been taken"], "label": ["not allowed"]}}).splitlines() == [
        "address: has already been taken",
        "label: not allowed",
    ]


@pytest.mark.parametrize("answer", [
    {"status": 401, "json": {"detail": "Invalid token %s" % SECRET}},
    {"status": 400, "json": {"name": ["bad"]}},
    {"body": requests.exceptions.ConnectionError("failed for Authorization: %s" % SECRET)},
    {"status": 429, "headers": {"Retry-After": "1"}},
])
@responses.activate
def test_the_key_appears_in_no_error(fake_time, answer):
    for _attempt in range(4):
        responses.get(BASE + "/things", **answer)
    api = make_client(fake_time, retry_timeout=1)
    with pytest.raises(ApiError) as caught:
        api.get("/things")
    rendered = "%s %r %r" % (caught.value, caught.value, caught.value.args)
    assert SECRET not in rendered
    assert SECRET not in repr(caught.value.body)
    assert "GET /things" in str(caught.value)
