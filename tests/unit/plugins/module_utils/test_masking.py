# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from urllib.parse import quote, quote_plus

import pytest

from ansible_collections.statusops.status.plugins.module_utils.masking import mask_pattern, masked, spellings

HOOK = "https://hooks.example.com/in/T0/B0/Hook+Secret?sig=Ab/Cd"


@pytest.mark.parametrize("echo", [
    HOOK, HOOK.lower(), HOOK.upper(), quote(HOOK, safe=""), quote(HOOK, safe="").lower(), quote(HOOK), quote_plus(HOOK),
    HOOK.replace("/", "\\/"), "hooks.example.com/in/T0/B0/Hook+Secret?sig=Ab/Cd", "/in/T0/B0/Hook+Secret?sig=Ab/Cd",
    "/in/T0/B0/Hook+Secret", "/in/t0/b0/hook+secret", quote("/in/T0/B0/Hook+Secret", safe=""),
    "/In/t0/B0/hOOk+sEcret",
])
def test_a_url_is_masked_in_every_spelling(echo):
    text = masked("the hook %s refused" % echo, mask_pattern([HOOK]))
    assert text == "the hook ******** refused"


def test_a_short_derived_spelling_is_not_masked_but_the_secret_is():
    assert "/" not in spellings("https://hooks.example.com/")
    assert "abc" in spellings("abc")
    assert masked("a/b abc ABC", mask_pattern(["abc"])) == "a/b ******** ********"


def test_masked_goes_through_keys_values_and_lists_and_keeps_other_types():
    pattern = mask_pattern(["t0ken-value"])
    body = {"errors": {"T0KEN-VALUE": ["bad T0ken-Value", 3, None, True]}}
    assert masked(body, pattern) == {"errors": {"********": ["bad ********", 3, None, True]}}
    assert masked(body, None) is body
    assert mask_pattern([None, ""]) is None


def test_the_credentials_of_a_header_value_are_masked_without_their_scheme():
    assert masked("token HDR-T0KEN-XYZ expired", mask_pattern(["Bearer hdr-t0ken-xyz"])) == "token ******** expired"
