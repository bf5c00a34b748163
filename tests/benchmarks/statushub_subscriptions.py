# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: statushub_subscriptions with 100 subscriptions against the simulator (rate limits on).

Run from the repository root with a Python that has ansible-core, requests and flask:

    python tests/benchmarks/statushub_subscriptions.py [--count 100] [--output docs/benchmarks/statushub_subscriptions.md]

It starts its own simulator (port 0), runs ansible-playbook for each phase (create, create again, update,
delete), and reads the simulator's log after each: the writes sent, the answers 429, the most writes in any
one-second window. A phase of N writes may take at most BUDGET_FACTOR x N / WRITES_PER_SECOND seconds from the start to the
end of the task, and no 429 may reach the user (the task must succeed). It prints a table, writes it as Markdown, and exits 1 if a phase
is over budget or failed.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUTPUT = os.path.join("docs", "benchmarks", "statushub_subscriptions.md")
WRITES_PER_SECOND = 5  # the documented StatusHub limit for methods other than GET
BUDGET_FACTOR = 1.15  # the allowance over the time the limit itself imposes
READY_TIMEOUT = 30
METHOD_MIX = (("email", 40), ("sms", 20), ("webhook", 20), ("slack", 20))  # per 100 subscriptions

PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  connection: local
  vars_files: [vars.json]
  tasks:
    - name: Start the clock
      ansible.builtin.set_fact:
        started_at: "{{ now().timestamp() }}"
    - name: The set of subscriptions
      statusops.status.statushub_subscriptions:
        api_url: "{{ statushub_api_url }}"
        api_key: "{{ statushub_api_key }}"
        hub: "{{ statushub_hub }}"
        subscriptions: "{{ subscriptions }}"
        state: "{{ wanted_state }}"
      register: result
    - name: Stop the clock
      ansible.builtin.set_fact:
        ended_at: "{{ now().timestamp() }}"
    - name: What it did
      ansible.builtin.debug:
        msg: "BENCH {{ ended_at | float - started_at | float }} {{ result.created | length }} {{ result.updated | length }} {{ result.deleted | length }}"
"""


def subscriptions(count, label):
    """count subscriptions in the METHOD_MIX proportions, each with the given label (None for email)."""
    items = []
    number = 0
    while len(items) < count:
        for method, share in METHOD_MIX:
            for _index in range(max(1, share * count // 100)):
                if len(items) == count:
                    break
                number += 1
                items.append(subscription(method, number, label))
    return items


def subscription(method, number, label):
    if method == "email":
        return {"address": "reader%03d@example.com" % number, "method": "email"}
    if method == "sms":
        item = {"address": "+1415555%04d" % number, "method": "sms"}
    elif method == "webhook":
        item = {"address": "https://hooks.example.com/statushub/%03d/bench-secret" % number, "method": "webhook"}
    else:
        item = {"address": "https://hooks.slack.com/services/T%03d/B%03d/bench-secret" % (number, number), "method": "slack"}
    if label:
        item["label"] = label
    return item


def start_simulator(workdir):
    ready = os.path.join(workdir, "simulator.json")
    log = open(os.path.join(workdir, "simulator.log"), "w")
    process = subprocess.Popen([sys.executable, "-m", "tests.simulator", "--port", "0", "--ready-file", ready],
                               cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + READY_TIMEOUT
    while time.time() < deadline:
        if os.path.exists(ready):
            with open(ready) as handle:
                return process, json.load(handle)
        if process.poll() is not None:
            raise SystemExit("the simulator exited; see %s" % log.name)
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("the simulator was not ready after %d s" % READY_TIMEOUT)


def control(facts, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(facts["control_url"] + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read().decode() or "null")


def collections_path(workdir):
    """A directory holding ansible_collections/statusops/status: the repository's own parents, or a symlink."""
    parts = REPO_ROOT.split(os.sep)
    if parts[-3:-1] == ["ansible_collections", "statusops"] and parts[-1] == "status":
        return os.sep.join(parts[:-3])
    root = os.path.join(workdir, "collections")
    os.makedirs(os.path.join(root, "ansible_collections", "statusops"))
    os.symlink(REPO_ROOT, os.path.join(root, "ansible_collections", "statusops", "status"))
    return root


def ansible_playbook():
    beside = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    return beside if os.path.exists(beside) else shutil.which("ansible-playbook")


