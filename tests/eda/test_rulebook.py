# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""End to end with the real engine: ansible-rulebook runs the collection's rulebook on 127.0.0.1, notifications are
posted to it (with curl, or by the real Alertmanager), and the simulator must show what they say.

scripts/test (step eda) starts the simulator and exports its facts (STATUSMATE_API_URL and the rest), and starts
Debian's prometheus-alertmanager (ALERTMANAGER_API_URL) with the rulebook's webhook as its receiver, on
ALERT_STATUS_WEBHOOK_PORT with ALERT_STATUS_WEBHOOK_TOKEN; the collection is found through ANSIBLE_COLLECTIONS_PATH.
The Statusmate connection goes in by --vars, the StatusHub one by the environment, so both ways are used.
"""

import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

ENGINE_START = 120  # seconds: the JVM and the rules engine start slowly on a busy machine
CONVERGE = 120
TOKEN = os.environ.get("ALERT_STATUS_WEBHOOK_TOKEN", "webhook-test-token")
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

    def uuid(self, name):
        return next(item["uuid"] for item in self.statusmate_call("GET", "/api-components-list/") if item["name"] == name)

    def component(self, name, parent=None, impact="operational"):
        body = {"name": name, "impact": impact}
        if parent:
            body["parent"] = parent
        return self.statusmate_call("POST", "/api-components-create/", body)["uuid"]

    def log(self):
        answer = requests.get(os.environ["SIMULATOR_CONTROL_URL"] + "/log", timeout=10)
        answer.raise_for_status()
        return answer.json()["requests"]

    def impacts_written(self, uuid):
        """The impacts written to one component, in order."""
        return [entry["body"]["impact"] for entry in self.log() if entry["method"] != "GET"
                and uuid in entry["path"] and isinstance(entry["body"], dict) and "impact" in entry["body"]]

    def writes(self):
        return [(entry["method"], entry["path"]) for entry in self.log() if entry["method"] != "GET"]


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
    port = int(os.environ.get("ALERT_STATUS_WEBHOOK_PORT") or free_port())
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
    process.run_mark, process.log_path = str(tmp_path), tmp_path / "engine.log"
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


def test_a_statushub_service_is_held_during_a_maintenance_in_progress_and_moved_after_it(engine):
    simulator, port, process = engine
    checkout = simulator.statushub_call("GET", "/services")["data"][0]["id"]
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    window = simulator.statushub_call("POST", "/maintenances", {
        "title": "Deploy 2.4.1", "start_time": iso(now - datetime.timedelta(minutes=1)),
        "end_time": iso(now + datetime.timedelta(minutes=30)),
        "service_statuses": [{"service_id": checkout, "status": "degraded-performance"}]})

    assert post(port, notification("firing")) == "200"
    # Its Statusmate component is not held (the window's silence is its hold); once the playbook is done, no incident.
    wait_for("Checkout in major_outage", lambda: simulator.impact("Checkout") == ["major_outage"], CONVERGE, process)
    wait_for("the playbook done", lambda: not running_playbooks(process), CONVERGE, process)
    assert simulator.incidents() == []
    assert "held: " in engine_output(process)

    simulator.statushub_call("PUT", "/maintenances/%d" % window["id"], {"end_time": iso(now + datetime.timedelta(seconds=1))})
    time.sleep(max(0.0, (now + datetime.timedelta(seconds=1.5) - datetime.datetime.now(datetime.timezone.utc)).total_seconds()))
    assert post(port, notification("firing")) == "200"
    wait_for("the incident opened once the maintenance ended",
             lambda: simulator.incidents() == [("Checkout is failing", True)], CONVERGE, process)


def test_a_deploy_window_silences_its_alerts_in_the_real_alertmanager(engine, tmp_path):
    """The window of item 4 of issue 28: Alertmanager between the alerts and the rulebook, the window's silence in it."""
    simulator, port, process = engine
    alertmanager = os.environ["ALERTMANAGER_API_URL"]
    shop, checkout = simulator.uuid("Shop"), simulator.uuid("Checkout")
    simulator.statusmate_call("POST", "/api-components-update/%s/" % checkout,
                              {"name": "Checkout", "parent": shop, "impact": "partial_outage"})
    search = simulator.component("Search", shop)

    window(tmp_path, "open", alertmanager)
    assert simulator.impact("Checkout") == ["under_maintenance"]

    fire(alertmanager, "CheckoutErrors", "critical", statusmate_component="Shop/Checkout", statushub_service="Checkout")
    fire(alertmanager, "SearchSlow", "warning", statusmate_component="Shop/Search")
    wait_for("Search, outside the window, in partial_outage", lambda: simulator.impact("Search") == ["partial_outage"],
             CONVERGE, process)
    assert silenced_by(alertmanager, "CheckoutErrors"), "the alert of the window's component is not silenced"
    assert simulator.impacts_written(checkout) == ["partial_outage", "under_maintenance"]
    assert simulator.impact("Checkout") == ["under_maintenance"] and simulator.incidents() == []

    window(tmp_path, "close", alertmanager)
    wait_for("Checkout moved by the alert that still fires, with its incident open",
             lambda: simulator.impact("Checkout") == ["major_outage"]
             and simulator.incidents() == [("Checkout is failing", True)], CONVERGE, process)
    # Close restored the impact from before the window; then Alertmanager notified what still fires.
    assert simulator.impacts_written(checkout) == ["partial_outage", "under_maintenance", "partial_outage", "major_outage"]
    assert not silenced_by(alertmanager, "CheckoutErrors")

    fire(alertmanager, "CheckoutErrors", "critical", resolved=True, statusmate_component="Shop/Checkout",
         statushub_service="Checkout")
    wait_for("Checkout operational with the incident resolved",
             lambda: simulator.impact("Checkout") == ["operational"]
             and simulator.incidents() == [("Checkout is failing", False)], CONVERGE, process)

    # The same again changes nothing: close again, the resolved alert again; then Search resolves, which the rulebook
    # applies after anything the repeats might have caused.
    writes = len(simulator.writes())
    window(tmp_path, "close", alertmanager)
    fire(alertmanager, "CheckoutErrors", "critical", resolved=True, statusmate_component="Shop/Checkout",
         statushub_service="Checkout")
    fire(alertmanager, "SearchSlow", "warning", resolved=True, statusmate_component="Shop/Search")
    wait_for("Search operational", lambda: simulator.impact("Search") == ["operational"], CONVERGE, process)
    assert [path for _method, path in simulator.writes()[writes:]] == ["/api-components-update/%s/" % search]


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def fire(alertmanager, name, severity, resolved=False, **labels):
    """Post one alert to Alertmanager as Prometheus does: firing until endsAt, resolved with endsAt now."""
    now = datetime.datetime.now(datetime.timezone.utc)
    body = [{"labels": dict(labels, alertname=name, severity=severity),
             "annotations": {"summary": "%s is failing" % name.replace("Errors", "").replace("Slow", ""),
                             "description": "Seen by the end-to-end test."},
             "startsAt": iso(now - datetime.timedelta(minutes=5)),
             "endsAt": iso(now if resolved else now + datetime.timedelta(hours=1)),
             "generatorURL": "http://prometheus.example.test/graph"}]
    requests.post(alertmanager + "/api/v2/alerts", json=body, timeout=10).raise_for_status()


