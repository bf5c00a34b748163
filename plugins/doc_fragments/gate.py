# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Seconds to wait until nothing blocks, from V(0) (look once) to V(86400) (a day).
      - While something blocks, the gate looks again every O(interval) seconds; the last look is when O(wait) is spent,
        never after.
    type: int
    default: 0
  interval:
    description:
      - Seconds between two looks while waiting, from V(1) to V(3600).
    type: int
    default: 10
attributes:
  check_mode:
    details:
      - The gate only reads, so check mode looks, waits and passes or fails exactly as a normal run does.
notes:
  - A gate never writes. Every name is resolved at the first look, before any wait, and one that names nothing fails
    the task at once; O(wait) and O(interval) are checked before any request.
  - The task takes at most O(wait) seconds plus one look (each request bounded by O(timeout), the retries of the
    whole task by O(retry_timeout)); its reads are paced like every other request of the collection.
"""
