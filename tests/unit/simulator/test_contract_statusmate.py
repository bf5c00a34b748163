"""The Statusmate half of API_CONTRACT.md, one row per rule (see contract.py); a new rule is a new row.

The full list form behind the simulator switch is exercised in test_simulator.py.
"""

import pytest

from tests.unit.simulator.contract import (
    ABSENT, PRESENT, Api, behaviour, changed, contract_tests, delete, get, post, refusal, request, without,
)

CREATE = "/api-components-create/"
LIST = "/api-components-list/"
UPDATE_GROUP = "/api-components-update/{group}/"
UPDATE_GRANDCHILD = "/api-components-update/{grandchild}/"
UPDATE_OTHER = "/api-components-update/{other}/"
NOWHERE = "946e31f4-1daa-4c36-8e6f-bfd6780ec581"
AUTH = {"Authorization": "sm-test-token"}

# The vendor's example body (seeds/statusmate-api.txt).
SEED = {
    "index": 0, "name": "Web-site", "description": "", "parent": None, "histogram": False,
    "start_date": "2025-05-24T11:02:11.963141+03:00", "collapse": False, "enabled": True, "private": False,
    "impact": "operational",
}
GROUP = {"name": "Group"}
OTHER = {"name": "Other"}


@pytest.fixture
def api():
    """A page with a group, its child, the child's child, and one other top-level component."""
    api = Api("", AUTH)
    api.created(post(CREATE, GROUP), "group", key="uuid")
    api.created(post(CREATE, {"name": "Child", "parent": "{group}"}), "child", key="uuid")
    api.created(post(CREATE, {"name": "Grandchild", "parent": "{child}"}), "grandchild", key="uuid")
    api.created(post(CREATE, OTHER), "other", key="uuid")
    return api


def error_fields(body, field):
    """A 400 is a DRF body {field: [messages]}; other errors are {"detail": message} and name no field."""
    if "detail" in body:
        assert set(body) == {"detail"} and isinstance(body["detail"], str)
        return []
    assert all(isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages)
               for messages in body.values())
    return list(body)


def field_refused(rule, field, invalid, valid):
    """A create that differs from the seed's valid body only in field."""
    return refusal("Statusmate: component fields", rule, post(CREATE, changed(SEED, **{field: invalid})),
                   post(CREATE, changed(SEED, **{field: valid})), 400, field, 201)


REFUSALS = [
    refusal("Statusmate: Auth", "the raw token, no Token prefix", get(LIST, headers={"Authorization": "Token sm-test-token"}),
            get(LIST), 401, None, 200),
    refusal("Statusmate: Auth", "the raw token, no Bearer prefix", get(LIST, headers={"Authorization": "Bearer sm-test-token"}),
            get(LIST), 401, None, 200),
    refusal("Statusmate: Auth", "the header is required (assumed 401)", get(LIST, headers={}), get(LIST), 401, None, 200),
    refusal("Statusmate: paths", "every path ends with a slash", get("/api-components-list"), get(LIST), 404, None, 200),
    refusal("Statusmate: paths", "create path ends with a slash", post("/api-components-create", OTHER), post(CREATE, OTHER),
            404, None, 201),
    refusal("Statusmate: operations", "update is POST, not PUT", request("PUT", UPDATE_OTHER, OTHER), post(UPDATE_OTHER, OTHER),
            405, None, 200),
    refusal("Statusmate: operations", "update is POST, not PATCH", request("PATCH", UPDATE_OTHER, OTHER),
            post(UPDATE_OTHER, OTHER), 405, None, 200),
    refusal("Statusmate: operations", "there is no get-one endpoint: read one with ?component=",
            get("/api-components/{other}/"), get(LIST, component="{other}"), 404, None, 200),
    refusal("Statusmate: errors", "404 {detail: Not found.} for an unknown uuid on update",
            post("/api-components-update/%s/" % NOWHERE, OTHER), post(UPDATE_OTHER, OTHER), 404, None, 200),
    refusal("Statusmate: errors", "404 for an unknown uuid on delete", delete("/api-components-delete/%s/" % NOWHERE),
            delete("/api-components-delete/{other}/"), 404, None, 204),
    refusal("Statusmate: errors", "a body that is not an object is non_field_errors", post(CREATE, ["Web"]), post(CREATE, OTHER),
            400, "non_field_errors", 201),
    # --- component fields, typed as in the seed
    refusal("Statusmate: component fields", "name is required on create", post(CREATE, without(SEED, "name")), post(CREATE, SEED),
            400, "name", 201),
    refusal("Statusmate: operations", "update takes the full body: name is required",
            post(UPDATE_OTHER, {"impact": "major_outage"}), post(UPDATE_OTHER, {"name": "Other", "impact": "major_outage"}),
            400, "name", 200),
    field_refused("name is not blank", "name", " ", "Web"),
    field_refused("name is at most 255 characters", "name", "x" * 256, "x" * 255),
    field_refused("name is not blank once trimmed (assumed, DRF)", "name", " \n\t", " Web "),
    field_refused("name is at most 255 characters once trimmed (assumed, DRF)", "name", "x" * 256, " %s\n" % ("x" * 255)),
    field_refused("name is a string", "name", 5, "5"),
    field_refused("index is an integer, not a string", "index", "1", 1),
    field_refused("index is an integer, not a boolean", "index", True, 1),
    field_refused("index is an integer, not a fraction", "index", 1.5, 2),
    field_refused("index is at least 0", "index", -1, 0),
    field_refused("index is at most 32767", "index", 32768, 32767),
    field_refused("index is not null", "index", None, 0),
    field_refused("description is a string", "description", 0, "0"),
    field_refused("description may be empty but not null", "description", None, ""),
    field_refused("histogram is a boolean", "histogram", "true", True),
    field_refused("collapse is a boolean", "collapse", 1, True),
    field_refused("enabled is a boolean", "enabled", "false", False),
    field_refused("private is a boolean", "private", 0, False),
    field_refused("start_date is ISO-8601", "start_date", "24.05.2025 11:02", "2025-05-24T11:02:11Z"),
    field_refused("start_date carries an offset", "start_date", "2025-05-24T11:02:11.963141", "2025-05-24T11:02:11.963141+03:00"),
    field_refused("impact is one of the five values", "impact", "down", "major_outage"),
    field_refused("impact is spelt with underscores", "impact", "degraded-performance", "degraded_performance"),
    field_refused("impact under_maintenance and partial_outage exist", "impact", "maintenance", "under_maintenance"),
    refusal("Statusmate: component fields", "uuid is server-assigned (assumed refused on create)",
            post(CREATE, changed(SEED, uuid=NOWHERE)), post(CREATE, SEED), 400, "uuid", 201),
    refusal("Statusmate: component fields", "uuid on update is the component's own (assumed)",
            post(UPDATE_OTHER, changed(OTHER, uuid="{group}")), post(UPDATE_OTHER, changed(OTHER, uuid="{other}")), 400, "uuid", 200),
    refusal("Statusmate: component fields", "typed on update too", post(UPDATE_OTHER, changed(OTHER, index=False)),
            post(UPDATE_OTHER, changed(OTHER, index=3)), 400, "index", 200),
    refusal("Statusmate: unknown fields (assumed)", "a field the contract does not list, on create",
            post(CREATE, changed(SEED, status="operational")), post(CREATE, SEED), 400, "status", 201),
    refusal("Statusmate: unknown fields (assumed)", "a field the contract does not list, on update",
            post(UPDATE_OTHER, changed(OTHER, order=2)), post(UPDATE_OTHER, changed(OTHER, index=2)), 400, "order", 200),
    # --- the tree
    field_refused("parent is the uuid of an existing component", "parent", NOWHERE, "{group}"),
    field_refused("parent is a uuid string or null", "parent", "", None),
    refusal("Statusmate: the tree", "a component is not its own parent",
            post(UPDATE_GROUP, changed(GROUP, parent="{group}")), post(UPDATE_GROUP, changed(GROUP, parent="{other}")),
            400, "parent", 200),
    refusal("Statusmate: the tree", "a component is not an ancestor of its parent",
            post(UPDATE_GROUP, changed(GROUP, parent="{grandchild}")),
            post(UPDATE_GRANDCHILD, {"name": "Grandchild", "parent": "{group}"}), 400, "parent", 200),
    refusal("Statusmate: the tree", "a component is not the parent of its own parent",
            post(UPDATE_GROUP, changed(GROUP, parent="{child}")), post(UPDATE_GROUP, changed(GROUP, parent=None)), 400, "parent", 200),
]