def silenced_by(alertmanager, name):
    alerts = requests.get(alertmanager + "/api/v2/alerts", params={"filter": 'alertname="%s"' % name}, timeout=10).json()
    return [silence for item in alerts for silence in item["status"]["silencedBy"]]


def window(tmp_path, entry_point, alertmanager):
    """Run the maintenance_window role's entry point in its own ansible-playbook run, as a deploy pipeline does."""
    memory = tmp_path / "memory"
    memory.mkdir(mode=0o700, exist_ok=True)
    playbook = tmp_path / ("%s.yml" % entry_point)
    playbook.write_text(json.dumps([{
        "name": "Deploy window", "hosts": "localhost", "connection": "local", "gather_facts": False,
        "vars": {"maintenance_window_provider": "statusmate", "maintenance_window_name": "Deploy 2.4.1",
                 "maintenance_window_components": ["Shop/Checkout"], "maintenance_window_memory_dir": str(memory),
                 "maintenance_window_alertmanager_url": alertmanager},
        "tasks": [{"name": "The window", "ansible.builtin.include_role": {
            "name": "statusops.status.maintenance_window", "tasks_from": entry_point}}]}]))
    run = subprocess.run(["ansible-playbook", "-i", "localhost,", "-e", "ansible_python_interpreter=" + sys.executable,
                          str(playbook)], capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def running_playbooks(process):
    """Whether a playbook the engine started is still running (ansible-runner starts it in a session of its own)."""
    return any(b"ansible-playbook" in cmdline(pid) for pid in marked_processes(process.run_mark))


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as command:
            return command.read()
    except OSError:
        return b""


def engine_output(process):
    return process.log_path.read_text()


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
