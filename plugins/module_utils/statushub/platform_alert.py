# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

StatusHub platform alert: the one hub-wide alert, set, changed or cleared.
"""

from ansible_collections.statusops.status.plugins.module_utils.kinds import Field, Kind

# assumed (API_CONTRACT.md): the concept is documented, the path is not. GET answers 404 when the hub
# has no alert, PUT sets it (a partial update once it exists), DELETE clears it.
PLATFORM_ALERT = Kind(
    "platform alert", "hub", "/platform_alert",
    fields=(Field("title", empty="", trim="compared"), Field("body", empty="", trim="compared")),
    soft_delete=False, create_verb="put", required=("title",),
)
