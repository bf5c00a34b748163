# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""StatusHub Public API v3: connection, paths and the hub's resources."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.statusops.status.plugins.module_utils.common import build_client, connection_spec
from ansible_collections.statusops.status.plugins.module_utils.reconcile import ReconcileError, single_match

API_VERSION = "V3-R1"
# Documented per-key limits: 30 GET requests and 5 other requests a second.
RATE_LIMITS = {"GET": 30, "OTHER": 5}
# assumed: the largest page size the API accepts (the vendor's example uses 25).
MAX_PER_PAGE = 100


def argument_spec(**extra):
    spec = connection_spec("STATUSHUB_API_URL", None, "api_key", "STATUSHUB_API_KEY",
                           extra=dict(hub=dict(type="str", required=True, fallback=(env_fallback, ["STATUSHUB_HUB"]))))
    spec.update(extra)
    return spec


class Hub:
    """The API client bound to one hub: paths are relative to /hubs/{subdomain}."""

    def __init__(self, module):
        self.api = build_client(module, "api_key", default_query={"api_version": API_VERSION}, rate_limits=RATE_LIMITS)
        self.api.set_concurrency(module.params.get("concurrency") or 1)
        self.prefix = "/hubs/%s" % module.params["hub"]

    def get(self, path, query=None):
        return self.api.get(self.prefix + path, query)

    def post(self, path, body):
        return self.api.post(self.prefix + path, body)

    def put(self, path, body):
        return self.api.put(self.prefix + path, body)

    def delete(self, path):
        return self.api.delete(self.prefix + path)

    def list(self, path, query=None):
        """Every item of a paginated list, all pages read."""
        return self.api.paginate(self.prefix + path, query, per_page=MAX_PER_PAGE)


class ServiceNames:
    """Resolves services named by name or by id; the hub's services are read once."""

    def __init__(self, hub):
        self.hub = hub
        self._services = None

    @property
    def services(self):
        if self._services is None:
            self._services = self.hub.list("/services")
        return self._services

    def id_of(self, reference):
        """The id of the service named by id or by name; unknown or ambiguous names fail."""
        text = str(reference)
        if text.isdigit() and any(service["id"] == int(text) for service in self.services):
            return int(text)
        matches = [service for service in self.services if service["name"] == text]
        if not matches:
            raise ReconcileError("service %r: the hub has no service with that name or id" % text)
        return single_match(matches, "service %r" % text, "service")["id"]

    def name_of(self, service_id):
        for service in self.services:
            if service["id"] == service_id:
                return service["name"]
        return str(service_id)

    def all_ids(self):
        return sorted(service["id"] for service in self.services)
