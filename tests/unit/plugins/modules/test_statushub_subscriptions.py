# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""statushub_subscriptions: the exact requests it sends (one read of every page, the services once, one write per change)."""

import json

from ansible_collections.statusops.status.plugins.module_utils.locks import taking_turns
from ansible_collections.statusops.status.plugins.modules import statushub_subscriptions
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import as_shown, bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    API, CONFIGURATION, DASHBOARD, HUB, OPS_EMAIL, PATH, Q, SHOWN_CONFIGURATION, SLACK, SLACK_SHOWN, URL, V, WEBHOOK,
    args, assert_no_configuration_secret, list_subscribable_services, list_subscriptions, paged, sub,
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


# Subscribers: one team, several channels

HOOK = "https://hooks.slack.com/services/T000/B000/team-secret"
TEAM = [{"address": "team@example.com", "method": "email"},
        {"address": "+14155550100", "method": "sms", "subscriber_of": "team@example.com"},
        {"address": HOOK, "method": "slack", "subscriber_of": "team@example.com"}]
CREATE = ("POST", PATH + "/subscriptions?" + V)


def no_log(subscriptions):
    """The values of the no_log suboptions of the subscriptions, which ansible-core 2.22 masks wherever they occur."""
    return [item[key] for item in subscriptions for key in ("address", "subscriber_of", "configuration") if item.get(key)]


def joined(sub_id, address, method, subscriber_id):
    return dict(subscription(sub_id, address, method), subscriber_id=subscriber_id)


def test_a_team_declared_sms_first_is_created_email_first_and_the_others_join_its_subscriber(run_module, http):
    paged(http, HUB + "/subscriptions", [], deleted="false")
    http.post(HUB + "/subscriptions", json=joined(5011, "team@example.com", "email", 4011))
    http.post(HUB + "/subscriptions", json=joined(5012, "+14155550100", "sms", 4011))
    http.post(HUB + "/subscriptions", json=joined(5013, HOOK, "slack", 4011))
    declared = [TEAM[1], TEAM[0], TEAM[2]]
    result = run_module(statushub_subscriptions, args(subscriptions=declared, concurrency=1))
    assert result["changed"] is True
    assert [item["id"] for item in result["created"]] == [5011, 5012, 5013]
    assert calls(http) == [("GET", LIST % 1), CREATE, CREATE, CREATE]
    assert [(body["address"], body.get("subscriber_id")) for body in bodies(http)[1:]] == [
        ("team@example.com", None), ("+14155550100", 4011), (HOOK, 4011)]
    assert HOOK not in json.dumps(result)


def test_a_team_in_check_mode_only_reads(run_module, http):
    paged(http, HUB + "/subscriptions", [], deleted="false")
    paged(http, HUB + "/services", [API, DASHBOARD], deleted="false", extend="flags")
    result = run_module(statushub_subscriptions, args(subscriptions=TEAM), check_mode=True, diff=True)
    assert result["changed"] is True and len(result["created"]) == 3
    assert [item["subscriber_id"] for item in result["created"]] == [None, None, None]
    assert calls(http) == [("GET", LIST % 1), ("GET", SERVICES)]
    assert HOOK not in json.dumps(result)


def test_a_team_that_is_one_subscriber_already_is_unchanged(run_module, http):
    paged(http, HUB + "/subscriptions", [joined(5011, "team@example.com", "email", 4011),
                                         joined(5012, "+14155550100", "sms", 4011), joined(5013, HOOK, "slack", 4011)],
          deleted="false")
    result = run_module(statushub_subscriptions, args(subscriptions=TEAM))
    assert result["changed"] is False
    assert calls(http) == [("GET", LIST % 1)]


