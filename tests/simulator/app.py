"""The Flask app: shared state, request log, faults and rate limits around both APIs."""

import socket
import threading
import time

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from .common import (
    STATUSHUB, STATUSHUB_KEY, STATUSMATE_TOKEN, HUB_SUBDOMAIN, UNSUPPORTED_METHODS,
    ApiError, api_of, error_body, is_control, parsed_body, simulator,
)
from .config import DEFAULT_CONFIG, validated_config
from .control import bp as control_bp
from .faults import FaultSet
from .hub_common import HubState
from .ratelimit import RateLimiter
from .statushub import bp as statushub_bp
from .statushub_events import bp as events_bp
from .statushub_subscriptions import bp as subscriptions_bp
from .statusmate import Page, bp as statusmate_bp

RATE_LIMIT_MESSAGE = "Too many requests - please retry later"
FAULT_MESSAGES = {
    "429": RATE_LIMIT_MESSAGE,
    "500": "Internal server error",
    "502": "Bad gateway",
    "503": "Service unavailable",
}
# What a proxy or captive portal answers in place of the API (action html).
CAPTIVE_PORTAL_PAGE = ("<!DOCTYPE html><html><head><title>Sign in to the network</title></head>"
                       "<body><form action=\"/login\">Accept the terms to continue</form></body></html>")
# assumed: the message of methods outside the route table (the DRF text for Statusmate)
NOT_ALLOWED_MESSAGES = {STATUSHUB: "Method not allowed", "statusmate": 'Method "%s" not allowed.'}
NOT_FOUND_MESSAGES = {STATUSHUB: "Not found", "statusmate": "Not found."}


class Simulator:
    """Everything the simulator holds in memory; `lock` guards it all."""

    def __init__(self, config=None):
        self.start_config = validated_config(dict(DEFAULT_CONFIG), config or {})
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        self.config = dict(self.start_config)
        self.statusmate = Page(STATUSMATE_TOKEN)
        self.statushub = HubState(HUB_SUBDOMAIN, STATUSHUB_KEY)
        self.log = []
        self.faults = FaultSet()
        self.limiter = RateLimiter()


class SimulatorFlask(Flask):
    """Flask whose views run one at a time under the simulator lock."""

    def dispatch_request(self):
        with self.extensions["simulator"].lock:
            return super().dispatch_request()


def json_response(status, body, headers=None):
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def api_error_response(api, status, message, headers=None):
    return json_response(status, error_body(api, message), headers)


def drop_connection():
    """Close the client connection without an answer (Werkzeug's server socket)."""
    g.dropped = True
    sock = request.environ.get("werkzeug.socket")
    if sock is None:
        raise ConnectionAbortedError("the fault 'drop' needs a real server connection")
    try:
        sock.shutdown(socket.SHUT_RDWR)
        sock.close()
    except OSError:
        pass
    # Werkzeug's writes now fail with a connection error, which it treats as a dropped client.
    return Response(status=500)


def fault_response(rule, api, real=None):
    """The answer a fault rule puts in place of the API's (slow only waits, it has none); real is the API's answer,
    for the rules that change it (truncate, envelope)."""
    if rule.action == "drop":
        return drop_connection()
    if rule.action == "redirect":
        return Response(status=rule.status, headers={"Location": rule.location})
    if rule.action == "html":
        return Response(CAPTIVE_PORTAL_PAGE, status=200, content_type="text/html; charset=utf-8")
    if rule.action == "raw":
        return Response(rule.text, status=200, content_type=rule.content_type)
    if rule.action == "truncate":
        return Response(real.get_data()[:rule.bytes], status=real.status_code, content_type=real.content_type)
    if rule.action == "envelope":
        listed = real.get_json(silent=True)
        return json_response(real.status_code, dict(listed, **rule.envelope)) if isinstance(listed, dict) else real
    headers = {"Retry-After": rule.retry_after} if rule.retry_after is not None else None
    return api_error_response(api, int(rule.action), FAULT_MESSAGES[rule.action], headers)


