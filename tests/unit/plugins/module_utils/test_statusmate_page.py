# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Statusmate page model: full and abbreviated list items, children read once, the top level as far as read and
made sure of, names under a parent, paths, and components resolved by uuid, name or path; each read pinned."""

import pytest

from ansible_collections.statusops.status.plugins.module_utils.answers import LIST
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.statusmate.components import Components
from ansible_collections.statusops.status.plugins.module_utils.statusmate.page import Page, path_index, read_page

LISTED = ("uuid", "name", "description", "impact")


def component(uuid, name, parent=None):
    return {"uuid": uuid, "name": name, "description": "", "impact": "operational", "parent": parent, "index": 1}


# Website (w) > CDN (c) > Edge (e1); Edge (e2) and API (a) at the top level.
WEBSITE = component("w", "Website")
CDN = component("c", "CDN", "w")
CHILD_EDGE = component("e1", "Edge", "c")
TOP_EDGE = component("e2", "Edge")
API = component("a", "API")
PAGE = (WEBSITE, CDN, CHILD_EDGE, TOP_EDGE, API)


class FakeApi:
    """The list endpoint of a page, full or abbreviated; calls holds the parent of each list read (None: the page),
    batches the parents whose children were read together."""

    def __init__(self, items, full):
        self.items = items
        self.full = full
        self.calls = []
        self.batches = []

    def get(self, path, query, expect):
        assert path == "/api-components-list/" and expect == LIST
        parent = query.get("parent")
        self.calls.append(parent)
        chosen = [item for item in self.items if parent is None or item["parent"] == parent]
        return [dict(item) if self.full else dict((field, item[field]) for field in LISTED) for item in chosen]

    def concurrently(self, work, inputs):
        inputs = list(inputs)
        if inputs:
            self.batches.append(inputs)
        return [work(value) for value in inputs]


def page_of(items=PAGE, full=False):
    api = FakeApi(items, full)
    return read_page(Components(api)), api


def uuids(items):
    return [item["uuid"] for item in items]


def test_a_page_is_read_by_read_page_with_one_list_and_the_constructor_sends_nothing():
    api = FakeApi(PAGE, full=False)
    Page(Components(api), [])
    assert api.calls == []
    page, api = page_of()
    assert api.calls == [None]
    assert page.known == frozenset(["w", "c", "e1", "e2", "a"])
    assert page.full is False


@pytest.mark.parametrize("full", [False, True])
def test_children_are_read_once(full):
    page, api = page_of(full=full)
    assert uuids(page.children("w")) == ["c"]
    assert uuids(page.children("w")) == ["c"]
    assert page.children("c")[0]["parent"] == "c"
    assert api.calls == ([None] if full else [None, "w", "c"])
    assert page.explored("w") and page.explored("c")


def test_abbreviated_items_read_the_unread_children_at_once():
    page, api = page_of()
    page.children("w")
    assert not page.explored("a")
    page.read_children(["w", "c", "a", "c"])
    assert api.batches == [["w"], ["c", "a"]]
    assert page.parent_of == {"c": "w", "e1": "c"}


def test_full_items_know_the_tree_from_the_list():
    page, api = page_of(full=True)
    assert page.full is True
    assert page.parent_of == {"c": "w", "e1": "c"}
    assert uuids(page.top_level()) == ["w", "e2", "a"]
    assert uuids(page.top_level_of([CHILD_EDGE, TOP_EDGE])) == ["e2"]
    page.read_children(["w", "c"])
    assert api.calls == [None]


def test_the_top_level_as_far_as_read_takes_what_no_read_children_hold():
    page, api = page_of()
    assert uuids(page.top_level()) == ["w", "c", "e1", "e2", "a"]
    page.read_children(["w"])
    top = page.top_level()
    assert uuids(top) == ["w", "e1", "e2", "a"]
    assert all(item["parent"] is None for item in top)
    page.read_children(["c"])
    assert uuids(page.top_level()) == ["w", "e2", "a"]
    assert api.calls == [None, "w", "c"]


def test_the_top_level_made_sure_of_reads_the_others_first_and_stops_once_every_candidate_is_placed():
    page, api = page_of()
    edges = [item for item in page.items if item["name"] == "Edge"]
    top = page.top_level_of(edges)
    assert uuids(top) == ["e2"]
    assert top[0]["parent"] is None
    # The others in page order (Website, CDN: there e1 is found), then e2's own children are never read.
    assert api.calls == [None, "w", "c", "a", "e1"]


def test_a_candidate_alone_is_never_looked_for_under_itself():
    page, api = page_of()
    top = page.top_level_of([item for item in page.items if item["uuid"] == "e2"])
    assert uuids(top) == ["e2"]
    assert api.calls == [None, "w", "c", "e1", "a"]


def test_a_candidate_under_a_namesake_candidate_is_not_at_the_top_level():
    items = [component("x1", "Edge"), component("x2", "Edge", "x1")]
    page, api = page_of(items)
    assert uuids(page.top_level_of(list(page.items))) == ["x1"]
    assert api.calls == [None, "x1", "x2"]


def test_the_top_level_made_sure_of_uses_the_children_already_read():
    page, api = page_of()
    page.read_children(["w", "c"])
    assert uuids(page.top_level_of([item for item in page.items if item["name"] == "Edge"])) == ["e2"]
    # e1 is known to sit under CDN: only e2 is looked for, under each component not read yet.
    assert api.calls == [None, "w", "c", "e1", "a"]


@pytest.mark.parametrize("full", [False, True])
def test_named_under_a_parent_or_at_the_top_level(full):
    page, api = page_of(full=full)
    assert uuids(page.named_under("Edge", "c")) == ["e1"]
    assert uuids(page.named_under("Edge", None)) == ["e2"]
    assert page.named_under("Nothing", None) == []
    assert api.calls == ([None] if full else [None, "c", "w", "e1", "a"])


def test_descendants_at_any_depth():
    page, api = page_of()
    assert page.descendants("w") == set(["c", "e1"])
    assert page.descendants("a") == set()
    assert api.calls == [None, "w", "c", "e1", "a"]


def test_a_reference_resolves_by_uuid_then_by_name_without_a_request():
    page, api = page_of()
    assert page.resolve("c") == "c"
    assert page.resolve("CDN") == "c"
    with pytest.raises(ReconcileError, match="parent 'Nothing': no component of the page has that name or uuid"):
        page.resolve("Nothing")
    with pytest.raises(ReconcileError, match="parent 'Edge'"):
        page.resolve("Edge")
    assert api.calls == [None]


@pytest.mark.parametrize("full", [False, True])
def test_the_whole_page_in_order_with_parents_reads_every_component_s_children_at_once(full):
    page, api = page_of(full=full)
    ordered = page.subtree()
    assert [(item["uuid"], item["parent"]) for item in ordered] == [
        ("w", None), ("c", "w"), ("e1", "c"), ("e2", None), ("a", None)]
    assert api.calls == ([None] if full else [None, "w", "c", "e1", "e2", "a"])
    assert api.batches == ([] if full else [["w", "c", "e1", "e2", "a"]])


def test_the_part_below_a_component_reads_the_children_as_they_are_reached():
    page, api = page_of()
    assert [(item["uuid"], item["parent"]) for item in page.subtree("w")] == [("c", "w"), ("e1", "c")]
    assert api.batches == [["w"], ["c"], ["e1"]]


def test_path_index_names_children_under_their_parent():
    paths, by_path = path_index([WEBSITE, CDN, API, dict(CDN, uuid="c2", parent=None)])
    assert paths == {"w": "Website", "c": "Website/CDN", "a": "API", "c2": "CDN"}
    assert uuids(by_path["Website/CDN"]) == ["c"]


@pytest.mark.parametrize("full", [False, True])
def test_read_paths_knows_every_component_by_path_and_uuid_with_its_parent(full):
    page, _api = page_of(full=full)
    assert page.read_paths() is page
    assert page.paths == {"w": "Website", "c": "Website/CDN", "e1": "Website/CDN/Edge", "e2": "Edge", "a": "API"}
    assert page.by_uuid["e1"]["parent"] == "c"
    assert uuids(page.resolve_paths(["Website/CDN/Edge", "a", "Edge"])) == ["e1", "a", "e2"]


def test_resolving_paths_names_every_reference_that_names_none_two_or_one_again():
    items = PAGE + (component("c2", "CDN", "w"),)
    page, _api = page_of(items)
    page.read_paths()
    with pytest.raises(ReconcileError) as error:
        page.resolve_paths(["Website/CDN", "Nowhere", "API", "a"], option="items")
    assert str(error.value) == (
        "items[0]: two components have the path 'Website/CDN' (uuids c and c2); give the uuid of one; "
        "items[1]: 'Nowhere' is neither the path nor the uuid of a component of the page; "
        "items[3]: 'a' names the component of items[2] again. Nothing was changed.")
