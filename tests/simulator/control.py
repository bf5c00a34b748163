"""Control endpoints under /_sim: reset, log, config, faults (no auth, never logged)."""

import copy

from flask import Blueprint, jsonify

from .common import CONTROL_PREFIX, ApiError, parsed_body, simulator
from .config import validated_config

bp = Blueprint("control", __name__, url_prefix=CONTROL_PREFIX)


def control_body():
    body = parsed_body()
    if not isinstance(body, dict):
        raise ApiError(400, {"error": "the body must be a JSON object"})
    return body


@bp.post("/reset")
def reset():
    simulator().reset()
    return jsonify({"reset": True})


@bp.get("/log")
def get_log():
    return jsonify({"requests": copy.deepcopy(simulator().log)})


@bp.delete("/log")
def clear_log():
    simulator().log.clear()
    return jsonify({"requests": []})


@bp.get("/config")
def get_config():
    return jsonify(simulator().config)


@bp.put("/config")
def put_config():
    sim = simulator()
    try:
        sim.config = validated_config(dict(sim.config), control_body())
    except ValueError as exc:
        raise ApiError(400, {"error": str(exc)}) from None
    return jsonify(sim.config)


@bp.post("/faults")
def add_fault():
    try:
        rule_id = simulator().faults.add(control_body())
    except ValueError as exc:
        raise ApiError(400, {"error": str(exc)}) from None
    return jsonify({"id": rule_id})


@bp.delete("/faults")
def clear_faults():
    simulator().faults.clear()
    return jsonify({"faults": []})
