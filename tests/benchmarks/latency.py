# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark at network latency: the issue's scenarios with 0 s and 0.1 s added to every answer of the simulator.

For each scenario (through the roles and set modules) it reports the requests sent, the task's wall time at each
latency (the median of several runs) and the round trips a user waits for one after another: the extra wall time
at 0.1 s divided by 0.1 s. The simulator sleeps before each answer, so requests in flight at once pay it at once.

    python -m tests.benchmarks.latency [--runs 3] [--concurrency 10] [--output docs/benchmarks/latency.md]

Run it from the repository root with a Python that has ansible-core, requests and flask (scripts/test's .venv).
It starts its own simulator on a free port; StatusHub's rate limits are on. It measures, it does not pass or fail.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from tests.benchmarks.statusmate_page import REPO, Simulator, collections_path, page_components

LATENCIES = (0.0, 0.1)
SUBSCRIPTIONS = 50
WRITES_PER_SECOND = 5  # StatusHub's documented limit for methods other than GET

PLAY = """---
- name: One timed task
  hosts: localhost
  gather_facts: false
  vars_files: [vars.json]
  tasks:
    - name: Start the clock
      ansible.builtin.set_fact:
        started_at: "{{ now().timestamp() }}"
    - name: The task measured
      ansible.builtin.include_role:
        name: "{{ role }}"
    - name: Stop the clock
      ansible.builtin.debug:
        msg: "BENCH {{ now().timestamp() - started_at | float }}"
"""


def subscriptions(count):
    return [{"address": "reader%03d@example.com" % number, "method": "email"} for number in range(count)]


class Scenario:
    """One row: a role applied to a fresh simulator (first run), or applied again (no-op)."""

    def __init__(self, label, role, variables, api, noop, target, minimum=None):
        self.label = label
        self.role = role
        self.variables = variables
        self.api = api
        self.noop = noop
        self.target = target  # (text, function of the row's figures -> bool)
        self.minimum = minimum  # the seconds the API's rate limit requires, if it does


def scenarios(concurrency):
    page = {"statusmate_page_components": page_components(), "statusmate_page_concurrency": concurrency}
    hub = {"statushub_page_subscriptions": subscriptions(SUBSCRIPTIONS), "statushub_page_concurrency": concurrency}
    minimum = SUBSCRIPTIONS / WRITES_PER_SECOND
    return [
        Scenario("200-component Statusmate page (10 groups), first run", "statusops.status.statusmate_page", page,
                 "statusmate", False, ("at most 30 round trips", lambda row: row["round_trips"] <= 30)),
        Scenario("the same page, no-op re-run", "statusops.status.statusmate_page", page, "statusmate", True,
                 ("at most 3 round trips", lambda row: row["round_trips"] <= 3)),
        Scenario("%d StatusHub subscriptions created" % SUBSCRIPTIONS, "statusops.status.statushub_page", hub,
                 "statushub", False,
                 ("at most 5 round trips beyond the %g s of the rate limit, no 429" % minimum,
                  lambda row: row["beyond_limit"] <= 5 and row["rejected"] == 0), minimum),
        Scenario("the same subscriptions, no-op", "statusops.status.statushub_page", hub, "statushub", True,
                 ("at most 2 round trips", lambda row: row["round_trips"] <= 2)),
    ]


class Bench:
    def __init__(self, simulator, workdir, playbook_command):
        self.simulator = simulator
        self.workdir = workdir
        self.playbook_command = playbook_command
        facts = simulator.facts
        self.env = dict(os.environ,
                        ANSIBLE_COLLECTIONS_PATH=collections_path(workdir),
                        ANSIBLE_LOCALHOST_WARNING="false",
                        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
                        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                        ANSIBLE_NOCOLOR="true",
                        STATUSMATE_API_URL=facts["statusmate"]["api_url"],
                        STATUSMATE_API_TOKEN=facts["statusmate"]["api_token"],
                        STATUSHUB_API_URL=facts["statushub"]["api_url"],
                        STATUSHUB_API_KEY=facts["statushub"]["api_key"],
                        STATUSHUB_HUB=facts["statushub"]["hub"])
        with open(os.path.join(workdir, "play.yml"), "w") as play:
            play.write(PLAY)

    def task(self, scenario):
        """Apply the scenario's role once: the task's wall time and the simulator's log of it."""
        with open(os.path.join(self.workdir, "vars.json"), "w") as handle:
            json.dump(dict(scenario.variables, role=scenario.role), handle)
        self.simulator.control("DELETE", "/log")
        done = subprocess.run(self.playbook_command + ["play.yml"], cwd=self.workdir, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        output = done.stdout.decode(errors="replace")
        measured = re.search(r"BENCH ([0-9.]+)", output)
        if done.returncode != 0 or not measured:
            sys.stderr.write(output[-4000:])
            raise RuntimeError("the run of %s failed" % scenario.role)
        log = [entry for entry in self.simulator.control("GET", "/log")["requests"] if entry["api"] == scenario.api]
        return float(measured.group(1)), log

    @staticmethod
    def api_time(log, latency):
        """Seconds from the first request's arrival to the last answer: the task's time at the API, which leaves
        out the start of Ansible and of the module (seconds on a busy machine, the same at every latency)."""
        arrivals = [entry["time"] for entry in log]
        return max(arrivals) - min(arrivals) + latency

    def sample(self, scenario, latency):
        self.simulator.control("POST", "/reset")
        self.simulator.control("PUT", "/config", {"latency": latency})
        if scenario.noop:
            self.task(scenario)
        return self.task(scenario)

    def measure(self, scenario, runs):
        row = {"label": scenario.label, "target": scenario.target[0]}
        row["rejected"] = 0
        for latency in LATENCIES:
            samples = [self.sample(scenario, latency) for _run in range(runs)]
            row[latency] = statistics.median(elapsed for elapsed, _log in samples)
            row[("api", latency)] = statistics.median(self.api_time(log, latency) for _elapsed, log in samples)
            row["requests"] = sorted(set(len(log) for _elapsed, log in samples))
            row["rejected"] = max([row["rejected"]] + [len([entry for entry in log if entry["status"] == 429])
                                                       for _elapsed, log in samples])
        row["round_trips"] = (row[("api", LATENCIES[1])] - row[("api", LATENCIES[0])]) / LATENCIES[1]
        row["beyond_limit"] = (row[("api", LATENCIES[1])] - scenario.minimum) / LATENCIES[1] if scenario.minimum else None
        row["met"] = scenario.target[1](row)
        return row


def span(values):
    return str(values[0]) if len(values) == 1 else "%s-%s" % (values[0], values[-1])


def table(rows):
    lines = [
        "| scenario (through the roles and set modules) | requests | task wall time at 0 s / 0.1 s (s) "
        "| time at the API at 0 s / 0.1 s (s) | round trips in sequence | 429 answers | target | result |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        round_trips = "%.1f" % row["round_trips"]
        if row["beyond_limit"] is not None:
            round_trips += " (%.1f beyond the rate limit's time)" % row["beyond_limit"]
        lines.append("| %s | %s | %.2f / %.2f | %.2f / %.2f | %s | %d | %s | %s |" % (
            row["label"], span(row["requests"]), row[0.0], row[0.1], row[("api", 0.0)], row[("api", 0.1)], round_trips,
            row["rejected"], row["target"], "met" if row["met"] else "NOT met"))
    return "\n".join(lines)


def report(rows, runs, concurrency):
    return """# Benchmark: the issue's scenarios at 0 s and 0.1 s of latency

Measured by `tests/benchmarks/latency.py` on %(when)s against the local simulator with 0 s and then 0.1 s added
before every answer (Python %(python)s, %(machine)s), `concurrency: %(concurrency)d` (the default), StatusHub's rate
limits on. Each figure is the median of %(runs)d runs. The task wall time is the role's as the playbook sees it; it
includes the start of Ansible's module, seconds on a busy machine, which do not depend on the latency but vary from
run to run by more than the round trips measured. The time at the API runs from the arrival of the task's first
request to its last answer, in the simulator's log. The round trips in sequence, the round trips a user waits for
one after another, are its extra time at 0.1 s divided by 0.1 s. The StatusHub creates take about %(minimum)g s at
any latency, as 5 writes a second is the documented limit; for them the table also gives the round trips beyond
those %(minimum)g s (time at the API at 0.1 s, less %(minimum)g s, divided by 0.1 s). A 429 counts even when the client
waited and retried.

%(table)s

Run it again with:

```
.venv/bin/python -m tests.benchmarks.latency
```
""" % {
        "when": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "machine": "%s %s, %s CPUs" % (platform.system(), platform.machine(), os.cpu_count()),
        "concurrency": concurrency, "runs": runs, "minimum": SUBSCRIPTIONS / WRITES_PER_SECOND, "table": table(rows),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (the median is reported)")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--output", default=os.path.join(REPO, "docs", "benchmarks", "latency.md"))
    args = parser.parse_args()
    playbook_command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook")]
    if not os.path.exists(playbook_command[0]):
        playbook_command = [shutil.which("ansible-playbook") or "ansible-playbook"]
    workdir = tempfile.mkdtemp(prefix="latency-bench-")
    simulator = Simulator(workdir)
    try:
        bench = Bench(simulator, workdir, playbook_command)
        rows = [bench.measure(scenario, args.runs) for scenario in scenarios(args.concurrency)]
    finally:
        simulator.stop()
    print(table(rows))
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as out:
        out.write(report(rows, args.runs, args.concurrency))
    print("\nwritten to %s" % args.output)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
