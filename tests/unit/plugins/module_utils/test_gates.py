# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The wait loop of the gates, on a fake clock: when it looks, how long it sleeps, and when it stops."""

import pytest

from ansible_collections.statusops.status.plugins.module_utils.gates import Outcome, wait_for
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import GateTime

BLOCKED = Outcome([], [{"path": "API"}], ["API is major_outage"])
PASSED = Outcome([], [], [])


class Looks:
    """Answers the outcomes in turn (the last one again), each look taking `takes` seconds of the fake clock."""

    def __init__(self, time, outcomes, takes=0.0):
        self.time = time
        self.outcomes = list(outcomes)
        self.takes = takes
        self.at = []

    def __call__(self):
        self.at.append(self.time.now)
        self.time.now += self.takes
        return self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]


@pytest.fixture
def time():
    return GateTime()


def loop(time, looks, wait, interval):
    return wait_for(looks, wait, interval, time.monotonic, time.sleep)


def test_wait_zero_looks_once_and_never_sleeps(time):
    looks = Looks(time, [BLOCKED])
    assert loop(time, looks, 0, 10) is BLOCKED
    assert looks.at == [1000.0] and time.sleeps == []


def test_a_healthy_first_look_passes_without_sleeping(time):
    looks = Looks(time, [PASSED])
    assert loop(time, looks, 600, 10) is PASSED
    assert len(looks.at) == 1 and time.sleeps == []


def test_it_stops_at_the_first_look_that_passes(time):
    looks = Looks(time, [BLOCKED, BLOCKED, PASSED, BLOCKED])
    assert loop(time, looks, 600, 10) is PASSED
    assert looks.at == [1000.0, 1010.0, 1020.0] and time.sleeps == [10, 10]


def test_the_last_look_is_when_the_wait_is_spent_never_after(time):
    looks = Looks(time, [BLOCKED])
    assert loop(time, looks, 25, 10) is BLOCKED
    assert looks.at == [1000.0, 1010.0, 1020.0, 1025.0]
    assert time.sleeps == [10, 10, 5]


def test_slow_looks_count_against_the_wait(time):
    looks = Looks(time, [BLOCKED], takes=4.0)
    loop(time, looks, 20, 10)
    # Looks start at 0, 14 and 20 s; the one that ends at 24 s is the last: wait plus one look.
    assert looks.at == [1000.0, 1014.0, 1020.0]
    assert time.sleeps == [10, 2]
    assert time.now == 1024.0


def test_a_look_longer_than_the_wait_is_the_only_one(time):
    looks = Looks(time, [BLOCKED], takes=30.0)
    loop(time, looks, 20, 10)
    assert looks.at == [1000.0] and time.sleeps == []


def test_the_number_of_looks_is_bounded_by_wait_over_interval(time):
    looks = Looks(time, [BLOCKED])
    loop(time, looks, 86400, 1)
    assert len(looks.at) == 86401
    assert sum(time.sleeps) == 86400
