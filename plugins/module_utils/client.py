# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The one HTTP client of the collection: auth, pacing, retries, pagination, errors.
"""

import json
import os
import random
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the target host
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.statusops.status.plugins.module_utils.answers import (
    ANY_JSON,
    ENVELOPE,
    OBJECT,
    body_problem,
    page_count_problem,
    pages_problem,
)
from ansible_collections.statusops.status.plugins.module_utils.checks import shown_url
from ansible_collections.statusops.status.plugins.module_utils.deadline import DeadlineAdapter, RequestDeadline
from ansible_collections.statusops.status.plugins.module_utils.errors import (
    ApiError,
    ForeignAnswer,
    NotFoundOnRetry,
    OutcomeUnknown,
    UnsafePathValue,
    render_error_body,
)
from ansible_collections.statusops.status.plugins.module_utils.masking import mask_pattern, masked
from ansible_collections.statusops.status.plugins.module_utils.pacing import BACKOFF_BASE, Pacer, RetryBudget, retry_after_seconds

COLLECTION_VERSION = "0.2.0"
USER_AGENT = "statusops.status/%s (Ansible collection)" % COLLECTION_VERSION

RETRIABLE_STATUSES = (502, 503, 504)
# Safe to send again: the contract makes these idempotent (a POST is a create unless its caller says it is repeatable).
IDEMPOTENT_METHODS = ("GET", "PUT", "DELETE")
# What the client takes from the environment: the proxies (with NO_PROXY) and, when neither ca_path nor
# validate_certs=false says otherwise, the CA bundle. Never credentials (netrc): only the token or key is sent.
CA_BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")
BACKOFF_MAX = 8.0
# How much of a body that is not the API's an error shows, and how much more is read around it so that a secret
# that begins within it is masked whole.
BODY_PREVIEW = 80
BODY_PREVIEW_READ = 4096
# How many times a paginated list is read, all its pages, before a list that changed or lied on every read fails.
LIST_READS = 3


def api_path(template, *values):
    """template %% values, each value checked and percent-quoted so that it stays one segment of the path."""
    return template % tuple(_path_segment(template, value) for value in values)


def _path_segment(template, value):
    if isinstance(value, bool) or not isinstance(value, (str, int)) or (isinstance(value, int) and value < 0):
        raise UnsafePathValue(template, value)
    text = str(value)
    if text in ("", ".", "..") or any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise UnsafePathValue(template, value)
    return quote(text, safe="")


class ApiClient:
    """A requests.Session configured for one API."""

    def __init__(self, base_url, authorization, timeout=30, validate_certs=True, retry_timeout=60,
                 default_query=None, rate_limits=None, clock=time.monotonic, sleep=time.sleep, ca_path=None, headers=None):
        """authorization: the Authorization header, or None; headers: more headers, secret like it (an API whose
        credentials are whatever headers its proxy wants)."""
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.verify = (ca_path or _environment_ca_bundle() or True) if validate_certs else False
        self.proxies = _environment_proxies(self.base_url)
        self.retry_timeout = retry_timeout
        self.default_query = dict(default_query or {})
        self._clock = clock
        self._sleep = sleep
        self._pacer = Pacer(rate_limits or {}, clock, sleep)
        self._budget = RetryBudget(retry_timeout, clock)
        self.concurrency = 1
        self.session = requests.Session()
        # Nothing from the environment but what CA_BUNDLE_VARIABLES says: above all no netrc, whose login would
        # replace the Authorization header below.
        self.session.trust_env = False
        self.session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})
        secrets = dict(headers or {})
        if authorization is not None:
            secrets["Authorization"] = authorization
        self.session.headers.update(secrets)
        self._secrets = list(secrets.values())
        self._mount(DeadlineAdapter())

    def set_concurrency(self, requests_in_flight):
        """Let this many threads share the client: one connection each, kept in one pool.

        The session's connection pool is thread-safe, and the session's other state (headers, TLS settings) is
        only read while requests are sent; with a blocking pool of this size no more requests are ever in flight.
        """
        self.concurrency = requests_in_flight
        self._mount(DeadlineAdapter(pool_maxsize=requests_in_flight, pool_block=True))

    def _mount(self, adapter):
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def concurrently(self, function, items):
        """function(item) for each item, as many at once as the concurrency allows; results in the items' order."""
        items = list(items)
        if self.concurrency <= 1 or len(items) <= 1:
            return [function(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(items))) as pool:
            return list(pool.map(function, items))

    def get(self, path, query=None, expect=OBJECT):
        return self.request("GET", path, query=query, expect=expect)

    def post(self, path, body=None, query=None, repeatable=False, expect=OBJECT):
        """repeatable: the contract makes this POST idempotent (it sends a whole object), so it is retried like a PUT."""
        return self.request("POST", path, query=query, body=body, repeatable=repeatable, expect=expect)

    def put(self, path, body=None, query=None):
        return self.request("PUT", path, query=query, body=body)

    def delete(self, path, query=None):
        return self.request("DELETE", path, query=query, expect=ANY_JSON)

    def request(self, method, path, query=None, body=None, repeatable=False, expect=OBJECT):
        """Send one request, retrying what is safe to retry inside the time budget; its answer's body, which has
        the shape expect says (OBJECT, LIST, ENVELOPE, or ANY_JSON for None when there is no body)."""
        try:
            return self._send(method, path, query, body, repeatable or method in IDEMPOTENT_METHODS, expect)
        except ApiError as exc:
            raise self._scrubbed(exc) from None

    def _secret_pattern(self):
        return mask_pattern(self._secrets)

    def _scrubbed(self, exc):
        """The same error with the secret removed, even where a server echoed it back, in any spelling."""
        pattern = self._secret_pattern()
        return type(exc)(exc.method, exc.path, exc.status, masked(exc.message, pattern), masked(exc.body, pattern))

    def _send(self, method, path, query, body, idempotent, expect):
        params = dict(self.default_query)
        params.update(query or {})
        attempt = 0
        maybe_carried_out = False  # by an earlier attempt: sent, then its answer was lost or a 5xx
        while True:
            attempt += 1
            self._pacer.wait(method)
            try:
                response = self._attempt(method, path, params, body, retry=attempt > 1)
            except requests.exceptions.RequestException as exc:
                unfixable = _unfixable_by_retry(exc)
                if unfixable:
                    raise ApiError(method, path, None, unfixable)
                reason = _connection_failure(exc)
                if not idempotent and _maybe_sent(exc):
                    raise OutcomeUnknown(method, path, None, "no answer (%s); the request may have been carried out" % reason)
                maybe_carried_out = maybe_carried_out or _maybe_sent(exc)
                delay = self._budget.grant(None, self._backoff(attempt))
                if delay is None:
                    raise ApiError(method, path, None, "%s (gave up: the task waited %.1f s for retries and the retry "
                                                       "budget, retry_timeout=%s s, is spent)"
                                   % (reason, self._budget.spent(), self.retry_timeout))
                pause = self._sleep
            else:
                foreign = self._foreign(response, expect)
                if foreign is not None:
                    if not idempotent:
                        raise OutcomeUnknown(method, path, response.status_code,
                                             "%s; the request may have been carried out" % foreign)
                    delay = self._budget.grant(None, self._backoff(attempt))
                    if delay is None:
                        spent = "%s; waited %.1f s for retries and the retry budget (retry_timeout=%s s) is spent" % (
                            foreign, self._budget.spent(), self.retry_timeout)
                        if method == "GET":
                            raise ForeignAnswer(method, path, response.status_code, spent)
                        raise OutcomeUnknown(method, path, response.status_code, "%s; the outcome of this %s is unknown: "
                                             "check whether it was carried out" % (spent, method))
                    maybe_carried_out = maybe_carried_out or method != "GET"
                    self._sleep(delay)
                    continue
                if response.status_code < 300:
                    return _json_or_none(response)
                if response.status_code < 400:
                    raise self._redirect_refused(method, path, response)
                if not self._may_retry(method, path, response, idempotent):
                    if response.status_code == 404 and maybe_carried_out:
                        raise NotFoundOnRetry(method, path, 404, "%s (on a retry; an earlier attempt may have been carried out)"
                                              % _message_of(response), _json_or_none(response))
                    raise _error_from(method, path, response)
                delay = self._budget.grant(retry_after_seconds(response.headers.get("Retry-After")), self._backoff(attempt))
                if delay is None:
                    raise _budget_spent(method, path, response, self._budget.spent(), self.retry_timeout)
                maybe_carried_out = maybe_carried_out or response.status_code in RETRIABLE_STATUSES
                # A 429 holds back every thread of this client, not only this request.
                pause = self._pacer.hold if response.status_code == 429 else self._sleep
            pause(delay)

    def _attempt(self, method, path, params, body, retry):
        """One sending of the request, ended by its deadline; the time a retry takes is charged to the retry budget."""
        started = self._clock()
        deadline = RequestDeadline(self.timeout)
        try:
            with deadline:
                return self.session.request(
                    method, self.base_url + path, params=params, timeout=self.timeout, verify=self.verify,
                    proxies=self.proxies, data=None if body is None else json.dumps(body),
                    headers=None if body is None else {"Content-Type": "application/json"},
                    allow_redirects=False,
                )
        except requests.exceptions.RequestException as exc:
            if deadline.expired:
                raise requests.exceptions.ReadTimeout("no whole answer within timeout=%s s" % self.timeout) from exc
            raise
        finally:
            if retry:
                self._budget.charge(self._clock() - started)

    def _foreign(self, response, expect):
        """What is wrong with an answer that is not the API's (a 2xx whose body is not what the request expects, a
        404 that is not the API's error object), or None for the API's answer."""
        if response.status_code < 300:
            problem = body_problem(response, expect)
        elif response.status_code == 404:
            problem = body_problem(response, OBJECT)
        else:
            return None
        if problem is None:
            return None
        return "not the API's answer: %s where %s was due (content type %s; the body begins %s); a proxy, captive " \
               "portal or load balancer may have answered instead of the API at api_url" % (
                   problem, OBJECT if response.status_code >= 300 else expect,
                   response.headers.get("Content-Type") or "none", self._preview(response))

    def _preview(self, response):
        """The first characters of a body, every spelling of the secret masked (also one cut by the preview)."""
        text = response.content[:BODY_PREVIEW + BODY_PREVIEW_READ].decode("utf-8", errors="replace")
        text = masked(text, self._secret_pattern())
        return json.dumps(text[:BODY_PREVIEW] + ("..." if len(text) > BODY_PREVIEW else ""), ensure_ascii=False)

    def paginate(self, path, query, per_page, id_key="id"):
        """Every item of a paginated list, per_page items a page: the first page, then the others at once.

        A list that changed or lied while it was read (its counts moved between pages, a page short or too long, an
        item seen twice, a page count that its total does not allow) is read again, LIST_READS times in all, then
        fails: nothing is ever decided on a list that was not read whole and consistent.
        """

        def page(number):
            params = dict(query or {})
            params.update({"page": number, "per_page": per_page})
            return self.get(path, params, expect=ENVELOPE)

        problems = []
        for _read in range(LIST_READS):
            first = page(1)
            problem = page_count_problem(first)
            if problem is None:
                pages = [first] + self.concurrently(page, range(2, first["page_count"] + 1))
                problem = pages_problem(pages, id_key)
                if problem is None:
                    return [item for envelope in pages for item in envelope["data"]]
            problems.append(problem)
        raise ApiError("GET", path, None, "the list changed or lied while it was read, on each of %d reads (%s); no "
                                          "decision is taken on it: run the task again once the list is stable, or "
                                          "check what answers at api_url" % (LIST_READS, "; ".join(problems)))

    @staticmethod
    def _may_retry(method, path, response, idempotent):
        """True for an answer worth a retry: a 429 for any request, a 502/503/504 for an idempotent one."""
        if response.status_code == 429:
            return True
        if response.status_code in RETRIABLE_STATUSES and idempotent:
            return True
        if response.status_code in RETRIABLE_STATUSES:
            raise OutcomeUnknown(method, path, response.status_code,
                                 "%s; the request may have been carried out" % _message_of(response))
        return False

    def _redirect_refused(self, method, path, response):
        """The error for a 3xx answer: where it pointed, whether the request may have been carried out, what to set."""
        location = response.headers.get("Location")
        if location is None:
            message = "a redirect without a Location; the collection never follows redirects"
        else:
            message = "a redirect to %s; the collection never follows redirects" % shown_url(_resolved(self.base_url + path, location))
        if method != "GET":
            message += "; the outcome of this %s is unknown: check whether it was carried out" % method
        moved_to = location and _moved_base_url(self.base_url, path, location)
        if moved_to:
            message += "; if the API is there, set api_url to %s" % moved_to
        return ApiError(method, path, response.status_code, message)

    @staticmethod
    def _backoff(attempt):
        """Exponential backoff with jitter, never less than half the step (BACKOFF_MIN at the first)."""
        step = min(BACKOFF_MAX, BACKOFF_BASE * (2 ** (attempt - 1)))
        return random.uniform(step / 2, step)


def _resolved(url, location):
    try:
        return urljoin(url, location)
    except ValueError:
        return location


def _moved_base_url(base_url, path, location):
    """The api_url under which a redirect's target is the same request path, when that differs from base_url."""
    try:
        target = urlsplit(_resolved(base_url + path, location))
    except ValueError:
        return None
    if target.scheme not in ("http", "https") or not target.hostname or not target.path.endswith(path):
        return None
    moved = urlunsplit((target.scheme, target.netloc.rpartition("@")[2], target.path[:len(target.path) - len(path)], "", ""))
    return moved if moved.rstrip("/") != base_url else None


def _environment_ca_bundle():
    return next((os.environ[name] for name in CA_BUNDLE_VARIABLES if os.environ.get(name)), None)


def _environment_proxies(base_url):
    """The proxies of HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY (any case) for the API's host, as requests
    reads them. A user and password in a proxy's URL go to that proxy only (Proxy-Authorization)."""
    try:
        return requests.utils.get_environ_proxies(base_url)
    except ValueError:  # an api_url that is no URL: the request fails naming it
        return {}


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
