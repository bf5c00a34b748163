# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import contextlib
import json
import re
import tempfile
from unittest import mock

import pytest
import requests
import responses
from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19 reads the arguments from basic._ANSIBLE_ARGS
    from ansible.module_utils import basic

    @contextlib.contextmanager
    def patch_module_args(args):
        previous = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode("utf-8")
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = previous


try:  # ansible-core 2.22 and later: the module returns its secrets, the controller masks them (ansible.executor.task_result)
    from ansible.module_utils import secrets
    from ansible.module_utils._internal import _secrets_object
    from ansible.module_utils._internal._secrets import SecretMasker
except ImportError:  # older ones mask module.no_log_values in the module
    secrets = None

# From ansible-core 2.22 a module returns its result unmasked with the secrets registered while it ran, and the
# controller masks them. Ansible registers every value of a no_log option when the module starts, harmless ones too (an
# email address, a retry count of 3), and the controller masks each wherever it occurs: a module cannot show them
# again (plugins/module_utils/ansible_module.py hide). Older ones mask module.no_log_values in the module.
CONTROLLER_MASKS = secrets is not None
REDACTED = "$REDACTED$"

# From ansible-core 2.21 a module returns its invocation (module_args, at -vvv) only when the controller asks.
INVOCATION_ON_REQUEST = tuple(int(part) for part in ANSIBLE_CORE_VERSION.split(".")[:2]) >= (2, 21)
# A connection dropped before the answer came: whether the request was carried out is unknown.
LOST = requests.exceptions.ConnectionError("connection reset by peer")


class ModuleRun:
    """Runs a module's main() with arguments and returns its result as the controller shows it.

    From ansible-core 2.22 a module returns its result unmasked with the secrets it registered (_ansible_new_secrets),
    and the controller masks those in what it shows. Each run registers into a masker of its own, as a module runs in
    a process of its own, so a secret another test registered neither masks nor goes missing from this run's secrets.
    """

    def __init__(self, capsys, monkeypatch):
        self.capsys = capsys
        self.monkeypatch = monkeypatch
        self.raw = None

    def __call__(self, module, args, check_mode=False, diff=False):
        args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
        if INVOCATION_ON_REQUEST:
            args["_ansible_inject_invocation"] = True
        if secrets:
            self.monkeypatch.setattr(secrets, "_secret_masker", SecretMasker())
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        self.raw = json.loads(self.capsys.readouterr().out)
        return controller_view(self.raw)


def controller_view(raw):
    """The module's result as the controller shows it: from ansible-core 2.22, with the secrets it returned masked."""
    result = dict(raw)
    new_secrets = result.pop("_ansible_new_secrets", [])
    if not new_secrets:
        return result
    masker = SecretMasker()
    masker.register_secret_texts(new_secrets)
    with mock.patch.object(_secrets_object, "_secret_masker", masker):
        return _secrets_object.mask_object(result)


def as_shown(expected, *no_log_values):
    """expected as the task shows it: from ansible-core 2.22, each value of the no_log options the task was given (every
    value in a dict or a list) masked in it; a number that contains one becomes text, as the controller masks it."""
    if not CONTROLLER_MASKS:
        return expected
    if isinstance(expected, dict):
        return {as_shown(key, *no_log_values): as_shown(value, *no_log_values) for key, value in expected.items()}
    if isinstance(expected, list):
        return [as_shown(item, *no_log_values) for item in expected]
    if expected is None or isinstance(expected, bool):
        return expected
    text = str(expected)
    values = sorted(set(_texts(no_log_values)), key=len, reverse=True)
    masked = re.sub("|".join(re.escape(value) for value in values), REDACTED, text) if values else text
    return expected if masked == text else masked


def _texts(value):
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


@pytest.fixture(autouse=True)
def private_temporary_directory(tmp_path, monkeypatch):
    """The system's temporary directory of a test is its own (the set modules' locks live there: TMPDIR)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture
def run_module(capsys, monkeypatch):
    return ModuleRun(capsys, monkeypatch)


@pytest.fixture
def http():
    """Fake HTTP that fails the test on any request not registered, and on any registered one not made."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


def calls(mock):
    """The requests made, as (method, path with query) pairs, in order."""
    return [(call.request.method, call.request.path_url) for call in mock.calls]


def bodies(mock):
    return [json.loads(call.request.body) if call.request.body else None for call in mock.calls]


def warning_texts(result):
    """The warnings of a result as text: ansible-core 2.19 returns them as events, older ones as strings.

    ansible-core keeps warnings per process, so other tests' warnings may come first.
    """
    return [warning if isinstance(warning, str) else warning["event"]["msg"] for warning in result.get("warnings", [])]


class GateTime:
    """Stands for the time module of the gates: a clock that moves only when a gate sleeps, or a look takes time."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def gate_time(monkeypatch):
    from ansible_collections.statusops.status.plugins.module_utils import gates

    fake = GateTime()
    monkeypatch.setattr(gates, "time", fake)
    return fake
