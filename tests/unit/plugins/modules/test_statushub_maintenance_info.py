# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""statushub_maintenance_info: the exact requests it sends (by id, or one filtered list over every page)."""

import pytest

from ansible_collections.statusops.status.plugins.modules import statushub_maintenance_info
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    HUB, PAGE, PATH, V, ZONE, args, envelope, fix_clock, paged,
)

LIST = PATH + "/maintenances?" + V + "&extend=flags%s&page=%d&per_page=100"
ONE = PATH + "/maintenances/%d?" + V + "&extend=flags"
RUNNING = {"id": 3001, "title": "Deploy", "body": "", "silent": False, "flags": {"deleted": False},
           "start_time": "2025-02-01T11:50:00Z", "end_time": "2025-02-01T12:20:00Z", "service_statuses": []}
PLANNED = dict(RUNNING, id=3002, title="Upgrade", start_time="2025-02-03T22:00:00Z", end_time="2025-02-03T23:00:00Z")
DELETED = dict(PLANNED, id=3003, flags={"deleted": True})


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    fix_clock(monkeypatch, statushub_maintenance_info)


def test_in_progress_reads_every_page_and_leaves_deleted_windows_out(run_module, http):
    paged(http, HUB + "/maintenances", [RUNNING, DELETED], [PLANNED], extend="flags")
    result = run_module(statushub_maintenance_info, args(in_progress=True))
    assert result["changed"] is False
    assert [item["id"] for item in result["maintenances"]] == [3001]
    assert calls(http) == [("GET", LIST % ("", 1)), ("GET", LIST % ("", 2))]


def test_a_range_is_sent_in_utc_as_the_api_overlap_filter(run_module, http):
    paged(http, HUB + "/maintenances", [PLANNED], extend="flags", start_time="2025-02-03T00:00:00Z",
          end_time="2025-02-04T00:00:00Z")
    result = run_module(statushub_maintenance_info, args(start_time="2025-02-03T01:00:00+01:00",
                                                         end_time="2025-02-04T00:00:00Z"))
    assert [item["id"] for item in result["maintenances"]] == [3002]
    assert calls(http) == [("GET", LIST % ("&start_time=2025-02-03T00%3A00%3A00Z&end_time=2025-02-04T00%3A00%3A00Z", 1))]


def test_by_id_reads_that_window_only(run_module, http):
    http.get(HUB + "/maintenances/3002", json=PLANNED)
    http.get(HUB + "/maintenances/3003", json=DELETED)
    http.get(HUB + "/maintenances/3009", status=404, json={"error": "Not found"})
    assert run_module(statushub_maintenance_info, args(id=3002))["maintenances"] == [PLANNED]
    assert run_module(statushub_maintenance_info, args(id=3003))["maintenances"] == []
    assert run_module(statushub_maintenance_info, args(id=3009))["maintenances"] == []
    assert calls(http) == [("GET", ONE % 3002), ("GET", ONE % 3003), ("GET", ONE % 3009)]


def test_a_bad_end_time_fails_before_any_request(run_module, http):
    result = run_module(statushub_maintenance_info, args(end_time="tomorrow"))
    assert result["failed"] is True and "end_time" in result["msg"] and "'tomorrow'" in result["msg"]
    assert len(http.calls) == 0


# Filters: upcoming, in progress, a range, a title; refusals before any request.


def test_info_refuses_zoneless_times_and_boolean_ids_before_any_request(run_module, http):
    result = run_module(statushub_maintenance_info, args(start_time="2025-02-01T00:00:00", id=False))
    assert "start_time " + ZONE + "'2025-02-01T00:00:00'" in result["msg"]
    assert "id must be an integer, got False" in result["msg"]
    assert len(http.calls) == 0


def test_info_upcoming_and_in_progress(run_module, http):
    ended = dict(RUNNING, id=2990, start_time="2025-02-01T10:00:00Z", end_time="2025-02-01T11:00:00Z")
    http.get(HUB + "/maintenances", json=envelope([RUNNING, PLANNED, ended]))
    result = run_module(statushub_maintenance_info, args(upcoming=True))
    assert [item["id"] for item in result["maintenances"]] == [3002]
    assert result["changed"] is False
    assert calls(http) == [("GET", PATH + "/maintenances?%s&extend=flags&%s" % (V, PAGE))]


def test_info_range_filter_and_title(run_module, http):
    http.get(HUB + "/maintenances", json=envelope([RUNNING, PLANNED]))
    result = run_module(statushub_maintenance_info, args(title="Upgrade", start_time="2025-02-03T00:00:00+01:00",
                                                         in_progress=False))
    assert [item["id"] for item in result["maintenances"]] == [3002]
    assert calls(http) == [("GET", PATH + "/maintenances?%s&extend=flags&start_time=2025-02-02T23%%3A00%%3A00Z&%s" % (V, PAGE))]
