# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import contextlib
import json

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


# From ansible-core 2.21 a module returns its invocation (module_args, at -vvv) only when the controller asks.
INVOCATION_ON_REQUEST = tuple(int(part) for part in ANSIBLE_CORE_VERSION.split(".")[:2]) >= (2, 21)
# A connection dropped before the answer came: whether the request was carried out is unknown.
LOST = requests.exceptions.ConnectionError("connection reset by peer")


class ModuleRun:
    """Runs a module's main() with arguments and returns its JSON result."""

    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, module, args, check_mode=False, diff=False):
        args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
        if INVOCATION_ON_REQUEST:
            args["_ansible_inject_invocation"] = True
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        return json.loads(self.capsys.readouterr().out)


@pytest.fixture
def run_module(capsys):
    return ModuleRun(capsys)


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
