# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time parsing is the collection's own, so that it reads the same on every Python from 3.9 on.

Python 3.9 and 3.10's datetime.fromisoformat refuse `Z`, `+0000` and fractions of other than 3 or 6 digits; 3.11 takes
them. These cases pin one behaviour for all (run them with each interpreter).
"""

import datetime

import pytest

from ansible_collections.statusops.status.plugins.module_utils.statushub.events import time_error
from ansible_collections.statusops.status.plugins.module_utils.times import (
    format_time,
    is_zoneless_time,
    normalise_time,
    parse_time,
)

UTC = datetime.timezone.utc


def utc(*parts):
    return datetime.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize("text, moment", [
    ("2025-02-01T12:00:00Z", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T12:00:00z", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01t12:00:00Z", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01 12:00:00Z", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T12:00Z", utc(2025, 2, 1, 12, 0, 0)),
    ("  2025-02-01T12:00:00Z  ", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T12:00:00+00:00", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T12:00:00+0000", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T12:00:00-00:00", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T14:00:00+02:00", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T14:00:00+0200", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T14:00:00+02", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T06:30:00-05:30", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T00:30:00-11:30", utc(2025, 2, 1, 12, 0, 0)),
    ("2025-02-01T12:00:00.5Z", utc(2025, 2, 1, 12, 0, 0, 500000)),
    ("2025-02-01T12:00:00.25Z", utc(2025, 2, 1, 12, 0, 0, 250000)),
    ("2025-02-01T12:00:00.250Z", utc(2025, 2, 1, 12, 0, 0, 250000)),
    ("2025-02-01T12:00:00.1234Z", utc(2025, 2, 1, 12, 0, 0, 123400)),
    ("2025-02-01T12:00:00.123456Z", utc(2025, 2, 1, 12, 0, 0, 123456)),
    ("2025-02-01T12:00:00.123456789Z", utc(2025, 2, 1, 12, 0, 0, 123456)),
    ("2025-02-01T12:00:00,5Z", utc(2025, 2, 1, 12, 0, 0, 500000)),
    ("2024-02-29T23:59:59+00:00", utc(2024, 2, 29, 23, 59, 59)),
])
def test_times_with_a_zone_are_instants(text, moment):
    parsed = parse_time(text)
    assert parsed == moment
    assert parsed.utcoffset() is not None


@pytest.mark.parametrize("text", [
    "2025-02-01T12:00:00",
    "2025-02-01T12:00",
    "2025-02-01 12:00:00.5",
])
def test_a_time_without_a_zone_is_not_an_instant(text):
    assert parse_time(text) is None
    assert is_zoneless_time(text) is True


@pytest.mark.parametrize("value", [
    "2025-02-01",  # a date without a time
    "20250201T120000Z",  # the basic format (3.11's fromisoformat takes it, 3.9's does not)
    "2025-02-01T12Z",
    "2025-02-30T12:00:00Z",
    "2025-13-01T12:00:00Z",
    "2025-02-01T24:00:00Z",
    "2025-02-01T12:60:00Z",
    "2025-02-01T12:00:61Z",
    "2025-02-01T12:00:00+24:00",
    "2025-02-01T12:00:00+2:00",
    "2025-02-01T12:00:00.Z",
    "2025-02-01T12:00:00 Z",
    "2025-02-01T12:00:00ZZ",
    "2025-W05-6T12:00:00Z",
    "tomorrow",
    "now",
    "",
    None,
    20250201,
    True,
])
def test_what_is_not_a_time(value):
    assert parse_time(value) is None
    assert is_zoneless_time(value) is False


@pytest.mark.parametrize("text, normalised", [
    ("2025-02-01T14:00:00+02:00", "2025-02-01T12:00:00Z"),
    ("2025-02-01T12:00:00+0000", "2025-02-01T12:00:00Z"),
    ("2025-02-01T12:00:00.250000Z", "2025-02-01T12:00:00.25Z"),
    ("2025-02-01T12:00:00.000Z", "2025-02-01T12:00:00Z"),
    ("2025-02-01T23:30:00-01:00", "2025-02-02T00:30:00Z"),
    ("2025-02-01T12:00:00", "2025-02-01T12:00:00"),  # not an instant: left as it is, so it never compares equal
    ("soon", "soon"),
    (None, None),
])
def test_normalise_time_gives_one_utc_text_per_instant(text, normalised):
    assert normalise_time(text) == normalised


def test_format_time_writes_utc_with_z():
    zone = datetime.timezone(datetime.timedelta(hours=-3))
    assert format_time(datetime.datetime(2025, 2, 1, 21, 0, 0, tzinfo=zone)) == "2025-02-02T00:00:00Z"
    assert format_time(utc(2025, 2, 1, 12, 0, 0, 120000)) == "2025-02-01T12:00:00.12Z"


@pytest.mark.parametrize("value, allow_now, message", [
    ("2025-02-01T12:00:00Z", False, None),
    ("2025-02-01T14:00:00+02:00", False, None),
    ("now", True, None),
    (None, False, None),
    ("now", False, "start_time must be ISO-8601 with a zone (like 2025-02-01T00:00:00Z), got 'now'"),
    ("soon", True, "start_time must be ISO-8601 with a zone (like 2025-02-01T00:00:00Z) or 'now', got 'soon'"),
    ("2025-02-01T12:00:00", True,
     "start_time must say its zone: Z for UTC or an offset such as +02:00 (StatusHub times are UTC), got '2025-02-01T12:00:00'"),
])
def test_statushub_time_options_name_the_option_and_the_value(value, allow_now, message):
    assert time_error("start_time", value, allow_now) == message
