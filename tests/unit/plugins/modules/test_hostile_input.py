# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options that would send a request somewhere else, or something else, are refused before any request, by every module."""

import json

import pytest

from ansible_collections.statusops.status.plugins.modules import (
    statushub_maintenance,
    statushub_service,
    statushub_service_info,
    statushub_services,
    statushub_subscriptions,
    statusmate_component,
    statusmate_component_info,
    statusmate_components,
)
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import CONTROLLER_MASKS, warning_texts

HUB_URL = "https://acme.app.statushub.test/api/v3"
HUB_KEY = "hub-key-123"
PAGE_URL = "https://status.example.test"
PAGE_TOKEN = "page-token-123"


def hub(**extra):
    return dict(dict(api_url=HUB_URL, api_key=HUB_KEY, hub="acme"), **extra)


def page(**extra):
    return dict(dict(api_url=PAGE_URL, api_token=PAGE_TOKEN), **extra)


def refused(run_module, http, module, options):
    result = run_module(module, options)
    assert result["failed"] is True, result
    assert len(http.calls) == 0
    return result["msg"]


@pytest.mark.parametrize("value", ["acme/subscriptions/5001#", "acme?x=1", "acme#", "../acme", "", "-acme", "acme-",
                                   "ac me", "a" * 64, "acme.example"])
def test_a_hub_that_is_not_a_subdomain_is_refused(run_module, http, value):
    message = refused(run_module, http, statushub_service, hub(id=1, state="absent", hub=value))
    assert message == ("hub must be the hub's subdomain, 1 to 63 letters, digits and hyphens, not starting or ending "
                       "with a hyphen (like acme), got %r" % value)


def test_a_dict_given_for_a_string_is_refused_naming_the_option(run_module, http):
    message = refused(run_module, http, statusmate_component, page(name={"text": "API"}))
    assert message == "name must be a string, got {'text': 'API'}"


@pytest.mark.parametrize("module, options, message", [
    (statusmate_component, page(name="API\x00"), "name must not contain NUL bytes, got 'API\\x00'"),
    (statushub_services, hub(services=[{"name": "API"}, {"name": {"a": 1}}]),
     "services[1].name must be a string, got {'a': 1}"),
    (statushub_services, hub(services=[{"name": "API", "description": "x\x00"}]),
     "services[0].description must not contain NUL bytes, got 'x\\x00'"),
    (statushub_subscriptions, hub(subscriptions=[{"method": "email", "address": ["a@example.test"]}]),
     "subscriptions[0].address must be a string, got a value of type list"),  # address is no_log
    (statusmate_components, page(components=[{"name": {"a": 1}}]), "components[0].name must be a string, got {'a': 1}"),
    (statusmate_components, page(components=[{"name": "Website", "children": [{"name": ["CDN"]}]}]),
     "components[0].children[0].name must be a string, got ['CDN']"),
    (statusmate_components, page(components=[{"name": "Website", "children": [{"name": "CDN\x00"}]}]),
     "components[0].children[0].name must not contain NUL bytes, got 'CDN\\x00'"),
    (statusmate_component_info, page(timeout=float("nan")), "timeout must be a number from 0.1 to 3600, got nan"),
    (statusmate_component_info, page(retry_timeout="inf"), "retry_timeout must be a number from 0 to 86400, got inf"),
    (statushub_service_info, hub(retry_timeout=-1), "retry_timeout must be a number from 0 to 86400, got -1"),
    (statushub_services, hub(services=[], concurrency=10 ** 6),
     "concurrency must be an integer from 1 to 100, got 1000000"),
    (statushub_maintenance, hub(title="Upgrade", start_time="now", duration=10 ** 12),
     "duration must be an integer from 1 to 527040, got 1000000000000"),
])
def test_values_that_are_not_what_the_option_says_are_refused(run_module, http, module, options, message):
    got = refused(run_module, http, module, options)
    if "NUL" in message and got.startswith("Failed to log to syslog (embedded null character)"):
        return  # ansible-core itself refuses a NUL byte in a top-level option before the module's code runs
    assert got == message


