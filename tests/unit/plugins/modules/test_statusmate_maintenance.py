# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.statusops.status.plugins.modules import statusmate_maintenance
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls, warning_texts

URL = "https://status.example.test"
TOKEN = "page-token-123"
LIST = URL + "/api-components-list/"
WEBSITE = {"uuid": "w-1", "name": "Website", "description": "", "impact": "operational"}
CDN = {"uuid": "c-1", "name": "CDN", "description": "edge", "impact": "partial_outage"}


def args(tmp_path, **extra):
    return dict(dict(api_url=URL, api_token=TOKEN, name="Deploy 2.4.1", components=["Website/CDN"],
                     memory_dir=str(tmp_path)), **extra)


def page(http, cdn):
    """The abbreviated page: one list, then the children of each component to learn the tree."""
    http.get(LIST, json=[WEBSITE, cdn])
    http.get(LIST + "?parent=w-1", json=[cdn])
    http.get(LIST + "?parent=c-1", json=[])


def test_open_remembers_then_writes_the_impact_with_every_known_field(run_module, http, tmp_path):
    page(http, CDN)
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="under_maintenance", parent="w-1"))
    result = run_module(statusmate_maintenance, args(tmp_path), diff=True)
    assert result["changed"] is True
    assert result["remembered"] == {"Website/CDN": "partial_outage"}
    assert result["components"] == {"Website/CDN": "under_maintenance"}
    assert result["diff"]["before"] == {"components": {"Website/CDN": "partial_outage"}}
    assert calls(http)[-1] == ("POST", "/api-components-update/c-1/")
    assert bodies(http)[-1] == {"uuid": "c-1", "name": "CDN", "description": "edge", "parent": "w-1",
                                "impact": "under_maintenance"}
    assert os.path.exists(result["memory_file"])
    with open(result["memory_file"]) as stream:
        assert TOKEN not in stream.read()


def test_open_in_check_mode_writes_neither_the_page_nor_the_memory(run_module, http, tmp_path):
    page(http, CDN)
    result = run_module(statusmate_maintenance, args(tmp_path), check_mode=True)
    assert result["changed"] is True
    assert result["components"] == {"Website/CDN": "under_maintenance"}
    assert [method for method, _path in calls(http)] == ["GET", "GET", "GET"]
    assert os.listdir(str(tmp_path)) == []


def test_complete_without_memory_restores_restore_impact_and_warns(run_module, http, tmp_path):
    page(http, dict(CDN, impact="under_maintenance"))
    http.post(URL + "/api-components-update/c-1/", json=dict(CDN, impact="major_outage", parent="w-1"))
    result = run_module(statusmate_maintenance, args(tmp_path, state="completed", restore_impact="major_outage"))
    assert result["changed"] is True
    assert result["restored"] == {"Website/CDN": "major_outage"}
    assert bodies(http)[-1]["impact"] == "major_outage"
    assert any("no impact is remembered for Website/CDN" in text for text in warning_texts(result))


def test_an_unknown_component_fails_before_any_write(run_module, http, tmp_path):
    page(http, CDN)
    result = run_module(statusmate_maintenance, args(tmp_path, components=["Website/CDN", "Website/Shop"]))
    assert result["failed"] is True
    assert "components[1]: 'Website/Shop' is neither the path nor the uuid of a component of the page" in result["msg"]
    assert os.listdir(str(tmp_path)) == []
