# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of the statusmate_page role on the simulator (not a test: it measures, it does not pass or fail).

For a page of 200 components in 10 groups it measures, with abbreviated and with full list items:

  (a) the first run of the role, on an empty page,
  (b) a no-op re-run of the role,
  (c) the same no-op check written the way users do it today: a loop of ansible.builtin.uri tasks,
      one list request per component,
  (d) the role's no-op re-run in check mode with --diff,

each as the median wall time of several runs of ansible-playbook and the number of HTTP requests in the
simulator's log. It prints a table and writes it to docs/benchmarks/statusmate_page.md.

    python tests/benchmarks/statusmate_page.py [--runs 3] [--output docs/benchmarks/statusmate_page.md]

Run it from the repository root with a Python that has ansible-core and flask (scripts/test's .venv).
It starts its own simulator on a free port.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GROUPS = 10
COMPONENTS = 200
LIST_MODES = ("abbreviated", "full")

ROLE_PLAY = """---
- name: Provision the benchmark page with the role
  hosts: localhost
  gather_facts: false
  vars_files: [page.yml]
  roles:
    - role: statusops.status.statusmate_page
"""

URI_PLAY = """---
- name: Check the benchmark page the way users do it today, one list request per component
  hosts: localhost
  gather_facts: false
  vars_files: [page.yml]
  tasks:
    - name: Look up each component in the page's list
      ansible.builtin.uri:
        url: "{{ lookup('ansible.builtin.env', 'STATUSMATE_API_URL') }}/api-components-list/"
        headers:
          Authorization: "{{ lookup('ansible.builtin.env', 'STATUSMATE_API_TOKEN') }}"
      register: lookup_result
      changed_when: false
      failed_when: >-
        lookup_result.json | selectattr('name', 'equalto', item.name)
        | selectattr('description', 'equalto', item.description) | list | length == 0
      loop: "{{ statusmate_page_components | map(attribute='children') | flatten + statusmate_page_components }}"
      loop_control:
        label: "{{ item.name }}"
"""


def page_components():
    """200 components: 10 groups of 19 components each."""
    per_group = COMPONENTS // GROUPS - 1
    return [
        {
            "name": "Group %02d" % group,
            "description": "Group number %d" % group,
            "children": [{"name": "Service %02d-%02d" % (group, number), "description": "Service %d of group %d" % (number, group),
                          "impact": "operational"} for number in range(per_group)],
        }
        for group in range(GROUPS)
    ]


class Simulator:
    """The repository's simulator on a free port, as a child process."""

    def __init__(self, workdir):
        self.ready_file = os.path.join(workdir, "simulator.json")
        self.log_file = open(os.path.join(workdir, "simulator.log"), "w")  # pylint: disable=consider-using-with
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "tests.simulator", "--port", "0", "--ready-file", self.ready_file],
            cwd=REPO, stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not os.path.exists(self.ready_file) or not os.path.getsize(self.ready_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the simulator did not start; see %s" % self.log_file.name)
            time.sleep(0.1)
        time.sleep(0.1)
        with open(self.ready_file) as facts:
            self.facts = json.load(facts)

    def control(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.facts["control_url"] + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def requests(self):
        return [entry for entry in self.control("GET", "/log")["requests"] if entry["api"] == "statusmate"]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log_file.close()


def collections_path(workdir):
    """A collections path holding this repository as statusops.status."""
    parent = os.path.dirname(REPO)
    if os.path.basename(parent) == "statusops" and os.path.basename(REPO) == "status" \
            and os.path.basename(os.path.dirname(parent)) == "ansible_collections":
        return os.path.dirname(os.path.dirname(parent))
    root = os.path.join(workdir, "collections")
    os.makedirs(os.path.join(root, "ansible_collections", "statusops"))
    os.symlink(REPO, os.path.join(root, "ansible_collections", "statusops", "status"))
    return root


class Bench:
    def __init__(self, simulator, workdir, playbook_command, runs):
        self.simulator = simulator
        self.workdir = workdir
        self.playbook_command = playbook_command
        self.runs = runs
        self.env = dict(os.environ,
                        ANSIBLE_COLLECTIONS_PATH=collections_path(workdir),
                        ANSIBLE_LOCALHOST_WARNING="false",
                        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
                        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                        ANSIBLE_NOCOLOR="true",
                        STATUSMATE_API_URL=simulator.facts["statusmate"]["api_url"],
                        STATUSMATE_API_TOKEN=simulator.facts["statusmate"]["api_token"])
        with open(os.path.join(workdir, "page.yml"), "w") as page:
            json.dump({"statusmate_page_components": page_components()}, page, indent=1)
        for name, text in (("role.yml", ROLE_PLAY), ("uri.yml", URI_PLAY)):
            with open(os.path.join(workdir, name), "w") as play:
                play.write(text)

    def playbook(self, name, *options):
        """Run one playbook; its wall time and the simulator's log of it."""
        self.simulator.control("DELETE", "/log")
        started = time.monotonic()
        done = subprocess.run(self.playbook_command + [name] + list(options), cwd=self.workdir, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        elapsed = time.monotonic() - started
        if done.returncode != 0:
            sys.stderr.write(done.stdout.decode(errors="replace")[-4000:])
            raise RuntimeError("ansible-playbook %s failed" % name)
        return elapsed, self.simulator.requests(), done.stdout.decode(errors="replace")

    def reset(self, list_mode):
        self.simulator.control("POST", "/reset")
        self.simulator.control("PUT", "/config", {"statusmate_list": list_mode})

    def measure(self, list_mode):
        """The four measurements for one form of list items."""
        results = {}
        samples = {"a": [], "b": [], "c": [], "d": []}
        for _run in range(self.runs):
            self.reset(list_mode)
            samples["a"].append(self.playbook("role.yml"))
        for _run in range(self.runs):
            samples["b"].append(self.playbook("role.yml"))
            samples["c"].append(self.playbook("uri.yml"))
            samples["d"].append(self.playbook("role.yml", "--check", "--diff"))
        for key, runs in samples.items():
            counts = sorted(set(len(log) for _elapsed, log, _out in runs))
            writes = sorted(set(len([entry for entry in log if entry["method"] != "GET"]) for _elapsed, log, _out in runs))
            creates = sorted(set(len([entry for entry in log if entry["path"] == "/api-components-create/"])
                                 for _elapsed, log, _out in runs))
            results[key] = {
                "time": statistics.median(elapsed for elapsed, _log, _out in runs),
                "times": [elapsed for elapsed, _log, _out in runs],
                "requests": counts, "writes": writes, "creates": creates,
            }
        return results


def span(values):
    return str(values[0]) if len(values) == 1 else "%s-%s" % (values[0], values[-1])


def verdict(ok):
    return "met" if ok else "NOT met"


def table(results):
    """The Markdown table of the measurements next to the targets."""
    lines = [
        "| measurement | list items | wall time, median of %d (s) | HTTP requests | writes | target | result |" % len(
            results["abbreviated"]["a"]["times"]),
        "|---|---|---|---|---|---|---|",
    ]
    labels = {
        "a": "(a) first run with the role (empty page)",
        "b": "(b) no-op re-run with the role",
        "c": "(c) no-op check as a loop of `ansible.builtin.uri`, one list request per component",
        "d": "(d) no-op re-run with the role, `--check --diff`",
    }
    for mode in LIST_MODES:
        res = results[mode]
        speedup = res["c"]["time"] / res["b"]["time"]
        request_limit = 11 if mode == "abbreviated" else 1
        targets = {
            "a": ("exactly %d creates" % COMPONENTS, res["a"]["creates"] == [COMPONENTS] and res["a"]["writes"] == [COMPONENTS]),
            "b": ("at most %d requests, no write; at least 10 times faster than (c)" % request_limit,
                  max(res["b"]["requests"]) <= request_limit and res["b"]["writes"] == [0] and speedup >= 10),
            "c": ("(reference)", None),
            "d": ("no write", res["d"]["writes"] == [0]),
        }
        for key in "abcd":
            target, ok = targets[key]
            result = "" if ok is None else verdict(ok)
            if key == "b":
                result += " (%.1f times faster than (c))" % speedup
            lines.append("| %s | %s | %.2f | %s | %s | %s | %s |" % (
                labels[key], mode, res[key]["time"], span(res[key]["requests"]), span(res[key]["writes"]), target, result))
    return "\n".join(lines)


def ansible_version(playbook_command):
    done = subprocess.run(playbook_command + ["--version"], stdout=subprocess.PIPE, check=False)
    return done.stdout.decode(errors="replace").splitlines()[0] if done.stdout else "unknown"


def report(results, runs, playbook_command):
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    return """# Benchmark: a Statusmate page with the `statusmate_page` role

Measured by `tests/benchmarks/statusmate_page.py` on %(today)s against the local simulator
(Python %(python)s, %(ansible)s, %(machine)s). A page of %(components)d components in %(groups)d groups
(each group holds %(per_group)d components). Wall time is the whole `ansible-playbook` run, the median of %(runs)d runs;
the requests are those in the simulator's log for one run (a range when runs differed).

%(table)s

The targets are those of the issue: the no-op re-run sends at most 11 requests with abbreviated list items (one
list and one `?parent=` query per group) and 1 with full items, and runs at least 10 times faster than (c); the first
run sends exactly %(components)d creates. The simulator answers on loopback, so the times are mostly Ansible's own
work; against a remote API every request of (c) also pays a network round trip.

Run it again with:

```
.venv/bin/python tests/benchmarks/statusmate_page.py
```
""" % {
        "today": today, "python": platform.python_version(), "ansible": ansible_version(playbook_command),
        "machine": "%s %s, %s CPUs" % (platform.system(), platform.machine(), os.cpu_count()),
        "components": COMPONENTS, "groups": GROUPS, "per_group": COMPONENTS // GROUPS - 1, "runs": runs,
        "table": table(results),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (the median is reported)")
    parser.add_argument("--output", default=os.path.join(REPO, "docs", "benchmarks", "statusmate_page.md"))
    parser.add_argument("--ansible-playbook", default=os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
                        help="the ansible-playbook to run (default: the one beside this Python)")
    args = parser.parse_args()
    playbook_command = [args.ansible_playbook]
    if not os.path.exists(args.ansible_playbook):
        playbook_command = [shutil.which("ansible-playbook") or "ansible-playbook"]
    workdir = tempfile.mkdtemp(prefix="statusmate-page-bench-")
    simulator = Simulator(workdir)
    try:
        bench = Bench(simulator, workdir, playbook_command, args.runs)
        results = dict((mode, bench.measure(mode)) for mode in LIST_MODES)
    finally:
        simulator.stop()
    text = report(results, args.runs, playbook_command)
    print(table(results))
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as out:
        out.write(text)
    print("\nwritten to %s" % args.output)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
