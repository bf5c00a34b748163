# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client of the collection: auth, pacing, retries, pagination, errors."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import email.utils
import json
import random
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the target host
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.statusops.status.plugins.module_utils.masking import mask_pattern, masked

COLLECTION_VERSION = "0.1.0"
USER_AGENT = "statusops.status/%s (Ansible collection)" % COLLECTION_VERSION

RETRIABLE_STATUSES = (502, 503, 504)
IDEMPOTENT_METHODS = ("GET", "PUT", "DELETE")
BACKOFF_BASE = 0.5
BACKOFF_MAX = 8.0
# A documented limit of N requests a second is kept as at most N starts in any
# window of this many seconds: a little more than one, so that requests reaching
# the server up to 0.1 s later or sooner than they started (scheduling, network
# jitter) still fit its one-second window, while a burst of N needs no waiting.
RATE_WINDOW = 1.1


class ApiError(Exception):
    """A request that did not succeed: method, path, status and the API's message."""

    def __init__(self, method, path, status=None, message="", body=None):
        self.method = method
        self.path = path
        self.status = status
        self.message = message
        self.body = body
        super(ApiError, self).__init__(str(self))

    def __str__(self):
        head = "%s %s" % (self.method, self.path)
        if self.status is not None:
            head += " returned HTTP %s" % self.status
        return "%s: %s" % (head, self.message) if self.message else head


class OutcomeUnknown(ApiError):
    """A create was sent but its answer was lost: it may or may not exist now."""


class NotFoundOnRetry(ApiError):
    """A 404 answering a retry of a request that an earlier attempt may have carried out (a delete then did its work)."""


def render_error_body(body):
    """One readable line per field for DRF and StatusHub error bodies, nested too."""
    if isinstance(body, dict):
        if set(body) == {"error"} and isinstance(body["error"], str):
            return body["error"]
        if "errors" in body and len(body) == 1:
            return render_error_body(body["errors"])
    lines = []
    _flatten_error(body, "", lines)
    return "\n".join(lines)


def _flatten_error(value, prefix, lines):
    if isinstance(value, dict):
        for key in value:
            label = key if key not in ("non_field_errors", "detail", "error") else ""
            _flatten_error(value[key], _join(prefix, label), lines)
    elif isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        for index, item in enumerate(value):
            _flatten_error(item, "%s[%d]" % (prefix, index), lines)
    elif isinstance(value, list):
        for message in value:
            lines.append(_line(prefix, message))
    elif value not in (None, ""):
        lines.append(_line(prefix, value))


def _join(prefix, key):
    if not key:
        return prefix
    return "%s.%s" % (prefix, key) if prefix else key


def _line(prefix, message):
    return "%s: %s" % (prefix, message) if prefix else "%s" % message


def retry_after_seconds(value, now=None):
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class Pacer:
    """Lets at most the documented number of requests of each kind start in any RATE_WINDOW, for every thread.

    Counting starts (not answers) keeps the steady rate at the documented limit whatever the latency, while
    several requests are in flight. A 429's Retry-After holds every request back.
    """

    def __init__(self, per_second, clock, sleep):
        """per_second maps 'GET' and 'OTHER' to a documented limit (or None: no limit)."""
        self._limits = dict((kind, int(limit)) for kind, limit in per_second.items() if limit)
        self._starts = dict((kind, collections.deque()) for kind in self._limits)
        self._held_until = None
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()

    @staticmethod
    def _kind(method):
        return "GET" if method == "GET" else "OTHER"

    def wait(self, method):
        """Sleep until a request of this kind may start, and count its start."""
        kind = self._kind(method)
        starts = self._starts.get(kind)
        while True:
            with self._lock:
                now = self._clock()
                ready = max(now, self._held_until or now)
                if starts is not None and len(starts) == self._limits[kind]:
                    ready = max(ready, starts[0] + RATE_WINDOW)
                if ready <= now:
                    if starts is not None:
                        if len(starts) == self._limits[kind]:
                            starts.popleft()
                        starts.append(now)
                    return
            self._sleep(ready - now)

    def hold(self, seconds):
        """Send nothing more, from any thread, for this long (a server asked so with Retry-After)."""
        with self._lock:
            until = self._clock() + seconds
            self._held_until = max(self._held_until or until, until)


