# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub subscribers: which subscriber each declared subscription belongs to (subscriber_of, subscriber_id), the
order of creates this implies, and the rules checked before any write: a subscriber_of that names a subscription,
not itself, without a loop; one subscription per method and subscriber; no subscription moved to another subscriber.
"""

import collections

# A subscriber that a create of this run makes, keyed by the position of the declared item that founds it.
NEW = "new"
EXISTING = "existing"


# One declared subscription as the subscriber rules see it: key is its address as subscriptions compare (see
# address_key), shown its address fit to show, current the subscription of the hub it is (None when it is to be
# created), subscriber_of and subscriber_id the module options.
Declared = collections.namedtuple("Declared", "where key method shown current subscriber_of subscriber_id")
Declared.__new__.__defaults__ = (None, None, None)


class Subscribers:
    """The subscriber of each declared item: (EXISTING, id) or (NEW, position of the item whose create makes it).

    hub_items are the hub's live subscriptions, leaving the ids of those this run deletes; key_of(address) is how
    addresses compare and shown(method, address) how one is shown.
    """

    def __init__(self, declared, hub_items, key_of, shown, leaving=()):
        self.declared = declared
        self.hub_items = [item for item in hub_items if item.get("id") not in set(leaving)]
        self.key_of = key_of
        self.shown = shown
        self.by_key = dict((item.key, position) for position, item in enumerate(declared) if item.key is not None)
        self.hub_by_key = dict((key_of(item.get("address")), item) for item in self.hub_items)
        self.errors = []
        self.loops = set()
        self.subscriber = {}
        self.joins = {}
        for position in range(len(declared)):
            self._resolve(position, ())
        if not self.errors:
            self._check_moves()
        if not self.errors:
            self._check_methods()

    def requires(self, position):
        """The position of the declared item that must be created before this one (whose subscriber it joins), or None."""
        return self.joins.get(position)

    def order(self, positions):
        """The positions, each after the one it requires (dependencies first), otherwise in the given order."""
        positions = list(positions)
        placed = []
        while positions:
            for position in positions:
                if self.requires(position) not in positions:
                    placed.append(position)
                    positions.remove(position)
                    break
        return placed

    def subscriber_id(self, position, created=None):
        """The subscriber id a create of the item sends: an existing subscriber's, the one the create it requires
        made (created: position -> subscription created), or None for a new subscriber."""
        kind, value = self.subscriber[position]
        if kind == EXISTING:
            return value
        if value == position or created is None:
            return None
        return created[value]["subscriber_id"]

    def _resolve(self, position, chain):
        """The subscriber of the item at position, following subscriber_of; chain holds the positions that led here."""
        if position in self.subscriber:
            return self.subscriber[position]
        item = self.declared[position]
        if position in chain:
            loop = chain[chain.index(position):] + (position,)
            if frozenset(loop) in self.loops:
                return None
            self.loops.add(frozenset(loop))
            self._error("%ssubscriber_of forms a loop: %s" % (item.where, " -> ".join(
                "%s (%r)" % (self.declared[p].where.rstrip("."), self.declared[p].shown) for p in loop)))
            return None
        resolved = self._resolved(position, item, chain + (position,))
        if resolved is not None:
            self.subscriber[position] = resolved
        return resolved

    def _resolved(self, position, item, chain):
        if item.subscriber_id is not None:
            return (EXISTING, item.subscriber_id)
        if item.subscriber_of is None:
            if item.current is not None:
                return (EXISTING, item.current.get("subscriber_id"))
            return (NEW, position)
        key = self.key_of(item.subscriber_of)
        if key == item.key:
            self._error("%ssubscriber_of names the subscription itself (%r); name another subscription of the hub"
                        % (item.where, item.shown))
            return None
        if key in self.by_key:
            target = self.by_key[key]
            resolved = self._resolve(target, chain)
            if resolved is not None and self.declared[target].current is None and item.current is None:
                self.joins[position] = target
            return resolved
        if key in self.hub_by_key:
            return (EXISTING, self.hub_by_key[key].get("subscriber_id"))
        self._error("%ssubscriber_of %r names no subscription: neither one of the hub nor one declared here"
                    % (item.where, self.shown(None, item.subscriber_of)))
        return None

    def _error(self, message):
        if message not in self.errors:
            self.errors.append(message)

    def _named(self, position):
        """What the item's subscriber_of or subscriber_id names, for a message."""
        item = self.declared[position]
        kind, value = self.subscriber[position]
        if item.subscriber_of is None:
            return "subscriber_id %s" % item.subscriber_id
        key = self.key_of(item.subscriber_of)
        target = self.declared[self.by_key[key]] if key in self.by_key else None
        address = target.shown if target else self.shown(self.hub_by_key[key].get("method_name"), item.subscriber_of)
        if kind == NEW:
            return "a new subscriber, that of %r (%s), which this run creates" % (address, target.where.rstrip("."))
        return "subscriber %s of %r" % (value, address)

    def _check_moves(self):
        for position, item in enumerate(self.declared):
            if item.current is None or (item.subscriber_of is None and item.subscriber_id is None):
                continue
            if self.subscriber[position] != (EXISTING, item.current.get("subscriber_id")):
                self._error("%ssubscription %r (id %s) belongs to subscriber %s, not to %s; the API cannot move a "
                            "subscription to another subscriber: delete it and declare it again to create it there"
                            % (item.where, item.shown, item.current.get("id"), item.current.get("subscriber_id"),
                               self._named(position)))

    def _check_methods(self):
        declared_ids = set(item.current.get("id") for item in self.declared if item.current is not None)
        members = {}
        for position, item in enumerate(self.declared):
            members.setdefault((self.subscriber[position], item.method), []).append(item)
        for hub_item in self.hub_items:
            if hub_item.get("id") in declared_ids:
                continue
            subscriber = (EXISTING, hub_item.get("subscriber_id"))
            if (subscriber, hub_item.get("method_name")) in members:
                members[(subscriber, hub_item.get("method_name"))].append(hub_item)
        for (subscriber, method), group in members.items():
            if method is None or subscriber == (EXISTING, None) or len(group) < 2:
                continue
            self._error("%s of one subscriber (%s) have the same method %s, and a subscriber holds at most one "
                        "subscription per method" % (" and ".join(self._describe(member) for member in group),
                                                     _subscriber_text(subscriber), method))

    def _describe(self, member):
        if isinstance(member, Declared):
            return "%s (%r)" % (member.where.rstrip(".") or "this subscription", member.shown)
        shown = self.shown(member.get("method_name"), member.get("address"))
        return "subscription %s (%r) of the hub" % (member.get("id"), shown)


def _subscriber_text(subscriber):
    kind, value = subscriber
    return "subscriber %s" % value if kind == EXISTING else "a new subscriber"
