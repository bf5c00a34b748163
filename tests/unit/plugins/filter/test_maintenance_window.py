# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.statusops.status.plugins.filter.maintenance_window_services import FilterModule, maintenance_window_services


def test_services_take_the_module_shape():
    assert maintenance_window_services(["API", {"name": "DB", "status": "down"}, {"name": "Web"}]) == [
        {"service": "API", "status": "degraded-performance"},
        {"service": "DB", "status": "down"},
        {"service": "Web", "status": "degraded-performance"},
    ]
    assert maintenance_window_services(None) == []


@pytest.mark.parametrize("item", [{"name": "DB", "status": "sleepy"}, 3, " ", {"name": "DB", "state": "down"},
                                  {"status": "down"}])
def test_an_item_that_is_no_service_fails_naming_its_position_and_value(item):
    with pytest.raises(ValueError) as failure:
        maintenance_window_services(["API", item])
    assert str(failure.value) == ("maintenance_window_services[1] must be a service name or a dict with name and "
                                  "status (up, degraded-performance, down), got %r" % (item,))


def test_the_role_private_checks_are_gone():
    assert sorted(FilterModule().filters()) == ["maintenance_window_services"]
