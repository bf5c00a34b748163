# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  concurrency:
    description:
      - The most requests the task has in flight at once, from V(1) to V(100).
      - Changes that do not depend on one another are sent side by side, and so are the reads that can be (the
        pages of a list, the children of several groups). A dependent change waits for the one it needs (a
        component is created after its group, a group is deleted after its components).
      - V(1) sends one request after another, in the order the results list them. Whatever the value, the results
        are listed in that order, and the API's rate limits hold for all requests together; a C(429) answer's
        C(Retry-After) holds back every request of the task.
    type: int
    default: 10
"""
