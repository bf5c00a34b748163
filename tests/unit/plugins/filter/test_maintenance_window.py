# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.statusops.status.plugins.filter.maintenance_window import (
    maintenance_window_errors,
    maintenance_window_services,
)


def test_statushub_variables_are_checked_and_statusmate_ones_ignored():
    errors = maintenance_window_errors({"provider": "statushub", "name": " ", "duration": 0,
                                        "services": ["API", {"name": "DB", "status": "sleepy"}, 3],
                                        "components": ["Website//CDN"]})
    assert errors == [
        "maintenance_window_name must name the window (like 'Deploy 2.4.1'), got ' '",
        "maintenance_window_duration must be at least 1 (minutes), got 0",
        "maintenance_window_services[1] must be a service name or a dict with name and status (up, "
        "degraded-performance, down), got {'name': 'DB', 'status': 'sleepy'}",
        "maintenance_window_services[2] must be a service name or a dict with name and status (up, "
        "degraded-performance, down), got 3",
    ]


def test_statusmate_variables_are_checked_with_the_module_rules_and_statushub_ones_ignored():
    errors = maintenance_window_errors({"provider": "statusmate", "name": "Deploy", "duration": 0,
                                        "services": [3], "components": ["API", "API", "/CDN"]})
    assert errors == [
        "maintenance_window_components[1] lists 'API' again (first as maintenance_window_components[0])",
        "maintenance_window_components[2] is not a component path like Website/CDN nor a uuid: '/CDN'",
    ]
    assert maintenance_window_errors({"provider": "statusmate", "name": "Deploy", "components": []}) == [
        "maintenance_window_components must list at least one component (a path like Website/CDN, or a uuid) to "
        "open a window"]


def test_services_take_the_module_shape():
    assert maintenance_window_services(["API", {"name": "DB", "status": "down"}, {"name": "Web"}]) == [
        {"service": "API", "status": "degraded-performance"},
        {"service": "DB", "status": "down"},
        {"service": "Web", "status": "degraded-performance"},
    ]
