# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import responses

from ansible.module_utils.testing import patch_module_args


class ModuleRun:
    """Runs a module's main() with arguments and returns its JSON result."""

    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, module, args, check_mode=False, diff=False):
        args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
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
