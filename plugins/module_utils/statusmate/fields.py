# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The fields of a Statusmate component and how its path is written. A leaf (it imports nothing), for filters too.
"""

IMPACTS = ("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage")
WRITABLE_FIELDS = ("index", "name", "description", "parent", "histogram", "start_date",
                   "collapse", "enabled", "private", "impact")
INDEX_RANGE = (0, 32767)
NAME_MAX_LENGTH = 255

# The options that describe a component, shared by the single and the plural module.
COMPONENT_FIELD_SPEC = dict(
    name=dict(type="str"),
    description=dict(type="str"),
    index=dict(type="int"),
    impact=dict(type="str", choices=list(IMPACTS)),
    histogram=dict(type="bool"),
    collapse=dict(type="bool"),
    enabled=dict(type="bool"),
    private=dict(type="bool"),
    start_date=dict(type="str"),
)
# Between the names of a component's path, from the top level down (Website/CDN).
SEPARATOR = "/"
