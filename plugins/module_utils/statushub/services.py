# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub services: their declaration (a regular kind), and services named by name or id resolved.
"""

from ansible_collections.statusops.status.plugins.module_utils.checks import name_rule
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.kinds import Endpoints, Field, Kind
from ansible_collections.statusops.status.plugins.module_utils.reconcile import single_match
from ansible_collections.statusops.status.plugins.module_utils.statushub.hub import CREATED

# assumed: the longest service name the API accepts (the simulator's limit for titles).
NAME_MAX_LENGTH = 255

# assumed (contract): a service has the writable fields name and description, nothing else. Deletes are soft, as for
# subscriptions: a deleted service stays readable with flags.deleted and no longer counts (it is not found by name,
# counted, pruned or subscribed to), so lists ask for the live ones and check the flag too.
SERVICE = Kind(
    "service", "hub", "/services",
    fields=(Field("name", checks=[name_rule(NAME_MAX_LENGTH)]), Field("description", empty="", trim="sent")),
    key="name", list_query={"deleted": "false", "extend": "flags"}, shaped=True, created=CREATED,
)


class ServiceNames:
    """Resolves services named by name or by id; the hub's live services are read once.

    planned names the services an earlier task of the same run would create (check mode): they resolve as if the hub
    had them, with a negative id (the API's ids are positive) that is shown as null.
    """

    def __init__(self, hub, planned=()):
        self.hub = hub
        self.planned = planned
        self._services = None

    @property
    def services(self):
        if self._services is None:
            live = Endpoints(self.hub, SERVICE).list()
            on_hub = set(service["name"] for service in live)
            to_come = [name for name in dict.fromkeys(self.planned) if name not in on_hub]
            self._services = live + [{"id": -number, "name": name} for number, name in enumerate(to_come, 1)]
        return self._services

    def shown(self, service_id):
        """The service as a preview shows it: a planned one has no id yet."""
        return {"id": service_id if service_id > 0 else None, "name": self.name_of(service_id)}

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
