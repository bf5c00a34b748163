# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pieces of the Statusmate module tests: the page's URLs and token, list items, module arguments."""

URL = "https://status.example.test"
TOKEN = "page-token-123"
LIST = URL + "/api-components-list/"
CREATE = URL + "/api-components-create/"
UPDATE = URL + "/api-components-update/%s/"
DELETE = URL + "/api-components-delete/%s/"


def item(uuid, name, description="", impact="operational"):
    """A component as the abbreviated list reports it."""
    return {"uuid": uuid, "name": name, "description": description, "impact": impact}


WEBSITE = item("w-1", "Website")
CDN = item("c-1", "CDN", "edge")
# Two components named Edge: one under WEBSITE, one at the top level.
CHILD_EDGE = item("e-1", "Edge")
TOP_EDGE = item("e-2", "Edge")


def args(**extra):
    return dict(dict(api_url=URL, api_token=TOKEN), **extra)


def patient_args(**extra):
    """args, retrying for up to a minute (a lost answer is retried or looked up, not given up on)."""
    return args(retry_timeout=60, **extra)
