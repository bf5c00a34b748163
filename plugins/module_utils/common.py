# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module glue shared by both APIs: connection options and error reporting."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible.module_utils.basic import env_fallback, missing_required_lib

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
    for option in ("timeout", "retry_timeout"):
        if params[option] < 0:
            module.fail_json(msg="%s must be zero or more, got %s" % (option, params[option]))
    return ApiClient(
        params["api_url"],
        params[secret_option],
        timeout=params["timeout"] or None,
        validate_certs=params["validate_certs"],
        retry_timeout=params["retry_timeout"],
        default_query=default_query,
        rate_limits=rate_limits,
    )


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


def parse_time(value):
    """An aware datetime from ISO-8601 text ('Z' or an offset); None when it is not one."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def normalise_time(value):
    """Times compare in UTC: any offset form of one instant normalises to one text."""
    moment = parse_time(value)
    if moment is None:
        return value
    moment = moment.astimezone(datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += (".%06d" % moment.microsecond).rstrip("0")
    return text + "Z"