class ApiClient:
    """A requests.Session configured for one API."""

    def __init__(self, base_url, authorization, timeout=30, validate_certs=True, retry_timeout=60,
                 default_query=None, rate_limits=None, clock=time.monotonic, sleep=time.sleep, ca_path=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        # Given with each request: requests lets REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE override a session's verify.
        self.verify = (ca_path or True) if validate_certs else False
        self.retry_timeout = retry_timeout
        self.default_query = dict(default_query or {})
        self._sleep = sleep
        self._pacer = Pacer(rate_limits or {}, clock, sleep)
        self.concurrency = 1
        self.session = requests.Session()
        self.session.headers.update({
            "Authorization": authorization,
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        })

    def set_concurrency(self, requests_in_flight):
        """Let this many threads share the client: one connection each, kept in one pool.

        The session's connection pool is thread-safe, and the session's other state (headers, TLS settings) is
        only read while requests are sent; with a blocking pool of this size no more requests are ever in flight.
        """
        self.concurrency = requests_in_flight
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=requests_in_flight, pool_block=True)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def concurrently(self, function, items):
        """function(item) for each item, as many at once as the concurrency allows; results in the items' order."""
        items = list(items)
        if self.concurrency <= 1 or len(items) <= 1:
            return [function(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(items))) as pool:
            return list(pool.map(function, items))

    def get(self, path, query=None):
        return self.request("GET", path, query=query)

    def post(self, path, body=None, query=None):
        return self.request("POST", path, query=query, body=body)

    def put(self, path, body=None, query=None):
        return self.request("PUT", path, query=query, body=body)

    def delete(self, path, query=None):
        return self.request("DELETE", path, query=query)

    def request(self, method, path, query=None, body=None):
        """Send one request, retrying what is safe to retry inside the time budget."""
        try:
            return self._send(method, path, query, body)
        except ApiError as exc:
            raise self._scrubbed(exc) from None

    def _scrubbed(self, exc):
        """The same error with the secret removed, even where a server echoed it back, in any spelling."""
        pattern = mask_pattern([self.session.headers["Authorization"]])
        return type(exc)(exc.method, exc.path, exc.status, masked(exc.message, pattern), masked(exc.body, pattern))

    def _send(self, method, path, query, body):
        params = dict(self.default_query)
        params.update(query or {})
        waited = 0.0
        attempt = 0
        maybe_carried_out = False  # by an earlier attempt: sent, then its answer was lost or a 5xx
        while True:
            attempt += 1
            self._pacer.wait(method)
            try:
                response = self.session.request(
                    method, self.base_url + path, params=params, timeout=self.timeout, verify=self.verify,
                    data=None if body is None else json.dumps(body),
                    headers=None if body is None else {"Content-Type": "application/json"},
                )
            except requests.exceptions.RequestException as exc:
                unfixable = _unfixable_by_retry(exc)
                if unfixable:
                    raise ApiError(method, path, None, unfixable)
                reason = _connection_failure(exc)
                if method == "POST" and _maybe_sent(exc):
                    raise OutcomeUnknown(method, path, None, "no answer (%s); the request may have been carried out" % reason)
                maybe_carried_out = maybe_carried_out or _maybe_sent(exc)
                delay = self._backoff(attempt)
                if waited + delay > self.retry_timeout:
                    raise ApiError(method, path, None, "%s (gave up after waiting %.1f s for retries)" % (reason, waited))
                pause = self._sleep
            else:
                if response.status_code < 300:
                    return _json_or_none(response)
                delay = self._retry_delay(method, path, response, attempt)
                if delay is None:
                    if response.status_code == 404 and maybe_carried_out:
                        raise NotFoundOnRetry(method, path, 404, "%s (on a retry; an earlier attempt may have been carried out)"
                                              % _message_of(response), _json_or_none(response))
                    raise _error_from(method, path, response)
                if waited + delay > self.retry_timeout:
                    raise _budget_spent(method, path, response, waited, self.retry_timeout)
                maybe_carried_out = maybe_carried_out or response.status_code in RETRIABLE_STATUSES
                # A 429 holds back every thread of this client, not only this request.
                pause = self._pacer.hold if response.status_code == 429 else self._sleep
            pause(delay)
            waited += delay

    def paginate(self, path, query, per_page):
        """Every item of a paginated list, per_page items a page: the first page, then the others at once."""

        def page(number):
            params = dict(query or {})
            params.update({"page": number, "per_page": per_page})
            return self.get(path, params)

        first = page(1)
        pages = [first] + self.concurrently(page, range(2, int(first.get("page_count") or 1) + 1))
        return [item for envelope in pages for item in envelope.get("data") or []]

    def _retry_delay(self, method, path, response, attempt):
        if response.status_code == 429:
            after = retry_after_seconds(response.headers.get("Retry-After"))
            return self._backoff(attempt) if after is None else after
        if response.status_code in RETRIABLE_STATUSES and method in IDEMPOTENT_METHODS:
            return self._backoff(attempt)
        if response.status_code in RETRIABLE_STATUSES and method == "POST":
            raise OutcomeUnknown(method, path, response.status_code,
                                 "%s; the request may have been carried out" % _message_of(response))
        return None

    @staticmethod
    def _backoff(attempt):
        """Exponential backoff with full jitter."""
        return random.uniform(0, min(BACKOFF_MAX, BACKOFF_BASE * (2 ** (attempt - 1))))


def _json_or_none(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _message_of(response):
    body = _json_or_none(response)
    if body is None:
        return response.reason or ""
    return render_error_body(body)


def _error_from(method, path, response):
    return ApiError(method, path, response.status_code, _message_of(response), _json_or_none(response))


def _budget_spent(method, path, response, waited, budget):
    if response.status_code == 429:
        message = "rate limit hit; waited %.1f s in all and the retry budget (retry_timeout=%s s) is spent" % (waited, budget)
    else:
        message = "%s; waited %.1f s for retries and the retry budget (retry_timeout=%s s) is spent" % (
            _message_of(response), waited, budget)
    return ApiError(method, path, response.status_code, message, _json_or_none(response))


def _connection_failure(exc):
    if isinstance(exc, requests.exceptions.Timeout):
        return "timed out"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error: %s" % exc.__class__.__name__
    return "connection failed (%s)" % exc.__class__.__name__


def _unfixable_by_retry(exc):
    """The message for a failure that no retry can fix (a malformed URL, a certificate not trusted), else None."""
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema)):
        return "api_url is not a valid http(s) URL (%s)" % exc
    refusal = _certificate_refusal(exc)
    if refusal is not None:
        return ("TLS certificate verification failed (%s); set ca_path to the CA bundle that signed the server's "
                "certificate, or validate_certs to false to skip verification" % refusal.verify_message)
    return None


def _certificate_refusal(exc):
    """The ssl.SSLCertVerificationError somewhere in the chain of exceptions that requests and urllib3 wrap."""
    pending, seen = [exc], set()
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        pending.extend([getattr(current, "reason", None), current.__cause__, current.__context__])
        pending.extend(current.args)
    return None


def _maybe_sent(exc):
    """False only when the request certainly never reached the server."""
    return not isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)) and \
        "NewConnectionError" not in repr(exc)
