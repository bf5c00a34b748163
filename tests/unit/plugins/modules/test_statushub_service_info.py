# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""statushub_service_info: the exact requests it sends (reads only, every page)."""

from ansible_collections.statusops.status.plugins.modules import statushub_service_info
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    API, DASHBOARD, GONE_API, HUB, KEY, PATH, REST_API, V, WEBSITE, args, paged,
)

LIST = PATH + "/services?" + V + "&deleted=false&extend=flags&page=%d&per_page=100"


def test_lists_every_page_in_order_with_the_raw_key(run_module, http):
    paged(http, HUB + "/services", [API], [DASHBOARD], deleted="false", extend="flags")
    result = run_module(statushub_service_info, args())
    assert result["changed"] is False and result["services"] == [API, DASHBOARD]
    assert calls(http) == [("GET", LIST % 1), ("GET", LIST % 2)]
    assert [call.request.headers["Authorization"] for call in http.calls] == [KEY, KEY]


def test_a_name_that_matches_nothing_returns_an_empty_list_after_the_same_reads(run_module, http):
    paged(http, HUB + "/services", [API, DASHBOARD], deleted="false", extend="flags")
    result = run_module(statushub_service_info, args(name="Nope"))
    assert result["services"] == []
    assert calls(http) == [("GET", LIST % 1)]


def test_a_refused_key_fails_without_showing_it(run_module, http):
    http.get(HUB + "/services", status=401, json={"error": "Unauthorized"})
    result = run_module(statushub_service_info, args())
    assert result["failed"] is True and "401" in result["msg"]
    assert KEY not in str(result)
    assert calls(http) == [("GET", LIST % 1)]


def test_info_reads_every_page_and_filters_by_name(run_module, http):
    paged(http, HUB + "/services", [REST_API], [WEBSITE], deleted="false", extend="flags")
    result = run_module(statushub_service_info, args(name="Website"))
    assert result["changed"] is False
    assert result["services"] == [WEBSITE]
    assert calls(http) == [("GET", LIST % 1), ("GET", LIST % 2)]


def test_info_in_check_mode_lists_everything(run_module, http):
    paged(http, HUB + "/services", [REST_API, WEBSITE], deleted="false", extend="flags")
    result = run_module(statushub_service_info, args(), check_mode=True)
    assert result["services"] == [REST_API, WEBSITE]


def test_info_lists_live_services_only(run_module, http):
    paged(http, HUB + "/services", [GONE_API, WEBSITE], deleted="false", extend="flags")
    result = run_module(statushub_service_info, args())
    assert result["services"] == [WEBSITE]
