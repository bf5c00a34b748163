"""StatusHub v3: incidents with their updates, and maintenances (soft deletes)."""

from flask import Blueprint, jsonify

from .common import FieldErrors, format_time, utcnow
from .hub_common import (
    HUB_PREFIX, fail_on, hub, install_gate, not_found, one_of, overlapping, paginated, read_fields,
    soft_delete, stamp, timestamps, to_bool, to_service_statuses, to_text, to_time, to_title, with_flags,
)
from .statushub import CREATED

bp = Blueprint("statushub_events", __name__, url_prefix=HUB_PREFIX)
install_gate(bp)

INCIDENT_TYPES = ("investigating", "identified", "monitoring", "resolved")
STATES = ("draft", "unconfirmed", "published")
DEFAULT_INCIDENT_TYPE = "investigating"  # assumed
UPDATE_FIELDS = {
    "title": to_title,
    "body": to_text,
    "incident_type": one_of(INCIDENT_TYPES),
    "service_statuses": to_service_statuses,
    "silent": to_bool,
    "state": one_of(STATES),
}
INCIDENT_FIELDS = dict(UPDATE_FIELDS, start_time=to_time)
MAINTENANCE_FIELDS = {
    "title": to_title,
    "body": to_text,
    "start_time": to_time,
    "end_time": to_time,
    "service_statuses": to_service_statuses,
    "silent": to_bool,
}
LISTS_SHOW_DELETED = False  # assumed: incident and maintenance lists leave soft-deleted events out
UPDATES_AFTER_RESOLVED = False  # assumed: a resolved incident takes no more updates
INHERITED_UPDATE_FIELDS = ("title", "incident_type")  # assumed: an update without them keeps the latest update's
INCIDENT_TYPE_EDITABLE = False  # assumed: PUT of an update cannot change its incident_type
MSG_RESOLVED_STATUSES = "must be empty when the update resolves the incident"
MSG_INCIDENT_RESOLVED = "the incident is already resolved"


def updates_of(incident):
    """The incident's updates, oldest first."""
    return [hub().records["incident_update"][update_id] for update_id in incident["update_ids"]]


def current_service_statuses(updates):
    """The latest update's statuses; after resolved, the services last affected, back up."""
    latest = updates[-1]
    if latest["incident_type"] != "resolved":
        return latest["service_statuses"]
    affected = next((u["service_statuses"] for u in reversed(updates) if u["service_statuses"]), [])
    return [{"service_id": s["service_id"], "status": "up"} for s in affected]


def render_update(update):
    body = {field: update[field] for field in ("id", "title", "body", "incident_type", "state", "service_statuses", "silent")}
    body["created_at"] = format_time(update["created_at"])
    return with_flags(body, hub().records["incident"][update["incident_id"]])


def render_incident(incident):
    updates = updates_of(incident)
    published = [u for u in updates if u["state"] == "published"]
    body = {
        "id": incident["id"],
        "title": (published or updates)[-1]["title"],  # assumed: with no published update, the latest title
        "start_time": format_time(incident["start_time"]),
        "end_time": format_time(incident["end_time"]),
        "last_incident_type": updates[-1]["incident_type"],
        "state": updates[-1]["state"],
        "service_statuses": current_service_statuses(updates),
        "incident_updates": [render_update(u) for u in reversed(updates)],
    }
    return with_flags(body, incident)


def check_update(update, errors):
    if update["incident_type"] == "resolved" and update["service_statuses"]:
        errors.add("service_statuses", MSG_RESOLVED_STATUSES)


def add_update(incident, fields):
    update = {"body": "", "service_statuses": [], "silent": False, "state": "published", "incident_id": incident["id"]}
    update.update(fields)
    update = hub().add("incident_update", stamp(update, created=True))
    incident["update_ids"].append(update["id"])
    if update["incident_type"] == "resolved":
        incident["end_time"] = update["created_at"]
    return update


def listed(kind):
    return list(hub().records[kind].values()) if LISTS_SHOW_DELETED else hub().live(kind)


@bp.get("/incidents")
def list_incidents():
    incidents = overlapping(listed("incident"), lambda incident: incident["end_time"])
    return jsonify(paginated(incidents, render_incident))


