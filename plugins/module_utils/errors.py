# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The errors that the client raises and the engine and modules handle; this file imports nothing else, so the engine
(reconcile.py) can tell a lost answer from a refusal without depending on the transport.
"""


class ReconcileError(Exception):
    """A problem with what was asked for: ambiguous identity, a missing reference."""


class ApiError(Exception):
    """A request that did not succeed: method, path, status and the API's message."""

    def __init__(self, method, path, status=None, message="", body=None):
        self.method = method
        self.path = path
        self.status = status
        self.message = message
        self.body = body
        super().__init__(str(self))

    def __str__(self):
        head = "%s %s" % (self.method, self.path)
        if self.status is not None:
            head += " returned HTTP %s" % self.status
        return "%s: %s" % (head, self.message) if self.message else head


class OutcomeUnknown(ApiError):
    """A write was sent but its answer was lost (or was not the API's): it may or may not have been carried out."""


class ForeignAnswer(ApiError):
    """An answer that is not the API's (not JSON, or JSON of another shape than the request expects): a proxy, a
    captive portal or a load balancer sent it. It never means "empty" or "not found"."""


class NotFoundOnRetry(ApiError):
    """A 404 answering a retry of a request that an earlier attempt may have carried out (a delete then did its work)."""


class UnsafePathValue(ApiError):
    """A value that cannot be one segment of a request path; no request is sent."""

    def __init__(self, template, value):
        super().__init__(None, template, None, "refused to place %r in the request path %s: a path segment must be "
                         "a non-empty text without control characters (not . or ..) or a whole number of 0 or more"
                         % (value, template))

    def __str__(self):
        return self.message


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
