# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The one file that takes the AnsibleModule: the connection options of both APIs, the client built from them, option
failures, running a module (one object or a set) and the shape of its result, errors with every secret masked.
Nothing else in module_utils receives the module object: the API files take a client.
"""

import contextlib
import os
import select
import stat
import sys
import threading

from ansible.module_utils.basic import AnsibleModule, _load_params, env_fallback, missing_required_lib

try:
    from ansible.module_utils.secrets import register_secrets
except ImportError:  # ansible-core < 2.22: the module masks module.no_log_values in its result itself
    register_secrets = None

from ansible_collections.statusops.status.plugins.module_utils.alertmanager_silences import header_errors
from ansible_collections.statusops.status.plugins.module_utils.checks import (
    connection_errors,
    option_errors,
    secret_errors,
    sends_secret_in_clear,
    shown_url,
    url_passwords,
)
from ansible_collections.statusops.status.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiClient
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, OutcomeUnknown, ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.gates import look_until_healthy
from ansible_collections.statusops.status.plugins.module_utils.locks import taking_turns, url_key
from ansible_collections.statusops.status.plugins.module_utils.masking import literal_pattern, masked
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ensure_absent, ensure_present
from ansible_collections.statusops.status.plugins.module_utils.sets import DEFAULT_CONCURRENCY, SetReconciler
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import API_VERSION, RATE_LIMITS, Hub, hub_errors
from ansible_collections.statusops.status.plugins.module_utils.statusmate.rules import DEFAULT_API_URL


def connection_spec(url_env, url_default, secret_option, secret_env, **extra):
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
    if secret_env is not None:  # else an optional secret without a fallback, like Alertmanager's headers (extra)
        spec[secret_option] = dict(type="str", required=True, no_log=True, fallback=(env_fallback, [secret_env]))
    spec.update(extra)
    return spec


def statusmate_spec(**extra):
    """The Statusmate connection options and the module's own."""
    return connection_spec("STATUSMATE_API_URL", DEFAULT_API_URL, "api_token", "STATUSMATE_API_TOKEN", **extra)


def statushub_spec(**extra):
    """The StatusHub connection options (the hub among them) and the module's own."""
    return connection_spec("STATUSHUB_API_URL", None, "api_key", "STATUSHUB_API_KEY",
                           hub=dict(type="str", required=True, fallback=(env_fallback, ["STATUSHUB_HUB"])), **extra)


def statusmate_module(options, checks=None, **rules):
    """The AnsibleModule of a Statusmate module: its options beside the connection's, check mode supported; checks(params)
    returns the messages that fail it before any request."""
    return checked(AnsibleModule(argument_spec=statusmate_spec(**options), supports_check_mode=True, **rules), checks)


def statushub_module(options, checks=None, **rules):
    """The AnsibleModule of a StatusHub module, like statusmate_module."""
    return checked(AnsibleModule(argument_spec=statushub_spec(**options), supports_check_mode=True, **rules), checks)


def checked(module, checks):
    if checks is not None:
        fail_on_invalid(module, checks(module.params))
    return module


def state_option(*states):
    """The state option: the first of states (present and absent when none is given) is the default."""
    states = states or ("present", "absent")
    return dict(type="str", default=states[0], choices=list(states))


def set_options(option, items, **more):
    """The options of a set module (the doc fragment's DECLARED_SET and concurrency): option, the declared list of
    items (their options), prune, allow_empty, state, concurrency."""
    return dict({option: dict(type="list", elements="dict", required=True, options=items)},
                prune=dict(type="bool", default=False), allow_empty=dict(type="bool", default=False),
                state=state_option(), concurrency=dict(type="int", default=DEFAULT_CONCURRENCY), **more)


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
    api = ApiClient(
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
    api.set_concurrency(params.get("concurrency") or 1)
    return api


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


def alertmanager_spec(**extra):
    """The Alertmanager connection options (headers: its proxy's credentials, all secret) and the module's own."""
    return connection_spec("ALERTMANAGER_API_URL", None, "headers", None, headers=dict(type="dict", no_log=True), **extra)


def alertmanager_client(module, errors=()):
    """The Alertmanager client of a module run, once every option is known good; headers are secret, every one."""
    return build_client(module, "headers", errors=header_errors(module.params.get("headers")) + list(errors))


def statusmate_client(module):
    """The Statusmate client of a module run."""
    return build_client(module, "api_token")


def statushub_hub(module):
    """The StatusHub client of a module run, bound to its hub."""
    hub = module.params["hub"]
    return Hub(build_client(module, "api_key", default_query={"api_version": API_VERSION}, rate_limits=RATE_LIMITS,
                            errors=hub_errors(hub)), hub)


def given_params():
    """The options as the task gave them, before Ansible converted them (a dict given for a str becomes its text).

    ansible-core 2.16 and 2.19 both keep the arguments they read, and _load_params() decodes them again.
    """
    return _load_params()


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


def run_object(module, resource, key, states=None, shown=None, diff=None, extra=None, written=None):
    """Run a module of one object: bring it to the state the task asks (states: the functions of the states besides
    present and absent) and exit with changed, diff and the object under key (as it is after the run, as it was
    before a delete); shown and diff show the object and the outcome's diff (default: as they are), extra(outcome,
    object) adds the module's own result keys. written: as for run()."""
    ensure = dict(present=ensure_present, absent=ensure_absent, **(states or {}))[module.params["state"]]

    def work():
        outcome = ensure(resource, module.check_mode)
        item = (outcome.before if outcome.action == "delete" else outcome.after) or {}
        result = dict(changed=outcome.changed, diff=diff(outcome) if diff else outcome.diff)
        result[key] = shown(item) if shown else item
        result.update(extra(outcome, item) if extra else {})
        return result

    run(module, work, written)


def run_gate(module, gate, checked_key):
    """Run a gate (gates.py): look until healthy or the wait is spent; exit unchanged, or fail naming each blocker (with
    the same result)."""
    params = module.params

    def work():
        outcome = look_until_healthy(gate, params["wait"], params["interval"])
        result = {"changed": False, checked_key: outcome.checked, "blocking": outcome.blocking}
        if not outcome.passes:
            waited = " after waiting %s s" % params["wait"] if params["wait"] else ""
            module.fail_json(msg="%s%s: %s" % (gate.blocked, waited, "; ".join(outcome.reasons)), **result)
        return result

    run(module, work)


def fail_partway(module, error, progress):
    """Fail with the error of a change, reporting what was carried out before it (progress: created, updated, deleted);
    changed also when the failed change itself may have been carried out (its answer was lost)."""
    module.fail_json(msg=error_message(module, error), status=getattr(error, "status", None),
                     changed=any(progress.values()) or isinstance(error, OutcomeUnknown), **progress)


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


def protect(module, protection):
    """Apply what an API file found about the module's secrets: (texts to mask in every output, texts Ansible would
    mask that are no secrets, the params as the invocation may show them)."""
    hidden, plain, shown = protection
    hide(module, hidden, plain)
    module.params = shown


def error_message(module, error):
    """The error's text with every no_log value masked whole. Ansible masks them one by one in no set order, so a
    value that contains another (a webhook URL and its path) could come out masked in part only."""
    return masked(str(error), literal_pattern(module.no_log_values))
