# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.statusops.status.plugins.modules import statushub_incident_info
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import HUB, PAGE, PATH, V, args, envelope

OPEN = {"id": 1001, "title": "Slow API", "start_time": "2025-02-01T11:00:00Z", "end_time": None, "last_incident_type": "identified"}
CLOSED = dict(OPEN, id=1000, end_time="2025-01-20T00:00:00Z", last_incident_type="resolved")
DELETED = dict(OPEN, id=999, flags={"deleted": True})


def test_open_incidents_in_a_range(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN, CLOSED, DELETED]))
    result = run_module(statushub_incident_info, args(open=True, start_time="2025-01-01T00:00:00Z", end_time="2025-03-01T01:00:00+01:00"))
    assert result["changed"] is False
    assert [item["id"] for item in result["incidents"]] == [1001]
    query = "%s&extend=flags&start_time=2025-01-01T00%%3A00%%3A00Z&end_time=2025-03-01T00%%3A00%%3A00Z&%s" % (V, PAGE)
    assert calls(http) == [("GET", PATH + "/incidents?" + query)]


def test_closed_by_title(run_module, http):
    http.get(HUB + "/incidents", json=envelope([OPEN, CLOSED]))
    result = run_module(statushub_incident_info, args(open=False, title="Slow API"))
    assert [item["id"] for item in result["incidents"]] == [1000]


def test_by_id_and_unknown_id(run_module, http):
    http.get(HUB + "/incidents/1001", json=OPEN)
    http.get(HUB + "/incidents/1009", status=404, json={"error": "Not found"})
    assert run_module(statushub_incident_info, args(id=1001))["incidents"] == [OPEN]
    assert run_module(statushub_incident_info, args(id=1009))["incidents"] == []


def test_a_bad_time_fails_before_any_request(run_module, http):
    result = run_module(statushub_incident_info, args(start_time="last week"))
    assert result["failed"] is True and "start_time must be ISO-8601" in result["msg"] and "'last week'" in result["msg"]
    assert len(http.calls) == 0


def test_a_zoneless_time_and_a_boolean_id_fail_before_any_request(run_module, http):
    result = run_module(statushub_incident_info, args(end_time="2025-02-01T00:00:00", id=True))
    assert result["failed"] is True
    assert "end_time must say its zone: Z for UTC or an offset such as +02:00" in result["msg"]
    assert "id must be an integer, got True" in result["msg"]
    assert len(http.calls) == 0
