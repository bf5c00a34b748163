# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checks every module's options go through before any request (checks.option_errors, connection_errors)."""

import pytest

try:
    from ansible.module_utils import secrets
except ImportError:  # ansible-core < 2.22
    secrets = None

from ansible_collections.statusops.status.plugins.module_utils.checks import (
    empty_prune_errors,
    is_http_url,
    connection_errors,
    option_errors,
    sends_secret_in_clear,
    url_passwords,
)
from ansible_collections.statusops.status.plugins.module_utils.ansible_module import error_message, hide

SPEC = dict(
    name=dict(type="str"),
    api_key=dict(type="str", no_log=True),
    tags=dict(type="list", elements="str"),
    configuration=dict(type="dict", no_log=True),
    items=dict(type="list", elements="dict", options=dict(name=dict(type="str"), id=dict(type="int"))),
    timeout=dict(type="float"),
    retry_timeout=dict(type="float"),
    concurrency=dict(type="int"),
    duration=dict(type="int"),
    id=dict(type="int"),
)


@pytest.mark.parametrize("values", [
    dict(name="API", tags=["a", "b"], items=[dict(name="x", id=3)], timeout=30, retry_timeout=0, concurrency=10, id=0),
    dict(name=42, tags=[7], items=[dict(name=1.5)]),  # numbers are taken as their text
    dict(name=None, items=[dict(name=None)]),  # not set
    dict(timeout="30", duration="60"),  # as a template renders them on older ansible-core
])
def test_values_of_their_option_type_pass(values):
    assert option_errors(SPEC, values) == []


@pytest.mark.parametrize("values, message", [
    (dict(name={"a": 1}), "name must be a string, got {'a': 1}"),
    (dict(name=["a"]), "name must be a string, got ['a']"),
    (dict(name=True), "name must be a string, got True"),
    (dict(tags=["a", {"b": 2}]), "tags[1] must be a string, got {'b': 2}"),
    (dict(tags=["a", None]), "tags[1] must be a string, got None"),
    (dict(items=[dict(name="x"), dict(name={"y": 1})]), "items[1].name must be a string, got {'y': 1}"),
    (dict(name="a\x00b"), "name must not contain NUL bytes, got 'a\\x00b'"),
    (dict(tags=["a\x00"]), "tags[0] must not contain NUL bytes, got 'a\\x00'"),
    (dict(items=[dict(name="x\x00")]), "items[0].name must not contain NUL bytes, got 'x\\x00'"),
    (dict(api_key={"k": "hidden-value"}), "api_key must be a string, got a value of type dict"),
    (dict(api_key="key\x00hidden-value"), "api_key must not contain NUL bytes"),
    (dict(configuration={"url": "https://x.test/\x00hidden-value"}), "configuration must not contain NUL bytes"),
    (dict(timeout=float("nan")), "timeout must be a number from 0.1 to 3600, got nan"),
    (dict(timeout="nan"), "timeout must be a number from 0.1 to 3600, got nan"),
    (dict(timeout=float("inf")), "timeout must be a number from 0.1 to 3600, got inf"),
    (dict(timeout=0), "timeout must be a number from 0.1 to 3600, got 0"),
    (dict(retry_timeout=-1), "retry_timeout must be a number from 0 to 86400, got -1"),
    (dict(retry_timeout="1e400"), "retry_timeout must be a number from 0 to 86400, got 1e400"),
    (dict(retry_timeout=True), "retry_timeout must be a number, got True"),
    (dict(concurrency=1000), "concurrency must be an integer from 1 to 100, got 1000"),
    (dict(duration=10 ** 12), "duration must be an integer from 1 to 527040, got 1000000000000"),
    (dict(id=-5), "id must be an integer from 0 to 9007199254740991, got -5"),
    (dict(items=[dict(id=2 ** 64)]), "items[0].id must be an integer from 0 to 9007199254740991, got 18446744073709551616"),
])
def test_values_that_are_not_what_their_option_says_are_refused_naming_it(values, message):
    errors = option_errors(SPEC, values)
    assert errors == [message]
    assert "hidden-value" not in message


def params(api_url, **extra):
    return dict(dict(api_url=api_url, ca_path=None), **extra)


