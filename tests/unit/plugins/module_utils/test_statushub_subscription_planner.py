# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The subscription planner of statushub_subscriptions (SubscriptionSet): the plan it makes from what was read,
without a request: keys by address (any case) or id, subscribers and the order of creates, refusals."""

import re

import pytest

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_set import SubscriptionSet


class NoRequests:
    """Endpoints that fail the test if the planner sends anything."""

    def __getattr__(self, name):
        raise AssertionError("the planner called %s" % name)


class Names:
    """The hub's services: API (12) and Dashboard (13)."""

    ids = {"API": 12, "Dashboard": 13}

    def id_of(self, reference):
        return self.ids[reference]

    def name_of(self, service_id):
        return dict((number, name) for name, number in self.ids.items())[service_id]

    def all_ids(self):
        return sorted(self.ids.values())


def subscription(number, address, method="email", subscriber=None):
    return {"id": number, "address": address, "method_name": method, "subscriber_id": subscriber or 4000 + number,
            "services_selection": {"all": True, "services": []}, "label": None, "less_verbose": False,
            "protected": False}


OPS = subscription(5001, "ops@example.com")
OLD = subscription(5002, "old@example.com")


def plan_of(items, current=(OPS, OLD), prune=False, state="present"):
    return SubscriptionSet(NoRequests(), Names(), items, prune, state).plan(list(current))


def test_an_address_is_found_whatever_its_case_and_only_what_differs_is_updated():
    plan = plan_of([{"address": "OPS@example.com", "method": "email", "protected": True}])
    assert [(key, changes) for key, _current, _desired, changes in plan.update] == [
        ("ops@example.com", {"address": "OPS@example.com", "protected": True})]
    assert plan.create == [] and plan.delete == []


def test_prune_deletes_what_is_not_declared_and_an_id_finds_its_subscription():
    plan = plan_of([{"id": 5001}], prune=True)
    assert [key for key, _current in plan.delete] == ["old@example.com"]
    assert [key for key, _current in plan.unchanged] == ["ops@example.com"]


def test_a_subscription_joining_another_created_here_is_created_after_it_and_waits_for_it():
    plan = plan_of([{"address": "+14155550100", "method": "sms", "subscriber_of": "new@example.com"},
                    {"address": "new@example.com", "method": "email", "services": ["API"]}])
    assert plan.order() == [("create", "new@example.com"), ("create", "+14155550100")]
    assert plan.requires("+14155550100", "create") == ["new@example.com"]
    assert plan.requires("new@example.com", "create") == []
    assert dict(plan.create)["new@example.com"]["services_selection"] == {"all": False, "service_ids": [12]}


def test_joining_an_existing_subscription_needs_no_other_change_first():
    plan = plan_of([{"address": "+14155550100", "method": "sms", "subscriber_of": "ops@example.com"}])
    assert plan.requires("+14155550100", "create") == []
    assert plan.subscribers.subscriber_id(plan.positions["+14155550100"]) == OPS["subscriber_id"]


@pytest.mark.parametrize("items, message", [
    ([{"id": 9999}], "subscriptions[0].subscription id 9999: the hub has no subscription with that id"),
    ([{"address": "ops@example.com"}, {"id": 5001}],
     "subscriptions[1].declares a subscription that another item of the list declares too"),
    ([{"address": "ops@example.com", "method": "sms"}],
     "subscriptions[0].address 'ops@example.com' is already used by subscription 5001 with method email, not sms"),
    ([{"address": "new@example.com"}], "subscriptions[0].the subscription does not exist; method is required to create it"),
])
def test_what_cannot_be_done_is_refused_by_the_plan(items, message):
    with pytest.raises(ReconcileError, match="^" + re.escape(message)):
        plan_of(items)


def test_state_absent_deletes_the_declared_that_exist_and_skips_an_unknown_id():
    plan = plan_of([{"address": "old@example.com"}, {"id": 9999}], state="absent")
    assert plan.order() == [("delete", "old@example.com")]
