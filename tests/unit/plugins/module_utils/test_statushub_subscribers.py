# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""statushub_subscribers: each declared item's subscriber, the order of creates, and the rules before any write."""

from ansible_collections.statusops.status.plugins.module_utils.statushub.subscribers import (
    EXISTING,
    NEW,
    Declared,
    Subscribers,
)

TEAM = {"id": 501, "address": "team@example.com", "method_name": "email", "subscriber_id": 41}
PHONE = {"id": 502, "address": "+14155550100", "method_name": "sms", "subscriber_id": 41}
OTHER = {"id": 503, "address": "other@example.com", "method_name": "email", "subscriber_id": 42}


def shown(method, address):
    return "https://hooks/********" if str(address).startswith("https://") else address


def item(position, address, method, subscriber_of=None, current=None, subscriber_id=None):
    return Declared("subscriptions[%d]." % position, address.lower(), method, shown(method, address), current,
                    subscriber_of, subscriber_id)


def subscribers(declared, hub=(), leaving=()):
    return Subscribers(declared, list(hub), lambda address: None if address is None else address.lower(), shown, leaving)


def test_a_team_of_three_new_channels_is_one_new_subscriber_founded_by_the_item_they_name():
    plan = subscribers([item(0, "+14155550199", "sms", "Oncall@example.com"), item(1, "oncall@example.com", "email"),
                        item(2, "https://hooks/secret", "slack", "oncall@example.com")])
    assert plan.errors == []
    assert [plan.subscriber[p] for p in range(3)] == [(NEW, 1)] * 3
    assert [plan.requires(p) for p in range(3)] == [1, None, 1]
    assert plan.order([0, 1, 2]) == [1, 0, 2]
    assert [plan.subscriber_id(p) for p in range(3)] == [None, None, None]
    assert plan.subscriber_id(0, {1: {"subscriber_id": 77}}) == 77


def test_joining_an_existing_subscription_sends_its_subscriber_and_waits_for_nothing():
    plan = subscribers([item(0, "https://hooks/secret", "slack", "TEAM@example.com")], [TEAM, PHONE, OTHER])
    assert plan.errors == []
    assert plan.subscriber[0] == (EXISTING, 41)
    assert plan.requires(0) is None and plan.subscriber_id(0) == 41


def test_an_existing_item_that_already_belongs_there_is_fine_and_a_given_subscriber_id_is_taken_as_it_is():
    plan = subscribers([item(0, "+14155550100", "sms", "team@example.com", current=PHONE),
                        item(1, "ops@example.com", "webhook", subscriber_id=41)], [TEAM, PHONE, OTHER])
    assert plan.errors == []
    assert plan.subscriber_id(1) == 41


def test_a_subscriber_of_that_names_no_subscription_fails_naming_the_item_and_hiding_a_url():
    plan = subscribers([item(0, "a@example.com", "email", "https://hooks/unknown-secret")], [TEAM])
    assert plan.errors == ["subscriptions[0].subscriber_of 'https://hooks/********' names no subscription: neither one "
                           "of the hub nor one declared here"]


def test_a_subscriber_of_naming_the_item_itself_fails():
    plan = subscribers([item(0, "a@example.com", "email", "A@example.com")])
    assert plan.errors == ["subscriptions[0].subscriber_of names the subscription itself ('a@example.com'); name another "
                           "subscription of the hub"]


def test_a_loop_fails_once_naming_each_item_of_it():
    plan = subscribers([item(0, "a@example.com", "email", "b@example.com"), item(1, "+14155550100", "sms", "a@example.com"),
                        item(2, "b@example.com", "webhook", "a@example.com")])
    assert plan.errors == ["subscriptions[0].subscriber_of forms a loop: subscriptions[0] ('a@example.com') -> "
                           "subscriptions[2] ('b@example.com') -> subscriptions[0] ('a@example.com')"]


def test_two_declared_subscriptions_of_one_subscriber_with_one_method_fail_naming_both():
    plan = subscribers([item(0, "a@example.com", "email"), item(1, "b@example.com", "email", "a@example.com")])
    assert plan.errors == ["subscriptions[0] ('a@example.com') and subscriptions[1] ('b@example.com') of one subscriber "
                           "(a new subscriber) have the same method email, and a subscriber holds at most one "
                           "subscription per method"]


def test_joining_a_subscriber_that_has_the_method_already_fails_naming_its_subscription():
    plan = subscribers([item(0, "b@example.com", "email", "+14155550100")], [TEAM, PHONE])
    assert plan.errors == ["subscriptions[0] ('b@example.com') and subscription 501 ('team@example.com') of the hub of "
                           "one subscriber (subscriber 41) have the same method email, and a subscriber holds at most "
                           "one subscription per method"]


def test_a_subscription_the_run_deletes_does_not_count():
    plan = subscribers([item(0, "b@example.com", "email", "+14155550100")], [TEAM, PHONE], leaving=[501])
    assert plan.errors == []


def test_an_existing_subscription_of_another_subscriber_fails_naming_both_ids_and_both_addresses():
    plan = subscribers([item(0, "other@example.com", "email", "+14155550100", current=OTHER)], [TEAM, PHONE, OTHER])
    assert plan.errors == ["subscriptions[0].subscription 'other@example.com' (id 503) belongs to subscriber 42, not to "
                           "subscriber 41 of '+14155550100'; the API cannot move a subscription to another subscriber: "
                           "delete it and declare it again to create it there"]


def test_an_existing_subscription_cannot_join_a_subscriber_this_run_creates():
    plan = subscribers([item(0, "new@example.com", "email"), item(1, "+14155550100", "sms", "new@example.com", current=PHONE)],
                       [TEAM, PHONE])
    assert plan.errors == ["subscriptions[1].subscription '+14155550100' (id 502) belongs to subscriber 41, not to a new "
                           "subscriber, that of 'new@example.com' (subscriptions[0]), which this run creates; the API "
                           "cannot move a subscription to another subscriber: delete it and declare it again to create "
                           "it there"]


def test_subscribers_the_server_does_not_report_are_not_taken_for_one():
    anonymous = [dict(TEAM, subscriber_id=None), dict(OTHER, subscriber_id=None)]
    plan = subscribers([item(0, "team@example.com", "email", current=anonymous[0]),
                        item(1, "other@example.com", "email", current=anonymous[1])], anonymous)
    assert plan.errors == []
