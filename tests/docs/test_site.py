# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The documentation site as headless Chromium renders it: a module page and a guide show
their option tables and code blocks.

Run by `scripts/test` (step `site`) on the site `scripts/docs` built; the site's directory is
in the environment variable STATUSOPS_DOCS_SITE.
"""

import os
import subprocess
import tempfile

try:
    from html.parser import HTMLParser
except ImportError:  # Python 2 has no html.parser; these tests run on the controller only
    HTMLParser = object

import pytest
import yaml

from ansible_collections.statusops.status.plugins.modules import statushub_maintenance

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


@pytest.fixture(scope="module")
def site():
    path = os.environ.get("STATUSOPS_DOCS_SITE")
    assert path, "set STATUSOPS_DOCS_SITE to the directory scripts/docs built"
    assert os.path.isfile(os.path.join(path, "index.html")), "no index.html in %s" % path
    return path


class Dom(HTMLParser):
    """What a page shows: option titles in option tables, code blocks, headings, stylesheets."""

    def __init__(self):
        HTMLParser.__init__(self)
        self.option_tables = 0
        self.option_titles = []
        self.code_blocks = []
        self.highlighted_tokens = 0
        self.headings = []
        self.stylesheets = []
        self._text = None
        self._capture = None
        self._pre_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "table" and "ansible-option-table" in classes:
            self.option_tables += 1
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href", "").split("?")[0])
        elif tag == "pre":
            self._pre_depth += 1
            self._start("code_blocks")
        elif tag == "span" and self._pre_depth and classes:
            self.highlighted_tokens += 1
        elif tag in ("h1", "h2"):
            self._start("headings")
        elif tag == "p" and "ansible-option-title" in classes:
            self._start("option_titles")

    def _start(self, capture):
        if self._capture is None:
            self._capture, self._text = capture, []

    def handle_endtag(self, tag):
        if tag == "pre":
            self._pre_depth -= 1
        ends = {"code_blocks": ("pre",), "headings": ("h1", "h2"), "option_titles": ("p",)}
        if self._capture and tag in ends[self._capture]:
            getattr(self, self._capture).append("".join(self._text).strip())
            self._capture = self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def render(site, page):
    """The page's DOM after Chromium loaded it and ran its scripts."""
    with tempfile.TemporaryDirectory(prefix="statusops-chromium-") as profile:
        dom = subprocess.run(
            ["chromium"] + list(CHROMIUM_FLAGS) + ["--user-data-dir=" + profile, "--virtual-time-budget=5000",
                                                   "--dump-dom", "file://" + os.path.join(site, page)],
            check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120,
        ).stdout.decode("utf-8")
    parsed = Dom()
    parsed.feed(dom)
    return parsed


def assert_stylesheets_exist(site, page, dom):
    assert any(href.endswith("ansible.css") for href in dom.stylesheets), dom.stylesheets
    for href in dom.stylesheets:
        assert os.path.isfile(os.path.normpath(os.path.join(site, os.path.dirname(page), href))), href


def test_module_page_shows_every_option_and_the_examples(site):
    page = "statushub_maintenance_module.html"
    dom = render(site, page)
    documented = set(yaml.safe_load(statushub_maintenance.DOCUMENTATION)["options"])
    assert dom.headings[0].startswith("statusops.status.statushub_maintenance module")
    assert dom.option_tables >= 2  # options and return values
    assert documented <= set(dom.option_titles), documented - set(dom.option_titles)
    examples = [block for block in dom.code_blocks if "statusops.status.statushub_maintenance:" in block]
    assert examples and "start_time: now" in examples[0]
    assert dom.highlighted_tokens > 50  # the examples are syntax highlighted, not plain text
    assert_stylesheets_exist(site, page, dom)


def test_guide_shows_both_patterns_with_their_code(site):
    page = "docsite/guide_maintenance_windows.html"
    dom = render(site, page)
    assert dom.headings[0].startswith("Maintenance windows around deploys")
    assert any(heading.startswith("Pattern 1: one play") for heading in dom.headings), dom.headings
    assert any(heading.startswith("Pattern 2: two pipeline steps") for heading in dom.headings), dom.headings
    one_play = [block for block in dom.code_blocks if "always:" in block and "tasks_from: close" in block]
    assert one_play, dom.code_blocks
    two_steps = [block for block in dom.code_blocks if "state: completed" in block and "memory_dir:" in block]
    assert two_steps, dom.code_blocks
    assert dom.highlighted_tokens > 50
    assert_stylesheets_exist(site, page, dom)


def test_front_page_links_every_module_role_and_guide(site):
    with open(os.path.join(site, "index.html")) as handle:
        index = handle.read()
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(os.path.dirname(statushub_maintenance.__file__)))
                     if name.endswith(".py") and not name.startswith("_"))
    roles_dir = os.path.join(os.path.dirname(statushub_maintenance.__file__), "..", "..", "roles")
    pages = ["%s_module.html" % name for name in modules] + ["%s_role.html" % name for name in sorted(os.listdir(roles_dir))]
    pages += ["docsite/%s.html" % name[:-4] for name in sorted(os.listdir(os.path.join(roles_dir, "..", "docs", "docsite", "rst")))]
    missing = [page for page in pages if 'href="%s"' % page not in index or not os.path.isfile(os.path.join(site, page))]
    assert not missing
