"""The simulator's switches, read and changed through /_sim/config."""

DEFAULT_CONFIG = {
    "statusmate_list": "abbreviated",
    "statushub_per_page_max": 100,  # assumed
    "rate_limits": True,
    "latency": 0,  # seconds every API answer waits before it is sent, as if the server were that far away
}
CONFIG_CHECKS = {
    "statusmate_list": lambda value: value in ("abbreviated", "full"),
    "statushub_per_page_max": lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 1,
    "rate_limits": lambda value: isinstance(value, bool),
    "latency": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 60,
}


def validated_config(current, changes):
    """current updated with changes; ValueError on an unknown key or a bad value."""
    for key, value in changes.items():
        if key not in CONFIG_CHECKS:
            raise ValueError("unknown config key %r" % key)
        if not CONFIG_CHECKS[key](value):
            raise ValueError("bad value for %s: %r" % (key, value))
        current[key] = value
    return current
