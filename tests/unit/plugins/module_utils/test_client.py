# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import email.utils
import json
import threading
import time
from urllib.parse import quote, quote_plus

import pytest
import requests
import responses
from responses import matchers

from ansible_collections.statusops.status.plugins.module_utils import answers
from ansible_collections.statusops.status.plugins.module_utils import client as client_module
from ansible_collections.statusops.status.plugins.module_utils import pacing
from ansible_collections.statusops.status.plugins.module_utils.client import ApiClient
from ansible_collections.statusops.status.plugins.module_utils.errors import (
    ApiError,
    OutcomeUnknown,
    render_error_body,
)
from ansible_collections.statusops.status.plugins.module_utils.pacing import Pacer, retry_after_seconds

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
    responses.get(BASE + "/things", json={})
    api = make_client(fake_time)
    assert api.get("/things") == {}
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
        mock.add_callback("POST", BASE + "/things", callback=lambda request: (sent.append(("W", fake_time.now)) or (201, {}, "{}")),
                          content_type="application/json")
        mock.add_callback("GET", BASE + "/things", callback=lambda request: (sent.append(("R", fake_time.now)) or (200, {}, "{}")),
                          content_type="application/json")
        for _round in range(12):
            api.post("/things", {})
            api.get("/things")
            api.get("/things")
    for kind, limit in (("W", 5), ("R", 30)):
        times = [moment for what, moment in sent if what == kind]
        assert most_in_one_window(times) <= limit
    writes = [moment for what, moment in sent if what == "W"]
    assert writes[10] - writes[0] == pytest.approx(2 * pacing.RATE_WINDOW)


def most_in_one_window(starts):
    """The most starts in any window of RATE_WINDOW seconds."""
    return max(sum(1 for other in starts if start <= other < start + pacing.RATE_WINDOW) for start in starts)


def test_pacing_counts_starts_so_latency_does_not_lower_the_rate(fake_time):
    starts = []

    def answer_after_latency(request):
        starts.append(fake_time.now)
        fake_time.now += 0.15
        return (201, {}, "{}")

    api = make_client(fake_time, rate_limits={"OTHER": 5})
    with responses.RequestsMock() as mock:
        mock.add_callback("POST", BASE + "/things", callback=answer_after_latency, content_type="application/json")
        for _attempt in range(10):
            api.post("/things", {})
    # Five start one answer apart, then each waits only for the window of the one five places before it.
    assert starts[5:] == [pytest.approx(start + pacing.RATE_WINDOW) for start in starts[:5]]


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
    responses.get(BASE + "/other", json={})
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
        return (200, {}, json.dumps({"current_page": number, "page_count": 6, "per_page": 1, "total": 6,
                                     "data": [{"id": number}]}))

    responses.add_callback("GET", BASE + "/items", callback=page, content_type="application/json")
    api = make_client(fake_time)
    api.set_concurrency(3)
    assert [item["id"] for item in api.paginate("/items", None, per_page=1)] == [1, 2, 3, 4, 5, 6]
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


MIXED_KEY = "Ab/Cd+Ef=Gh:Ij Kl"


@pytest.mark.parametrize("echo", [
    MIXED_KEY.lower(), MIXED_KEY.upper(), quote(MIXED_KEY, safe=""), quote(MIXED_KEY, safe="").lower(),
    quote_plus(MIXED_KEY), json.dumps(MIXED_KEY)[1:-1].replace("/", "\\/"),
])
@responses.activate
def test_the_key_is_masked_in_every_spelling_a_server_echoes(fake_time, echo):
    responses.get(BASE + "/things", status=401, json={"detail": "Invalid token %s" % echo, echo: "as a key"})
    api = ApiClient(BASE, MIXED_KEY, clock=fake_time.clock, sleep=fake_time.sleep)
    with pytest.raises(ApiError) as caught:
        api.get("/things")
    rendered = "%s %r %r" % (caught.value, caught.value, json.dumps(caught.value.body))
    assert echo not in rendered
    assert "Invalid token ********" in str(caught.value)
    assert caught.value.body == {"detail": "Invalid token ********", "********": "as a key"}


# ---- one retry budget per task ------------------------------------------------

