"""The contract suites' machinery (test_contract_*.py): one row per rule of /work/shared/API_CONTRACT.md.

A refusal row is a rule with an invalid request and its valid twin: the invalid one gets the exact status with
an error body naming the field and changes nothing; the twin gets its exact success status. A behaviour row is a
rule about what a valid request answers: the exact status and the values the answer must hold.

Requests name the records of a world (built per test through the API) by placeholders: "{service}" in a path is
formatted, and a body or query value that is exactly "{service}" becomes the record's id with its type.
"""

import collections
import copy

import pytest

from tests.simulator.app import create_app

NO_BODY = object()
PRESENT = object()  # in an expected answer: the key is there, whatever its value
ABSENT = object()  # in an expected answer: the key is not there

Request = collections.namedtuple("Request", "method path body query headers")


def request(method, path, body=NO_BODY, headers=None, **query):
    return Request(method, path, body, query, headers)


def get(path, headers=None, **query):
    return request("GET", path, headers=headers, **query)


def post(path, body=NO_BODY, **query):
    return request("POST", path, body, **query)


def put(path, body, **query):
    return request("PUT", path, body, **query)


def delete(path):
    return request("DELETE", path)


def changed(base, **changes):
    """The body with these fields set."""
    return dict(base, **changes)


def without(body, *fields):
    """The body without these fields."""
    return {field: value for field, value in body.items() if field not in fields}


def refusal(section, rule, invalid, valid, status, field, valid_status):
    """A row: `rule` of contract `section`; `invalid` gets `status` naming `field` (None: no field); `valid` gets `valid_status`."""
    return pytest.param(invalid, valid, status, field, valid_status, id="%s: %s" % (section, rule))


def behaviour(section, rule, sent, status, expected):
    """A row: `rule` of contract `section`; `sent` gets `status` and an answer holding `expected` (see holds)."""
    return pytest.param(sent, status, expected, id="%s: %s" % (section, rule))


def resolved(value, world):
    """value with every placeholder "{name}" of the world replaced by its record id."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and value[1:-1] in world:
        return world[value[1:-1]]
    if isinstance(value, dict):
        return {key: resolved(item, world) for key, item in value.items()}
    if isinstance(value, list):
        return [resolved(item, world) for item in value]
    return value


def holds(answer, expected):
    """Whether the answer holds what is expected: dict keys by subset, lists item by item and of equal length."""
    if expected is PRESENT:
        return True
    if isinstance(expected, dict):
        return isinstance(answer, dict) and all(
            key not in answer if value is ABSENT else key in answer and holds(answer[key], value)
            for key, value in expected.items()
        )
    if isinstance(expected, list):
        return isinstance(answer, list) and len(answer) == len(expected) and all(map(holds, answer, expected))
    return answer == expected


class Api:
    """Sends requests to a fresh simulator (no rate limits) with one API's base, auth and fixed query."""

    def __init__(self, prefix, auth, query=None):
        self.app = create_app({"rate_limits": False})
        self.client = self.app.test_client()
        self.prefix = prefix
        self.auth = auth
        self.query = query or {}
        self.world = {}

    def send(self, sent):
        query = dict(self.query, **resolved(sent.query, self.world))
        kwargs = {
            "method": sent.method,
            "headers": self.auth if sent.headers is None else sent.headers,
            "query_string": {name: value for name, value in query.items() if value is not None},
        }
        if sent.body is not NO_BODY:
            kwargs["json"] = resolved(sent.body, self.world)
        return self.client.open(self.prefix + sent.path.format(**self.world), **kwargs)

    def created(self, sent, name, key="id"):
        """Send a request that must succeed; remember its answer's key as world[name]."""
        response = self.send(sent)
        assert response.status_code in (200, 201), response.json
        self.world[name] = response.json[key]
        return response.json

    def state(self):
        sim = self.app.extensions["simulator"]
        return copy.deepcopy((sim.statusmate.components, sim.statushub.records, sim.statushub.platform_alert))


def contract_tests(refusals, behaviours, error_fields):
    """The two tests of a contract suite over its rows; the suite's module provides the `api` fixture."""

    @pytest.mark.parametrize("invalid, valid, status, field, valid_status", refusals)
    def test_refusal(api, invalid, valid, status, field, valid_status):
        assert_refusal(api, invalid, valid, status, field, valid_status, error_fields)

    @pytest.mark.parametrize("sent, status, expected", behaviours)
    def test_behaviour(api, sent, status, expected):
        assert_behaviour(api, sent, status, expected)

    return test_refusal, test_behaviour


def assert_refusal(api, invalid, valid, status, field, valid_status, error_fields):
    """The invalid request is refused as the row says and writes nothing; its valid twin succeeds.

    error_fields(body, field) is the list of fields an error body of that API names (checking its shape).
    """
    before = api.state()
    response = api.send(invalid)
    assert response.status_code == status, response.json
    assert error_fields(response.json, field) == ([] if field is None else [field]), response.json
    assert api.state() == before, "a refused request changed the state"
    response = api.send(valid)
    assert response.status_code == valid_status, response.json


def assert_behaviour(api, sent, status, expected):
    response = api.send(sent)
    assert response.status_code == status, response.json
    assert holds(response.json, resolved(expected, api.world)), response.json
