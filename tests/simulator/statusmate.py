"""Statusmate page-token integration API: components (every path ends with a slash)."""

import datetime
import uuid

from flask import Blueprint, jsonify, request

from .common import ApiError, FieldErrors, parsed_body, simulator

bp = Blueprint("statusmate", __name__)

FIELD_ORDER = (
    "uuid", "index", "name", "description", "parent", "histogram",
    "start_date", "collapse", "enabled", "private", "impact",
)
ABBREVIATED_FIELDS = ("uuid", "name", "description", "impact")
IMPACTS = ("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage")
INDEX_MIN, INDEX_MAX = 0, 32767
NAME_MAX_LENGTH = 255
BOOLEAN_FIELDS = ("histogram", "collapse", "enabled", "private")
PARTIAL_UPDATE = True  # assumed: fields absent from an update body keep their values (name is still required)
# assumed: DRF would drop an unknown field silently; refusing it (400 naming it, as StatusHub's 422) makes a
# misspelt field fail a test instead of vanishing
UNKNOWN_FIELDS_REFUSED = True
DELETE_TAKES_DESCENDANTS = True  # assumed: deleting a group deletes every component below it
# assumed (contract: stored text): DRF's CharField trims leading and trailing white space (trim_whitespace=True, its
# default) before it checks blank and length, so a stored name or description never starts or ends with white space
TRIMMED_FIELDS = ("name", "description")

# Framework (Django REST Framework) messages; assumed, as the vendor shows only one example.
MSG_REQUIRED = "This field is required."
MSG_NULL = "This field may not be null."
MSG_BLANK = "This field may not be blank."
MSG_STRING = "Not a valid string."
MSG_INTEGER = "A valid integer is required."
MSG_BOOLEAN = "Must be a valid boolean."
MSG_DATETIME = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
MSG_PARENT = 'Invalid pk "%s" - object does not exist.'
MSG_PARENT_CYCLE = "A component cannot be nested inside itself."  # assumed
MSG_UNKNOWN_FIELD = "Unknown field."  # assumed
MSG_UUID_CREATE = "This field is assigned by the server."  # assumed
MSG_UUID_UPDATE = "Does not match the component being updated."  # assumed
MSG_OFFSET = "Datetime must carry an offset (+HH:MM, -HH:MM or Z)."  # assumed
MSG_NOT_FOUND = "Not found."
MSG_NO_TOKEN = "Authentication credentials were not provided."
MSG_BAD_TOKEN = "Invalid token."


def default_component():
    """Values of fields a create leaves out (enabled true, other flags false: assumed)."""
    return {
        "index": 0,
        "description": "",
        "parent": None,
        "histogram": False,
        "start_date": datetime.datetime.now().astimezone().isoformat(),
        "collapse": False,
        "enabled": True,
        "private": False,
        "impact": "operational",
    }


class Page:
    """One status page: its token and its components in creation order."""

    def __init__(self, token):
        self.token = token
        self.components = {}

    def find(self, component_uuid):
        if component_uuid not in self.components:
            raise ApiError(404, {"detail": MSG_NOT_FOUND})
        return self.components[component_uuid]

    def descendants(self, component_uuid):
        found = []
        for child in [c for c in self.components.values() if c["parent"] == component_uuid]:
            found.append(child["uuid"])
            found.extend(self.descendants(child["uuid"]))
        return found


def page():
    return simulator().statusmate


@bp.before_request
def check_token():
    header = request.headers.get("Authorization")
    if not header:
        raise ApiError(401, {"detail": MSG_NO_TOKEN})
    if header != page().token:
        raise ApiError(401, {"detail": MSG_BAD_TOKEN})


def check_index(value):
    if isinstance(value, bool) or not isinstance(value, int):
        return MSG_INTEGER
    if value < INDEX_MIN:
        return "Ensure this value is greater than or equal to %d." % INDEX_MIN
    if value > INDEX_MAX:
        return "Ensure this value is less than or equal to %d." % INDEX_MAX
    return None


def check_name(value):
    if not isinstance(value, str):
        return MSG_STRING
    if not value.strip():
        return MSG_BLANK
    if len(value.strip()) > NAME_MAX_LENGTH:
        return "Ensure this field has no more than %d characters." % NAME_MAX_LENGTH
    return None


