# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Statusmate page-token API: its default URL and the rules of a component's fields.
"""

from ansible_collections.statusops.status.plugins.module_utils.checks import booleans_given_as_integers, name_rule, stored_text
from ansible_collections.statusops.status.plugins.module_utils.statusmate.fields import COMPONENT_FIELD_SPEC, INDEX_RANGE, NAME_MAX_LENGTH, WRITABLE_FIELDS
from ansible_collections.statusops.status.plugins.module_utils.times import normalise_time, parse_time

DEFAULT_API_URL = "https://status.statusmate.top"


def page_place(params):
    """Where statusmate_components runs take turns (ansible_module.turn_on): the page, known only by its token (one token is
    one page), which the lock's name holds as part of a digest, never in the clear."""
    return ("page", params["api_token"])


def validation_errors(fields, where=""):
    """Messages naming the option and value of every field the API would refuse."""
    errors = []
    if fields.get("name") is not None:
        errors.extend(name_rule(NAME_MAX_LENGTH)(where + "name", fields["name"]))
    errors.extend(booleans_given_as_integers(fields, ("index",), where))
    index = fields.get("index")
    if index is not None and not isinstance(index, bool) and not INDEX_RANGE[0] <= index <= INDEX_RANGE[1]:
        errors.append("%sindex must be between %d and %d, got %s" % ((where,) + INDEX_RANGE + (index,)))
    start_date = fields.get("start_date")
    if start_date is not None and parse_time(start_date) is None:
        errors.append("%sstart_date must be ISO-8601 with a UTC offset (like 2025-05-24T11:02:11+03:00), got %r"
                      % (where, start_date))
    return errors


def component_fields(params):
    """The component fields a task sets, as the page would store them."""
    fields = dict((field, params[field]) for field in COMPONENT_FIELD_SPEC if params.get(field) is not None)
    if "description" in fields:
        fields["description"] = stored_text(fields["description"])
    return fields


def normalise(field, value):
    if field == "description":
        return stored_text(value)
    if field == "start_date":
        return normalise_time(value)
    return value


def differing_fields(current, desired):
    """The desired fields that current reports with another value."""
    return dict((field, value) for field, value in desired.items()
                if field in current and normalise(field, current[field]) != normalise(field, value))


def unverifiable_fields(current, desired):
    return sorted(field for field in desired if field not in current)


def update_body(current, desired):
    """Every field known: what the server reported, overridden by what the user set.

    A field neither reported nor set is left out, so its real value is kept.
    """
    body = {"uuid": current["uuid"]}
    for field in WRITABLE_FIELDS:
        if field in desired:
            body[field] = desired[field]
        elif field in current:
            body[field] = current[field]
    return body
