# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module glue shared by both APIs: connection options and error reporting."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import os
import re

from ansible.module_utils.basic import env_fallback, missing_required_lib
from urllib.parse import urlsplit

from ansible_collections.statusops.status.plugins.module_utils.client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ApiClient,
    ApiError,
)
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ReconcileError


def connection_spec(url_env, url_default, secret_option, secret_env, extra=None):
    """The connection options of one API, as its doc fragment documents them."""
    api_url = dict(type="str", fallback=(env_fallback, [url_env]))
    if url_default is None:
        api_url["required"] = True
    else:
        api_url["default"] = url_default
    spec = dict(
        api_url=api_url,
        validate_certs=dict(type="bool", default=True),
        ca_path=dict(type="path"),
        timeout=dict(type="float", default=30),
        retry_timeout=dict(type="float", default=60),
    )
    spec[secret_option] = dict(type="str", required=True, no_log=True, fallback=(env_fallback, [secret_env]))
    spec.update(extra or {})
    return spec


def build_client(module, secret_option, default_query=None, rate_limits=None):
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
    params = module.params
    errors = connection_errors(params)
    fail_on_invalid(module, errors)
    return ApiClient(
        params["api_url"],
        params[secret_option],
        timeout=params["timeout"] or None,
        validate_certs=params["validate_certs"],
        ca_path=params["ca_path"],
        retry_timeout=params["retry_timeout"],
        default_query=default_query,
        rate_limits=rate_limits,
    )


def connection_errors(params):
    """Messages for connection options that no retry could fix, each naming the option and the value."""
    errors = []
    if not is_http_url(params["api_url"]):
        errors.append("api_url must be an http or https URL (like https://status.example.com), got %r" % params["api_url"])
    ca_path = params["ca_path"]
    if ca_path is not None and not os.path.isfile(ca_path):
        errors.append("ca_path must be a file of PEM certificates, got %r: no such file" % ca_path)
    for option in ("timeout", "retry_timeout"):
        if params[option] < 0:
            errors.append("%s must be zero or more, got %s" % (option, params[option]))
    return errors


def is_http_url(value):
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(char.isspace() for char in value)


def booleans_given_as_integers(fields, options, where=""):
    """Messages for YAML true/false given where an integer is expected (Ansible's type int lets a bool through)."""
    return ["%s%s must be an integer, got %r" % (where, option, fields[option])
            for option in options if isinstance(fields.get(option), bool)]


def fail_on_invalid(module, errors):
    """Fail before any request when options break a rule; each message names the option and the value."""
    if errors:
        module.fail_json(msg="; ".join(errors))


def run(module, work):
    """Run work() and exit with its result; API and identity problems fail the task cleanly."""
    try:
        result = work()
    except ApiError as exc:
        module.fail_json(msg=str(exc), status=exc.status)
    except ReconcileError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


def fail_partway(module, error, progress):
    """Fail with the error of a change, reporting what was carried out before it (progress: created, updated, deleted)."""
    module.fail_json(msg=str(error), status=getattr(error, "status", None), changed=any(progress.values()), **progress)


# ISO-8601 date and time, to the minute at least: 2025-02-01T12:00:00Z, 2025-02-01 12:00:00.250+02:00, ...+0200.
# Parsed here rather than by datetime.fromisoformat, whose accepted forms differ between Python 3.9 and 3.11+.
ISO_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:(?P<utc>[Zz])|(?P<sign>[+-])(\d{2}):?(\d{2})?)?"
)


def parse_time_parts(value):
    """(naive datetime, UTC offset or None when the text has none) from ISO-8601 text; None when it is not a time."""
    match = ISO_TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, _utc, sign, zone_hour, zone_minute = match.groups()
    offset = None
    if sign:
        offset = datetime.timedelta(hours=int(zone_hour), minutes=int(zone_minute or 0))
        offset = -offset if sign == "-" else offset
    elif match.group("utc"):
        offset = datetime.timedelta(0)
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                   int((fraction or "")[:6].ljust(6, "0")))
        return moment, offset if offset is None else datetime.timezone(offset)
    except ValueError:  # a day, hour or offset out of range
        return None


def is_zoneless_time(value):
    """True for a time written without Z or an offset (which the APIs would read in an unknown zone)."""
    parts = parse_time_parts(value)
    return parts is not None and parts[1] is None


def parse_time(value):
    """An aware datetime from ISO-8601 text with Z or an offset; None when it is not one (zone-less included)."""
    parts = parse_time_parts(value)
    if parts is None or parts[1] is None:
        return None
    moment, zone = parts
    return moment.replace(tzinfo=zone)


def format_time(moment):
    """The UTC text of an aware datetime: 2025-02-01T12:00:00Z (with the fraction of a second, if any)."""
    moment = moment.astimezone(datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += (".%06d" % moment.microsecond).rstrip("0")
    return text + "Z"


def normalise_time(value):
    """Times compare in UTC: any offset form of one instant normalises to one text."""
    moment = parse_time(value)
    return value if moment is None else format_time(moment)