@bp.post("/incidents")
def create_incident():
    fields = read_fields(INCIDENT_FIELDS, required=("title",))
    fields.setdefault("incident_type", DEFAULT_INCIDENT_TYPE)
    start_time = fields.pop("start_time", None) or utcnow()
    errors = FieldErrors()
    if start_time > utcnow():
        errors.add("start_time", "can't be in the future")
    if fields["incident_type"] == "resolved":
        errors.add("incident_type", "an incident can't be created resolved")
    fail_on(errors)
    incident = hub().add("incident", {"start_time": start_time, "end_time": None, "update_ids": [], "deleted": False})
    add_update(incident, fields)
    return jsonify(render_incident(incident)), CREATED


@bp.get("/incidents/<int:incident_id>")
def get_incident(incident_id):
    return jsonify(render_incident(hub().find("incident", incident_id)))


@bp.delete("/incidents/<int:incident_id>")
def delete_incident(incident_id):
    soft_delete(hub().find("incident", incident_id, live=True))
    return "", 204


@bp.post("/incidents/<int:incident_id>/incident_updates")
def create_incident_update(incident_id):
    incident = hub().find("incident", incident_id, live=True)
    fields = read_fields(UPDATE_FIELDS)
    latest = updates_of(incident)[-1]
    for field in INHERITED_UPDATE_FIELDS:
        fields.setdefault(field, latest[field])
    errors = FieldErrors()
    if incident["end_time"] is not None and not UPDATES_AFTER_RESOLVED:
        errors.add("incident_type", MSG_INCIDENT_RESOLVED)
    check_update(dict({"service_statuses": []}, **fields), errors)
    fail_on(errors)
    return jsonify(render_update(add_update(incident, fields))), CREATED


def find_update(incident_id, update_id, live=False):
    incident = hub().find("incident", incident_id, live=live)
    if update_id not in incident["update_ids"]:
        raise not_found()
    return incident, hub().records["incident_update"][update_id]


@bp.get("/incidents/<int:incident_id>/incident_updates/<int:update_id>")
def get_incident_update(incident_id, update_id):
    return jsonify(render_update(find_update(incident_id, update_id)[1]))


@bp.put("/incidents/<int:incident_id>/incident_updates/<int:update_id>")
def update_incident_update(incident_id, update_id):
    update = find_update(incident_id, update_id, live=True)[1]
    fields = read_fields(UPDATE_FIELDS)
    errors = FieldErrors()
    if not INCIDENT_TYPE_EDITABLE and fields.get("incident_type", update["incident_type"]) != update["incident_type"]:
        errors.add("incident_type", "can't be changed")
    check_update(dict(update, **fields), errors)
    fail_on(errors)
    update.update(fields)
    return jsonify(render_update(stamp(update)))


def render_maintenance(record):
    body = {field: record[field] for field in ("id", "title", "body", "service_statuses", "silent")}
    body["start_time"] = format_time(record["start_time"])
    body["end_time"] = format_time(record["end_time"])
    body.update(timestamps(record))
    return with_flags(body, record)


def check_maintenance(record):
    errors = FieldErrors()
    if record["end_time"] <= record["start_time"]:
        errors.add("end_time", "must be after start_time")
    fail_on(errors)


@bp.get("/maintenances")
def list_maintenances():
    maintenances = overlapping(listed("maintenance"), lambda record: record["end_time"])
    return jsonify(paginated(maintenances, render_maintenance))


@bp.post("/maintenances")
def create_maintenance():
    record = {"body": "", "service_statuses": [], "silent": False, "deleted": False}
    record.update(read_fields(MAINTENANCE_FIELDS, required=("title", "start_time", "end_time")))
    check_maintenance(record)
    return jsonify(render_maintenance(hub().add("maintenance", stamp(record, created=True)))), CREATED


@bp.get("/maintenances/<int:maintenance_id>")
def get_maintenance(maintenance_id):
    return jsonify(render_maintenance(hub().find("maintenance", maintenance_id)))


@bp.put("/maintenances/<int:maintenance_id>")
def update_maintenance(maintenance_id):
    record = hub().find("maintenance", maintenance_id, live=True)
    merged = dict(record, **read_fields(MAINTENANCE_FIELDS))
    check_maintenance(merged)
    record.update(merged)
    return jsonify(render_maintenance(stamp(record)))


@bp.delete("/maintenances/<int:maintenance_id>")
def delete_maintenance(maintenance_id):
    soft_delete(hub().find("maintenance", maintenance_id, live=True))
    return "", 204
