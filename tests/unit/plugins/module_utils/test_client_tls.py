# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client against a real https server on 127.0.0.1 whose certificate a private CA signed."""

import pytest

from ansible_collections.statusops.status.plugins.module_utils.answers import LIST
from ansible_collections.statusops.status.plugins.module_utils.client import ApiClient
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, OutcomeUnknown

pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


class NoSleep:
    """Records the waits for retries instead of sleeping."""

    def __init__(self):
        self.sleeps = []

    def __call__(self, seconds):
        self.sleeps.append(seconds)


def get(https_server, sleep, **kwargs):
    client = ApiClient(https_server.url, "page-token", retry_timeout=60, sleep=sleep, **kwargs)
    return client.get("/api-components-list/", expect=LIST)


def test_verification_fails_at_once_by_default(https_server):
    sleep = NoSleep()
    with pytest.raises(ApiError) as failure:
        get(https_server, sleep)
    assert str(failure.value).startswith("GET /api-components-list/: TLS certificate verification failed (")
    assert "set ca_path to the CA bundle" in str(failure.value)
    assert sleep.sleeps == []
    assert https_server.paths == []


def test_ca_path_names_the_private_ca(https_server):
    sleep = NoSleep()
    assert get(https_server, sleep, ca_path=str(https_server.ca_file)) == []
    assert https_server.paths == ["/api-components-list/"]
    assert sleep.sleeps == []


def test_validate_certs_false_skips_verification(https_server):
    assert get(https_server, NoSleep(), validate_certs=False) == []
    assert https_server.paths == ["/api-components-list/"]


def test_validate_certs_false_wins_over_ca_path(https_server, bundle_environment):
    assert get(https_server, NoSleep(), validate_certs=False, ca_path=str(bundle_environment)) == []
    assert https_server.paths == ["/api-components-list/"]


def test_a_post_refused_by_verification_fails_at_once_too(https_server):
    sleep = NoSleep()
    client = ApiClient(https_server.url, "page-token", retry_timeout=60, sleep=sleep)
    with pytest.raises(ApiError) as failure:
        client.post("/api-components-create/", {"name": "API"})
    assert "TLS certificate verification failed" in str(failure.value)
    assert not isinstance(failure.value, OutcomeUnknown)
    assert sleep.sleeps == []


@pytest.mark.parametrize("url", ["status.example.com", "ftp://status.example.com", "http://"])
def test_a_url_that_is_not_http_fails_at_once(url):
    sleep = NoSleep()
    client = ApiClient(url, "page-token", retry_timeout=60, sleep=sleep)
    with pytest.raises(ApiError) as failure:
        client.get("/api-components-list/")
    assert "api_url is not a valid http(s) URL" in str(failure.value)
    assert "page-token" not in str(failure.value)
    assert sleep.sleeps == []