@pytest.mark.parametrize("retry_after", ["0", "-5", "Wed, 21 Oct 2015 07:28:00 GMT", "soon", "99999999", "1.5", ""])
@responses.activate
def test_a_retry_after_that_means_nothing_backs_off_inside_the_budget(fake_time, retry_after):
    responses.get(BASE + "/things", status=429, headers={"Retry-After": retry_after})  # answered to every request
    api = make_client(fake_time, retry_timeout=2)
    with pytest.raises(ApiError) as caught:
        api.get("/things")
    assert "retry budget (retry_timeout=2 s) is spent" in str(caught.value)
    assert all(pause >= pacing.BACKOFF_MIN for pause in fake_time.sleeps)
    assert 2 - pacing.BACKOFF_MIN < sum(fake_time.sleeps) <= 2
    assert len(responses.calls) == len(fake_time.sleeps) + 1 <= 2 / pacing.BACKOFF_MIN + 1


@responses.activate
def test_a_storm_of_retry_after_zero_ends_after_backing_off(fake_time):
    for _attempt in range(3):
        responses.post(BASE + "/things", status=429, headers={"Retry-After": "0"})
    responses.post(BASE + "/things", status=201, json={"id": 1})
    api = make_client(fake_time, retry_timeout=60)
    assert api.post("/things", {"name": "a"}) == {"id": 1}
    assert len(responses.calls) == 4
    # Exponential: each pause at least half its step (0.5, 1, 2 s).
    assert [pause >= step / 2 for pause, step in zip(fake_time.sleeps, (0.5, 1.0, 2.0))] == [True] * 3


@responses.activate
def test_a_503_honours_a_sane_retry_after(fake_time):
    responses.get(BASE + "/things", status=503, headers={"Retry-After": "3"})
    responses.get(BASE + "/things", json={})
    api = make_client(fake_time)
    assert api.get("/things") == {}
    assert fake_time.sleeps == [3.0]


@responses.activate
def test_the_budget_is_shared_by_every_request_of_the_task(fake_time):
    responses.get(BASE + "/first", status=429, headers={"Retry-After": "2"})
    responses.get(BASE + "/first", json={})
    responses.get(BASE + "/second", status=429, headers={"Retry-After": "2"})  # answered to every request
    api = make_client(fake_time, retry_timeout=3)
    assert api.get("/first") == {}
    with pytest.raises(ApiError) as caught:
        api.get("/second")
    assert "in all and the retry budget (retry_timeout=3 s) is spent" in str(caught.value)
    # The second request had 1 s left: it backed off within it rather than wait the 2 s asked.
    assert fake_time.sleeps[0] == 2.0 and all(pause < 1.0 for pause in fake_time.sleeps[1:])
    assert 3 - pacing.BACKOFF_MIN < sum(fake_time.sleeps) <= 3


@pytest.mark.parametrize("answer", [
    {"status": 429, "headers": {"Retry-After": "1"}},
    {"status": 503},
    {"body": requests.exceptions.ConnectionError("reset")},
])
@responses.activate
def test_zero_retry_timeout_sends_each_request_once(fake_time, answer):
    responses.get(BASE + "/things", **answer)
    responses.get(BASE + "/things", json={})
    api = make_client(fake_time, retry_timeout=0)
    with pytest.raises(ApiError):
        api.get("/things")
    assert len(responses.calls) == 1
    assert fake_time.sleeps == []


def test_waits_that_overlap_in_time_count_once(fake_time):
    budget = pacing.RetryBudget(2, fake_time.clock)
    assert [budget.grant(1, 0.3) for _thread in range(3)] == [1, 1, 1]
    assert budget.spent() == 1.0
    assert budget.grant(2, 0.3) == 2  # from the same moment: one more second of wall time
    assert budget.spent() == 2.0
    fake_time.sleep(2)
    assert budget.grant(1, 0.3) is None
    assert budget.grant(None, 0.3) is None


def test_threads_held_back_together_spend_the_budget_once():
    first_answers = set()
    lock = threading.Lock()
    together = threading.Barrier(5, timeout=10)  # the five first requests are answered 429 once all are in flight

    def answer(request):
        with lock:
            first = request.path_url not in first_answers
            first_answers.add(request.path_url)
        if first:
            together.wait()
            return (429, {"Retry-After": "1"}, "{}")
        return (200, {}, "{}")

    api = ApiClient(BASE, SECRET, retry_timeout=1.5)
    api.set_concurrency(5)
    with responses.RequestsMock() as mock:
        for number in range(5):
            mock.add_callback("GET", BASE + "/things/%d" % number, callback=answer, content_type="application/json")
        started = time.monotonic()
        assert api.concurrently(lambda number: api.get("/things/%d" % number), range(5)) == [{}] * 5
        assert len(mock.calls) == 10
    assert time.monotonic() - started < 1.5 * 2


