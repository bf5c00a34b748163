# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The rules an option's value must follow, checked before any request: each message names the option and the value.
Standard library only, so that filters and any other code may use them.
"""

import ipaddress
import math
import os
from urllib.parse import unquote, urlsplit, urlunsplit


# The range of a number option: (least, most). Any other number option is a whole number from 0 to LARGEST_NUMBER.
NUMBER_RANGES = {
    "timeout": (0.1, 3600),
    "retry_timeout": (0, 86400),
    "concurrency": (1, 100),
    "duration": (1, 366 * 24 * 60),  # minutes: a year
    "wait": (0, 24 * 60 * 60),  # seconds a gate may wait: a day
    "interval": (1, 60 * 60),  # seconds between a gate's looks
}
# JSON's largest safe integer: no id or count the APIs use is larger.
LARGEST_NUMBER = 2 ** 53 - 1
LOOPBACK_NAMES = ("localhost",)


def connection_errors(params):
    """Messages for connection options that no retry could fix, each naming the option and the value."""
    errors = []
    api_url = params["api_url"]
    if not is_http_url(api_url):
        errors.append("api_url must be an http or https URL (like https://status.example.com), got %r" % shown_url(api_url))
    elif "@" in urlsplit(api_url).netloc:
        errors.append("api_url must not carry a user or password (the token or key is the only credential), got %r"
                      % shown_url(api_url))
    elif "?" in api_url or "#" in api_url:
        errors.append("api_url must have no query (?) or fragment (#): the requests go to paths below it, got %r"
                      % shown_url(api_url))
    ca_path = params["ca_path"]
    if ca_path is not None and not os.path.isfile(ca_path):
        errors.append("ca_path must be a file of PEM certificates, got %r: no such file" % ca_path)
    return errors


def secret_errors(option, value):
    """The message for a token or key that cannot be sent as it is in the Authorization header; the value never shown.

    A line break, another control character or a character beyond Latin-1 cannot travel in a header; white space
    around the value would be dropped by the server, which then checks another credential than the one given.
    """
    if not isinstance(value, str) or "\x00" in value:
        return []  # option_errors refuses it
    if value == "":
        return ["%s must not be empty" % option]
    bad = next((position for position, char in enumerate(value)
                if ord(char) < 32 or ord(char) == 127 or ord(char) > 255), None)
    if bad is not None:
        found = "U+%04X at character %d of %d" % (ord(value[bad]), bad + 1, len(value))
    elif value != value.strip():
        found = "white space at its start or end"
    else:
        return []
    return ["%s must be one line of printable Latin-1 text without white space around it, as the Authorization "
            "header carries it; the value given (not shown) holds %s. A value read from a file often keeps its "
            "final newline: strip it (for example with | trim)" % (option, found)]


def url_passwords(url):
    """The password of a URL's user part, as written and decoded (kept out of every output), if it has one."""
    try:
        password = urlsplit(url).password if isinstance(url, str) else None
    except ValueError:
        return set()
    return set([password, unquote(password)]) - set([""]) if password else set()


def sends_secret_in_clear(api_url):
    """True for plain http to a host that is not this machine (127.0.0.0/8, ::1, localhost)."""
    parts = urlsplit(api_url)
    if parts.scheme != "http":
        return False
    host = parts.hostname or ""
    if host in LOOPBACK_NAMES:
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def option_errors(spec, values, where=""):
    """Messages for values that are not what their option's type says, found in one walk of the spec.

    Strings: a text or a number (taken as its decimal text); a dict, list or boolean is refused, and no string
    anywhere holds a NUL byte. Numbers: finite, not a boolean, within NUMBER_RANGES (else 0 to LARGEST_NUMBER).
    Suboptions and list items are walked too. The value of a no_log option is never shown.
    """
    errors = []
    for name, option in spec.items():
        value = next((values[key] for key in [name] + list(option.get("aliases") or []) if values.get(key) is not None), None)
        if value is None:
            continue
        label = where + name
        kind = option.get("type", "str")
        secret = bool(option.get("no_log"))
        if kind == "list" and isinstance(value, list):
            for position, item in enumerate(value):
                errors.extend(_value_errors("%s[%d]" % (label, position), name, item, option.get("elements"),
                                            option.get("options"), secret))
        else:
            errors.extend(_value_errors(label, name, value, kind, option.get("options"), secret))
    return errors


def _value_errors(label, name, value, kind, options, secret):
    if options and isinstance(value, dict):
        return option_errors(options, value, label + ".")
    if kind == "str" and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        return ["%s must be a string, got %s" % (label, _shown(value, secret))]
    if kind in ("int", "float"):
        return _number_errors(label, name, value, kind)
    if _holds_nul(value):
        return ["%s must not contain NUL bytes%s" % (label, "" if secret else ", got %s" % _shown(value, secret))]
    return []


def _number_errors(label, name, value, kind):
    what = "an integer" if kind == "int" else "a number"
    if isinstance(value, bool):
        return ["%s must be %s, got %r" % (label, what, value)]
    try:
        number = float(value)
    except (TypeError, ValueError):
        return []  # Ansible's own type check has refused it already
    least, most = NUMBER_RANGES.get(name, (0, LARGEST_NUMBER))
    if math.isnan(number) or not least <= number <= most:
        return ["%s must be %s from %s to %s, got %s" % (label, what, least, most, value)]
    return []


def _holds_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(item) for item in value)
    return False


def _shown(value, secret):
    if secret:
        return "a value of type %s" % type(value).__name__
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def is_http_url(value, schemes=("http", "https")):
    """Whether value is a URL of one of the schemes, with a host and no white space."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in schemes and bool(parts.hostname) and not any(char.isspace() for char in value)


def name_rule(most):
    """The rule of a name that identifies an object: not blank, at most `most` characters, no white space around it;
    check(label, value) -> messages.

    A server may store a name trimmed (Statusmate's framework does, API_CONTRACT.md: stored text), and then a later
    run would look for the untrimmed name, not find it and create the object again: such a name is refused.
    """
    def check(label, value):
        if not value.strip() or len(value) > most:
            return ["%s must be 1 to %d characters and not blank, got %r" % (label, most, value)]
        if value != value.strip():
            return ["%s must not start or end with white space (the server may store it trimmed, and a later run "
                    "would not find it again), got %r" % (label, value)]
        return []
    return check


def stored_text(value):
    """A description (or an event's title or body) as it is compared, and a description as it is sent: the white
    space around it (a YAML block scalar's last newline) is not kept, as Statusmate's framework trims it
    (API_CONTRACT.md: stored text) and a hub may; None is ''."""
    return (value or "").strip()


def booleans_given_as_integers(fields, options, where=""):
    """Messages for YAML true/false given where an integer is expected (Ansible's type int lets a bool through)."""
    return ["%s%s must be an integer, got %r" % (where, option, fields[option])
            for option in options if isinstance(fields.get(option), bool)]


def empty_prune_errors(params, option, everything):
    """The one refusal of a declared set that is empty while prune would delete everything it does not declare."""
    if params["prune"] and params["state"] == "present" and not params[option] and not params["allow_empty"]:
        return ["%s is empty and prune is true: that would delete every %s; set allow_empty=true to do that"
                % (option, everything)]
    return []


def concurrency_errors(value):
    return [] if value >= 1 else ["concurrency must be 1 or more, got %s" % value]


def shown_url(url):
    """A URL as errors may show it: user and password, query and fragment hidden."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "an unreadable URL"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "********@" + netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path, "********" if parts.query else "",
                       "********" if parts.fragment else ""))
