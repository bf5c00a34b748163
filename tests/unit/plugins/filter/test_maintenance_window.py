# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import re

import pytest

from ansible_collections.statusops.status.plugins.filter.maintenance_window import (
    FilterModule,
    maintenance_window_services,
    maintenance_window_silence,
)


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
    assert sorted(FilterModule().filters()) == ["maintenance_window_services", "maintenance_window_silence"]


def test_a_statusmate_window_silences_each_component_as_it_names_it():
    silence = maintenance_window_silence("Deploy 2.4.1", "statusmate", ["Shop/Check out (EU)", "API", "API"],
                                         place="https://status.statusmate.top")
    assert silence == {
        "created_by": "statusops.status.maintenance_window",
        "comment": "Deploy window 'Deploy 2.4.1' on Statusmate page https://status.statusmate.top",
        "matchers": [{"name": "statusmate_component", "value": r"API|Shop/Check\ out\ \(EU\)", "is_regex": True}]}
    pattern = re.compile(silence["matchers"][0]["value"])
    assert [value for value in ("API", "Shop/Check out (EU)", "Shop/Check out EU", "APIs")
            if pattern.fullmatch(value)] == ["API", "Shop/Check out (EU)"]


def test_a_statushub_window_silences_its_services_by_name():
    silence = maintenance_window_silence("Deploy 2.4.1", "statushub", services=["API", {"name": "Web+", "status": "down"}],
                                         place="acme")
    assert silence["comment"] == "Deploy window 'Deploy 2.4.1' on StatusHub hub acme"
    assert silence["matchers"] == [{"name": "statushub_service", "value": r"API|Web\+", "is_regex": True}]


def test_a_statushub_window_without_services_silences_nothing():
    assert maintenance_window_silence("Deploy 2.4.1", "statushub", services=[], place="acme")["matchers"] == []
