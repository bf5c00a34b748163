# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lost answers end in the truth: the client says when a 404 answers a retry, the engine decides what it means."""

import pytest
import requests
import responses

from ansible_collections.statusops.status.plugins.module_utils.client import ApiClient
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, NotFoundOnRetry, OutcomeUnknown
from ansible_collections.statusops.status.plugins.module_utils.reconcile import (
    ReconcileError,
    Resource,
    create_once,
    delete_once,
    ensure_absent,
)

BASE = "https://api.example.test"
NOT_FOUND = {"status": 404, "json": {"detail": "Not found."}}


def make_client():
    return ApiClient(BASE, "secret-token", retry_timeout=10, sleep=lambda seconds: None)


@pytest.mark.parametrize("first", [
    {"status": 502, "json": {"error": "bad gateway"}},
    {"status": 503, "json": {"error": "unavailable"}},
    {"body": requests.exceptions.ReadTimeout("read timed out")},
    {"body": requests.exceptions.ConnectionError("connection reset by peer")},
])
@responses.activate
def test_a_404_to_a_retry_after_an_attempt_that_may_have_been_carried_out_says_so(first):
    responses.delete(BASE + "/things/1", **first)
    responses.delete(BASE + "/things/1", **NOT_FOUND)
    with pytest.raises(NotFoundOnRetry) as failure:
        make_client().delete("/things/1")
    assert failure.value.status == 404
    assert str(failure.value) == ("DELETE /things/1 returned HTTP 404: Not found. (on a retry; an earlier attempt may "
                                  "have been carried out)")
    assert [call.request.method for call in responses.calls] == ["DELETE", "DELETE"]


@pytest.mark.parametrize("first", [
    None,
    {"status": 429, "json": {"error": "slow down"}, "headers": {"Retry-After": "1"}},
    {"body": requests.exceptions.ConnectTimeout("connect timed out")},
])
@responses.activate
def test_a_404_is_a_plain_error_when_no_earlier_attempt_can_have_been_carried_out(first):
    if first is not None:
        responses.delete(BASE + "/things/1", **first)
    responses.delete(BASE + "/things/1", **NOT_FOUND)
    with pytest.raises(ApiError) as failure:
        make_client().delete("/things/1")
    assert not isinstance(failure.value, NotFoundOnRetry)
    assert failure.value.status == 404
    assert len(responses.calls) == (1 if first is None else 2)


@responses.activate
def test_the_secret_is_scrubbed_from_a_404_on_retry_and_the_kind_is_kept():
    responses.delete(BASE + "/things/1", status=502)
    responses.delete(BASE + "/things/1", status=404, json={"detail": "no thing for secret-token"})
    with pytest.raises(NotFoundOnRetry) as failure:
        make_client().delete("/things/1")
    assert "secret-token" not in str(failure.value) and "secret-token" not in str(failure.value.body)


class Thing(Resource):
    """Found by name; find_created answers what the store holds after the lost create."""

    def __init__(self, candidates, lose=True, delete_error=None):
        self.candidates = candidates
        self.lose = lose
        self.delete_error = delete_error
        self.writes = []

    def find(self):
        return {"id": 1, "name": "a"}

    def find_created(self):
        return list(self.candidates)

    def create(self, desired):
        self.writes.append(("create", desired))
        if self.lose:
            self.lose = False
            raise OutcomeUnknown("POST", "/things", None, "no answer (connection failed); the request may have been "
                                 "carried out")
        return dict(desired, id=99)

    def delete(self, current):
        self.writes.append(("delete", current["id"]))
        if self.delete_error is not None:
            raise self.delete_error


def test_a_lost_create_never_adopts_an_object_the_run_knows():
    thing = Thing([{"id": 5, "name": "a"}, {"id": 7, "name": "a"}])
    assert create_once(lambda: thing.create({"name": "a"}), thing.find_created, known={5}) == {"id": 7, "name": "a"}
    assert thing.writes == [("create", {"name": "a"})]


def test_a_lost_create_is_sent_again_when_only_known_objects_match():
    thing = Thing([{"id": 5, "name": "a"}])
    assert create_once(lambda: thing.create({"name": "a"}), thing.find_created, known={5}) == {"id": 99, "name": "a"}
    assert thing.writes == [("create", {"name": "a"}), ("create", {"name": "a"})]


def test_two_candidates_after_a_lost_create_fail_naming_both_and_none_is_adopted():
    thing = Thing([{"id": 7, "name": "a"}, {"id": 8, "name": "a"}])
    with pytest.raises(ReconcileError) as failure:
        create_once(lambda: thing.create({"name": "a"}), thing.find_created)
    assert str(failure.value) == (
        "POST /things: no answer (connection failed); the request may have been carried out; the outcome is unknown: "
        "2 objects now match what it was to create (ids 7 and 8) and none is taken for it; check them and delete the "
        "extra ones")
    assert thing.writes == [("create", {"name": "a"})]


class Ambiguous(Thing):
    def find(self):
        raise ReconcileError("title 'x' matches more than one incident")

    find_created = Resource.find_created


def test_an_ambiguous_look_up_after_a_lost_create_says_the_create_was_lost():
    thing = Ambiguous([])
    with pytest.raises(OutcomeUnknown, match=r"^POST /things: no answer .*; the outcome is unknown: looking for what "
                                             r"it may have created failed: title 'x' matches more than one incident$"):
        create_once(lambda: thing.create({"name": "a"}), thing.find_created)


def test_a_delete_answered_404_on_retry_is_done():
    thing = Thing([], delete_error=NotFoundOnRetry("DELETE", "/things/1", 404, "Not found."))
    outcome = ensure_absent(thing, check_mode=False)
    assert (outcome.action, outcome.changed, outcome.before) == ("delete", True, {"id": 1, "name": "a"})
    assert thing.writes == [("delete", 1)]


def test_a_plain_404_on_delete_is_still_an_error():
    with pytest.raises(ApiError, match="returned HTTP 404"):
        delete_once(Thing([], delete_error=ApiError("DELETE", "/things/1", 404, "Not found.")).delete, {"id": 1})
