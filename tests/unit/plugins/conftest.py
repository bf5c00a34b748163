# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.statusops.status.tests.unit.plugins.tls_server import HttpsServer, write_private_ca


@pytest.fixture(params=["bundle variables set", "bundle variables unset"])
def bundle_environment(request, monkeypatch, tmp_path):
    """REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE naming a CA that did not sign the server's certificate, or unset."""
    (tmp_path / "other-ca").mkdir()
    other_ca = write_private_ca(tmp_path / "other-ca")[0]
    for variable in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        if request.param == "bundle variables set":
            monkeypatch.setenv(variable, str(other_ca))
        else:
            monkeypatch.delenv(variable, raising=False)
    return other_ca


@pytest.fixture
def https_server(tmp_path, bundle_environment):
    """A real https server on 127.0.0.1 (see tls_server.HttpsServer), in both bundle environments."""
    (tmp_path / "server").mkdir()
    with HttpsServer(tmp_path / "server") as running:
        yield running
