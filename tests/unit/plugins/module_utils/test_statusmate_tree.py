# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tree planner of statusmate_components (ComponentTree): what it reads, and the plan it makes without a request:
keys by path, creates parents first, deletes deepest first, and what each change waits for."""

from ansible_collections.statusops.status.plugins.module_utils.statusmate.components import Components
from ansible_collections.statusops.status.plugins.module_utils.statusmate.tree import ComponentTree, parse_tree
from ansible_collections.statusops.status.tests.unit.plugins.module_utils.test_statusmate_page import (
    PAGE,
    FakeApi,
    component,
)


def tree_of(items):
    tree, errors = parse_tree(items)
    assert errors == []
    return tree


def planned(declared, items=PAGE, full=False, **options):
    api = FakeApi(items, full)
    mapping = ComponentTree(Components(api), tree_of(declared), **options)
    page = mapping.read()
    reads = list(api.calls)
    plan = mapping.plan(page)
    assert api.calls == reads, "planning sent a request"
    return plan, reads


def test_reading_asks_for_the_page_then_the_children_of_each_declared_group_only():
    _plan, reads = planned([{"name": "Website", "children": [{"name": "CDN", "children": [{"name": "Edge"}]}]},
                            {"name": "API"}])
    assert reads == [None, "w", "c"]


def test_full_list_items_are_read_once():
    _plan, reads = planned([{"name": "Website", "children": [{"name": "CDN"}]}], full=True)
    assert reads == [None]


def test_a_new_group_is_created_before_its_children_and_they_wait_for_it():
    plan, _reads = planned([{"name": "Billing", "children": [{"name": "Invoices"}, {"name": "Payments"}]},
                            {"name": "API", "description": "REST"}])
    assert plan.order() == [("create", ("Billing",)), ("create", ("Billing", "Invoices")),
                            ("create", ("Billing", "Payments")), ("update", ("API",))]
    assert plan.requires(("Billing", "Invoices"), "create") == [("Billing",)]
    assert plan.requires(("Billing",), "create") == []
    assert plan.parent_uuid(("Billing", "Invoices"), {("Billing",): {"uuid": "b-new"}}) == "b-new"


def test_a_child_of_a_live_group_is_created_at_once_under_its_uuid():
    plan, _reads = planned([{"name": "Website", "children": [{"name": "Mobile"}]}])
    assert plan.order() == [("create", ("Website", "Mobile"))]
    assert plan.requires(("Website", "Mobile"), "create") == []
    assert plan.parent_uuid(("Website", "Mobile"), {}) == "w"


def test_prune_reads_below_what_it_deletes_and_deletes_children_first():
    plan, reads = planned([{"name": "API"}], prune=True)
    assert reads[0] is None and sorted(reads[1:]) == ["c", "e1", "e2", "w"]
    deleted = [key for action, key in plan.order() if action == "delete"]
    assert deleted == [(None, "e1"), (None, "c"), (None, "w"), (None, "e2")]
    assert plan.requires((None, "w"), "delete") == [(None, "c")]
    assert plan.requires((None, "c"), "delete") == [(None, "e1")]


def test_state_absent_deletes_only_what_is_declared_and_creates_nothing():
    plan, _reads = planned([{"name": "API"}, {"name": "Billing"}], absent=True)
    assert plan.order() == [("delete", ("API",))]


def test_a_declared_component_that_matches_is_unchanged():
    items = (component("a", "API"),)
    plan, _reads = planned([{"name": "API"}], items=items)
    assert plan.order() == []
    assert [key for key, _current in plan.unchanged] == [("API",)]