def test_backoff_never_goes_below_its_minimum():
    assert min(ApiClient._backoff(1) for _draw in range(200)) >= pacing.BACKOFF_MIN
    assert max(ApiClient._backoff(20) for _draw in range(200)) <= client_module.BACKOFF_MAX


# ---- no redirects ---------------------------------------------------------------

@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@responses.activate
def test_a_redirected_write_fails_at_once_saying_its_outcome_is_unknown(fake_time, status):
    responses.post(BASE + "/things", status=status, headers={"Location": "https://elsewhere.test/things"})
    responses.get("https://elsewhere.test/things", json={})
    responses.post("https://elsewhere.test/things", status=201, json={"id": 1})
    api = make_client(fake_time)
    with pytest.raises(ApiError) as caught:
        api.post("/things", {"name": "a"})
    assert not isinstance(caught.value, OutcomeUnknown)  # nothing looks it up and tries again
    assert caught.value.status == status
    assert str(caught.value) == (
        "POST /things returned HTTP %d: a redirect to https://elsewhere.test/things; the collection never follows "
        "redirects; the outcome of this POST is unknown: check whether it was carried out; if the API is there, set "
        "api_url to https://elsewhere.test" % status)
    assert [call.request.url for call in responses.calls] == [BASE + "/things"]
    assert fake_time.sleeps == []


@responses.activate
def test_a_redirect_to_the_same_path_elsewhere_names_the_api_url_to_set(fake_time):
    base = "http://api.example.test/api/v3"
    responses.get(base + "/hubs/acme", status=301,
                  headers={"Location": "https://api.example.test/api/v3/hubs/acme?api_version=V3-R1"})
    api = ApiClient(base, SECRET, clock=fake_time.clock, sleep=fake_time.sleep, default_query={"api_version": "V3-R1"})
    with pytest.raises(ApiError) as caught:
        api.get("/hubs/acme")
    message = str(caught.value)
    assert message.startswith("GET /hubs/acme returned HTTP 301: a redirect to https://api.example.test/api/v3/hubs/acme?")
    assert message.endswith("; if the API is there, set api_url to https://api.example.test/api/v3")
    assert "outcome" not in message
    assert len(responses.calls) == 1


@responses.activate
def test_a_relative_redirect_is_read_against_the_request(fake_time):
    responses.delete(BASE + "/things/1", status=307, headers={"Location": "/v4/things/1"})
    api = make_client(fake_time)
    with pytest.raises(ApiError) as caught:
        api.delete("/things/1")
    assert str(caught.value) == (
        "DELETE /things/1 returned HTTP 307: a redirect to https://api.example.test/v4/things/1; the collection never "
        "follows redirects; the outcome of this DELETE is unknown: check whether it was carried out; if the API is "
        "there, set api_url to https://api.example.test/v4")


@responses.activate
def test_the_credentials_of_a_location_are_never_shown(fake_time):
    location = "https://admin:hunter2@elsewhere.test/api/v3/things?token=%s#frag" % SECRET
    responses.get(BASE + "/things", status=302, headers={"Location": location})
    api = make_client(fake_time)
    with pytest.raises(ApiError) as caught:
        api.get("/things")
    rendered = "%s %r" % (caught.value, caught.value.args)
    for secret in ("admin", "hunter2", "token", SECRET, "frag"):
        assert secret not in rendered
    assert "a redirect to https://********@elsewhere.test/api/v3/things?********#********" in rendered
    assert rendered.count("set api_url to https://elsewhere.test/api/v3;") == 0
    assert "set api_url to https://elsewhere.test/api/v3" in str(caught.value)


# ---- values placed in a path --------------------------------------------------------

def test_path_values_are_quoted_into_one_segment():
    assert client_module.api_path("/hubs/%s/services/%s", "ac me", 42) == "/hubs/ac%20me/services/42"
    assert client_module.api_path("/x/%s/", "a/b?c#d%2F") == "/x/a%2Fb%3Fc%23d%252F/"


