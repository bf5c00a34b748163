# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

Only the API's answers count: the shape each request expects of its answer's body (OBJECT, LIST, ENVELOPE, ANY_JSON,
Identified), and why a body, or the pages of one paginated read, are not the API's answer. Standard library only.
"""

import math

# What a request expects the body of its answer to be (API_CONTRACT.md, "Answers that are not the API's"); anything
# else is not the API's answer, whatever its status.
OBJECT = "a JSON object"
LIST = "a JSON array of objects"
ENVELOPE = "the paginated list envelope"
ANY_JSON = "JSON or no body"
ENVELOPE_NUMBERS = ("current_page", "page_count", "per_page", "total")


class Identified:
    """What a create expects: the object, with the id the API gave it under key."""

    def __init__(self, key):
        self.key = key

    def __str__(self):
        return "a JSON object with its %s" % self.key


def body_problem(response, expect):
    """What an answer's body is when it is not what expect says, else None."""
    if not response.content:
        return None if expect == ANY_JSON else "no body"
    media_type = (response.headers.get("Content-Type") or "").partition(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        return "a body that is not JSON"
    try:
        body = response.json()
    except ValueError:
        return "a body that is not whole JSON (cut short, or not JSON)"
    return _shape_problem(body, expect)


def _shape_problem(body, expect):
    if expect == ANY_JSON:
        return None
    if expect == LIST:
        if not isinstance(body, list):
            return _json_kind(body)
        return None if all(isinstance(item, dict) for item in body) else "a JSON array holding values other than objects"
    if not isinstance(body, dict):
        return _json_kind(body)
    if isinstance(expect, Identified) and body.get(expect.key) in (None, ""):
        return "a JSON object without its %s" % expect.key
    if expect == ENVELOPE:
        if not isinstance(body.get("data"), list) or not all(isinstance(item, dict) for item in body["data"]):
            return "a JSON object without a data array of objects"
        wrong = [key for key in ENVELOPE_NUMBERS if isinstance(body.get(key), bool)
                 or not isinstance(body.get(key), int) or body[key] < (1 if key in ("current_page", "per_page") else 0)]
        if wrong:
            return "a JSON object whose %s %s not a count" % (" and ".join(wrong), "is" if len(wrong) == 1 else "are")
    return None


def _json_kind(value):
    if value is None:
        return "JSON null"
    for kind, name in ((bool, "a JSON boolean"), (dict, "a JSON object"), (list, "a JSON array"), (str, "a JSON string")):
        if isinstance(value, kind):
            return name
    return "a JSON number"


def page_count_problem(first):
    """Why the first page's page_count cannot be right for its total, or None."""
    if first["current_page"] != 1:
        return "page 1 was answered as page %s" % first["current_page"]
    due = math.ceil(first["total"] / first["per_page"])
    if first["page_count"] == due or (due == 0 and first["page_count"] == 1):
        return None
    return "page_count %s where a total of %s at %s a page makes %s" % (
        first["page_count"], first["total"], first["per_page"], max(due, 1))


def pages_problem(pages, id_key):
    """Why the pages of one read are not one consistent list, or None."""
    first, count, seen = pages[0], len(pages), set()
    for number, envelope in enumerate(pages, 1):
        if envelope["current_page"] != number:
            return "page %s was answered as page %s" % (number, envelope["current_page"])
        for key in ("total", "page_count", "per_page"):
            if envelope[key] != first[key]:
                return "%s moved from %s to %s between page 1 and page %s" % (key, first[key], envelope[key], number)
        due = first["per_page"] if number < count else first["total"] - (count - 1) * first["per_page"]
        if len(envelope["data"]) != due:
            return "page %s of %s held %s items where %s were due" % (number, count, len(envelope["data"]), due)
        for identity in [item.get(id_key) for item in envelope["data"] if item.get(id_key) is not None]:
            if identity in seen:
                return "item %s %s was seen twice" % (id_key, identity)
            seen.add(identity)
    return None