def test_joining_an_existing_subscription_sends_its_subscriber_at_any_concurrency(run_module, http):
    paged(http, HUB + "/subscriptions", [joined(5011, "team@example.com", "email", 4011)], deleted="false")
    http.post(HUB + "/subscriptions", json=joined(5012, "+14155550100", "sms", 4011))
    result = run_module(statushub_subscriptions, args(subscriptions=TEAM[1:2]))
    assert [item["subscriber_id"] for item in result["created"]] == [4011]
    assert bodies(http)[1]["subscriber_id"] == 4011


def test_a_team_member_of_another_subscriber_fails_before_any_write_naming_both(run_module, http):
    paged(http, HUB + "/subscriptions", [joined(5011, "team@example.com", "email", 4011),
                                         joined(5013, HOOK, "slack", 4099)], deleted="false")
    result = run_module(statushub_subscriptions, args(subscriptions=TEAM))
    assert result["failed"] is True
    assert result["msg"] == as_shown("subscriptions[2].subscription 'https://hooks.slack.com/********' (id 5013) belongs "
                                     "to subscriber 4099, not to subscriber 4011 of 'team@example.com'; the API cannot "
                                     "move a subscription to another subscriber: delete it and declare it again to create "
                                     "it there", *no_log(TEAM))
    assert calls(http) == [("GET", LIST % 1)]
    assert HOOK not in json.dumps(result)


def test_refusals_of_the_declaration_send_no_write(run_module, http):
    cases = [
        ([TEAM[0], dict(TEAM[1], method="email", address="two@example.com")],
         "subscriptions[0] ('team@example.com') and subscriptions[1] ('two@example.com') of one subscriber (a new "
         "subscriber) have the same method email"),
        ([dict(TEAM[0], subscriber_of=HOOK), TEAM[2]],
         "subscriptions[0].subscriber_of forms a loop: subscriptions[0] ('team@example.com') -> subscriptions[1] "
         "('https://hooks.slack.com/********') -> subscriptions[0] ('team@example.com')"),
        ([dict(TEAM[0], subscriber_of="Team@example.com")],
         "subscriptions[0].subscriber_of names the subscription itself ('team@example.com')"),
        ([TEAM[1]], "subscriptions[0].subscriber_of 'team@example.com' names no subscription"),
    ]
    for declared, message in cases:
        paged(http, HUB + "/subscriptions", [], deleted="false")
        result = run_module(statushub_subscriptions, args(subscriptions=declared))
        assert result["failed"] is True and result["msg"].startswith(as_shown(message, *no_log(declared))), result["msg"]
        assert HOOK not in json.dumps(result)
    assert all(method == "GET" for method, _path in calls(http))


def test_subscriber_of_is_refused_with_state_absent(run_module, http):
    result = run_module(statushub_subscriptions, args(subscriptions=TEAM[1:2], state="absent"))
    assert result["msg"] == ("subscriptions[0].subscriber_of is only for state=present, where it names the subscriber "
                             "a subscription belongs to")
    assert len(http.calls) == 0


# The set, on the hub of SUBSCRIBABLE (statushub_fakes).
DECLARED = [
    {"address": "ops@example.com", "method": "email", "services": ["API"], "protected": True},
    {"address": SLACK, "method": "slack", "label": "#incidents"},
]


def test_set_creates_updates_and_prunes_one_write_each(run_module, http):
    list_subscriptions(http, [OPS_EMAIL, sub(5002, "+14155550100", "sms")])
    list_subscribable_services(http)
    http.delete(HUB + "/subscriptions/5002", status=204)
    http.put(HUB + "/subscriptions/5001", json=dict(OPS_EMAIL, protected=True))
    http.post(HUB + "/subscriptions", json=sub(5003, SLACK, "slack", label="#incidents"))
    result = run_module(statushub_subscriptions, args(subscriptions=DECLARED, prune=True, concurrency=1))
    assert result["changed"] is True
    assert [item["id"] for item in result["deleted"]] == [5002]
    assert [item["id"] for item in result["updated"]] == [5001]
    assert [item["address"] for item in result["created"]] == [SLACK_SHOWN]
    assert sorted(item["id"] for item in result["subscriptions"]) == [5001, 5003]
    assert calls(http) == [
        ("GET", LIST % 1), ("GET", SERVICES),
        ("DELETE", PATH + "/subscriptions/5002" + Q),
        ("PUT", PATH + "/subscriptions/5001" + Q),
        ("POST", PATH + "/subscriptions" + Q),
    ]
    created = {"address": SLACK, "method_name": "slack", "label": "#incidents",
               "services_selection": {"all": True, "service_ids": []}}
    assert bodies(http)[3:] == [{"protected": True}, created]
    assert SLACK not in json.dumps(result)


