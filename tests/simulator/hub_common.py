"""StatusHub pieces shared by its blueprints: state, gate, body reading, lists."""

import datetime
import math
import re

from flask import g, request

from .common import STATUSHUB_PREFIX, UTC, ApiError, FieldErrors, format_time, parse_time, parsed_body, simulator

API_VERSION = "V3-R1"
HUB_PREFIX = STATUSHUB_PREFIX + "/hubs/<subdomain>"
HUB_ID = 1  # assumed
HUB_NAME = "Acme"  # assumed
# assumed: where each id counter starts (apart, so that an id of the wrong kind is never found)
ID_START = {
    "service": 1,
    "incident": 1001,
    "incident_update": 2001,
    "maintenance": 3001,
    "subscriber": 4001,
    "subscription": 5001,
}
PER_PAGE_DEFAULT = 25
SERVICE_STATUSES = ("up", "degraded-performance", "down")
FAR_PAST = datetime.datetime.min.replace(tzinfo=UTC)
FAR_FUTURE = datetime.datetime.max.replace(tzinfo=UTC)
MSG_BLANK = "can't be blank"  # assumed: 422 messages (the API documents none)
MSG_UNKNOWN_ATTRIBUTE = "is not a known attribute"  # assumed message; the 422 is the contract's
MSG_HTML = "must be plain text (no HTML)"
MSG_UTC = "must be a UTC ISO-8601 time ending in Z"
MSG_NOT_FOUND = "Not found"
MSG_UNAUTHORIZED = "Unauthorized"  # assumed
MSG_API_VERSION = "Missing or unsupported api_version (expected %s)" % API_VERSION  # assumed
MISSING = object()
# All StatusHub times are UTC: the date, the time to the second (fraction optional), then Z.
UTC_TIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
# assumed: "HTML" in a plain-text title is anything shaped like a tag, a comment or a doctype
HTML_PATTERN = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
DELETED_FILTERS = ("true", "false", "all")
DEFAULT_DELETED_FILTER = "false"  # assumed
# assumed: StatusHub stores names, titles and texts as sent, surrounding white space included. No StatusHub document
# says it trims them, and its error format is not Django REST Framework's (whose CharField trims, as Statusmate's
# does); a hub seen trimming is this one line.
STORED_AS_SENT = True


class HubState:
    """One hub: its key, records by kind and id, id counters, the platform alert."""

    def __init__(self, subdomain, key):
        self.subdomain = subdomain
        self.key = key
        self.records = {kind: {} for kind in ID_START}
        self.next_ids = dict(ID_START)
        self.platform_alert = None

    def add(self, kind, record):
        record["id"] = self.next_ids[kind]
        self.next_ids[kind] += 1
        self.records[kind][record["id"]] = record
        return record

    def find(self, kind, record_id, live=False):
        """The record, or 404; live=True also refuses a soft-deleted one."""
        record = self.records[kind].get(record_id)
        if record is None or (live and record.get("deleted")):
            raise not_found()
        return record

    def live(self, kind):
        """Records not soft-deleted, by id."""
        return [r for r in self.records[kind].values() if not r.get("deleted")]


def not_found():
    return ApiError(404, {"error": MSG_NOT_FOUND})


def hub():
    return simulator().statushub


def install_gate(bp):
    """Auth, api_version and hub subdomain checks for every route of a StatusHub blueprint."""

    @bp.url_value_preprocessor
    def take_subdomain(_endpoint, values):
        g.subdomain = (values or {}).pop("subdomain", None)

    @bp.before_request
    def check_request():
        if request.headers.get("Authorization") != hub().key:
            raise ApiError(401, {"error": MSG_UNAUTHORIZED})
        if request.args.get("api_version") != API_VERSION:
            raise ApiError(400, {"error": MSG_API_VERSION})
        if g.subdomain != hub().subdomain:
            raise not_found()


def fail_on(errors):
    if errors:
        raise ApiError(422, {"errors": errors.messages})


def json_object():
    body = parsed_body()
    if not isinstance(body, dict):
        raise ApiError(400, {"error": "The request body must be a JSON object"})  # assumed
    return body


def read_fields(converters, required=(), body=None):
    """{field: converted value} for the fields present in the body; 422 on any bad or unknown one."""
    body = json_object() if body is None else body
    errors = FieldErrors()
    values = {}
    for field in body:
        if field not in converters:
            errors.add(field, MSG_UNKNOWN_ATTRIBUTE)
    for field, convert in converters.items():
        if field not in body:
            if field in required:
                errors.add(field, MSG_BLANK)
            continue
        try:
            values[field] = convert(body[field])
        except ValueError as exc:
            errors.add(field, str(exc))
    fail_on(errors)
    return values


