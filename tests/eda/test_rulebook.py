# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""End to end with the real engine: ansible-rulebook runs the collection's rulebook on 127.0.0.1, Alertmanager's
notifications are posted to it with curl, and the simulator must show what they say.

scripts/test (step eda) starts the simulator and exports its facts (STATUSMATE_API_URL and the rest); the collection
is found through ANSIBLE_COLLECTIONS_PATH. The Statusmate connection goes in by --vars, the StatusHub one by the
environment, so both ways are used.
"""

import json
import os
import signal
import socket
import subprocess
import time

import pytest
import requests

ENGINE_START = 120  # seconds: the JVM and the rules engine start slowly on a busy machine
CONVERGE = 120
TOKEN = "webhook-test-token"
HUB_QUERY = {"api_version": "V3-R1"}
# Set in the engine's environment, which the playbooks it starts inherit, to find them all at the end.
RUN_MARK = "STATUSOPS_EDA_TEST_RUN"


def alert(status, severity, fingerprint, **labels):
    return {"status": status, "labels": dict(labels, severity=severity),
            "annotations": {"summary": "Checkout is failing", "description": "Payments time out."},
            "startsAt": "2025-03-04T05:06:07.890123456Z",
            "endsAt": "0001-01-01T00:00:00Z" if status == "firing" else "2025-03-04T05:36:07.890123456Z",
            "generatorURL": "http://prometheus.example.test/graph?g0.expr=up", "fingerprint": fingerprint}


def notification(status):
    return {"version": "4", "groupKey": "{}/{}:{statusmate_component=\"Shop/Checkout\"}", "truncatedAlerts": 0,
            "status": status, "receiver": "status", "externalURL": "http://alertmanager.example.test",
            "groupLabels": {"statusmate_component": "Shop/Checkout", "statushub_service": "Checkout"},
            "commonLabels": {"statusmate_component": "Shop/Checkout"}, "commonAnnotations": {},
            "alerts": [alert(status, "warning", "0a1b", alertname="CheckoutLatency", statusmate_component="Shop/Checkout",
                             statushub_service="Checkout"),
                       alert(status, "critical", "2c3d", alertname="CheckoutErrors", statusmate_component="Shop/Checkout",
                             statushub_service="Checkout"),
                       alert(status, "critical", "4e5f", alertname="Unrelated", team="search")]}


class Simulator:
    def __init__(self):
        self.statusmate = os.environ["STATUSMATE_API_URL"]
        self.token = os.environ["STATUSMATE_API_TOKEN"]
        self.hub = "%s/hubs/%s" % (os.environ["STATUSHUB_API_URL"], os.environ["STATUSHUB_HUB"])
        self.key = os.environ["STATUSHUB_API_KEY"]
        requests.post(os.environ["SIMULATOR_CONTROL_URL"] + "/reset", timeout=10).raise_for_status()

    def statusmate_call(self, method, path, body=None):
        answer = requests.request(method, self.statusmate + path, json=body, timeout=10,
                                  headers={"Authorization": self.token})
        answer.raise_for_status()
        return answer.json()

    def statushub_call(self, method, path, body=None):
        answer = requests.request(method, self.hub + path, params=HUB_QUERY, json=body, timeout=10,
                                  headers={"Authorization": self.key})
        answer.raise_for_status()
        return answer.json()

    def impact(self, name):
        return [item["impact"] for item in self.statusmate_call("GET", "/api-components-list/") if item["name"] == name]

    def incidents(self):
        return [(item["title"], item.get("end_time") is None) for item in self.statushub_call("GET", "/incidents")["data"]]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what, check, timeout, engine):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if engine.poll() is not None:
            pytest.fail("ansible-rulebook exited (%s) while waiting for %s" % (engine.returncode, what))
        if check():
            return
        time.sleep(0.5)
    pytest.fail("%s: not within %s seconds" % (what, timeout))


def post(port, body, token=TOKEN):
    command = ["curl", "--silent", "--show-error", "--output", "/dev/null", "--write-out", "%{http_code}",
               "--max-time", "10", "--header", "Content-Type: application/json", "--data", json.dumps(body)]
    if token:
        command += ["--header", "Authorization: Bearer " + token]
    return subprocess.run(command + ["http://127.0.0.1:%d/alertmanager" % port], check=False,
                          capture_output=True, text=True).stdout


@pytest.fixture
def engine(tmp_path):
    """ansible-rulebook with the collection's rulebook on a free port of 127.0.0.1, stopped at the end."""
    simulator = Simulator()
    shop = simulator.statusmate_call("POST", "/api-components-create/", {"name": "Shop"})
    simulator.statusmate_call("POST", "/api-components-create/", {"name": "Checkout", "parent": shop["uuid"]})
    simulator.statushub_call("POST", "/services", {"name": "Checkout"})
    port = free_port()
    (tmp_path / "vars.yml").write_text(json.dumps({
        "alert_status_webhook_host": "127.0.0.1", "alert_status_webhook_port": port,
        "alert_status_webhook_token": TOKEN,
        "statusmate_api_url": simulator.statusmate, "statusmate_api_token": simulator.token}))
    (tmp_path / "inventory.yml").write_text(json.dumps({"all": {"hosts": {"localhost": {
        "ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}}}}))
    env = dict((name, value) for name, value in os.environ.items() if not name.startswith("STATUSMATE_"))
    env[RUN_MARK] = str(tmp_path)
    log = open(tmp_path / "engine.log", "w")
    process = subprocess.Popen(["ansible-rulebook", "--rulebook", "statusops.status.alertmanager_status",
                                "--vars", "vars.yml", "--inventory", "inventory.yml"],
                               cwd=str(tmp_path), env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for("the webhook listening on port %d" % port, lambda: _listening(port), ENGINE_START, process)
        yield simulator, port, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        stop_marked_processes(str(tmp_path))
        print((tmp_path / "engine.log").read_text())


def marked_processes(mark):
    """The pids of the processes started with RUN_MARK=mark in their environment."""
    expected = ("%s=%s" % (RUN_MARK, mark)).encode()
    pids = []
    for entry in os.listdir("/proc"):
        try:
            with open("/proc/%s/environ" % entry, "rb") as environ:
                if expected in environ.read().split(b"\0"):
                    pids.append(int(entry))
        except (OSError, ValueError):
            continue
    return pids


def stop_marked_processes(mark):
    """Stop what the engine left running: ansible-runner starts each playbook in a session of its own, out of reach
    of the engine's process group."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in marked_processes(mark):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while marked_processes(mark) and time.monotonic() < deadline:
            time.sleep(0.2)
    assert marked_processes(mark) == [], "processes of the engine still running"


def _listening(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_alertmanager_notifications_move_the_page_and_the_hub(engine):
    simulator, port, process = engine
    assert post(port, notification("firing"), token=None) == "401"
    assert post(port, notification("firing"), token="wrong") == "401"
    assert simulator.impact("Checkout") == ["operational"]

    assert post(port, notification("firing")) == "200"
    wait_for("Checkout in major_outage with an open incident",
             lambda: simulator.impact("Checkout") == ["major_outage"]
             and simulator.incidents() == [("Checkout is failing", True)], CONVERGE, process)

    assert post(port, notification("resolved")) == "200"
    wait_for("Checkout operational with the incident resolved",
             lambda: simulator.impact("Checkout") == ["operational"]
             and simulator.incidents() == [("Checkout is failing", False)], CONVERGE, process)


def test_the_rulebook_refuses_to_listen_on_every_address_without_a_token(tmp_path):
    (tmp_path / "vars.yml").write_text(json.dumps({"alert_status_webhook_host": "0.0.0.0",
                                                   "alert_status_webhook_port": free_port()}))
    (tmp_path / "inventory.yml").write_text(json.dumps({"all": {"hosts": {"localhost": {"ansible_connection": "local"}}}}))
    engine = subprocess.run(["ansible-rulebook", "--rulebook", "statusops.status.alertmanager_status",
                             "--vars", "vars.yml", "--inventory", "inventory.yml"],
                            cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
                            timeout=ENGINE_START)
    assert engine.returncode != 0
    assert "refusing to listen on 0.0.0.0 without a token or an HMAC secret" in engine.stdout