@pytest.mark.parametrize("module, options, where, value", [
    (statusmate_component, page(name="Website "), "", "Website "),
    (statusmate_components, page(components=[{"name": "API", "children": [{"name": " REST API"}]}]),
     "components[0].children[0] (API/ REST API): ", " REST API"),
    (statushub_service, hub(name="API\t"), "", "API\t"),
    (statushub_services, hub(services=[{"name": "API"}, {"name": "Mobile\n"}]), "services[1].", "Mobile\n"),
])
def test_a_name_with_white_space_around_it_is_refused(run_module, http, module, options, where, value):
    """A server that stores it trimmed (Statusmate does) would make every later run miss it and create it again."""
    message = refused(run_module, http, module, options)
    assert message == ("%sname must not start or end with white space (the server may store it trimmed, and a later "
                       "run would not find it again), got %r" % (where, value))


def test_a_nul_byte_in_a_secret_is_refused_without_showing_it(run_module, http):
    message = refused(run_module, http, statusmate_component_info, page(api_token="tok\x00en-hidden"))
    assert message == "api_token must not contain NUL bytes"


@pytest.mark.parametrize("api_url", ["https://admin:pa%24%24word@status.example.test", "https://admin:pa$$word@status.example.test"])
def test_an_api_url_with_a_password_is_refused_and_the_password_never_shown(run_module, http, api_url):
    result = run_module(statusmate_component_info, page(api_url=api_url))
    assert result["failed"] is True
    assert result["msg"].startswith("api_url must not carry a user or password")
    assert len(http.calls) == 0
    output = json.dumps(result)
    assert "pa$$word" not in output and "pa%24%24word" not in output


@pytest.mark.parametrize("api_url, spellings", [("https://admin:pa%24%24word@status.example.test", ["pa%24%24word", "pa$$word"]),
                                                ("https://admin:pa$$word@status.example.test", ["pa$$word"])])
def test_the_password_of_an_api_url_leaves_the_module_as_a_secret_for_the_controller(run_module, http, api_url, spellings):
    """ansible-core 2.22 no longer masks module.no_log_values in the module: the password must go back among the secrets
    the controller masks, in each spelling, or -vvv (the invocation) shows it. Older ones mask it in the module."""
    run_module(statusmate_component_info, page(api_url=api_url))
    if CONTROLLER_MASKS:
        assert set(spellings) <= set(run_module.raw["_ansible_new_secrets"])
        assert run_module.raw["invocation"]["module_args"]["api_url"] == api_url
    else:
        assert not any(spelling in json.dumps(run_module.raw) for spelling in spellings)


def test_an_api_url_with_a_query_is_refused(run_module, http):
    message = refused(run_module, http, statushub_service_info, hub(api_url=HUB_URL + "?hub=other"))
    assert message == ("api_url must have no query (?) or fragment (#): the requests go to paths below it, got "
                       "'https://acme.app.statushub.test/api/v3?********'")


def test_plain_http_to_another_host_warns_once_that_the_token_travels_in_clear(run_module, http):
    http.get("http://status.example.test/api-components-list/", json=[])
    result = run_module(statusmate_component_info, page(api_url="http://status.example.test"))
    assert result.get("failed") is not True, result
    warnings = [text for text in warning_texts(result) if "travels in clear" in text]
    assert warnings == ["api_url http://status.example.test is plain http to a host other than this machine: api_token "
                        "travels in clear; use https"]


@pytest.mark.parametrize("api_url", ["http://127.0.0.1:8989", "http://localhost:8989", "http://[::1]:8989",
                                     "https://status.example.test"])
def test_no_warning_for_this_machine_or_https(run_module, http, api_url):
    http.get(api_url + "/api-components-list/", json=[])
    result = run_module(statusmate_component_info, page(api_url=api_url))
    assert result.get("failed") is not True, result
    assert not [text for text in warning_texts(result) if text.startswith("api_url %s " % api_url)]


def test_the_password_of_an_api_url_is_hidden_when_another_option_fails_first(run_module, http):
    result = run_module(statusmate_component, page(api_url="https://admin:pa55word@status.example.test", name="  "))
    assert result["failed"] is True
    assert result["msg"].startswith("name must be 1 to 255 characters")
    assert "pa55word" not in json.dumps(result)
    assert len(http.calls) == 0
