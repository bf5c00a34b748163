# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Module glue shared by both APIs: connection options and error reporting.
"""

import contextlib
import ipaddress
import math
import os
import select
import stat
import sys
import threading
from urllib.parse import unquote, urlsplit

from ansible.module_utils.basic import _load_params, env_fallback, missing_required_lib

try:
    from ansible.module_utils.secrets import register_secrets
except ImportError:  # ansible-core < 2.22: the module masks module.no_log_values in its result itself
    register_secrets = None

from ansible_collections.statusops.status.plugins.module_utils.client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ApiClient,
    shown_url,
)
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, OutcomeUnknown, ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.locks import taking_turns, url_key
from ansible_collections.statusops.status.plugins.module_utils.masking import literal_pattern, masked
from ansible_collections.statusops.status.plugins.module_utils.reconcile import SetReconciler


# The range of a number option: (least, most). Any other number option is a whole number from 0 to LARGEST_NUMBER.
NUMBER_RANGES = {
    "timeout": (0.1, 3600),
    "retry_timeout": (0, 86400),
    "concurrency": (1, 100),
    "duration": (1, 366 * 24 * 60),  # minutes: a year
    "wait": (0, 24 * 60 * 60),  # seconds a gate may wait: a day
    "interval": (1, 60 * 60),  # seconds between a gate's looks
}
# JSON's largest safe integer: no id or count the APIs use is larger.
LARGEST_NUMBER = 2 ** 53 - 1
LOOPBACK_NAMES = ("localhost",)


def connection_spec(url_env, url_default, secret_option, secret_env, extra=None):
    """The connection options of one API, as its doc fragment documents them (secret_env None: an optional secret
    without a fallback, like Alertmanager's headers, which extra declares)."""
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
    if secret_env is not None:
        spec[secret_option] = dict(type="str", required=True, no_log=True, fallback=(env_fallback, [secret_env]))
    spec.update(extra or {})
    return spec


def build_client(module, secret_option, default_query=None, rate_limits=None, errors=()):
    """The API client of a module run, once every option is known good (errors: the caller's own findings)."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
    params = module.params
    fail_on_invalid(module, [*option_errors(module.argument_spec, given_params()), *connection_errors(params),
                             *secret_errors(secret_option, params[secret_option]), *errors])
    exit_when_nobody_reads()
    secret = params[secret_option]
    if secret and sends_secret_in_clear(params["api_url"]):
        module.warn("api_url %s is plain http to a host other than this machine: %s travels in clear; use https"
                    % (shown_url(params["api_url"]), secret_option))
    return ApiClient(
        params["api_url"],
        secret if isinstance(secret, str) else None,
        headers=secret if isinstance(secret, dict) else None,
        timeout=params["timeout"],
        validate_certs=params["validate_certs"],
        ca_path=params["ca_path"],
        retry_timeout=params["retry_timeout"],
        default_query=default_query,
        rate_limits=rate_limits,
    )


_WATCHING_OUTPUT = []  # the thread of exit_when_nobody_reads, once started


def exit_when_nobody_reads():
    """End this process as soon as nobody reads its output any more.

    Ansible's task timeout ends the task, not the module process: ansible-core's local connection leaves it
    running, sending requests for nobody. When the output is a pipe, a daemon thread waits until its reading end is
    closed (poll reports POLLERR or POLLHUP on the writing end; the task's worker is gone) and ends the process.
    """
    if _WATCHING_OUTPUT or not hasattr(select, "poll"):
        return
    try:
        output = sys.stdout.fileno()
        if not stat.S_ISFIFO(os.fstat(output).st_mode):
            return
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture): nobody to lose
        return

    def watch():
        poller = select.poll()
        poller.register(output, select.POLLERR | select.POLLHUP)
        while not any(event & (select.POLLERR | select.POLLHUP) for _fd, event in poller.poll()):
            pass
        os._exit(1)

    thread = threading.Thread(target=watch, name="exit-when-nobody-reads", daemon=True)
    _WATCHING_OUTPUT.append(thread)
    thread.start()


def connection_errors(params):
    """Messages for connection options that no retry could fix, each naming the option and the value."""
    errors = []
    api_url = params["api_url"]
    if not is_http_url(api_url):
        errors.append("api_url must be an http or https URL (like https://status.example.com), got %r" % shown_url(api_url))
    elif "@" in urlsplit(api_url).netloc:
        errors.append("api_url must not carry a user or password (the token or key is the only credential), got %r"
                      % shown_url(api_url))
    elif "?" in api_url or "#" in api_url:
        errors.append("api_url must have no query (?) or fragment (#): the requests go to paths below it, got %r"
                      % shown_url(api_url))
    ca_path = params["ca_path"]
    if ca_path is not None and not os.path.isfile(ca_path):
        errors.append("ca_path must be a file of PEM certificates, got %r: no such file" % ca_path)
    return errors


def secret_errors(option, value):
    """The message for a token or key that cannot be sent as it is in the Authorization header; the value never shown.

    A line break, another control character or a character beyond Latin-1 cannot travel in a header; white space
    around the value would be dropped by the server, which then checks another credential than the one given.
    """
    if not isinstance(value, str) or "\x00" in value:
        return []  # option_errors refuses it
    if value == "":
        return ["%s must not be empty" % option]
    bad = next((position for position, char in enumerate(value)
                if ord(char) < 32 or ord(char) == 127 or ord(char) > 255), None)
    if bad is not None:
        found = "U+%04X at character %d of %d" % (ord(value[bad]), bad + 1, len(value))
    elif value != value.strip():
        found = "white space at its start or end"
    else:
        return []
    return ["%s must be one line of printable Latin-1 text without white space around it, as the Authorization "
            "header carries it; the value given (not shown) holds %s. A value read from a file often keeps its "
            "final newline: strip it (for example with | trim)" % (option, found)]


def url_passwords(url):
    """The password of a URL's user part, as written and decoded (kept out of every output), if it has one."""
    try:
        password = urlsplit(url).password if isinstance(url, str) else None
    except ValueError:
        return set()
    return set([password, unquote(password)]) - set([""]) if password else set()


def sends_secret_in_clear(api_url):
    """True for plain http to a host that is not this machine (127.0.0.0/8, ::1, localhost)."""
    parts = urlsplit(api_url)
    if parts.scheme != "http":
        return False
    host = parts.hostname or ""
    if host in LOOPBACK_NAMES:
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def given_params():
    """The options as the task gave them, before Ansible converted them (a dict given for a str becomes its text).

    ansible-core 2.16 and 2.19 both keep the arguments they read, and _load_params() decodes them again.
    """
    return _load_params()


def option_errors(spec, values, where=""):
    """Messages for values that are not what their option's type says, found in one walk of the spec.

    Strings: a text or a number (taken as its decimal text); a dict, list or boolean is refused, and no string
    anywhere holds a NUL byte. Numbers: finite, not a boolean, within NUMBER_RANGES (else 0 to LARGEST_NUMBER).
    Suboptions and list items are walked too. The value of a no_log option is never shown.
    """
    errors = []
    for name, option in spec.items():
        value = next((values[key] for key in [name] + list(option.get("aliases") or []) if values.get(key) is not None), None)
        if value is None:
            continue
        label = where + name
        kind = option.get("type", "str")
        secret = bool(option.get("no_log"))
        if kind == "list" and isinstance(value, list):
            for position, item in enumerate(value):
                errors.extend(_value_errors("%s[%d]" % (label, position), name, item, option.get("elements"),
                                            option.get("options"), secret))
        else:
            errors.extend(_value_errors(label, name, value, kind, option.get("options"), secret))
    return errors


def _value_errors(label, name, value, kind, options, secret):
    if options and isinstance(value, dict):
        return option_errors(options, value, label + ".")
    if kind == "str" and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        return ["%s must be a string, got %s" % (label, _shown(value, secret))]
    if kind in ("int", "float"):
        return _number_errors(label, name, value, kind)
    if _holds_nul(value):
        return ["%s must not contain NUL bytes%s" % (label, "" if secret else ", got %s" % _shown(value, secret))]
    return []


def _number_errors(label, name, value, kind):
    what = "an integer" if kind == "int" else "a number"
    if isinstance(value, bool):
        return ["%s must be %s, got %r" % (label, what, value)]
    try:
        number = float(value)
    except (TypeError, ValueError):
        return []  # Ansible's own type check has refused it already
    least, most = NUMBER_RANGES.get(name, (0, LARGEST_NUMBER))
    if math.isnan(number) or not least <= number <= most:
        return ["%s must be %s from %s to %s, got %s" % (label, what, least, most, value)]
    return []


def _holds_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(item) for item in value)
    return False


def _shown(value, secret):
    if secret:
        return "a value of type %s" % type(value).__name__
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def is_http_url(value, schemes=("http", "https")):
    """Whether value is a URL of one of the schemes, with a host and no white space."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in schemes and bool(parts.hostname) and not any(char.isspace() for char in value)


def name_errors(fields, max_length, where=""):
    """The rules of a name that identifies an object: not blank, at most max_length, no white space around it.

    A server may store a name trimmed (Statusmate's framework does, API_CONTRACT.md: stored text), and then a later
    run would look for the untrimmed name, not find it and create the object again: such a name is refused.
    """
    name = fields.get("name")
    if name is None:
        return []
    if not name.strip() or len(name) > max_length:
        return ["%sname must be 1 to %d characters and not blank, got %r" % (where, max_length, name)]
    if name != name.strip():
        return ["%sname must not start or end with white space (the server may store it trimmed, and a later run "
                "would not find it again), got %r" % (where, name)]
    return []


def stored_text(value):
    """A description (or an event's title or body) as it is compared, and a description as it is sent: the white
    space around it (a YAML block scalar's last newline) is not kept, as Statusmate's framework trims it
    (API_CONTRACT.md: stored text) and a hub may; None is ''."""
    return (value or "").strip()


def booleans_given_as_integers(fields, options, where=""):
    """Messages for YAML true/false given where an integer is expected (Ansible's type int lets a bool through)."""
    return ["%s%s must be an integer, got %r" % (where, option, fields[option])
            for option in options if isinstance(fields.get(option), bool)]


def fail_on_invalid(module, errors):
    """Fail before any request when options break a rule; each message names the option and the value.

    A password written into api_url is hidden from everything the module returns (its arguments included).
    """
    if errors:
        hide(module, url_passwords(module.params.get("api_url")))
        module.fail_json(msg="; ".join(errors))


def hide(module, secrets, harmless=()):
    """Hide the secrets from everything the task returns and logs (its arguments at -vvv included), on every ansible-core.

    Before 2.22 the module masks module.no_log_values in its result. From 2.22 it returns the result unmasked with the
    secrets registered during the run, and the controller masks those: module.no_log_values is no longer read there.
    harmless are values of no_log options that are not secrets, shown again before 2.22; from 2.22 Ansible has
    registered them already and a registered secret cannot be unregistered, so they stay masked (too much rather
    than a leak).
    """
    secrets = set(secrets)
    module.no_log_values.difference_update(set(harmless) - secrets)
    module.no_log_values.update(secrets)
    if register_secrets:
        register_secrets(secrets)


def run(module, work, written=None):
    """Run work() and exit with its result; API and identity problems fail the task cleanly.

    written() says what the task wrote so far (result key: value), for a task that writes more than once: when it
    fails after a write, it reports changed and what it wrote.
    """
    try:
        result = work()
    except (ApiError, ReconcileError) as exc:
        progress = written() if written else {}
        if any(progress.values()) or isinstance(exc, OutcomeUnknown):
            fail_partway(module, exc, progress)
        if isinstance(exc, ApiError):
            module.fail_json(msg=error_message(module, exc), status=exc.status)
        module.fail_json(msg=error_message(module, exc))
    module.exit_json(**result)


def fail_partway(module, error, progress):
    """Fail with the error of a change, reporting what was carried out before it (progress: created, updated, deleted);
    changed also when the failed change itself may have been carried out (its answer was lost)."""
    module.fail_json(msg=error_message(module, error), status=getattr(error, "status", None),
                     changed=any(progress.values()) or isinstance(error, OutcomeUnknown), **progress)


def empty_prune_errors(params, option, everything):
    """The one refusal of a declared set that is empty while prune would delete everything it does not declare."""
    if params["prune"] and params["state"] == "present" and not params[option] and not params["allow_empty"]:
        return ["%s is empty and prune is true: that would delete every %s; set allow_empty=true to do that"
                % (option, everything)]
    return []


def reconcile_set(module, mapping, concurrency, place):
    """Run a set module: read and plan (an error there fails with nothing written), carry the plan out, and exit with
    created, updated, deleted (as the mapping shows them), changed and the mapping's own result keys; a failed change
    fails the task saying what was carried out before it.

    Two runs on one place (the page or hub, after the API URL) take turns on this host from the read to the last
    write, so that neither decides on a read the other is about to make untrue (see turn_on)."""
    reconciler = SetReconciler(mapping, concurrency, module.check_mode)

    def work():
        with turn_on(module, place):
            reconciler.read()
            try:
                reconciler.apply()
            except (ApiError, ReconcileError) as exc:
                fail_partway(module, exc, reconciler.progress())
        progress = reconciler.progress()
        return dict(progress, changed=any(progress.values()), **mapping.result(reconciler))

    run(module, work)


def turn_on(module, place):
    """This run's turn on a place (strings naming the page or hub) of the task's API URL, among the runs of this user
    on this host: waited for retry_timeout seconds at most. Check mode writes nothing and takes no turn."""
    if module.check_mode:
        return contextlib.nullcontext()
    return taking_turns((url_key(module.params["api_url"]),) + tuple(place), module.params["retry_timeout"])


def error_message(module, error):
    """The error's text with every no_log value masked whole. Ansible masks them one by one in no set order, so a
    value that contains another (a webhook URL and its path) could come out masked in part only."""
    return masked(str(error), literal_pattern(module.no_log_values))