def check_description(value):
    return None if isinstance(value, str) else MSG_STRING


def check_boolean(value):
    return None if isinstance(value, bool) else MSG_BOOLEAN


def check_start_date(value):
    """ISO-8601 with an offset (contract: component fields)."""
    if not isinstance(value, str):
        return MSG_DATETIME
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return MSG_DATETIME
    return MSG_OFFSET if parsed.tzinfo is None else None


def check_impact(value):
    if not isinstance(value, str) or value not in IMPACTS:
        return '"%s" is not a valid choice.' % (value,)
    return None


CHECKS = dict(
    {field: check_boolean for field in BOOLEAN_FIELDS},
    index=check_index, name=check_name, description=check_description,
    start_date=check_start_date, impact=check_impact,
)


def check_parent(value, component_uuid):
    """The parent must be an existing component of the page, never the component or one below it."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in page().components:
        return MSG_PARENT % (value,)
    if component_uuid is not None and (value == component_uuid or value in page().descendants(component_uuid)):
        return MSG_PARENT_CYCLE
    return None


def check_uuid(value, component_uuid):
    """uuid is the server's: never on a create, and on an update only the component's own."""
    if component_uuid is None:
        return MSG_UUID_CREATE
    return None if value == component_uuid else MSG_UUID_UPDATE


def validated_fields(component_uuid=None):
    """The writable fields of the body, validated DRF style; create when component_uuid is None.

    Create and update both take the full body (contract), so name is required on both.
    """
    body = parsed_body()
    if not isinstance(body, dict):
        kind = "invalid JSON" if body is None else type(body).__name__
        raise ApiError(400, {"non_field_errors": ["Invalid data. Expected a dictionary, but got %s." % kind]})
    errors = FieldErrors()
    if UNKNOWN_FIELDS_REFUSED:
        for field in body:
            if field not in FIELD_ORDER:
                errors.add(field, MSG_UNKNOWN_FIELD)
    if "name" not in body:
        errors.add("name", MSG_REQUIRED)
    if "uuid" in body:
        message = check_uuid(body["uuid"], component_uuid)
        if message:
            errors.add("uuid", message)
    for field, check in CHECKS.items():
        if field in body:
            message = MSG_NULL if body[field] is None else check(body[field])
            if message:
                errors.add(field, message)
    if "parent" in body:
        message = check_parent(body["parent"], component_uuid)
        if message:
            errors.add("parent", message)
    if errors:
        raise ApiError(400, errors.messages)
    return {field: body[field].strip() if field in TRIMMED_FIELDS else body[field]
            for field in FIELD_ORDER if field in body and field != "uuid"}


def render(component, fields=FIELD_ORDER):
    return {field: component[field] for field in fields}


@bp.post("/api-components-create/")
def create_component():
    component = default_component()
    component.update(validated_fields())
    component["uuid"] = str(uuid.uuid4())
    page().components[component["uuid"]] = component
    return jsonify(render(component)), 201


@bp.post("/api-components-update/<component_uuid>/")
def update_component(component_uuid):
    component = page().find(component_uuid)
    changes = validated_fields(component_uuid)
    if not PARTIAL_UPDATE:
        component.update(default_component(), start_date=component["start_date"])
    component.update(changes)
    return jsonify(render(component)), 200


@bp.delete("/api-components-delete/<component_uuid>/")
def delete_component(component_uuid):
    page().find(component_uuid)
    doomed = [component_uuid] + (page().descendants(component_uuid) if DELETE_TAKES_DESCENDANTS else [])
    for gone in doomed:
        del page().components[gone]
    for orphan in [c for c in page().components.values() if c["parent"] in doomed]:
        orphan["parent"] = None
    return "", 204


@bp.get("/api-components-list/")
def list_components():
    components = list(page().components.values())
    parent = request.args.get("parent")
    if parent:
        components = [c for c in components if c["parent"] == parent]
    wanted = request.args.getlist("component")
    if wanted:
        components = [c for c in components if c["uuid"] in wanted]
    full = simulator().config["statusmate_list"] == "full"
    return jsonify([render(c, FIELD_ORDER if full else ABBREVIATED_FIELDS) for c in components])