@pytest.mark.parametrize("value", ["", ".", "..", "a\x00b", "a\nb", True, -1, None, {"id": 1}, 1.5])
def test_path_values_that_cannot_be_one_segment_are_refused(value):
    with pytest.raises(client_module.UnsafePathValue) as caught:
        client_module.api_path("/services/%s", value)
    assert str(caught.value).startswith("refused to place %r in the request path /services/%%s: " % (value,))


@responses.activate
def test_the_retried_requests_count_in_the_retry_budget_as_well_as_the_waits(fake_time):
    """Each attempt takes 2 s (a server slow to fail): with retry_timeout=3 the retries end once waits and retried
    attempts reach 3 s, not after 3 s of waits alone (that would allow attempts without end at 2 s each)."""
    def slow_failure(_request):
        fake_time.now += 2
        return 503, {}, '{"error": "down"}'

    responses.add_callback(responses.GET, BASE + "/things", callback=slow_failure)
    api = make_client(fake_time, retry_timeout=3)
    started = fake_time.now
    with pytest.raises(ApiError):
        api.get("/things")
    # The first attempt (2 s), a wait of at most 0.5 s and a retry (2 s) leave at most 0.75 s: one more wait and
    # retry, then the budget is spent. Counting the waits only, five attempts would fit.
    assert len(responses.calls) == 3
    # The first attempt, retry_timeout, and the one retried attempt that began inside it and ended beyond it.
    assert fake_time.now - started <= 2 + 3 + 2 + 1e-9


# --- only the API's answers count ------------------------------------------------------------------------------------

PORTAL = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>%s</body></html>" % ("x" * 200)


@pytest.mark.parametrize("answer, shown", [
    (dict(body=PORTAL, content_type="text/html"), "a body that is not JSON where a JSON object was due (content type "
                                                  "text/html; the body begins \"<!DOCTYPE html><html><head><title>"),
    (dict(body="null", content_type="application/json"), "JSON null where a JSON object was due"),
    (dict(json=[]), "a JSON array where a JSON object was due"),
    (dict(json="ok"), "a JSON string where a JSON object was due"),
    (dict(body='{"id": 1, "na', content_type="application/json"),
     "a body that is not whole JSON (cut short, or not JSON) where a JSON object was due"),
    (dict(body="", status=204), "no body where a JSON object was due"),
])
@responses.activate
def test_a_read_answered_with_what_is_not_the_api_s_is_retried_then_fails_naming_request_and_answer(
        fake_time, answer, shown):
    responses.get(BASE + "/things/1", **answer)
    with pytest.raises(client_module.ForeignAnswer) as caught:
        make_client(fake_time, retry_timeout=2).get("/things/1")
    message = str(caught.value)
    assert message.startswith("GET /things/1 returned HTTP %s: not the API's answer: " % answer.get("status", 200))
    assert shown in message and "retry budget (retry_timeout=2 s) is spent" in message
    assert len(responses.calls) > 1 and sum(fake_time.sleeps) < 2 + 1e-6


@responses.activate
def test_a_foreign_answer_once_is_retried_and_the_api_s_answer_believed(fake_time):
    responses.get(BASE + "/things", body=PORTAL, content_type="text/html")
    responses.get(BASE + "/things", json={"id": 1})
    assert make_client(fake_time).get("/things") == {"id": 1}
    assert len(responses.calls) == 2 and len(fake_time.sleeps) == 1


@responses.activate
def test_the_body_shown_has_the_secret_masked_also_where_the_preview_cuts_it(fake_time):
    responses.get(BASE + "/things", body="<html>%s%s</html>" % ("y" * 70, SECRET), content_type="text/html")
    with pytest.raises(client_module.ForeignAnswer) as caught:
        make_client(fake_time, retry_timeout=0).get("/things")
    assert SECRET[:8] not in str(caught.value) and '"<html>%s****..."' % ("y" * 70) in str(caught.value)


