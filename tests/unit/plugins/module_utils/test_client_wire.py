# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the client sends and how long it waits, against a real http server on 127.0.0.1: the credentials are ours
only (netrc and proxy logins never replace them), and a request ends at its timeout however slowly the answer comes."""

import base64
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from ansible_collections.statusops.status.plugins.module_utils.answers import LIST
from ansible_collections.statusops.status.plugins.module_utils.client import ApiClient
from ansible_collections.statusops.status.plugins.module_utils.deadline import RequestDeadline
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, OutcomeUnknown
from ansible_collections.statusops.status.tests.unit.plugins.http_server import TRICKLE_FOR, HttpServer

TOKEN = "page-token-123"
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def no_proxy_environment(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def server():
    with HttpServer() as running:
        yield running


@pytest.fixture
def netrc_default(monkeypatch, tmp_path):
    """A netrc whose default entry, as on many CI runners, holds another service's login."""
    netrc = tmp_path / "netrc"
    netrc.write_text("default login ci-bot password other-service-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    return netrc


def test_a_netrc_default_entry_never_replaces_our_authorization(server, netrc_default):
    requests.get(server.url + "/", timeout=5)  # what requests alone does with it: the test can fail
    assert server.requests[0][1]["authorization"].startswith("Basic ")
    assert ApiClient(server.url, TOKEN, retry_timeout=0).get("/api-components-list/", expect=LIST) == []
    assert server.requests[1][0] == "GET /api-components-list/ HTTP/1.1"
    assert server.requests[1][1]["authorization"] == TOKEN


def test_a_proxy_from_the_environment_is_used_and_its_login_goes_to_it_only(server, monkeypatch, netrc_default):
    monkeypatch.setenv("HTTP_PROXY", "http://proxy-user:proxy-pass@127.0.0.1:%d" % server.port)
    api = ApiClient("http://status.example.invalid", TOKEN, retry_timeout=0)
    assert api.get("/api-components-list/", expect=LIST) == []
    line, headers = server.requests[0]
    assert line == "GET http://status.example.invalid/api-components-list/ HTTP/1.1"
    assert headers["authorization"] == TOKEN
    assert headers["proxy-authorization"] == "Basic " + base64.b64encode(b"proxy-user:proxy-pass").decode()


def test_no_proxy_sends_the_request_directly(server, monkeypatch):
    closed = socket.create_server(("127.0.0.1", 0))
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:%d" % closed.getsockname()[1])
    closed.close()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert ApiClient(server.url, TOKEN, retry_timeout=0).get("/api-components-list/", expect=LIST) == []
    assert server.requests[0][0] == "GET /api-components-list/ HTTP/1.1"


# A deadline, not a socket timeout: the trickle sends a byte every 0.05 s for TRICKLE_FOR seconds, each byte well
# within the socket timeout, so only the deadline can end the request at its timeout. The bound asserted is loose
# (a fraction of TRICKLE_FOR), so that a slow machine passes and a missing deadline does not.


@pytest.mark.parametrize("trickle, closing", [("body", False), ("body", True), ("headers", False)],
                         ids=["body", "body ending the connection", "headers"])
def test_an_answer_that_trickles_in_fails_at_the_timeout(trickle, closing):
    with HttpServer(trickle=trickle, closing=closing) as server:
        started = time.monotonic()
        with pytest.raises(ApiError) as failure:
            ApiClient(server.url, TOKEN, timeout=0.5, retry_timeout=0).get("/api-components-list/", expect=LIST)
        took = time.monotonic() - started
    assert str(failure.value).startswith("GET /api-components-list/: timed out")
    assert took < TRICKLE_FOR / 3


def test_a_create_whose_answer_trickles_in_is_a_lost_answer():
    with HttpServer(trickle="body") as server:
        started = time.monotonic()
        with pytest.raises(OutcomeUnknown) as failure:
            ApiClient(server.url, TOKEN, timeout=0.5, retry_timeout=60).post("/api-components-create/", {"name": "A"})
        took = time.monotonic() - started
    assert "no answer (timed out); the request may have been carried out" in str(failure.value)
    assert took < TRICKLE_FOR / 3
    assert len(server.requests) == 1


class Connection:
    """A pooled connection as urllib3 holds it: its socket is .sock."""

    def __init__(self, sock):
        self.sock = sock


@pytest.fixture
def connection():
    ours, servers = socket.socketpair()
    with ours, servers:
        yield Connection(ours), servers


def test_the_deadline_shuts_the_socket_of_the_connection_its_request_holds(connection):
    held, other_end = connection
    with RequestDeadline(3600) as deadline:
        deadline.watch(held)
        deadline._expire()  # what its timer does at the deadline
        assert deadline.expired
        assert held.sock.recv(1) == b""  # a read blocked on it ends at once


def test_a_connection_given_back_to_the_pool_is_never_cut(connection):
    held, other_end = connection
    with RequestDeadline(3600) as deadline:
        deadline.watch(held)
        deadline.release(held)
        deadline._expire()
        other_end.sendall(b"x")
        assert held.sock.recv(1) == b"x"


def test_a_connection_taken_after_the_deadline_is_cut_at_once(connection):
    held, _other_end = connection
    with RequestDeadline(3600) as deadline:
        deadline._expire()
        deadline.watch(held)
        assert held.sock.recv(1) == b""


def test_the_deadline_timer_is_a_daemon_and_stops_with_its_request():
    with RequestDeadline(3600) as deadline:
        assert deadline._timer.daemon and deadline._timer.is_alive()
    deadline._timer.join(5)
    assert not deadline._timer.is_alive()


def test_every_pool_of_the_client_reports_its_connections_to_the_deadline(server, monkeypatch):
    watched = []
    monkeypatch.setattr(RequestDeadline, "watch", lambda self, connection: watched.append(connection))
    api = ApiClient(server.url, TOKEN, retry_timeout=0)
    api.get("/api-components-list/", expect=LIST)
    api.set_concurrency(4)
    api.get("/api-components-list/", expect=LIST)
    assert len(watched) == 2


# A module process that is told to end (SIGTERM, or SIGALRM) must not outlive the signal waiting for the threads
# that have requests in flight.

MODULE_LIKE = """
import sys
from ansible_collections.statusops.status.plugins.module_utils.answers import LIST
from ansible_collections.statusops.status.plugins.module_utils.client import ApiClient
api = ApiClient(sys.argv[1], "page-token-123", timeout=float(sys.argv[2]), retry_timeout=0)
api.set_concurrency(4)
api.concurrently(lambda number: api.get("/api-components-list/", {"n": number}, expect=LIST), range(4))
"""


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGALRM], ids=["SIGTERM", "SIGALRM"])
def test_a_module_process_ends_at_once_on_a_signal_with_requests_in_flight(signal_number):
    """Nothing handles them, so the process ends at once and its threads with it; the answers trickling in, with a
    timeout of an hour, would otherwise hold it for TRICKLE_FOR seconds."""
    with HttpServer(trickle="body") as server:
        environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        process = subprocess.Popen([sys.executable, "-c", MODULE_LIKE, server.url, "3600"], env=environment,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _request in range(4):
                assert server.arrived.acquire(timeout=TRICKLE_FOR / 3), "the requests did not all start"
            process.send_signal(signal_number)
            returncode = process.wait(timeout=TRICKLE_FOR / 3)
        finally:
            process.kill()
            process.wait()
    assert returncode == -signal_number


# Ansible's task timeout ends the task but leaves the module process running (ansible-core's local connection):
# the module ends itself once nobody reads its output.

ORPHANED = """
import sys, time
from ansible_collections.statusops.status.plugins.module_utils.ansible_module import exit_when_nobody_reads
exit_when_nobody_reads()
sys.stderr.write("watching\\n")
sys.stderr.flush()
time.sleep(3600)
"""


def test_a_module_process_ends_once_nobody_reads_its_output():
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    process = subprocess.Popen([sys.executable, "-c", ORPHANED], env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        assert process.stderr.readline() == b"watching\n"
        process.stdout.close()  # the task's worker is gone
        assert process.wait(timeout=30) == 1
    finally:
        process.kill()
        process.wait()


def test_a_module_process_whose_output_is_no_pipe_is_left_alone(tmp_path):
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    with open(tmp_path / "output", "wb") as output:
        process = subprocess.Popen([sys.executable, "-c", ORPHANED.replace("3600", "0")], env=environment,
                                   stdout=output, stderr=subprocess.PIPE)
        assert process.wait(timeout=30) == 0
