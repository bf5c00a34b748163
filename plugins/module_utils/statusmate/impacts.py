# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

The impacts of several existing components of one Statusmate page, set in one task: every reference (a path or a
uuid) resolved before any write, then one update per component whose impact differs, side by side.
"""

from ansible_collections.statusops.status.plugins.module_utils.executor import Change, ChangeRun
from ansible_collections.statusops.status.plugins.module_utils.statusmate.components import set_impact
from ansible_collections.statusops.status.plugins.module_utils.statusmate.fields import IMPACTS, SEPARATOR
from ansible_collections.statusops.status.plugins.module_utils.statusmate.page import read_page


def validation_errors(impacts, option="impacts"):
    """Messages naming every reference that is no path or uuid, and every impact the API does not know."""
    errors = []
    for reference, impact in impacts.items():
        if not isinstance(reference, str) or not reference.strip() or "" in reference.split(SEPARATOR):
            errors.append("%s: %r is neither a component path like Website/CDN nor a uuid" % (option, reference))
        if impact not in IMPACTS:
            errors.append("%s[%r] must be one of %s, got %r" % (option, reference, ", ".join(IMPACTS), impact))
    return errors


class ImpactRun:
    """Sets the impacts; before(), after() and updated() say, by path, what the page showed, shows and was written."""

    def __init__(self, components, impacts, check_mode=False, concurrency=1):
        self.components = components
        self.impacts = impacts
        self.check_mode = check_mode
        self.concurrency = concurrency
        self.found = []  # (component, path, impact wanted)
        self.run = None

    def carry_out(self):
        """Read the page, resolve every reference (an error names each unknown one: nothing written), then write."""
        if not self.impacts:
            return self
        page = read_page(self.components).read_paths()
        references = list(self.impacts)
        items = page.resolve_paths(references, option="impacts")
        self.found = [(item, page.paths[item["uuid"]], self.impacts[reference]) for item, reference in zip(items, references)]
        changes = [Change(path, "update", self._setter(item, impact), lambda _results: None)
                   for item, path, impact in self.found if item.get("impact") != impact]
        self.run = ChangeRun(changes, self.concurrency, self.check_mode)
        self.run.run()
        return self

    def _setter(self, item, impact):
        return lambda _results: set_impact(self.components, item, impact)

    def updated(self):
        """{path: impact} of the components updated (in check mode, that would be), in the order given."""
        if self.run is None:
            return {}
        done = set(change.key for change in self.run.done())
        return dict((path, impact) for _item, path, impact in self.found if path in done)

    @property
    def changed(self):
        return bool(self.updated())

    def before(self):
        return dict((path, item.get("impact")) for item, path, _impact in self.found)

    def after(self):
        return dict(self.before(), **self.updated())
