# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:

    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check mode and return the changed status it predicts, without sending any write.
    support: full
  diff_mode:
    description: Returns the before and after of what changed, or would change in check mode, when run with C(--diff).
    support: full
  idempotent:
    description: Run again with the same options, it reports C(changed=false) and sends no write.
    support: full
"""

    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    description: Only reads, so it runs the same in check mode.
    support: full
  diff_mode:
    description: Changes nothing, so there is no diff to show.
    support: N/A
  idempotent:
    description: Only reads.
    support: full
"""
