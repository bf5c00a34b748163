# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options every module shares, met as a user meets them: a module run against a real server."""

import pytest

from ansible_collections.statusops.status.plugins.modules import statushub_service_info, statusmate_component_info

pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")

TOKEN = "page-token-123"


def page(url, **extra):
    return dict(dict(api_url=url, api_token=TOKEN, retry_timeout=60), **extra)


def test_a_certificate_not_trusted_fails_the_task_at_once(run_module, https_server):
    result = run_module(statusmate_component_info, page(https_server.url))
    assert result["failed"] is True
    assert result["msg"].startswith("GET /api-components-list/: TLS certificate verification failed (")
    assert "ca_path" in result["msg"] and "validate_certs" in result["msg"]
    assert "gave up" not in result["msg"]
    assert https_server.paths == []


def test_ca_path_trusts_a_private_ca(run_module, https_server):
    result = run_module(statusmate_component_info, page(https_server.url, ca_path=str(https_server.ca_file)))
    assert result.get("failed") is not True, result
    assert result["components"] == []
    assert https_server.paths == ["/api-components-list/"]


def test_validate_certs_false_skips_verification_whatever_the_environment(run_module, https_server):
    result = run_module(statusmate_component_info, page(https_server.url, validate_certs=False))
    assert result.get("failed") is not True, result
    assert https_server.paths == ["/api-components-list/"]


@pytest.mark.parametrize("url", ["status.example.com", "ftp://status.example.com/", "https://", "https:// example.com"])
def test_an_api_url_that_is_not_http_fails_before_any_request(run_module, http, url):
    result = run_module(statusmate_component_info, page(url))
    assert result["failed"] is True
    assert result["msg"] == "api_url must be an http or https URL (like https://status.example.com), got %r" % url
    assert len(http.calls) == 0


def test_a_missing_ca_path_fails_before_any_request(run_module, http, tmp_path):
    missing = str(tmp_path / "no-such-ca.pem")
    result = run_module(statushub_service_info, dict(api_url="https://acme.app.statushub.test/api/v3", api_key="hub-key",
                                                     hub="acme", ca_path=missing))
    assert result["failed"] is True
    assert result["msg"] == "ca_path must be a file of PEM certificates, got %r: no such file" % missing
    assert "hub-key" not in result["msg"]
    assert len(http.calls) == 0


# A token or key is sent as the Authorization header: one that cannot be is refused before any request, not shown.

UNSENDABLE_SECRETS = [
    pytest.param("page-token-123\n", "U+000A at character 15 of 15", id="final newline"),
    pytest.param("page-token-123\r\nX-Injected: 1", "U+000D at character 15 of 29", id="CR LF"),
    pytest.param("page\x01token", "U+0001 at character 5 of 10", id="control character"),
    pytest.param("page\x7ftoken", "U+007F at character 5 of 10", id="DEL"),
    pytest.param("page-t\u20acken", "U+20AC at character 7 of 10", id="beyond Latin-1"),
    pytest.param(" page-token-123", "white space at its start or end", id="leading space"),
    pytest.param("page-token-123 ", "white space at its start or end", id="trailing space"),
]


def secret_refusal(option, found):
    return ("%s must be one line of printable Latin-1 text without white space around it, as the Authorization header "
            "carries it; the value given (not shown) holds %s. A value read from a file often keeps its final newline: "
            "strip it (for example with | trim)" % (option, found))


@pytest.mark.parametrize("token, found", UNSENDABLE_SECRETS)
def test_an_unsendable_token_fails_before_any_request_naming_api_token(run_module, http, token, found):
    result = run_module(statusmate_component_info, page("https://status.example.test", api_token=token))
    assert result["failed"] is True
    assert result["msg"] == secret_refusal("api_token", found)
    assert len(http.calls) == 0


@pytest.mark.parametrize("key, found", UNSENDABLE_SECRETS)
def test_an_unsendable_key_from_the_environment_fails_naming_api_key(run_module, http, monkeypatch, key, found):
    monkeypatch.setenv("STATUSHUB_API_KEY", key)
    result = run_module(statushub_service_info, dict(api_url="https://acme.app.statushub.test/api/v3", hub="acme"))
    assert result["failed"] is True
    assert result["msg"] == secret_refusal("api_key", found)
    assert key.strip() not in result["msg"]
    assert len(http.calls) == 0


def test_an_empty_token_fails_before_any_request(run_module, http):
    result = run_module(statusmate_component_info, page("https://status.example.test", api_token=""))
    assert result["failed"] is True and result["msg"] == "api_token must not be empty"
    assert len(http.calls) == 0
