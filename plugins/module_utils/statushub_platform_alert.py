# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub platform alert: the one hub-wide alert, set, changed or cleared.
"""

from ansible_collections.statusops.status.plugins.module_utils.common import stored_text
from ansible_collections.statusops.status.plugins.module_utils.errors import ReconcileError
from ansible_collections.statusops.status.plugins.module_utils.reconcile import Resource

# assumed (API_CONTRACT.md): the concept is documented, the path is not. GET answers 404 when the hub
# has no alert, PUT sets it (a partial update once it exists), DELETE clears it.
PLATFORM_ALERT_PATH = "/platform_alert"
FIELDS = ("title", "body")


class PlatformAlert(Resource):
    """The hub's platform alert: there is at most one, so it needs no key."""

    def __init__(self, hub, params):
        self.hub = hub
        self.params = params

    def find(self):
        return self.hub.read(PLATFORM_ALERT_PATH, flags=False)

    def desired(self):
        return dict((field, self.params[field]) for field in FIELDS if self.params.get(field) is not None)

    def normalise(self, field, value):
        return stored_text(value)

    def creation_body(self, desired):
        if not desired.get("title"):
            raise ReconcileError("the hub has no platform alert; title is required to set one")
        return desired

    def create(self, desired):
        return self.hub.put(PLATFORM_ALERT_PATH, self.creation_body(desired))

    def update(self, current, desired, changes):
        return self.hub.put(PLATFORM_ALERT_PATH, changes)

    def delete(self, current):
        self.hub.delete(PLATFORM_ALERT_PATH)

    def preview(self, current, desired):
        if current is None:
            return dict(self.creation_body(desired))
        return super().preview(current, desired)
