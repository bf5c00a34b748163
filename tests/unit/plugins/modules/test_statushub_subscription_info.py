# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""statushub_subscription_info: the exact requests it sends, and what it shows of the addresses."""

import json

from responses import matchers

from ansible_collections.statusops.status.plugins.modules import statushub_subscription_info
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    CONFIGURATION, HUB, OPS_EMAIL, PATH, SHOWN_CONFIGURATION, SLACK, SLACK_SHOWN, V, WEBHOOK, args,
    assert_no_configuration_secret, envelope, paged, sub,
)

LIST = PATH + "/subscriptions?" + V + "&deleted=%s&extend=flags&page=%d&per_page=100"
TEAMS = "https://acme.webhook.office.com/webhookb2/secret-path"


def subscription(sub_id, address, method):
    return {"id": sub_id, "address": address, "method_name": method, "services_selection": {"all": True, "services": []},
            "configuration": {}, "label": None, "less_verbose": False, "protected": False, "flags": {"deleted": False}}


EMAIL = subscription(5001, "ops@example.com", "email")
SMS = subscription(5002, "+14155550100", "sms")
HOOK = subscription(5003, TEAMS, "teams")


def test_lists_live_subscriptions_over_every_page(run_module, http):
    paged(http, HUB + "/subscriptions", [EMAIL, SMS], [HOOK], deleted="false", extend="flags")
    result = run_module(statushub_subscription_info, args())
    assert result["changed"] is False
    assert [item["id"] for item in result["subscriptions"]] == [5001, 5002, 5003]
    assert calls(http) == [("GET", LIST % ("false", 1)), ("GET", LIST % ("false", 2))]


def test_method_filters_after_the_same_read_and_urls_stay_redacted(run_module, http):
    paged(http, HUB + "/subscriptions", [EMAIL, SMS, HOOK], deleted="true", extend="flags")
    result = run_module(statushub_subscription_info, args(method="teams", deleted="true"))
    assert [item["address"] for item in result["subscriptions"]] == ["https://acme.webhook.office.com/********"]
    assert "secret-path" not in json.dumps(result)
    assert calls(http) == [("GET", LIST % ("true", 1))]


def test_a_search_goes_to_the_server_as_q(run_module, http):
    paged(http, HUB + "/subscriptions", [EMAIL], deleted="false", extend="flags", q="ops@")
    result = run_module(statushub_subscription_info, args(q="ops@"))
    assert [item["address"] for item in result["subscriptions"]] == ["ops@example.com"]
    assert calls(http) == [("GET", PATH + "/subscriptions?" + V + "&deleted=false&extend=flags&q=ops%40&page=1&per_page=100")]


def test_a_bad_method_fails_before_any_request(run_module, http):
    result = run_module(statushub_subscription_info, args(method="pager"))
    assert result["failed"] is True and "method" in result["msg"] and "pager" in result["msg"]
    assert len(http.calls) == 0


def test_subscriber_id_filters_after_the_same_read_and_each_subscription_holds_its_subscriber(run_module, http):
    team = [dict(EMAIL, subscriber_id=4001), dict(SMS, subscriber_id=4001), dict(HOOK, subscriber_id=4002),
            dict(subscription(5004, "old@example.com", "email"))]
    paged(http, HUB + "/subscriptions", team, deleted="false", extend="flags")
    result = run_module(statushub_subscription_info, args(subscriber_id=4001))
    assert [(item["id"], item["subscriber_id"]) for item in result["subscriptions"]] == [(5001, 4001), (5002, 4001)]
    assert calls(http) == [("GET", LIST % ("false", 1))]


def test_every_subscription_holds_subscriber_id_even_when_the_server_leaves_it_out(run_module, http):
    paged(http, HUB + "/subscriptions", [EMAIL, dict(SMS, subscriber_id=4001)], deleted="false", extend="flags")
    result = run_module(statushub_subscription_info, args())
    assert [item["subscriber_id"] for item in result["subscriptions"]] == [None, 4001]


def test_a_subscriber_id_given_as_a_boolean_fails_before_any_request(run_module, http):
    result = run_module(statushub_subscription_info, args(subscriber_id=True))
    assert result["failed"] is True and result["msg"] == "subscriber_id must be an integer, got True"
    assert len(http.calls) == 0


# On the hub of SUBSCRIBABLE (statushub_fakes).


def test_info_filters_and_redacts(run_module, http):
    http.get(HUB + "/subscriptions", json=envelope([OPS_EMAIL, sub(5003, SLACK, "slack")]), match=[matchers.query_param_matcher(
        {"api_version": "V3-R1", "deleted": "all", "extend": "flags", "q": "o", "page": "1", "per_page": "100"})])
    result = run_module(statushub_subscription_info, args(q="o", method="slack", deleted="all"))
    assert result["changed"] is False
    assert [item["address"] for item in result["subscriptions"]] == [SLACK_SHOWN]
    assert SLACK not in json.dumps(result)


def test_info_hides_the_configuration_the_hub_answers(run_module, http):
    http.get(HUB + "/subscriptions", json=envelope([sub(5003, WEBHOOK, "webhook", configuration=CONFIGURATION)]))
    result = run_module(statushub_subscription_info, args())
    assert result["subscriptions"][0]["configuration"] == SHOWN_CONFIGURATION
    assert_no_configuration_secret(result)
