# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built collection holds the collection only: no venv, cache, test output, generated test files or scripts."""

import os
import shutil
import subprocess
import sys
import tarfile

COLLECTION_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# What a developer's tree holds after scripts/test, ansible-test, antsibull-changelog or scripts/docs ran in it.
DECOYS = (
    ".venv/bin/python",
    ".venv-2.16/bin/python",
    "plugins/module_utils/__pycache__/client.cpython-311.pyc",
    ".pytest_cache/v/cache/lastfailed",
    "tests/output/junit.xml",
    "tests/integration/integration_config.yml",
    "tests/integration/inventory",
    "changelogs/.plugin-cache.yaml",
    "docs/build/html/index.html",
    ".ansible/collections/ansible_collections/README",
    "statusops-status-0.0.9.tar.gz",
)
NOT_SHIPPED = (".venv/", ".venv-2.16/", "__pycache__/", ".pytest_cache/", "tests/output/", ".tar.gz", "scripts/", ".ci/",
               "requirements-dev.txt", "requirements-ansible-core-", "tests/benchmarks/",
               "tests/integration/integration_config.yml", "tests/integration/inventory", "changelogs/.plugin-cache.yaml",
               "docs/build/", ".ansible/", ".gitignore")


def test_built_tarball_holds_the_collection_only(tmp_path):
    source = tmp_path / "status"
    shutil.copytree(COLLECTION_ROOT, str(source), ignore=shutil.ignore_patterns(".git", ".venv", ".venv-*", "output"))
    for decoy in DECOYS:
        path = source / decoy
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("decoy")
    galaxy = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")
    subprocess.run([galaxy, "collection", "build", "--output-path", str(tmp_path)], cwd=str(source), check=True,
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    [built] = tmp_path.glob("statusops-status-*.tar.gz")
    with tarfile.open(str(built)) as tarball:
        names = tarball.getnames()
    assert "plugins/modules/statusmate_component.py" in names
    assert "meta/runtime.yml" in names
    # ansible-lint --profile production on the extracted tarball reads it (it leaves changelogs/ out).
    assert ".ansible-lint" in names
    # What ansible-rulebook runs from the installed collection (the rulebook, its source, the playbook, the role).
    for shipped_file in ("extensions/eda/rulebooks/alertmanager_status.yml", "extensions/eda/plugins/event_source/webhook.py",
                         "playbooks/alert_status.yml", "roles/alert_status/tasks/main.yml"):
        assert shipped_file in names
    shipped = [name for name in names if any(marker in name for marker in NOT_SHIPPED)]
    assert shipped == []
