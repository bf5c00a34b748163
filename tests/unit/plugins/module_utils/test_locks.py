# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs on one page or hub take turns on one host: the lock, its directory and its bounded wait."""

import os
import tempfile

import pytest

from ansible_collections.statusops.status.plugins.module_utils import locks
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import GateTime

URL = "https://status.example.test"
TOKEN = "page-token-123"


@pytest.fixture
def clock(monkeypatch):
    """The lock's time: a clock that moves only when the lock's wait sleeps."""
    fake = GateTime()
    monkeypatch.setattr(locks, "time", fake)
    return fake


@pytest.fixture
def tmp(tmp_path, monkeypatch):
    """The system's temporary directory (TMPDIR) is the test's own; HOME points nowhere useful."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))
    return tmp_path


def lock_directory(tmp):
    return tmp / ("statusops-locks-%d" % os.geteuid())


def test_a_turn_is_a_lock_file_in_a_private_directory_of_the_temporary_directory(tmp, clock):
    with locks.taking_turns((URL, "page", TOKEN), 5):
        entries = os.listdir(str(lock_directory(tmp)))
    assert os.stat(str(lock_directory(tmp))).st_mode & 0o777 == 0o700
    assert len(entries) == 1 and entries[0].endswith(".lock")
    assert TOKEN not in entries[0]
    assert not (tmp / "no-home").exists()


def test_a_second_run_waits_no_longer_than_its_bound_then_fails_saying_so(tmp, clock):
    with locks.taking_turns((URL, "page", TOKEN), 5):
        with pytest.raises(ReconcileError) as failure:
            with locks.taking_turns((URL, "page", TOKEN), 2.5):
                pytest.fail("two runs held one turn")
    assert str(failure.value).startswith("another run has held the lock %s/" % lock_directory(tmp))
    assert str(failure.value).endswith(" for more than 2.5 seconds: waited for it in vain. Nothing was changed.")
    assert sum(clock.sleeps) == pytest.approx(2.5)


def test_no_wait_at_all_with_a_bound_of_zero(tmp, clock):
    with locks.taking_turns((URL, "hub", "acme"), 5):
        with pytest.raises(ReconcileError, match="for more than 0 seconds"):
            with locks.taking_turns((URL, "hub", "acme"), 0):
                pass
    assert clock.sleeps == []


def test_the_turn_is_released_when_the_run_ends(tmp, clock):
    with locks.taking_turns((URL, "hub", "acme"), 5):
        pass
    with locks.taking_turns((URL, "hub", "acme"), 0):
        pass
    assert clock.sleeps == []


def test_other_places_and_other_urls_do_not_wait(tmp, clock):
    with locks.taking_turns((URL, "hub", "acme"), 5):
        for place in ((URL, "hub", "other"), (URL + ":8443", "hub", "acme"), (URL, "page", TOKEN)):
            with locks.taking_turns(place, 0):
                pass
    assert len(os.listdir(str(lock_directory(tmp)))) == 4


def test_a_symlinked_lock_file_is_refused_and_not_followed(tmp, clock):
    with locks.taking_turns((URL, "hub", "acme"), 5):
        name = os.listdir(str(lock_directory(tmp)))[0]
    os.unlink(str(lock_directory(tmp) / name))
    os.symlink(str(tmp / "elsewhere"), str(lock_directory(tmp) / name))
    with pytest.raises(ReconcileError, match="^cannot lock the lock directory: %s: " % (lock_directory(tmp) / name)):
        with locks.taking_turns((URL, "hub", "acme"), 5):
            pass
    assert not (tmp / "elsewhere").exists()


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o720])
def test_a_lock_directory_others_may_write_is_refused(tmp, clock, mode):
    directory = lock_directory(tmp)
    directory.mkdir()
    os.chmod(str(directory), mode)
    with pytest.raises(ReconcileError) as failure:
        with locks.taking_turns((URL, "hub", "acme"), 5):
            pass
    assert str(failure.value) == (
        "the lock directory %s may be written by others (mode %04o): refused, as they could hold or remove the locks "
        "in it; make it private (chmod 700 %s) or point TMPDIR at another one. Nothing was changed."
        % (directory, mode, directory))
    assert os.listdir(str(directory)) == []


def test_a_lock_directory_of_another_user_is_refused(tmp, clock, monkeypatch):
    owner = os.geteuid()
    (tmp / ("statusops-locks-%d" % (owner + 1))).mkdir(mode=0o700)  # made by this user for the user owner + 1
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    with pytest.raises(ReconcileError, match="is owned by uid %d, not by this user \\(uid %d\\)" % (owner, owner + 1)):
        with locks.taking_turns((URL, "hub", "acme"), 5):
            pass


@pytest.mark.parametrize("spelling", ["https://status.example.test/", "HTTPS://Status.Example.TEST:443",
                                      "https://deploy:secret@status.example.test"])
def test_every_spelling_of_one_url_is_one_key(spelling):
    assert locks.url_key(spelling) == URL
