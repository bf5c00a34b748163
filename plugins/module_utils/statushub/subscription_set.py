# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub subscriptions as a declared set (statushub_subscriptions): planned with their subscribers, every item checked
before the first write, a create after the create of the subscriber it joins.
"""

from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.sets import SetMapping, SetPlan, plan_set
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscribers import Subscribers
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscription_fields import address_key, redacted, redacted_after, shown_address
from ansible_collections.statusops.status.plugins.module_utils.statushub.subscriptions import (
    Subscription,
    check_creatable,
    declared_subscriber,
    preview,
    update_body,
    with_subscriber,
)


class SubscriptionPlan(SetPlan):
    """The plan of a declared list of subscriptions: each key's declared item (resources, positions) and subscriber;
    a create waits for the create of the subscription whose subscriber it joins."""

    def __init__(self, current):
        super().__init__(current)
        self.resources = {}
        self.positions = {}
        self.subscribers = None
        self.joins = {}  # key: the key of the create whose subscriber it joins

    def requires(self, key, action):
        return [self.joins[key]] if action == "create" and key in self.joins else []


class SubscriptionSet(SetMapping):
    """A hub's subscriptions as a declared set, keyed by address (every item is checked before the first write:
    unknown service, method clash, unknown id, subscriber rules)."""

    noun = "subscription"

    def __init__(self, subscriptions, names, items, prune, state):
        self.subscriptions = subscriptions
        self.names = names
        self.items = items
        self.prune = prune
        self.absent = state == "absent"

    def read(self):
        return self.subscriptions.list()

    def plan(self, current):
        plan = SubscriptionPlan(current)
        by_id = dict((item["id"], item) for item in current)
        current_by_key = {}
        for item in current:
            key = address_key(item.get("address"))
            if key in current_by_key:
                key = ("#id", item["id"])  # a duplicate the hub should not hold; it is pruned or matched by id
            current_by_key[key] = item
        desired_by_key = {}
        for position, item in enumerate(self.items):
            where = "subscriptions[%d]." % position
            resource = Subscription(self.subscriptions, self.names, item, where)
            if item.get("id") is not None:
                found = by_id.get(item["id"])
                if found is None:
                    if self.absent:
                        continue
                    raise ReconcileError("%ssubscription id %s: the hub has no subscription with that id" % (where, item["id"]))
                key = next(k for k, v in current_by_key.items() if v is found)
            else:
                key = address_key(item["address"])
            if key in desired_by_key:
                raise ReconcileError("%sdeclares a subscription that another item of the list declares too" % where)
            desired_by_key[key] = {} if self.absent else resource.desired()
            plan.resources[key] = resource
            plan.positions[key] = position
        plan_set(current_by_key, desired_by_key,
                 lambda key, item, desired: plan.resources[key].changes(item, desired),
                 prune=self.prune, absent=self.absent, plan=plan)
        for key, desired in plan.create:
            check_creatable(desired, plan.resources[key].where)
        if not self.absent:
            self._plan_subscribers(plan, current_by_key)
        return plan

    @staticmethod
    def _plan_subscribers(plan, current_by_key):
        """The subscriber of each declared item (subscribers.py), its rules checked; creates ordered so that
        one joining another created here comes after it."""
        keys = sorted(plan.positions, key=plan.positions.get)
        declared = [declared_subscriber(plan.resources[key].params, current_by_key.get(key), plan.resources[key].where)
                    for key in keys]
        plan.subscribers = Subscribers(declared, plan.context, address_key, shown_address,
                                       leaving=[current["id"] for _key, current in plan.delete])
        if plan.subscribers.errors:
            raise ReconcileError("; ".join(plan.subscribers.errors))
        creates = dict(plan.create)
        plan.create = [(keys[position], creates[keys[position]])
                       for position in plan.subscribers.order(plan.positions[key] for key in creates)]
        for key in creates:
            required = plan.subscribers.requires(plan.positions[key])
            if required is not None:
                plan.joins[key] = keys[required]

    @staticmethod
    def _joining(plan, key, done):
        """The subscriber a create joins (None: a new one), given the subscriptions the run has made so far."""
        done_at = dict((plan.positions[done_key], item) for done_key, item in done.items() if done_key in plan.positions)
        return plan.subscribers.subscriber_id(plan.positions[key], done_at)

    def create(self, plan, key, desired, done):
        return self.subscriptions.create(with_subscriber(desired, self._joining(plan, key, done)))

    def find_created(self, plan, key, desired, done):
        return plan.resources[key].find_created()

    def update(self, plan, key, current, desired, changes, done):
        return self.subscriptions.update(current["id"], update_body(current, desired, changes))

    def delete(self, plan, key, current):
        self.subscriptions.delete(current["id"])

    def preview_create(self, plan, key, desired, done):
        return preview(None, with_subscriber(desired, plan.subscribers.subscriber_id(plan.positions[key])), self.names)

    def preview_update(self, plan, key, current, desired, done):
        return preview(current, desired, self.names)

    def shown(self, plan, key, item):
        return redacted(item)

    def result(self, reconciler):
        before = reconciler.plan.context
        after = reconciler.after()
        return dict(subscriptions=[redacted(item) for item in after],
                    diff={"before": {"subscriptions": [redacted(item) for item in before]},
                          "after": {"subscriptions": redacted_after(before, after)}})
