# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""statushub_subscriptions: the exact requests it sends (one read of every page, the services once, one write per change)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.statusops.status.plugins.modules import statushub_subscriptions
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    API, DASHBOARD, HUB, PATH, V, args, paged,
)

LIST = PATH + "/subscriptions?" + V + "&deleted=false&page=%d&per_page=100"
SERVICES = PATH + "/services?" + V + "&deleted=false&extend=flags&page=1&per_page=100"
ONE = PATH + "/subscriptions/%d?" + V


def subscription(sub_id, address, method="email", service_ids=None):
    chosen = [{"id": service["id"], "name": service["name"]} for service in (API, DASHBOARD)
              if service["id"] in (service_ids or ())]
    return {"id": sub_id, "address": address, "method_name": method,
            "services_selection": {"all": service_ids is None, "services": chosen}, "configuration": {},
            "label": None, "less_verbose": False, "protected": False}


OPS = subscription(5001, "ops@example.com")
SMS = subscription(5002, "+14155550100", "sms")
DEV = subscription(5003, "dev@example.com", service_ids=[12])


def lists(http, *pages):
    paged(http, HUB + "/subscriptions", *pages, deleted="false")
    paged(http, HUB + "/services", [API, DASHBOARD], deleted="false", extend="flags")


def test_a_new_service_selection_is_one_update_of_ids(run_module, http):
    lists(http, [OPS, SMS], [DEV])
    http.put(HUB + "/subscriptions/5003", json=subscription(5003, "dev@example.com", service_ids=[12, 13]))
    declared = [{"address": "ops@example.com", "method": "email"}, {"address": "+14155550100", "method": "sms"},
                {"address": "dev@example.com", "method": "email", "services": ["API", "Dashboard"]}]
    result = run_module(statushub_subscriptions, args(subscriptions=declared))
    assert result["changed"] is True and [item["id"] for item in result["updated"]] == [5003]
    assert calls(http) == [("GET", LIST % 1), ("GET", LIST % 2), ("GET", SERVICES), ("PUT", ONE % 5003)]
    assert bodies(http)[3] == {"services_selection": {"all": False, "service_ids": [12, 13]}}


def test_prune_with_allow_empty_deletes_every_subscription(run_module, http):
    paged(http, HUB + "/subscriptions", [OPS, SMS], deleted="false")
    http.delete(HUB + "/subscriptions/5001", status=204)
    http.delete(HUB + "/subscriptions/5002", status=204)
    result = run_module(statushub_subscriptions, args(subscriptions=[], prune=True, allow_empty=True, concurrency=1))
    assert result["changed"] is True and [item["id"] for item in result["deleted"]] == [5001, 5002]
    assert calls(http) == [("GET", LIST % 1), ("DELETE", ONE % 5001), ("DELETE", ONE % 5002)]


def test_absent_in_check_mode_only_reads(run_module, http):
    paged(http, HUB + "/subscriptions", [OPS, SMS], deleted="false")
    result = run_module(statushub_subscriptions, args(subscriptions=[{"address": "+14155550100"}], state="absent"),
                        check_mode=True, diff=True)
    assert result["changed"] is True and [item["id"] for item in result["deleted"]] == [5002]
    assert calls(http) == [("GET", LIST % 1)]


def test_an_unknown_id_fails_before_the_services_are_read(run_module, http):
    paged(http, HUB + "/subscriptions", [OPS], deleted="false")
    result = run_module(statushub_subscriptions, args(subscriptions=[{"id": 5999, "address": "new@example.com",
                                                                      "method": "email"}]))
    assert result["failed"] is True and "5999" in result["msg"]
    assert calls(http) == [("GET", LIST % 1)]
