# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import json

import pytest

from ansible_collections.statusops.status.plugins.modules import (
    statushub_subscription,
    statushub_subscriptions,
)
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import validation_errors
from ansible_collections.statusops.status.tests.unit.plugins.modules.conftest import CONTROLLER_MASKS, LOST, as_shown, bodies, calls
from ansible_collections.statusops.status.tests.unit.plugins.modules.statushub_fakes import (
    CONFIGURATION, HUB, KEY, OPS_EMAIL, PATH, Q, SERVICES_Q, SHOWN_CONFIGURATION, SLACK, SLACK_SHOWN, SUBSCRIBABLE,
    SUBS_Q, V, WEBHOOK, args, assert_no_configuration_secret, list_subscribable_services, list_subscriptions, paged,
    sub,
)

API, WEB = SUBSCRIBABLE


# statushub_subscription


def test_create_email_for_one_service_sends_list_reads_and_one_create(run_module, http):
    list_subscriptions(http, [])
    list_subscribable_services(http)
    http.post(HUB + "/subscriptions", json=OPS_EMAIL)
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email", services=["API"]))
    assert result["changed"] is True
    assert result["subscription"]["id"] == 5001
    assert calls(http) == [("GET", SUBS_Q % 1), ("GET", SERVICES_Q), ("POST", PATH + "/subscriptions" + Q)]
    assert bodies(http)[2] == {"address": "ops@example.com", "method_name": "email",
                               "services_selection": {"all": False, "service_ids": [1]}}


def test_create_in_check_mode_only_reads(run_module, http):
    list_subscriptions(http, [])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email", services=["API"]),
                        check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["subscription"]["id"] is None
    assert result["subscription"]["services_selection"] == {"all": False, "services": [{"id": 1, "name": "API"}]}
    assert result["diff"]["before"] == {}
    assert all(method == "GET" for method, _path in calls(http))


def test_unchanged_subscription_sends_no_write(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email", services=["1"]))
    assert result["changed"] is False
    assert all(method == "GET" for method, _path in calls(http))


def test_every_page_is_read_to_find_the_address(run_module, http):
    list_subscriptions(http, [sub(5002, "a@example.com")], [OPS_EMAIL])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email", services=["API"]))
    assert result["changed"] is False and result["subscription"]["id"] == 5001
    assert calls(http)[:2] == [("GET", SUBS_Q % 1), ("GET", SUBS_Q % 2)]


def test_update_sends_only_what_changed(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    list_subscribable_services(http)
    http.put(HUB + "/subscriptions/5001", json=dict(OPS_EMAIL, protected=True))
    result = run_module(statushub_subscription, args(address="ops@example.com", services=["API"], protected=True), diff=True)
    assert result["changed"] is True
    assert result["diff"] == {"before": {"protected": False}, "after": {"protected": True}}
    assert calls(http)[-1] == ("PUT", PATH + "/subscriptions/5001" + Q)
    assert bodies(http)[-1] == {"protected": True}


def test_update_in_check_mode_only_reads(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(address="ops@example.com", services=["API", "Website"], label=None),
                        check_mode=True)
    assert result["changed"] is True
    assert result["subscription"]["services_selection"]["all"] is True
    assert all(method == "GET" for method, _path in calls(http))


def test_every_service_is_the_same_as_all_either_way(run_module, http):
    everything = sub(5001, "ops@example.com")  # all: true
    list_subscriptions(http, [everything])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(address="ops@example.com", services=["API", "Website"]))
    assert result["changed"] is False
    http.reset()
    listed = sub(5001, "ops@example.com", ids=[1, 2])  # a server that kept the list
    list_subscriptions(http, [listed])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(address="ops@example.com"))
    assert result["changed"] is False


