# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter of the alert_status role: an Alertmanager notification as the status changes it asks for."""

from ansible_collections.statusops.status.plugins.module_utils.alertmanager import (
    DEFAULT_RESOLVED_IMPACT,
    notification_changes,
)


def alert_status_changes(payload, impacts=None, resolved_impact=DEFAULT_RESOLVED_IMPACT, maintenances=None,
                         services=None):
    return notification_changes(payload, impacts, resolved_impact, maintenances=maintenances,
                                services=services).as_dict()


class FilterModule:

    def filters(self):
        return {"alert_status_changes": alert_status_changes}
