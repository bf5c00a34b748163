"""Pieces shared by both simulated APIs: credentials, errors, bodies, times."""

import datetime

from flask import current_app, request

STATUSMATE_TOKEN = "sm-test-token"
STATUSHUB_KEY = "sh-test-key"
HUB_SUBDOMAIN = "acme"
STATUSHUB_PREFIX = "/api/v3"
CONTROL_PREFIX = "/_sim"

STATUSMATE = "statusmate"
STATUSHUB = "statushub"

UTC = datetime.timezone.utc
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# assumed: HEAD and OPTIONS are not part of either API; Flask would answer them by itself
UNSUPPORTED_METHODS = ("HEAD", "OPTIONS")


class ApiError(Exception):
    """An API answer other than success, raised by handlers and turned into a JSON response."""

    def __init__(self, status, body, headers=None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


class FieldErrors:
    """Collects validation messages per field: {"field": ["message", ...]}."""

    def __init__(self):
        self.messages = {}

    def add(self, field, message):
        self.messages.setdefault(field, []).append(message)

    def __bool__(self):
        return bool(self.messages)


def simulator():
    """The Simulator object of the running app."""
    return current_app.extensions["simulator"]


def api_of(path):
    """Which API a request path belongs to."""
    if path == STATUSHUB_PREFIX or path.startswith(STATUSHUB_PREFIX + "/"):
        return STATUSHUB
    return STATUSMATE


def is_control(path):
    return path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")


def error_body(api, message):
    """The error body shape of each API: DRF `detail` or StatusHub `error`."""
    if api == STATUSHUB:
        return {"error": message}
    return {"detail": message}


def parsed_body():
    """The request body parsed as JSON, or None when it is absent or not JSON."""
    return request.get_json(force=True, silent=True)


def utcnow():
    return datetime.datetime.now(UTC)


def format_time(value):
    """A datetime as StatusHub renders it (UTC, seconds, Z), None stays None."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(text):
    """An ISO-8601 string with an offset as an aware datetime; ValueError when it is not one."""
    if not isinstance(text, str):
        raise ValueError("must be an ISO-8601 time string")
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO-8601 time string") from None
    if parsed.tzinfo is None:
        raise ValueError("must carry an offset (a time without one has no defined zone)")
    return parsed
