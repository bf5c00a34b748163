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
# The fields of an incident create and of a new update are the same (contract: incidents and their updates).
UPDATE_FIELDS = {
    "title": to_title,
    "start_time": to_time,
    "incident_type": one_of(INCIDENT_TYPES),
    "service_statuses": to_service_statuses,
    "body": to_text,
    "silent": to_bool,
    "state": one_of(STATES),
}
REQUIRED_UPDATE_FIELDS = ("title", "start_time", "incident_type")
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
INCIDENT_TYPE_EDITABLE = False  # assumed: PUT of an update cannot change its incident_type
MSG_RESOLVED_STATUSES = "must be left out when the update resolves the incident"
MSG_STATUSES_REQUIRED = "is required unless the update resolves the incident"
MSG_CREATED_RESOLVED = "an incident can't be created resolved"
MSG_INCIDENT_RESOLVED = "the incident is already resolved"
MSG_FUTURE = "can't be in the future"
MSG_BEFORE_INCIDENT = "can't be before the incident's start_time"  # assumed rule and message


def updates_of(incident):
    """The incident's updates, latest last (by start_time, then by creation)."""
    updates = [hub().records["incident_update"][update_id] for update_id in incident["update_ids"]]
    return sorted(updates, key=lambda update: (update["start_time"], update["id"]))


def current_service_statuses(updates):
    """The latest update's statuses; after resolved, the services last affected, back up."""
    latest = updates[-1]
    if latest["incident_type"] != "resolved":
        return latest["service_statuses"]
    affected = next((u["service_statuses"] for u in reversed(updates) if u["service_statuses"]), [])
    return [{"service_id": s["service_id"], "status": "up"} for s in affected]


def render_update(update):
    body = {field: update[field] for field in ("id", "title", "body", "incident_type", "state", "service_statuses", "silent")}
    body["start_time"] = format_time(update["start_time"])
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


def check_update(update, sent, errors, incident_start=None):
    """The rules of an update as it would be stored, given the fields sent (incident_start None: a first update)."""
    resolved = update["incident_type"] == "resolved"
    if resolved and "service_statuses" in sent:
        errors.add("service_statuses", MSG_RESOLVED_STATUSES)
    if not resolved and "service_statuses" not in update:
        errors.add("service_statuses", MSG_STATUSES_REQUIRED)
    if update["start_time"] > utcnow():
        errors.add("start_time", MSG_FUTURE)
    if incident_start is not None and update["start_time"] < incident_start:
        errors.add("start_time", MSG_BEFORE_INCIDENT)


def read_new_update():
    """The fields of an incident create or a new update: every required one present, each valid."""
    return read_fields(UPDATE_FIELDS, required=REQUIRED_UPDATE_FIELDS)


def add_update(incident, fields):
    update = dict({"body": "", "service_statuses": [], "silent": False, "state": "published"}, **fields)
    update = hub().add("incident_update", stamp(dict(update, incident_id=incident["id"]), created=True))
    incident["update_ids"].append(update["id"])
    if update["incident_type"] == "resolved":
        incident["end_time"] = update["start_time"]
    return update


def listed(kind):
    return list(hub().records[kind].values()) if LISTS_SHOW_DELETED else hub().live(kind)


@bp.get("/incidents")
def list_incidents():
    incidents = overlapping(listed("incident"), lambda incident: incident["end_time"])
    return jsonify(paginated(incidents, render_incident))


@bp.post("/incidents")
def create_incident():
    fields = read_new_update()
    errors = FieldErrors()
    if fields["incident_type"] == "resolved":
        errors.add("incident_type", MSG_CREATED_RESOLVED)
    check_update(fields, fields, errors)
    fail_on(errors)
    incident = hub().add("incident", {"start_time": fields["start_time"], "end_time": None, "update_ids": [], "deleted": False})
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
    fields = read_new_update()
    errors = FieldErrors()
    if incident["end_time"] is not None and not UPDATES_AFTER_RESOLVED:
        errors.add("incident_type", MSG_INCIDENT_RESOLVED)
    check_update(fields, fields, errors, incident["start_time"])
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
    incident, update = find_update(incident_id, update_id, live=True)
    fields = read_fields(UPDATE_FIELDS)
    errors = FieldErrors()
    if not INCIDENT_TYPE_EDITABLE and fields.get("incident_type", update["incident_type"]) != update["incident_type"]:
        errors.add("incident_type", "can't be changed")
    check_update(dict(update, **fields), fields, errors, incident["start_time"])
    fail_on(errors)
    update.update(fields)
    if update["incident_type"] == "resolved":
        incident["end_time"] = update["start_time"]
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