def test_set_that_fails_partway_reports_what_it_did_redacted(run_module, http):
    list_subscriptions(http, [OPS_EMAIL, sub(5002, "+14155550100", "sms")])
    list_subscribable_services(http)
    http.delete(HUB + "/subscriptions/5002", status=204)
    http.put(HUB + "/subscriptions/5001", json=dict(OPS_EMAIL, protected=True))
    http.post(HUB + "/subscriptions", status=422, json={"error": "refused"})
    result = run_module(statushub_subscriptions, args(subscriptions=DECLARED, prune=True))
    assert result["failed"] is True and result["changed"] is True
    assert result["status"] == 422 and "refused" in result["msg"]
    assert [item["id"] for item in result["deleted"]] == [5002]
    assert [item["id"] for item in result["updated"]] == [5001]
    assert result["created"] == []
    assert SLACK not in json.dumps(result)


def test_set_in_check_mode_only_reads(run_module, http):
    list_subscriptions(http, [OPS_EMAIL, sub(5002, "+14155550100", "sms")])
    list_subscribable_services(http)
    result = run_module(statushub_subscriptions, args(subscriptions=DECLARED, prune=True), check_mode=True, diff=True)
    assert result["changed"] is True
    assert len(result["created"]) == 1 and len(result["updated"]) == 1 and len(result["deleted"]) == 1
    assert all(method == "GET" for method, _path in calls(http))
    assert SLACK not in json.dumps(result)


def test_in_check_mode_planned_services_are_previewed_without_an_id(run_module, http):
    lists(http, [OPS])
    declared = [{"address": "ops@example.com", "method": "email", "services": ["API", "Billing"]},
                {"address": "dev@example.com", "method": "email", "services": ["Billing"]}]
    result = run_module(statushub_subscriptions, args(subscriptions=declared, planned_services=["Billing", "API"]),
                        check_mode=True, diff=True)
    assert result["changed"] is True
    assert [item["services_selection"] for item in result["updated"] + result["created"]] == [
        {"all": False, "services": [{"id": None, "name": "Billing"}, {"id": 12, "name": "API"}]},
        {"all": False, "services": [{"id": None, "name": "Billing"}]}]
    assert calls(http) == [("GET", LIST % 1), ("GET", SERVICES)]


def test_planned_services_are_not_used_outside_check_mode(run_module, http):
    lists(http, [])
    result = run_module(statushub_subscriptions, args(
        subscriptions=[{"address": "dev@example.com", "method": "email", "services": ["Billing"]}],
        planned_services=["Billing"]))
    assert result["failed"] is True and "service 'Billing': the hub has no service" in result["msg"]
    assert calls(http) == [("GET", LIST % 1), ("GET", SERVICES)]


def test_set_unchanged_sends_no_write(run_module, http):
    list_subscriptions(http, [dict(OPS_EMAIL, protected=True), sub(5003, SLACK, "slack", label="#incidents")])
    list_subscribable_services(http)
    result = run_module(statushub_subscriptions, args(subscriptions=DECLARED, prune=True))
    assert result["changed"] is False
    assert all(method == "GET" for method, _path in calls(http))


