# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

import re

from ansible_collections.statusops.status.plugins.filter.maintenance_window_silence import (
    FilterModule,
    maintenance_window_silence,
)


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


def test_the_filter_is_offered():
    assert sorted(FilterModule().filters()) == ["maintenance_window_silence"]
