"""StatusHub v3: the hub itself, services and the platform alert."""

from flask import Blueprint, jsonify

from .common import FieldErrors, format_time
from .hub_common import (
    HUB_ID, HUB_NAME, HUB_PREFIX, MSG_BLANK, deleted_filter, fail_on, hub, install_gate, not_found,
    paginated, read_fields, soft_delete, stamp, to_name, to_text, to_title, with_flags,
)

bp = Blueprint("statushub", __name__, url_prefix=HUB_PREFIX)
install_gate(bp)

CREATED = 200  # assumed: the seed describes the create answer as "OK"
SERVICE_FIELDS = {"name": to_name, "description": to_text}  # assumed fields
ALERT_FIELDS = {"title": to_title, "body": to_text}  # assumed: the alert title is plain text like event titles
PLATFORM_ALERT_PATH = "/platform_alert"  # assumed path


@bp.get("")
def get_hub():
    return jsonify({"id": HUB_ID, "subdomain": hub().subdomain, "name": HUB_NAME})


def render_service(service):
    return with_flags({"id": service["id"], "name": service["name"], "description": service["description"]}, service)


@bp.get("/services")
def list_services():
    return jsonify(paginated(deleted_filter(hub().records["service"].values()), render_service))


@bp.post("/services")
def create_service():
    service = {"description": "", "deleted": False}
    service.update(read_fields(SERVICE_FIELDS, required=("name",)))
    return jsonify(render_service(hub().add("service", service))), CREATED


@bp.get("/services/<int:service_id>")
def get_service(service_id):
    return jsonify(render_service(hub().find("service", service_id)))


@bp.put("/services/<int:service_id>")
def update_service(service_id):
    service = hub().find("service", service_id, live=True)
    service.update(read_fields(SERVICE_FIELDS))
    return jsonify(render_service(service))


@bp.delete("/services/<int:service_id>")
def delete_service(service_id):
    soft_delete(hub().find("service", service_id, live=True))
    for subscription in hub().records["subscription"].values():
        if service_id in subscription["service_ids"]:
            subscription["service_ids"].remove(service_id)
    return "", 204


def render_alert(alert):
    return {
        "title": alert["title"],
        "body": alert["body"],
        "created_at": format_time(alert["created_at"]),
        "updated_at": format_time(alert["updated_at"]),
    }


def current_alert():
    if hub().platform_alert is None:
        raise not_found()
    return hub().platform_alert


@bp.get(PLATFORM_ALERT_PATH)
def get_platform_alert():
    return jsonify(render_alert(current_alert()))


@bp.put(PLATFORM_ALERT_PATH)
def put_platform_alert():
    changes = read_fields(ALERT_FIELDS)
    alert = hub().platform_alert
    if alert is None:
        errors = FieldErrors()
        if "title" not in changes:
            errors.add("title", MSG_BLANK)
        fail_on(errors)
        alert = stamp({"body": ""}, created=True)
        hub().platform_alert = alert
    alert.update(changes)
    stamp(alert)
    return jsonify(render_alert(alert))


@bp.delete(PLATFORM_ALERT_PATH)
def delete_platform_alert():
    current_alert()
    hub().platform_alert = None
    return "", 204