def run_phase(name, facts, workdir, env, items, state):
    with open(os.path.join(workdir, "vars.json"), "w") as handle:
        json.dump({
            "statushub_api_url": facts["statushub"]["api_url"],
            "statushub_api_key": facts["statushub"]["api_key"],
            "statushub_hub": facts["statushub"]["hub"],
            "subscriptions": items,
            "wanted_state": state,
            "ansible_python_interpreter": sys.executable,
        }, handle)
    control(facts, "DELETE", "/log")
    started = time.monotonic()
    process = subprocess.run([ansible_playbook(), "-i", "localhost,", "playbook.yml"], cwd=workdir, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    wall = time.monotonic() - started
    measured = re.search(r"BENCH ([0-9.]+) ", process.stdout)
    requests = control(facts, "GET", "/log")["requests"]
    writes = sorted(entry["time"] for entry in requests if entry["method"] != "GET")
    return {
        "phase": name,
        "ok": process.returncode == 0,
        "output": process.stdout,
        "wall": wall,
        "task": float(measured.group(1)) if measured else float("nan"),
        "writes": len(writes),
        "reads": len(requests) - len(writes),
        "rejected": sum(1 for entry in requests if entry["status"] == 429),
        "busiest": busiest_second(writes),
        "budget": BUDGET_FACTOR * len(writes) / WRITES_PER_SECOND if writes else None,
    }


def busiest_second(times):
    """The most writes that arrived within any window of one second."""
    most = 0
    start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def verdict(row):
    if not row["ok"]:
        return "FAILED"
    if row["rejected"]:
        return "429 seen"
    if row["budget"] is not None and not row["task"] <= row["budget"]:
        return "over budget"
    return "ok"


def table(rows):
    lines = [
        "| phase | writes | reads | task wall time (s) | budget (s) | whole ansible-playbook run (s) | most writes in 1 s | 429 answers | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append("| %s | %d | %d | %.1f | %s | %.1f | %d | %d | %s |" % (
            row["phase"], row["writes"], row["reads"], row["task"],
            "-" if row["budget"] is None else "%.1f" % row["budget"], row["wall"], row["busiest"], row["rejected"],
            verdict(row)))
    return "\n".join(lines)


def markdown(rows, count):
    return "\n".join([
        "# Benchmark: statushub_subscriptions with %d subscriptions" % count,
        "",
        "Measured by `tests/benchmarks/statushub_subscriptions.py` against the simulator with its rate limits on",
        "(StatusHub documents 5 writes and 30 reads a second per key). Each phase is one `ansible-playbook` run of",
        "`statusops.status.statushub_subscriptions`. The task wall time runs from the task's start to its end as the",
        "playbook sees it (module transfer and run included); the whole run adds Ansible's own start-up (about 2 s),",
        "which does not grow with the number of subscriptions. The budget of a phase is %.2f x its writes / %d writes" % (
            BUDGET_FACTOR, WRITES_PER_SECOND),
        "a second, and applies to the task wall time; a 429 answer counts even when the client retried it.",
        "",
        table(rows),
        "",
        "Run on %s, Python %s, %s." % (
            datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            platform.python_version(), platform.platform()),
        "",
    ])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="Markdown file to write, relative to the repository root")
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="statushub-bench.")
    process, facts = start_simulator(workdir)
    try:
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path(workdir), ANSIBLE_NOCOLOR="1")
        with open(os.path.join(workdir, "playbook.yml"), "w") as handle:
            handle.write(PLAYBOOK)
        control(facts, "POST", "/reset")
        declared = subscriptions(args.count, None)
        relabelled = [dict(item, label="bench %d" % position) if item["method"] != "email" else dict(item, protected=True)
                      for position, item in enumerate(declared)]
        rows = [
            run_phase("create", facts, workdir, env, declared, "present"),
            run_phase("create again (no change)", facts, workdir, env, declared, "present"),
            run_phase("update every one", facts, workdir, env, relabelled, "present"),
            run_phase("delete every one", facts, workdir, env, declared, "absent"),
        ]
    finally:
        process.terminate()
        process.wait()
    for row in rows:
        if not row["ok"]:
            print(row["output"][-3000:])
    print(table(rows))
    output = os.path.join(REPO_ROOT, args.output)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w") as handle:
        handle.write(markdown(rows, args.count))
    print("written to %s" % os.path.relpath(output, REPO_ROOT))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all(verdict(row) == "ok" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