@pytest.mark.parametrize("expect, answer, problem", [
    (answers.LIST, {"json": {"data": []}}, "a JSON object where a JSON array of objects was due"),
    (answers.LIST, {"json": [1, 2]}, "a JSON array holding values other than objects"),
    (answers.ENVELOPE, {"json": []}, "a JSON array where the paginated list envelope was due"),
    (answers.ENVELOPE, {"json": {"page_count": 1, "total": 0, "per_page": 100, "current_page": 1}},
     "a JSON object without a data array of objects"),
    (answers.ENVELOPE, {"json": {"page_count": "1", "total": 0, "per_page": 0, "current_page": 1, "data": []}},
     "a JSON object whose page_count and per_page are not a count"),
])
@responses.activate
def test_a_list_or_an_envelope_of_another_shape_is_not_the_api_s(fake_time, expect, answer, problem):
    responses.get(BASE + "/things", **answer)
    with pytest.raises(client_module.ForeignAnswer, match=problem):
        make_client(fake_time, retry_timeout=0).get("/things", expect=expect)


@responses.activate
def test_a_404_that_is_not_the_api_s_error_is_never_not_found(fake_time):
    responses.get(BASE + "/things/1", status=404, body="<html>Not here</html>", content_type="text/html")
    with pytest.raises(client_module.ForeignAnswer, match=r"^GET /things/1 returned HTTP 404: not the API's answer"):
        make_client(fake_time, retry_timeout=0).get("/things/1")


@responses.activate
def test_the_api_s_404_stays_not_found(fake_time):
    responses.get(BASE + "/things/1", status=404, json={"error": "Not found"})
    with pytest.raises(ApiError) as caught:
        make_client(fake_time).get("/things/1")
    assert not isinstance(caught.value, client_module.ForeignAnswer)
    assert caught.value.status == 404 and len(responses.calls) == 1


@pytest.mark.parametrize("answer", [dict(body=PORTAL, content_type="text/html"),
                                    dict(body='{"uuid": "u-', status=201, content_type="application/json")])
@responses.activate
def test_a_create_whose_answer_cannot_be_read_is_a_lost_answer_never_sent_again(fake_time, answer):
    responses.post(BASE + "/things", **answer)
    with pytest.raises(OutcomeUnknown, match=r"not the API's answer: .*; the request may have been carried out$"):
        make_client(fake_time).post("/things", {"name": "a"})
    assert len(responses.calls) == 1


@responses.activate
def test_an_update_or_delete_answered_by_a_proxy_is_retried(fake_time):
    responses.put(BASE + "/things/1", body=PORTAL, content_type="text/html")
    responses.put(BASE + "/things/1", json={"id": 1})
    responses.delete(BASE + "/things/1", body="null", content_type="text/html")
    responses.delete(BASE + "/things/1", status=204)
    api = make_client(fake_time)
    assert api.put("/things/1", {"name": "a"}) == {"id": 1}
    assert api.delete("/things/1") is None
    assert [call.request.method for call in responses.calls] == ["PUT", "PUT", "DELETE", "DELETE"]


@responses.activate
def test_a_delete_may_answer_any_json_or_nothing(fake_time):
    responses.delete(BASE + "/things/1", status=204)
    responses.delete(BASE + "/things/2", json={"id": 2})
    api = make_client(fake_time)
    assert (api.delete("/things/1"), api.delete("/things/2")) == (None, {"id": 2})


# --- lists that change or lie ----------------------------------------------------------------------------------------