def test_set_absent(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    http.delete(HUB + "/subscriptions/5001", status=204)
    result = run_module(statushub_subscriptions, args(subscriptions=[{"address": "ops@example.com"}, {"address": SLACK}],
                                                      state="absent"))
    assert result["changed"] is True and [item["id"] for item in result["deleted"]] == [5001]
    assert result["subscriptions"] == []


def test_set_problems_fail_before_any_write(run_module, http):
    list_subscriptions(http, [sub(5003, SLACK, "slack")])
    list_subscribable_services(http)
    result = run_module(statushub_subscriptions, args(subscriptions=[
        {"address": "ops@example.com", "method": "email", "services": ["Nope"]}]))
    assert result["failed"] is True and "service 'Nope'" in result["msg"]
    assert all(method == "GET" for method, _path in calls(http))


def test_set_validation_names_the_item(run_module, http):
    declared = [
        {"address": "ops@example.com", "method": "email"},
        {"address": "OPS@example.com", "method": "email"},
        {"address": "http://example.com/hook", "method": "webhook"},
    ]
    result = run_module(statushub_subscriptions, args(subscriptions=declared))
    assert result["failed"] is True
    assert as_shown("subscriptions[1].address 'OPS@example.com' is declared more than once", *no_log(declared)) in result["msg"]
    assert "subscriptions[2].address must be an https URL" in result["msg"]
    assert len(http.calls) == 0


def test_the_set_hides_configuration_and_marks_a_changed_value(run_module, http):
    current = sub(5003, WEBHOOK, "webhook", configuration=CONFIGURATION)
    changed = dict(CONFIGURATION, headers={"Authorization": "Bearer n3w-hdr-t0ken"})
    list_subscriptions(http, [current])
    http.put(HUB + "/subscriptions/5003", json=dict(current, configuration=changed))
    declared = [{"address": WEBHOOK, "configuration": changed}]
    result = run_module(statushub_subscriptions, args(subscriptions=declared), diff=True)
    assert result["changed"] is True
    assert bodies(http)[-1] == {"configuration": changed}
    shown = as_shown(SHOWN_CONFIGURATION, *no_log(declared))
    assert result["updated"][0]["configuration"] == shown
    assert result["subscriptions"][0]["configuration"] == shown
    assert result["diff"]["before"]["subscriptions"][0]["configuration"] == shown
    assert result["diff"]["after"]["subscriptions"][0]["configuration"] == dict(
        shown, headers={"Authorization": "******** (changed)"})
    assert result["invocation"]["module_args"]["subscriptions"][0]["configuration"] == shown
    assert_no_configuration_secret(result)
    assert "n3w-hdr-t0ken" not in json.dumps(result)


def test_the_bodies_sent_carry_only_attributes_of_the_contract(run_module, http):
    contract = {"address", "method_name", "services_selection", "configuration", "label", "less_verbose", "protected",
                "subscriber_id"}
    list_subscriptions(http, [sub(5001, "ops@example.com", ids=[1])])
    list_subscribable_services(http)
    http.put(HUB + "/subscriptions/5001", json=sub(5001, "ops@example.com", protected=True))
    http.post(HUB + "/subscriptions", json=sub(5002, SLACK, "slack"))
    result = run_module(statushub_subscriptions, args(subscriptions=[
        {"address": "ops@example.com", "protected": True, "less_verbose": True},
        {"address": SLACK, "method": "slack", "label": "#ops", "configuration": {"a": 1}, "services": ["API"]},
    ]))
    assert result["changed"] is True
    sent = [body for body in bodies(http) if body is not None]
    assert len(sent) == 2
    for body in sent:
        assert set(body) <= contract
        assert set(body["services_selection"]) <= {"all", "service_ids"}


def test_a_run_while_another_holds_the_hub_fails_before_any_request(run_module, http):
    with taking_turns((URL, "hub", "acme"), 0):
        result = run_module(statushub_subscriptions, args(subscriptions=[], retry_timeout=0))
    assert result["failed"] is True and "another run has held the lock" in result["msg"]
    assert len(http.calls) == 0