def to_name(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError(MSG_BLANK)
    if len(value) > 255:
        raise ValueError("is too long (maximum is 255 characters)")
    return stored(value)


def to_title(value):
    """A name that is plain text: event and alert titles."""
    value = to_name(value)
    if HTML_PATTERN.search(value):
        raise ValueError(MSG_HTML)
    return value


def to_text(value):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return stored(value)


def stored(text):
    """A name or text as the hub keeps it."""
    return text if STORED_AS_SENT else text.strip()


def to_bool(value):
    if not isinstance(value, bool):
        raise ValueError("must be a boolean")
    return value


def to_time(value):
    if not isinstance(value, str) or not UTC_TIME_PATTERN.match(value):
        raise ValueError(MSG_UTC)
    return parse_time(value)


def to_object(value):
    if not isinstance(value, dict):
        raise ValueError("must be an object")
    return value


def to_int(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be an integer")
    return value


def one_of(choices):
    def convert(value):
        if value not in choices:
            raise ValueError("must be one of: %s" % ", ".join(choices))
        return value
    return convert


def is_live_service(service_id):
    """An integer id of a service that is not deleted (assumed: a deleted service takes no new references)."""
    if isinstance(service_id, bool) or not isinstance(service_id, int):
        return False
    service = hub().records["service"].get(service_id)
    return service is not None and not service["deleted"]


def to_service_statuses(value):
    """[{service_id: live service, status: up|degraded-performance|down}]; an empty list is accepted."""
    if not isinstance(value, list):
        raise ValueError("must be a list")
    statuses = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"service_id", "status"}:
            raise ValueError("each item must be exactly {service_id, status}")
        if not is_live_service(item["service_id"]):
            raise ValueError("unknown service_id %r" % (item["service_id"],))
        if item["status"] not in SERVICE_STATUSES:
            raise ValueError("status must be one of: %s" % ", ".join(SERVICE_STATUSES))
        statuses.append({"service_id": item["service_id"], "status": item["status"]})
    return statuses


def query_int(name, default, minimum=1):
    text = request.args.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ApiError(400, {"error": "%s must be an integer >= %d" % (name, minimum)})
    return value


def query_time(name, default):
    text = request.args.get(name)
    if text is None:
        return default
    try:
        return to_time(text)
    except ValueError:
        raise ApiError(400, {"error": "%s %s" % (name, MSG_UTC)}) from None  # assumed: 400 for a bad query


def deleted_filter(records):
    """The records the `deleted` query parameter selects (true, false or all)."""
    deleted = request.args.get("deleted", DEFAULT_DELETED_FILTER)
    if deleted not in DELETED_FILTERS:
        raise ApiError(400, {"error": "deleted must be one of: %s" % ", ".join(DELETED_FILTERS)})
    return [r for r in records if deleted == "all" or r["deleted"] == (deleted == "true")]


def paginated(items, render, key=None, reverse=False):
    """The list envelope of one page of the items (by id unless key says otherwise), each rendered."""
    per_page = min(query_int("per_page", PER_PAGE_DEFAULT), simulator().config["statushub_per_page_max"])
    page = query_int("page", 1)
    items = sorted(items, key=key or (lambda record: record["id"]), reverse=reverse)
    chunk = items[(page - 1) * per_page:page * per_page]
    return {
        "current_page": page,
        "page_count": max(1, math.ceil(len(items) / per_page)),
        "per_page": per_page,
        "total": len(items),
        "data": [render(record) for record in chunk],
    }


def overlapping(records, end_of):
    """Records whose span [start_time, end_of(record)] overlaps the start_time/end_time query range."""
    start = query_time("start_time", FAR_PAST)
    end = query_time("end_time", FAR_FUTURE)
    return [r for r in records if r["start_time"] <= end and (end_of(r) or FAR_FUTURE) >= start]


def with_flags(body, record):
    """body plus flags when the request asks for extend=flags."""
    if "flags" in request.args.get("extend", "").split(","):
        body["flags"] = {"deleted": bool(record.get("deleted"))}
    return body


def stamp(record, created=False):
    now = datetime.datetime.now(UTC)
    if created:
        record["created_at"] = now
    record["updated_at"] = now
    return record


def soft_delete(record):
    record["deleted"] = True
    record["deleted_at"] = datetime.datetime.now(UTC)


def timestamps(record):
    return {"created_at": format_time(record["created_at"]), "updated_at": format_time(record["updated_at"])}