BEHAVIOURS = [
    behaviour("Statusmate: operations", "create answers the component with its new uuid", post(CREATE, SEED), 201,
              changed(SEED, uuid=PRESENT)),
    behaviour("Statusmate: operations", "update answers the updated component", post(UPDATE_OTHER, changed(OTHER, impact="major_outage")),
              200, {"uuid": "{other}", "name": "Other", "impact": "major_outage", "index": 0, "enabled": True}),
    behaviour("Statusmate: operations", "fields an update leaves out keep their values (assumed)",
              post("/api-components-update/{child}/", {"name": "Child"}), 200, {"parent": "{group}"}),
    behaviour("Statusmate: list", "abbreviated by default: uuid, name, description, impact", get(LIST, component="{child}"), 200,
              [{"uuid": "{child}", "name": "Child", "description": "", "impact": "operational", "parent": ABSENT, "index": ABSENT}]),
    behaviour("Statusmate: list", "without parent: every component, children included (assumed)", get(LIST), 200,
              [{"uuid": "{group}"}, {"uuid": "{child}"}, {"uuid": "{grandchild}"}, {"uuid": "{other}"}]),
    behaviour("Statusmate: list", "?parent= lists the children", get(LIST, parent="{group}"), 200, [{"uuid": "{child}"}]),
    behaviour("Statusmate: list", "repeated ?component= reads several", get(LIST, component=["{other}", "{grandchild}"]), 200,
              [{"uuid": "{grandchild}"}, {"uuid": "{other}"}]),
    behaviour("Statusmate: stored text", "a create stores name and description trimmed (assumed, DRF)",
              post(CREATE, changed(SEED, name=" Web-site\t", description="Our site.\n")), 201,
              {"name": "Web-site", "description": "Our site."}),
    behaviour("Statusmate: stored text", "an update stores name and description trimmed (assumed, DRF)",
              post(UPDATE_OTHER, {"name": "\u00a0Other ", "description": "\n Moved \n"}), 200,
              {"name": "Other", "description": "Moved"}),
    behaviour("Statusmate: stored text", "white space inside is kept", post(UPDATE_OTHER, {"name": "Other  one", "description": "a\n\nb"}),
              200, {"name": "Other  one", "description": "a\n\nb"}),
    behaviour("Statusmate: identity", "names are not unique", post(CREATE, GROUP), 201, {"name": "Group", "uuid": PRESENT}),
]


test_refusal, test_behaviour = contract_tests(REFUSALS, BEHAVIOURS, error_fields)