def envelope(page, items, total, per_page=2, page_count=None):
    return {"current_page": page, "page_count": page_count or max(1, -(-total // per_page)), "per_page": per_page,
            "total": total, "data": [{"id": number} for number in items]}


def serve_pages(*answers):
    """Each answer (page number, envelope) in turn, matched by its page number."""
    for number, body in answers:
        responses.get(BASE + "/items", json=body, match=[matchers.query_param_matcher({"page": str(number), "per_page": "2"})])


@responses.activate
def test_a_page_count_that_the_total_does_not_allow_is_read_again_then_fails_without_walking_it(fake_time):
    serve_pages(*[(1, envelope(1, [1, 2], 2, page_count=100000))] * client_module.LIST_READS)
    with pytest.raises(ApiError) as caught:
        make_client(fake_time).paginate("/items", None, per_page=2)
    assert str(caught.value) == (
        "GET /items: the list changed or lied while it was read, on each of 3 reads (page_count 100000 where a total of "
        "2 at 2 a page makes 1; page_count 100000 where a total of 2 at 2 a page makes 1; page_count 100000 where a "
        "total of 2 at 2 a page makes 1); no decision is taken on it: run the task again once the list is stable, or "
        "check what answers at api_url")
    assert len(responses.calls) == client_module.LIST_READS


@pytest.mark.parametrize("first, second, problem", [
    (envelope(1, [1, 2], 3), envelope(2, [4], 2, page_count=2), "total moved from 3 to 2 between page 1 and page 2"),
    (envelope(1, [1, 2], 3), envelope(2, [2], 3), "item id 2 was seen twice"),
    (envelope(1, [1], 3), envelope(2, [3], 3), "page 1 of 2 held 1 items where 2 were due"),
    (envelope(1, [1, 2], 3), envelope(2, [], 3), "page 2 of 2 held 0 items where 1 were due"),
    (envelope(1, [1, 2], 3), envelope(1, [1, 2], 3), "page 2 was answered as page 1"),
    (envelope(1, [1, 2], 3), envelope(2, [3], 3, page_count=3), "page_count moved from 2 to 3 between page 1 and page 2"),
])
@responses.activate
def test_a_list_that_changed_between_pages_is_read_again_and_the_consistent_read_counts(fake_time, first, second, problem):
    serve_pages((1, first), (2, second), (1, envelope(1, [1, 2], 3)), (2, envelope(2, [3], 3)))
    assert [item["id"] for item in make_client(fake_time).paginate("/items", None, per_page=2)] == [1, 2, 3]
    assert len(responses.calls) == 4


@responses.activate
def test_a_list_that_changes_on_every_read_fails_naming_each_change(fake_time):
    for total, then in ((3, 4), (4, 3), (3, 4)):
        serve_pages((1, envelope(1, [1, 2], total)), (2, envelope(2, [3], then, page_count=2)))
    with pytest.raises(ApiError, match=r"on each of 3 reads \(total moved from 3 to 4 between page 1 and page 2; total "
                                       r"moved from 4 to 3 .*; total moved from 3 to 4 .*\); no decision is taken"):
        make_client(fake_time).paginate("/items", None, per_page=2)


@responses.activate
def test_an_empty_list_may_count_no_page_or_one(fake_time):
    serve_pages((1, envelope(1, [], 0, page_count=1)))
    serve_pages((1, dict(envelope(1, [], 0), page_count=0)))
    api = make_client(fake_time)
    assert api.paginate("/items", None, per_page=2) == [] and api.paginate("/items", None, per_page=2) == []


@pytest.mark.parametrize("answer, problem", [({}, "a JSON object without its uuid"), ({"uuid": None}, "a JSON object "
                                             "without its uuid"), ([{"uuid": "u-1"}], "a JSON array")])
@responses.activate
def test_a_create_answered_without_the_new_object_s_id_is_a_lost_answer(fake_time, answer, problem):
    responses.post(BASE + "/things", status=201, json=answer)
    with pytest.raises(OutcomeUnknown, match="%s where a JSON object with its uuid was due" % problem):
        make_client(fake_time).post("/things", {"name": "a"}, expect=answers.Identified("uuid"))
    assert len(responses.calls) == 1


@responses.activate
def test_an_update_never_answered_by_the_api_has_an_unknown_outcome(fake_time):
    responses.put(BASE + "/things/1", body=PORTAL, content_type="text/html")
    with pytest.raises(OutcomeUnknown, match=r"^PUT /things/1 returned HTTP 200: not the API's answer: .*retry budget "
                                             r"\(retry_timeout=0 s\) is spent; the outcome of this PUT is unknown: check "
                                             r"whether it was carried out$"):
        make_client(fake_time, retry_timeout=0).put("/things/1", {"name": "a"})


@responses.activate
def test_a_repeatable_post_answered_by_a_proxy_is_sent_again_then_its_outcome_is_unknown(fake_time):
    responses.post(BASE + "/things/1/", body=PORTAL, content_type="text/html")
    responses.post(BASE + "/things/1/", json={"uuid": "u-1"})
    api = make_client(fake_time)
    assert api.post("/things/1/", {"name": "a"}, repeatable=True) == {"uuid": "u-1"}
    responses.post(BASE + "/things/2/", body=PORTAL, content_type="text/html")
    with pytest.raises(OutcomeUnknown, match="the outcome of this POST is unknown: check whether it was carried out$"):
        make_client(fake_time, retry_timeout=0).post("/things/2/", {"name": "b"}, repeatable=True)
