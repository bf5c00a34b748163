# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub Public API v3: its rules of connection and the Hub, the client bound to one hub, with its paths.
"""

import re

from ansible_collections.statusops.status.plugins.module_utils.answers import OBJECT, Identified
from ansible_collections.statusops.status.plugins.module_utils.client import api_path
from ansible_collections.statusops.status.plugins.module_utils.errors import ApiError, ForeignAnswer

API_VERSION = "V3-R1"
# Documented per-key limits: 30 GET requests and 5 other requests a second.
RATE_LIMITS = {"GET": 30, "OTHER": 5}
# assumed: the largest page size the API accepts (the vendor's example uses 25).
MAX_PER_PAGE = 100
# Reads ask for the flags, so that a soft-deleted object is seen as deleted (deletes are soft).
FLAGS_QUERY = {"extend": "flags"}
# What a create answers: the object with its new id (every id in a hub is an integer).
CREATED = Identified("id")
# A hub is a subdomain: one DNS label (RFC 1123), so that it can only ever be one segment of the path.
SUBDOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def hub_errors(hub):
    if isinstance(hub, str) and SUBDOMAIN.fullmatch(hub):
        return []
    return ["hub must be the hub's subdomain, 1 to 63 letters, digits and hyphens, not starting or ending with a "
            "hyphen (like acme), got %r" % (hub,)]


def hub_place(params):
    """Where a set module's runs take turns (ansible_module.turn_on): the hub, by its subdomain."""
    return ("hub", params["hub"].lower())


def is_deleted(item):
    return bool((item.get("flags") or {}).get("deleted"))


class Hub:
    """The API client bound to one hub: paths are relative to /hubs/{subdomain}."""

    def __init__(self, api, hub):
        self.api = api
        self.prefix = api_path("/hubs/%s", hub)

    def get(self, path, query=None):
        return self.api.get(self.prefix + path, query)

    def read(self, path, flags=True):
        """The one object at path, or None when there is none: the API's 404, or soft-deleted.

        flags=False for a resource without soft deletes (nor flags to ask for).
        """
        try:
            item = self.get(path, FLAGS_QUERY if flags else None)
        except ApiError as exc:
            if exc.status == 404 and not isinstance(exc, ForeignAnswer):
                return None
            raise
        return None if is_deleted(item) else item

    def post(self, path, body, expect=OBJECT):
        return self.api.post(self.prefix + path, body, expect=expect)

    def put(self, path, body):
        return self.api.put(self.prefix + path, body)

    def delete(self, path):
        return self.api.delete(self.prefix + path)

    def list(self, path, query=None):
        """Every item of a paginated list, all pages read."""
        return self.api.paginate(self.prefix + path, query, per_page=MAX_PER_PAGE)

    def live(self, path, query=None):
        """Every item of a paginated list but the soft-deleted ones."""
        return [item for item in self.list(path, query) if not is_deleted(item)]