@pytest.mark.parametrize("api_url, shown", [
    ("https://status.example.com/?page=1", "https://status.example.com/?********"),
    ("https://status.example.com/#top", "https://status.example.com/#********"),
    ("https://status.example.com/api/v3?", "https://status.example.com/api/v3"),
    ("https://status.example.com/api/v3#", "https://status.example.com/api/v3"),
])
def test_an_api_url_with_a_query_or_fragment_is_refused(api_url, shown):
    assert connection_errors(params(api_url)) == [
        "api_url must have no query (?) or fragment (#): the requests go to paths below it, got %r" % shown]


@pytest.mark.parametrize("api_url", ["https://admin:pa%24%24word@status.example.com/", "https://admin@status.example.com/",
                                     "https://:pa%24%24word@status.example.com/"])
def test_an_api_url_with_a_user_or_password_is_refused_without_showing_them(api_url):
    assert connection_errors(params(api_url)) == [
        "api_url must not carry a user or password (the token or key is the only credential), got "
        "'https://********@status.example.com/'"]


def test_the_password_of_an_api_url_is_known_in_both_spellings():
    assert url_passwords("https://admin:pa%24%24word@status.example.com/") == {"pa%24%24word", "pa$$word"}
    assert url_passwords("https://admin@status.example.com/") == set()
    assert url_passwords("https://status.example.com/") == set()


@pytest.mark.parametrize("api_url, in_clear", [
    ("http://status.example.com", True),
    ("http://10.0.0.5:8080/api/v3", True),
    ("http://127.0.0.1:8989", False),
    ("http://127.8.9.10/", False),
    ("http://localhost:8989/api/v3", False),
    ("http://LOCALHOST:8989/api/v3", False),
    ("http://[::1]:8989", False),
    ("http://[::2]:8989", True),
    ("https://status.example.com", False),
])
def test_plain_http_sends_the_secret_in_clear_unless_to_this_machine(api_url, in_clear):
    assert sends_secret_in_clear(api_url) is in_clear


class _Module:
    def __init__(self, no_log_values):
        self.no_log_values = set(no_log_values)


def test_an_error_message_masks_a_secret_whole_when_another_is_part_of_it():
    # Ansible masks no_log values one by one in set order; the path alone must not be masked before the whole URL.
    module = _Module(["/in/Hook-0001", "https://hooks.example.com/in/Hook-0001", "/in/hook-0001"])
    error = ValueError("refused https://hooks.example.com/in/hook-0001 and /in/Hook-0001 of api")
    assert error_message(module, error) == "refused ******** and ******** of api"


def test_hide_adds_the_secrets_and_shows_harmless_values_again_where_ansible_core_lets_it(monkeypatch):
    module = _Module(["team@example.com", "application/json"])
    if secrets:
        from ansible.module_utils._internal._secrets import SecretMasker
        monkeypatch.setattr(secrets, "_secret_masker", SecretMasker())
    hide(module, ["pa55word", "team@example.com"], harmless=["team@example.com", "application/json"])
    assert module.no_log_values == set(["pa55word", "team@example.com"])
    hide(module, [], harmless=["team@example.com"])
    assert module.no_log_values == set(["pa55word"])
    if secrets:  # ansible-core 2.22: registered for the controller to mask; a registered secret stays registered
        assert secrets.mask_secrets("pa55word team@example.com") == "$REDACTED$ $REDACTED$"


@pytest.mark.parametrize("params, refused", [
    (dict(prune=True, state="present", services=[], allow_empty=False), True),
    (dict(prune=True, state="present", services=[], allow_empty=True), False),
    (dict(prune=False, state="present", services=[], allow_empty=False), False),
    (dict(prune=True, state="absent", services=[], allow_empty=False), False),
    (dict(prune=True, state="present", services=[{"name": "API"}], allow_empty=False), False),
])
def test_an_empty_declared_set_with_prune_is_refused_unless_allowed(params, refused):
    expected = ["services is empty and prune is true: that would delete every service of the hub; "
                "set allow_empty=true to do that"] if refused else []
    assert empty_prune_errors(params, "services", "service of the hub") == expected


@pytest.mark.parametrize("value, schemes, valid", [
    ("https://hooks.example.com/x", ("https",), True),
    ("http://hooks.example.com/x", ("https",), False),
    ("http://hooks.example.com/x", ("http", "https"), True),
    ("https://:443/x", ("https",), False),
    ("https://user@/x", ("https",), False),
    ("https://hooks.example.com/a b", ("https",), False),
    ("https://[::1/x", ("https",), False),
])
def test_one_url_rule_for_api_urls_and_webhook_addresses(value, schemes, valid):
    assert is_http_url(value, schemes) is valid
