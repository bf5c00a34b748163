# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

A secret hidden in every spelling a server may echo it in: quoted, re-cased, JSON-escaped, a URL's parts.
"""

import json
import re
from urllib.parse import quote, quote_plus, urlsplit

MASK = "********"
# A derived spelling shorter than this (a path such as "/" or "/a") is ordinary text that masking would mangle
# wherever it occurs; the secret itself is masked whatever its length.
MIN_DERIVED_LENGTH = 6


def spellings(secret):
    """The texts the secret may come back as: as it is, URL-quoted (with and without safe characters, + for
    spaces), JSON-escaped (also with an escaped /), in lower and upper case; for a header value such as
    "Bearer <token>" also the credentials after the scheme; for a URL also without its scheme, and its path with
    and without the query (the forms without the host)."""
    secret = str(secret)
    forms = set([secret, secret.partition(" ")[2].strip()])
    try:
        parts = urlsplit(secret)
    except ValueError:
        parts = None
    if parts is not None and parts.scheme and parts.netloc:
        query = "?" + parts.query if parts.query else ""
        forms.update([parts.netloc + parts.path + query, "//" + parts.netloc + parts.path + query,
                      parts.path + query, parts.path])
    quoted = set()
    for form in forms:
        escaped = json.dumps(form)[1:-1]
        quoted.update([form, quote(form, safe=""), quote(form, safe="/"), quote(form, safe=":/?&="),
                       quote_plus(form), quote_plus(form, safe="/:"), escaped, escaped.replace("/", "\\/")])
    every = set()
    for form in quoted:
        every.update([form, form.lower(), form.upper()])
    return set(form for form in every if form == secret or len(form) >= MIN_DERIVED_LENGTH)


def mask_pattern(secrets):
    """One pattern matching every spelling of the secrets, whatever its case; None when there is no secret."""
    every = set()
    for secret in secrets:
        if secret:
            every.update(spellings(secret))
    return literal_pattern(every)


def literal_pattern(texts):
    """One pattern matching each of the texts, whatever its case, the longest first (so that a secret containing
    another is masked whole); None when there is none."""
    texts = [text for text in texts if text]
    if not texts:
        return None
    return re.compile("|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True)), re.IGNORECASE)


def masked(value, pattern):
    """The value (a text, or a JSON document: keys and values) with every match of pattern replaced by MASK."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(MASK, value)
    if isinstance(value, dict):
        return dict((masked(key, pattern), masked(item, pattern)) for key, item in value.items())
    if isinstance(value, list):
        return [masked(item, pattern) for item in value]
    return value
