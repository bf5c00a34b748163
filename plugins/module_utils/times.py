# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

ISO-8601 times as both APIs take them: parsed with their offset, compared and sent in UTC.
"""

import datetime
import re

# ISO-8601 date and time, to the minute at least: 2025-02-01T12:00:00Z, 2025-02-01 12:00:00.250+02:00, ...+0200.
# Parsed here rather than by datetime.fromisoformat, whose accepted forms differ between Python 3.9 and 3.11+.
ISO_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:(?P<utc>[Zz])|(?P<sign>[+-])(\d{2}):?(\d{2})?)?"
)


def parse_time_parts(value):
    """(naive datetime, UTC offset or None when the text has none) from ISO-8601 text; None when it is not a time."""
    match = ISO_TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, _utc, sign, zone_hour, zone_minute = match.groups()
    offset = None
    if sign:
        offset = datetime.timedelta(hours=int(zone_hour), minutes=int(zone_minute or 0))
        offset = -offset if sign == "-" else offset
    elif match.group("utc"):
        offset = datetime.timedelta(0)
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                   int((fraction or "")[:6].ljust(6, "0")))
        return moment, offset if offset is None else datetime.timezone(offset)
    except ValueError:  # a day, hour or offset out of range
        return None


def is_zoneless_time(value):
    """True for a time written without Z or an offset (which the APIs would read in an unknown zone)."""
    parts = parse_time_parts(value)
    return parts is not None and parts[1] is None


def parse_time(value):
    """An aware datetime from ISO-8601 text with Z or an offset; None when it is not one (zone-less included)."""
    parts = parse_time_parts(value)
    if parts is None or parts[1] is None:
        return None
    moment, zone = parts
    return moment.replace(tzinfo=zone)


def format_time(moment):
    """The UTC text of an aware datetime: 2025-02-01T12:00:00Z (with the fraction of a second, if any)."""
    moment = moment.astimezone(datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += (".%06d" % moment.microsecond).rstrip("0")
    return text + "Z"


def normalise_time(value):
    """Times compare in UTC: any offset form of one instant normalises to one text."""
    moment = parse_time(value)
    return value if moment is None else format_time(moment)


def utcnow():
    """This moment in UTC, to the second (the precision the API renders)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
