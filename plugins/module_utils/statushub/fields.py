# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

What StatusHub incidents and maintenances say of services, and the rule of their titles. A leaf (standard library
only), for filters too.
"""

import re

SERVICE_STATUSES = ("up", "degraded-performance", "down")
# Titles are plain text (API_CONTRACT.md): an HTML tag or character reference is not.
HTML_MARKUP = re.compile(r"<[A-Za-z/!?]|&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def title_errors(params):
    """A title must be plain text, and not blank."""
    title = params.get("title")
    if title is None:
        return []
    if not title.strip():
        return ["title must not be blank, got %r" % title]
    if HTML_MARKUP.search(title):
        return ["title must be plain text, without HTML tags or entities, got %r" % title]
    return []