def test_omitted_services_mean_all(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    list_subscribable_services(http)
    http.put(HUB + "/subscriptions/5001", json=sub(5001, "ops@example.com"))
    result = run_module(statushub_subscription, args(address="ops@example.com"))
    assert result["changed"] is True
    assert bodies(http)[-1] == {"services_selection": {"all": True, "service_ids": []}}


def test_unknown_service_fails_before_any_write(run_module, http):
    list_subscriptions(http, [])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email", services=["Nope"]))
    assert result["failed"] is True
    assert "service 'Nope': the hub has no service with that name or id" in result["msg"]
    assert all(method == "GET" for method, _path in calls(http))


def test_address_used_by_another_method_fails(run_module, http):
    list_subscriptions(http, [sub(5003, SLACK, "slack")])
    result = run_module(statushub_subscription, args(address=SLACK, method="webhook"))
    assert result["failed"] is True
    assert "already used by subscription 5003 with method slack, not webhook" in result["msg"]
    assert SLACK not in json.dumps(result) and SLACK_SHOWN in result["msg"]


def test_slack_url_is_redacted_everywhere_but_matched_in_full(run_module, http):
    other = sub(5004, "https://hooks.slack.com/services/T000/B000/other", "slack")
    list_subscriptions(http, [other])
    http.post(HUB + "/subscriptions", json=sub(5003, SLACK, "slack", configuration={"callback": SLACK + "/cb"}))
    result = run_module(statushub_subscription, args(address=SLACK, method="slack", configuration={"callback": SLACK + "/cb"}),
                        diff=True)
    assert result["changed"] is True
    assert bodies(http)[-1]["address"] == SLACK
    assert result["subscription"]["address"] == SLACK_SHOWN
    assert result["subscription"]["configuration"] == {"callback": SLACK_SHOWN}
    assert SLACK not in json.dumps(result)
    assert "XXXXsecretXXXX" not in json.dumps(result)


def test_bad_values_fail_before_any_request(run_module, http):
    result = run_module(statushub_subscription, args(address="not-an-email", method="email", label="x", services=[]))
    assert result["failed"] is True
    assert as_shown("address must be an email address (like name@example.com) for method email, got 'not-an-email'",
                    "not-an-email") in result["msg"]
    assert "label is not available for method email" in result["msg"]
    assert "services must name at least one service" in result["msg"]
    result = run_module(statushub_subscription, args(address="555-1234", method="sms"))
    assert "address must be a phone number in E.164 form" in result["msg"] and as_shown("'555-1234'", "555-1234") in result["msg"]
    result = run_module(statushub_subscription, args(address="http://hooks.slack.com/services/T/B/secret", method="slack"))
    assert "address must be an https URL (https://host/path) for method slack, got 'http://hooks.slack.com/********'" in result["msg"]
    assert "secret" not in result["msg"]
    assert len(http.calls) == 0


def test_delete_by_id_then_again(run_module, http):
    http.get(HUB + "/subscriptions/5001", json=dict(OPS_EMAIL, flags={"deleted": False}))
    http.delete(HUB + "/subscriptions/5001", status=204)
    result = run_module(statushub_subscription, args(id=5001, state="absent"))
    assert result["changed"] is True and result["subscription"]["id"] == 5001
    assert calls(http) == [("GET", PATH + "/subscriptions/5001?api_version=V3-R1&extend=flags"),
                           ("DELETE", PATH + "/subscriptions/5001" + Q)]
    http.reset()
    http.get(HUB + "/subscriptions/5001", json=dict(OPS_EMAIL, flags={"deleted": True}))
    result = run_module(statushub_subscription, args(id=5001, state="absent"))
    assert result["changed"] is False and result["subscription"] == {}


def test_a_lost_create_answer_is_looked_for_before_sending_again(run_module, http):
    list_subscriptions(http, [])
    http.post(HUB + "/subscriptions", status=502, json={"error": "Bad gateway"})
    list_subscriptions(http, [sub(5001, "ops@example.com")])
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email"))
    assert result["changed"] is True and result["subscription"]["id"] == 5001
    assert [method for method, _path in calls(http)] == ["GET", "POST", "GET"]


# statushub_subscription: subscribers

SMS_ARGS = dict(address="+14155550100", method="sms")
SMS_CREATED = sub(5002, "+14155550100", "sms", subscriber_id=4001)


def test_subscriber_of_joins_that_subscriptions_subscriber_in_the_create(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    http.post(HUB + "/subscriptions", json=SMS_CREATED)
    result = run_module(statushub_subscription, args(subscriber_of="OPS@example.com", **SMS_ARGS))
    assert result["changed"] is True and result["subscriber_id"] == 4001
    assert calls(http) == [("GET", SUBS_Q % 1), ("POST", PATH + "/subscriptions" + Q)]
    assert bodies(http)[1] == {"address": "+14155550100", "method_name": "sms", "subscriber_id": 4001,
                               "services_selection": {"all": True, "service_ids": []}}


def test_subscriber_of_in_check_mode_only_reads_and_returns_the_subscriber(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    list_subscribable_services(http)
    result = run_module(statushub_subscription, args(subscriber_of="ops@example.com", **SMS_ARGS), check_mode=True)
    assert result["changed"] is True and result["subscriber_id"] == 4001
    assert result["subscription"]["subscriber_id"] == 4001
    assert calls(http) == [("GET", SUBS_Q % 1), ("GET", SERVICES_Q)]


def test_a_subscription_already_of_that_subscriber_is_unchanged(run_module, http):
    list_subscriptions(http, [OPS_EMAIL, SMS_CREATED])
    result = run_module(statushub_subscription, args(subscriber_of="ops@example.com", **SMS_ARGS))
    assert result["changed"] is False and result["subscriber_id"] == 4001
    assert calls(http) == [("GET", SUBS_Q % 1)]


def test_subscriber_id_of_a_subscriber_without_subscriptions_is_read_before_the_create(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    http.get(HUB + "/subscribers/77", json={"id": 77, "subscription_ids": [], "flags": {"deleted": False}})
    http.post(HUB + "/subscriptions", json=dict(SMS_CREATED, subscriber_id=77))
    result = run_module(statushub_subscription, args(subscriber_id=77, **SMS_ARGS))
    assert result["changed"] is True and result["subscriber_id"] == 77
    assert calls(http) == [("GET", SUBS_Q % 1), ("GET", PATH + "/subscribers/77" + Q + "&extend=flags"),
                           ("POST", PATH + "/subscriptions" + Q)]
    assert bodies(http)[2]["subscriber_id"] == 77


def test_an_unknown_subscriber_id_fails_before_any_write(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    http.get(HUB + "/subscribers/77", status=404, json={"error": "Not found"})
    result = run_module(statushub_subscription, args(subscriber_id=77, **SMS_ARGS))
    assert result["failed"] is True
    assert result["msg"] == "subscriber_id 77: the hub has no subscriber with that id"
    assert all(method == "GET" for method, _path in calls(http))


def test_joining_a_subscriber_that_has_the_method_fails_before_any_write(run_module, http):
    list_subscriptions(http, [OPS_EMAIL, SMS_CREATED])
    result = run_module(statushub_subscription, args(address="dev@example.com", method="email",
                                                     subscriber_of="+14155550100"))
    assert result["failed"] is True
    assert result["msg"] == as_shown("this subscription ('dev@example.com') and subscription 5001 ('ops@example.com') of "
                                     "the hub of one subscriber (subscriber 4001) have the same method email, and a "
                                     "subscriber holds at most one subscription per method", "dev@example.com", "+14155550100")
    assert calls(http) == [("GET", SUBS_Q % 1)]


def test_a_subscription_of_another_subscriber_is_not_moved_and_names_both(run_module, http):
    slack = sub(5003, SLACK, "slack")
    list_subscriptions(http, [OPS_EMAIL, slack])
    result = run_module(statushub_subscription, args(address=SLACK, method="slack", subscriber_of="ops@example.com"))
    assert result["failed"] is True
    assert result["msg"] == as_shown("subscription '%s' (id 5003) belongs to subscriber 4003, not to subscriber 4001 of "
                                     "'ops@example.com'; the API cannot move a subscription to another subscriber: "
                                     "delete it and declare it again to create it there" % SLACK_SHOWN, SLACK, "ops@example.com")
    assert calls(http) == [("GET", SUBS_Q % 1)]
    assert SLACK not in json.dumps(result)


def test_a_subscriber_of_naming_no_subscription_or_itself_fails_hiding_a_url(run_module, http):
    list_subscriptions(http, [OPS_EMAIL])
    result = run_module(statushub_subscription, args(address="dev@example.com", method="email", subscriber_of=SLACK))
    assert result["failed"] is True
    assert result["msg"] == ("subscriber_of '%s' names no subscription: neither one of the hub nor one declared here"
                             % SLACK_SHOWN)
    assert SLACK not in json.dumps(result)
    list_subscriptions(http, [OPS_EMAIL])
    result = run_module(statushub_subscription, args(address="dev@example.com", method="email",
                                                     subscriber_of="Dev@example.com"))
    assert result["msg"].startswith(as_shown("subscriber_of names the subscription itself ('dev@example.com')",
                                             "dev@example.com", "Dev@example.com"))
    assert all(method == "GET" for method, _path in calls(http))


def test_subscriber_of_and_subscriber_id_are_exclusive_and_only_for_present(run_module, http):
    result = run_module(statushub_subscription, args(subscriber_of="ops@example.com", subscriber_id=4001, **SMS_ARGS))
    assert result["failed"] is True and "mutually exclusive: subscriber_of|subscriber_id" in result["msg"]
    result = run_module(statushub_subscription, args(address="+14155550100", subscriber_id=4001, state="absent"))
    assert result["msg"] == ("subscriber_id is only for state=present, where it names the subscriber a subscription "
                             "belongs to")
    result = run_module(statushub_subscription, args(subscriber_id=True, **SMS_ARGS))
    assert result["msg"] == "subscriber_id must be an integer, got True"
    assert len(http.calls) == 0


# statushub_subscription_info


# statushub_subscriptions


# redaction


def test_redact_url_keeps_scheme_and_host_only():
    from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import redact_url
    assert redact_url(SLACK) == SLACK_SHOWN
    assert redact_url("https://user:pass@hooks.example.com:8443/x?token=1") == "https://hooks.example.com:8443/********"
    assert redact_url("not a url") == "********"
    assert redact_url("https://[bad") == "********"


def test_secrets_are_masked_in_every_spelling_and_plain_values_shown_again():
    from ansible_collections.statusops.status.plugins.module_utils.ansible_module import protect
    from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import protection

    declared = [{"address": "ops@example.com", "method": "email",
                 "configuration": {"content_type": "application/json", "retries": 3, "mode": "on"}},
                {"address": SLACK, "method": "slack", "configuration": {"callback": SLACK + "/cb", "secret": "s3cr3t-value"}}]

    class Module:
        params = {"api_key": KEY, "subscriptions": declared}
        no_log_values = set([KEY, "ops@example.com", SLACK, "application/json", SLACK + "/cb", "3", "on", "s3cr3t-value"])

    protect(Module, protection(Module.params, "subscriptions"))
    assert set([KEY, SLACK, SLACK + "/cb", "s3cr3t-value", "S3CR3T-VALUE", "/services/T000/B000/XXXXsecretXXXX",
                SLACK.replace("/", "%2F").replace(":", "%3A")]) <= Module.no_log_values
    assert not set(["ops@example.com", "application/json", "3", "on", "/"]) & Module.no_log_values
    assert Module.params["subscriptions"][0]["configuration"] == {"content_type": "application/json", "retries": "********",
                                                                  "mode": "********"}
    assert Module.params["subscriptions"][1]["configuration"] == {"callback": SLACK_SHOWN, "secret": "********"}
    assert declared[1]["configuration"]["secret"] == "s3cr3t-value"


# hidden configuration


def test_every_configuration_value_but_the_harmless_ones_is_hidden(run_module, http):
    list_subscriptions(http, [])
    http.post(HUB + "/subscriptions", json=sub(5003, WEBHOOK, "webhook", configuration=CONFIGURATION))
    result = run_module(statushub_subscription, args(address=WEBHOOK, method="webhook", configuration=CONFIGURATION),
                        diff=True)
    assert result["changed"] is True
    assert bodies(http)[-1]["configuration"] == CONFIGURATION
    declared = (WEBHOOK, CONFIGURATION)
    assert result["subscription"]["id"] == as_shown(5003, *declared)
    assert result["subscription"]["configuration"] == as_shown(SHOWN_CONFIGURATION, *declared)
    assert result["diff"]["after"]["configuration"] == as_shown(SHOWN_CONFIGURATION, *declared)
    assert result["invocation"]["module_args"]["configuration"] == as_shown(SHOWN_CONFIGURATION, *declared)
    assert_no_configuration_secret(result)


def test_a_changed_hidden_value_is_marked_in_the_diff(run_module, http):
    current = sub(5003, WEBHOOK, "webhook", configuration=CONFIGURATION)
    changed = dict(CONFIGURATION, secret="n3w-s3cr3t-value")
    list_subscriptions(http, [current])
    http.put(HUB + "/subscriptions/5003", json=dict(current, configuration=changed))
    result = run_module(statushub_subscription, args(address=WEBHOOK, configuration=changed), diff=True)
    assert result["changed"] is True
    assert bodies(http)[-1] == {"configuration": changed}
    assert result["diff"] == as_shown({"before": {"configuration": SHOWN_CONFIGURATION},
                                       "after": {"configuration": dict(SHOWN_CONFIGURATION, secret="******** (changed)")}},
                                      WEBHOOK, changed)
    assert result["subscription"]["configuration"] == as_shown(SHOWN_CONFIGURATION, WEBHOOK, changed)
    assert "n3w-s3cr3t-value" not in json.dumps(result)


@pytest.mark.parametrize("echo", [
    "s3cr3t-value", "S3CR3T-VALUE", "hdr-t0ken-xyz", WEBHOOK.lower(), WEBHOOK.replace(":", "%3A").replace("/", "%2F"),
    "/in/Hook-Path-0001", "hooks.example.com/in/Hook-Path-0001", WEBHOOK.replace("/", "\\/"),
])
def test_a_server_echo_of_a_secret_is_masked_in_every_spelling(run_module, http, echo):
    list_subscriptions(http, [])
    http.post(HUB + "/subscriptions", status=422, json={"errors": {"configuration": ["refused %s for %s" % (echo, echo)]}})
    result = run_module(statushub_subscription, args(address=WEBHOOK, method="webhook", configuration=CONFIGURATION))
    assert result["failed"] is True and result["status"] == 422
    assert "refused ******** for ********" in result["msg"]
    assert echo not in json.dumps(result)
    assert_no_configuration_secret(result)


def test_the_spellings_of_a_secret_leave_the_module_as_secrets_for_the_controller(run_module, http):
    """ansible-core 2.22 registers the values of no_log options only as given: the other spellings the module hides
    must go back among the secrets the controller masks, or a server's echo of one shows. Older ones mask them in the
    module."""
    spellings = ["S3CR3T-VALUE", WEBHOOK.lower(), WEBHOOK.replace(":", "%3A").replace("/", "%2F")]
    list_subscriptions(http, [])
    http.post(HUB + "/subscriptions", status=422, json={"errors": {"configuration": spellings}})
    run_module(statushub_subscription, args(address=WEBHOOK, method="webhook", configuration=CONFIGURATION))
    if CONTROLLER_MASKS:
        assert set(spellings) <= set(run_module.raw["_ansible_new_secrets"])
    else:
        assert not any(spelling in json.dumps(run_module.raw) for spelling in spellings)


@pytest.mark.parametrize("number", ["+12", "+123456", "+01234567", "+1234567890123456", "14155550100", "+1 415 555 0100"])
def test_sms_numbers_outside_e164_are_refused_before_any_request(run_module, http, number):
    result = run_module(statushub_subscription, args(address=number, method="sms"))
    assert result["failed"] is True
    assert result["msg"] == as_shown("address must be a phone number in E.164 form (+ then 7 to 15 digits, the first "
                                     "not 0, like +14155550100) for method sms, got %r" % number, number)
    assert len(http.calls) == 0


@pytest.mark.parametrize("number", ["+1234567", "+123456789012345", "+14155550100"])
def test_sms_numbers_of_7_to_15_digits_are_accepted(number):
    assert validation_errors({"address": number, "method": "sms"}) == []


@pytest.mark.parametrize("method", ["webhook", "slack", "teams"])
@pytest.mark.parametrize("address", ["http://hooks.example.com/T/B/secret", "ftp://hooks.example.com/T/B/secret",
                                     "hooks.example.com/T/B/secret"])
def test_every_url_method_needs_https(method, address):
    errors = validation_errors({"address": address, "method": method}, "subscriptions[0].")
    assert len(errors) == 1
    assert errors[0].startswith("subscriptions[0].address must be an https URL (https://host/path) for method %s, got "
                                % method)
    assert "secret" not in errors[0]


def test_a_label_for_an_email_subscription_found_by_id_fails_before_any_write(run_module, http):
    http.get(HUB + "/subscriptions/5001", json=dict(OPS_EMAIL, flags={"deleted": False}))
    result = run_module(statushub_subscription, args(id=5001, label="On call"))
    assert result["failed"] is True
    assert result["msg"] == "label is not available for method email (the API refuses it), got 'On call'"
    assert calls(http) == [("GET", PATH + "/subscriptions/5001?api_version=V3-R1&extend=flags")]


def test_a_boolean_id_is_refused_in_every_state(run_module, http):
    for state in ("present", "absent"):
        result = run_module(statushub_subscription, args(id=True, state=state))
        assert result["failed"] is True
        assert result["msg"] == "id must be an integer, got True"
    result = run_module(statushub_subscriptions, args(subscriptions=[{"id": False}], state="absent"))
    assert result["msg"] == "subscriptions[0].id must be an integer, got False"
    assert len(http.calls) == 0


def test_a_deleted_service_cannot_be_subscribed_to(run_module, http):
    list_subscriptions(http, [])
    list_subscribable_services(http, (API, dict(WEB, flags={"deleted": True})))
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email", services=["Website"]))
    assert result["failed"] is True
    assert result["msg"] == "service 'Website': the hub has no service with that name or id"
    assert calls(http) == [("GET", SUBS_Q % 1), ("GET", SERVICES_Q)]


def test_a_list_naming_every_live_service_is_all(run_module, http):
    list_subscriptions(http, [sub(5001, "ops@example.com")])
    list_subscribable_services(http, (API, dict(WEB, flags={"deleted": True})))
    result = run_module(statushub_subscription, args(address="ops@example.com", method="email", services=["API"]))
    assert result["changed"] is False
    assert calls(http) == [("GET", SUBS_Q % 1), ("GET", SERVICES_Q)]


# Lost answers: full identity on a lost create, a lost delete answered 404 is done, a task that wrote before failing says so.


def test_a_lost_subscription_create_is_known_by_method_and_address(run_module, http):
    # The look-up finds the address under another method: not the one this create was for, which is sent again.
    paged(http, HUB + "/subscriptions", [], deleted="false")
    http.post(HUB + "/subscriptions", body=LOST)
    paged(http, HUB + "/subscriptions", [sub(5001, WEBHOOK, "slack")], deleted="false")
    http.post(HUB + "/subscriptions", status=201, json=sub(5002, WEBHOOK, "webhook"))
    result = run_module(statushub_subscription, args(address=WEBHOOK, method="webhook"))
    assert result["changed"] is True and result["subscription"]["id"] == 5002
    assert calls(http) == [("GET", SUBS_Q % 1), ("POST", PATH + "/subscriptions?" + V), ("GET", SUBS_Q % 1),
                           ("POST", PATH + "/subscriptions?" + V)]
    assert bodies(http)[1] == bodies(http)[3]
    assert WEBHOOK not in str(result)