def trickled(response, rule):
    """The same answer, headers at once (Content-Length included), then its body rule.chunk bytes at a time with
    rule.delay seconds before each chunk after the first: a server or middlebox that keeps a connection busy."""
    body = response.get_data()
    response.headers["Content-Length"] = str(len(body))

    def chunks():
        for start in range(0, len(body), rule.chunk):
            if start:
                time.sleep(rule.delay)
            yield body[start:start + rule.chunk]

    response.response = chunks()
    return response


def request_body_text():
    return request.get_data(cache=True).decode("utf-8", errors="replace")


def log_entry(sim, api):
    entry = {
        "time": time.time(),
        "api": api,
        "method": request.method,
        "path": request.path,
        "query": request.args.to_dict(flat=False),
        "status": None,
        "body": parsed_body(),
    }
    sim.log.append(entry)
    return entry


def before_api_request():
    """Log, faults, rate limits and routing strictness for every API request."""
    if is_control(request.path):
        return None
    sim = simulator()
    api = api_of(request.path)
    with sim.lock:
        g.entry = log_entry(sim, api)
        rule = sim.faults.pick(request.method, request.path, request_body_text(),
                               request.query_string.decode("utf-8", errors="replace"))
    if rule is not None and (rule.after_handling or rule.action == "trickle"):
        g.late_fault = rule
    elif rule is not None and rule.action == "slow":
        time.sleep(rule.delay)
    elif rule is not None:
        return fault_response(rule, api)
    if api == STATUSHUB and not rate_allowed(sim):
        return api_error_response(api, 429, RATE_LIMIT_MESSAGE, {"Retry-After": "1"})
    return routing_response(api)


def rate_allowed(sim):
    with sim.lock:
        if not sim.config["rate_limits"]:
            return True
        key = request.headers.get("Authorization", "")
        return sim.limiter.allow(key, request.method, g.entry["time"])


def routing_response(api):
    """404 instead of a slash redirect; 405 for methods Flask would answer by itself."""
    if isinstance(request.routing_exception, RequestRedirect):
        return api_error_response(api, 404, NOT_FOUND_MESSAGES[api])
    if request.routing_exception is None and request.method in UNSUPPORTED_METHODS:
        return not_allowed_response(api)
    return None


def not_allowed_response(api):
    message = NOT_ALLOWED_MESSAGES[api]
    if "%s" in message:
        message = message % request.method
    return api_error_response(api, 405, message)


def after_api_request(response):
    """Apply an after_handling fault, record the status of the answer, then wait out a late slow fault
    and the configured latency.

    The status is recorded before the wait, so the log shows what was done even when the client gives up;
    the wait is outside the simulator lock, so requests in flight at once wait side by side.
    """
    if is_control(request.path) or "entry" not in g:
        return response
    rule = g.pop("late_fault", None)
    wait = 0
    if rule is not None and rule.action == "slow":
        wait = rule.delay
    elif rule is not None and rule.action == "trickle":
        response = trickled(response, rule)
    elif rule is not None:
        response = fault_response(rule, api_of(request.path), response)
    sim = simulator()
    with sim.lock:
        g.entry["status"] = 0 if g.get("dropped") else response.status_code
        wait += sim.config["latency"]
    if wait and not g.get("dropped"):
        time.sleep(wait)
    return response


def handle_api_error(error):
    return json_response(error.status, error.body, error.headers)


def handle_http_exception(error):
    """404/405/other HTTP errors in the body shape of the API the path belongs to."""
    api = api_of(request.path)
    if error.code == 404:
        return api_error_response(api, 404, NOT_FOUND_MESSAGES[api])
    if error.code == 405:
        return not_allowed_response(api)
    return api_error_response(api, error.code, error.description)


def create_app(config=None):
    """The simulator app; config holds start options (see DEFAULT_CONFIG)."""
    app = SimulatorFlask(__name__)
    app.json.sort_keys = False
    app.url_map.strict_slashes = True
    app.url_map.merge_slashes = False
    app.extensions["simulator"] = Simulator(config)
    app.before_request(before_api_request)
    app.after_request(after_api_request)
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    for blueprint in (control_bp, statusmate_bp, statushub_bp, events_bp, subscriptions_bp):
        app.register_blueprint(blueprint)
    return app
