"""StatusHub v3: subscriptions and subscribers (soft deletes)."""

import re
import urllib.parse

from flask import Blueprint, jsonify, request

from .common import ApiError, FieldErrors
from .hub_common import (
    HUB_PREFIX, MISSING, MSG_UNKNOWN_ATTRIBUTE, deleted_filter, fail_on, hub, install_gate, is_live_service, one_of,
    paginated, query_time, read_fields, soft_delete, stamp, timestamps, to_bool, to_int, to_object, to_text, with_flags,
)
from .statushub import CREATED

bp = Blueprint("statushub_subscriptions", __name__, url_prefix=HUB_PREFIX)
install_gate(bp)

METHODS = ("email", "sms", "webhook", "slack", "teams")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^\+[1-9][0-9]{6,14}$")  # E.164; the lower bound of 7 digits is assumed
SELECTION_KEYS = ("all", "service_ids")
DEFAULT_SELECTION = {"all": True, "service_ids": []}  # assumed: no services_selection means all services
DEFAULT_LABEL = None  # assumed: a subscription without label shows null
SORT_PROPS = ("id", "created_at", "updated_at", "address")  # assumed
NEW_SUBSCRIBER_IDS = (0, None)
UPDATE_KEEPS_SUBSCRIBER_ON_ZERO = True  # assumed: subscriber_id 0/null in a PUT keeps the current subscriber


def to_selection(value):
    """{"all": bool, "service_ids": [int]} normalised: a list of every service means all."""
    value = to_object(value)
    unknown_keys = sorted(set(value) - set(SELECTION_KEYS))
    if unknown_keys:
        raise ValueError("%s %s" % (", ".join(unknown_keys), MSG_UNKNOWN_ATTRIBUTE))
    all_services = to_bool(value.get("all", False))
    ids = value.get("service_ids") or []
    if not isinstance(ids, list) or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise ValueError("service_ids must be a list of integers")
    if all_services:
        return {"all": True, "service_ids": []}
    if not ids:
        raise ValueError("service_ids can't be empty when all is false")
    unknown = sorted(set(i for i in ids if not is_live_service(i)))
    if unknown:
        raise ValueError("unknown service ids: %s" % ", ".join(str(i) for i in unknown))
    if set(ids) == set(s["id"] for s in hub().live("service")):
        return {"all": True, "service_ids": []}
    return {"all": False, "service_ids": sorted(set(ids))}


def to_subscriber_id(value):
    if value is None:
        return None
    value = to_int(value)
    if value not in NEW_SUBSCRIBER_IDS and value not in [s["id"] for s in hub().live("subscriber")]:
        raise ValueError("unknown subscriber")
    return value


def to_label(value):
    return None if value is None else to_text(value)


SUBSCRIPTION_FIELDS = {
    "address": to_text,
    "method_name": one_of(METHODS),
    "services_selection": to_selection,
    "configuration": to_object,
    "label": to_label,
    "less_verbose": to_bool,
    "protected": to_bool,
    "subscriber_id": to_subscriber_id,
}


def address_problem(method, address):
    """Why the address does not fit the method, or None."""
    if method == "email":
        return None if EMAIL_PATTERN.match(address) else "is not a valid email address"
    if method == "sms":
        return None if PHONE_PATTERN.match(address) else "is not an E.164 phone number (+, then 7 to 15 digits, the first not 0)"
    url = urllib.parse.urlparse(address)
    return None if url.scheme == "https" and url.netloc else "is not an https URL"


def same_address(first, second):
    return first.strip().lower() == second.strip().lower()  # assumed: addresses compare case-insensitively


def check_subscription(record, errors):
    """Rules across fields and records, on the merged subscription (record["id"] is None on create)."""
    if not record["address"].strip():
        errors.add("address", "can't be blank")
    else:
        problem = address_problem(record["method_name"], record["address"])
        if problem:
            errors.add("address", problem)
    if record["method_name"] == "email" and record["label"]:
        errors.add("label", "is not available for email subscriptions")
    for other in hub().live("subscription"):
        if other["id"] == record["id"]:
            continue
        if same_address(other["address"], record["address"]):
            errors.add("address", "has already been taken")
        if other["subscriber_id"] == record["subscriber_id"] and other["method_name"] == record["method_name"]:
            errors.add("method_name", "the subscriber already has a subscription with this method")


def render_subscription(record):
    services = {s["id"]: s for s in hub().live("service")}
    ids = list(services) if record["all"] else [i for i in record["service_ids"] if i in services]
    body = {
        "id": record["id"],
        "address": record["address"],
        "method_name": record["method_name"],
        "subscriber_id": record["subscriber_id"],
        "services_selection": {
            "all": record["all"],
            "services": [{"id": i, "name": services[i]["name"]} for i in sorted(ids)],
        },
        "configuration": record["configuration"],
        "label": record["label"],
        "less_verbose": record["less_verbose"],
        "protected": record["protected"],
    }
    body.update(timestamps(record))
    return with_flags(body, record)


def apply_changes(record, changes):
    selection = changes.pop("services_selection", MISSING)
    if selection is not MISSING:
        record["all"] = selection["all"]
        record["service_ids"] = selection["service_ids"]
    record.update(changes)


def new_subscriber():
    return hub().add("subscriber", stamp({"deleted": False}, created=True))


@bp.post("/subscriptions")
def create_subscription():
    changes = read_fields(SUBSCRIPTION_FIELDS, required=("address", "method_name"))
    record = {
        "id": None, "configuration": {}, "label": DEFAULT_LABEL, "less_verbose": False,
        "protected": False, "subscriber_id": None, "deleted": False,
    }
    apply_changes(record, dict({"services_selection": DEFAULT_SELECTION}, **changes))
    if record["subscriber_id"] in NEW_SUBSCRIBER_IDS:
        record["subscriber_id"] = 0
    errors = FieldErrors()
    check_subscription(record, errors)
    fail_on(errors)
    if record["subscriber_id"] == 0:
        record["subscriber_id"] = new_subscriber()["id"]
    return jsonify(render_subscription(hub().add("subscription", stamp(record, created=True)))), CREATED


@bp.get("/subscriptions")
def list_subscriptions():
    records = filter_deleted_after(deleted_filter(hub().records["subscription"].values()))
    query = request.args.get("q", "").lower()
    if query:
        records = [r for r in records if query in r["address"].lower() or query in (r["label"] or "").lower()]
    prop, descending = sort_order()
    return jsonify(paginated(records, render_subscription, key=lambda record: record[prop], reverse=descending))


def filter_deleted_after(records):
    after = query_time("deleted_after", None)
    if after is None:
        return records
    return [r for r in records if r["deleted"] and r["deleted_at"] >= after]


def sort_order():
    """(record key, descending) from sort_prop and sort_dir."""
    prop = request.args.get("sort_prop", "id")
    direction = request.args.get("sort_dir", "asc")
    if prop not in SORT_PROPS or direction not in ("asc", "desc"):
        raise ApiError(400, {"error": "sort_prop must be one of %s and sort_dir asc or desc" % ", ".join(SORT_PROPS)})
    return prop, direction == "desc"


@bp.get("/subscriptions/<int:subscription_id>")
def get_subscription(subscription_id):
    return jsonify(render_subscription(hub().find("subscription", subscription_id)))


@bp.put("/subscriptions/<int:subscription_id>")
def update_subscription(subscription_id):
    record = hub().find("subscription", subscription_id, live=True)
    changes = read_fields(SUBSCRIPTION_FIELDS)
    if UPDATE_KEEPS_SUBSCRIBER_ON_ZERO and changes.get("subscriber_id", MISSING) in NEW_SUBSCRIBER_IDS:
        del changes["subscriber_id"]
    merged = dict(record)
    apply_changes(merged, changes)
    errors = FieldErrors()
    check_subscription(merged, errors)
    fail_on(errors)
    record.update(merged)
    return jsonify(render_subscription(stamp(record)))


@bp.delete("/subscriptions/<int:subscription_id>")
def delete_subscription(subscription_id):
    soft_delete(hub().find("subscription", subscription_id, live=True))
    return "", 204


def render_subscriber(record):
    body = {
        "id": record["id"],
        "subscription_ids": [s["id"] for s in hub().live("subscription") if s["subscriber_id"] == record["id"]],
    }  # assumed fields: the API documents none
    body.update(timestamps(record))
    return with_flags(body, record)


@bp.get("/subscribers")
def list_subscribers():
    return jsonify(paginated(hub().live("subscriber"), render_subscriber))


def refuse_any_attribute():
    """A subscriber has no writable attributes (assumed), so any attribute sent is unknown."""
    if request.get_data():
        read_fields({})


@bp.post("/subscribers")
def create_subscriber():
    refuse_any_attribute()
    return jsonify(render_subscriber(new_subscriber())), CREATED


@bp.get("/subscribers/<int:subscriber_id>")
def get_subscriber(subscriber_id):
    return jsonify(render_subscriber(hub().find("subscriber", subscriber_id)))


@bp.put("/subscribers/<int:subscriber_id>")
def update_subscriber(subscriber_id):
    record = hub().find("subscriber", subscriber_id, live=True)
    refuse_any_attribute()
    return jsonify(render_subscriber(record))


@bp.delete("/subscribers/<int:subscriber_id>")
def delete_subscriber(subscriber_id):
    record = hub().find("subscriber", subscriber_id, live=True)
    for subscription in hub().live("subscription"):
        if subscription["subscriber_id"] == subscriber_id:
            soft_delete(subscription)
    soft_delete(record)
    return "", 204
