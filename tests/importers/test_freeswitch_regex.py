"""FreeSWITCH regex entries as ivrkit extension patterns (issue 11 review): bounded time for long counts, regexes
not anchored at both ends made exact within the keys the menu collects, several regex entries with one action
joined in one `patterns` list, and remarks that say what is true of the regex at hand.

switch_ivr_menu_execute (src/switch_ivr_menu.c) collects up to digit-len keys (# ends them early and is not
kept), then tries each entry: a regex entry with switch_regex_perform, i.e. a PCRE search, unanchored where the
regex has no `^` or `$`.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ivrkit.importers import convert, load_any
from ivrkit.importers.freeswitch import _to_patterns
from ivrkit.keypatterns import compile_pattern

from .conftest import run_ivrkit


def _menu(tmp_path: Path, *entries: str, digit_len: str = "4", name: str = "ivr.xml") -> Path:
    rows = "\n".join(f"    {entry}" for entry in entries)
    path = tmp_path / name
    path.write_text(
        f"""<include>
  <menu name="m" greet-long="say:Press 1 for sales, or dial an extension." timeout="5000"
        inter-digit-timeout="2000" max-failures="3" max-timeouts="3" digit-len="{digit_len}">
    <entry action="menu-exec-app" digits="1" param="transfer 1000 XML default"/>
{rows}
  </menu>
</include>
""",
        encoding="utf-8",
    )
    return path


def _regex_entry(regex: str, param: str = "transfer $1 XML default", action: str = "menu-exec-app") -> str:
    return f'<entry action="{action}" digits="/{regex}/" param="{param}"/>'


# -- 1. a long count is given up at once -----------------------------------------------------------------


def test_a_count_of_20000_digits_imports_in_bounded_time(tmp_path):
    """`\\d{1,20000}` used to spell out every count as a string (killed after 60 s; {1,2000} took 2.4 s)."""
    path = _menu(tmp_path, _regex_entry(r"^(\d{1,20000})$"))
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "import", str(path)], capture_output=True, check=False, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert "Traceback" not in result.stderr
    assert (
        "the digit pattern `/^(\\d{1,20000})$/` takes up to 20000 keys, more than an extension can have (16), "
        "so ivrkit cannot express it; kept under x-unmapped"
    ) in result.stderr
    assert "entry /^(\\d{1,20000})$/" in result.stdout  # the regex is kept under x-unmapped
    assert "m_ext" not in result.stdout  # no node that nothing leads to (it was a false ST002)


@pytest.mark.parametrize(
    "regex",
    [r"^(\d{1,20000})$", r"^(\d{17})$", r"^\d{20000,}$", r"^((\d{4}){5})$", r"^([0-\uffff])$", r"^(\d{1,16}){1,16}$"],
)
def test_long_counts_give_up_quickly(regex):
    started = time.monotonic()
    assert _to_patterns(regex, 4) is None
    assert time.monotonic() - started < 1


def test_a_regex_kept_unmapped_makes_no_node(tmp_path):
    imported = convert(_menu(tmp_path, _regex_entry(r"^(\d{1,20000})$"), _regex_entry(r"^(\d{20})$")))
    assert set(imported.menu["nodes"]) == {"m", "m_1"}
    assert {"entry /^(\\d{1,20000})$/", "entry /^(\\d{20})$/"} <= set(imported.menu["x-unmapped"]["m"])
    _code, out, err = run_ivrkit("lint", str(tmp_path / "ivr.xml"))
    assert "ST002" not in out + err


def test_a_huge_digit_len_does_not_spell_out_lengths(tmp_path):
    """An unanchored regex pads up to the keys collected; a digit-len past 16 gives up instead of looping."""
    started = time.monotonic()
    assert _to_patterns(r"^(4\d\d)", 999_999_999) is None
    assert _to_patterns(r"^(4\d\d)", None) is None  # digit-len set outside the file: unknown
    assert time.monotonic() - started < 1


# -- 2. unanchored regexes are exact within digit-len ----------------------------------------------------


def test_a_regex_open_at_the_end_takes_more_keys_up_to_digit_len(tmp_path):
    path = _menu(tmp_path, _regex_entry(r"^(4\d\d)"))
    imported = convert(path)
    node = imported.menu["nodes"]["m"]
    assert node["extensions"] == {"patterns": ["4XX", "4XXX", "4XX*"], "goto": "m_ext"}
    assert node["max_digits"] == 4
    assert "extensions pattern" not in imported.menu.get("x-unmapped", {}).get("m", {})
    assert any(
        "`/^(4\\d\\d)/` is not anchored at both ends: FreeSWITCH searches the keys with it" in remark
        and "imported as the patterns 4XX, 4XXX, 4XX*" in remark
        for remark in imported.remarks
    )
    assert any(
        "`$1` of `/^(4\\d\\d)/` is the part of the keys the pattern matches, which can be fewer" in remark
        for remark in imported.remarks
    )


@pytest.mark.parametrize("press, reached", [("523#", False), ("4001", True), ("400#", True), ("40#", False)])
def test_calls_on_a_regex_open_at_the_end_match_freeswitch(tmp_path, press, reached):
    """523 is invalid in FreeSWITCH (it used to reach the extension); 4001 matches its unanchored search."""
    path = _menu(tmp_path, _regex_entry(r"^(4\d\d)"))
    code, out, err = run_ivrkit("call", str(path), "--press", press)
    assert code == 0, err
    keys = press.rstrip("#")
    if reached:
        assert f"at      m_ext  (via extension {keys})" in out
        assert f"transfer to number {keys} (a person)" in out
    else:
        assert f"`{keys}` is not an option" in out
        assert "m_ext" not in out


@pytest.mark.parametrize(
    "regex, digit_len",
    [
        (r"^(4\d\d)", 4),
        (r"(10[01][0-9])", 4),
        (r"(4\d)", 3),
        (r"^(4)", 3),
        (r"^(4)", 8),
        (r"5$", 3),
        (r"(2|3)\d", 3),
        (r"^(\*\d)", 3),
        (r"^9\d+", 3),
        (r"\d+$", 3),
        (r"^([3-5]\d\d)$", 4),
    ],
)
def test_imported_patterns_accept_exactly_what_freeswitch_matches(regex, digit_len):
    """Every string of keys FreeSWITCH can collect (digits and *, # ends the keys) up to digit-len: the
    imported patterns accept it exactly when a PCRE-style search of the regex finds a match. (Where the
    padding would need too many patterns, `*` among the extra keys is left out, and said.)"""
    translated = _to_patterns(regex, digit_len)
    assert translated is not None
    patterns = [compile_pattern(text) for text in translated.patterns]
    compiled = re.compile(regex)
    checked = 0
    for length in range(1, min(digit_len, 4) + 1):
        for keys in map("".join, itertools.product("0123456789*", repeat=length)):
            if translated.star_dropped and "*" in keys:
                continue
            expected = compiled.search(keys) is not None
            assert any(p.accepts(keys, 1, digit_len) for p in patterns) == expected, (regex, keys)
            checked += 1
    assert checked > 10


def test_star_among_many_extra_keys_is_left_out_with_a_remark(tmp_path):
    imported = convert(_menu(tmp_path, _regex_entry(r"^(4)"), digit_len="8"))
    patterns = imported.menu["nodes"]["m"]["extensions"]["patterns"]
    assert patterns == ["4", "4X", "4XX", "4XXX", "4XXXX", "4XXXXX", "4XXXXXX", "4XXXXXXX"]
    assert any(
        "FreeSWITCH also matches when `*` is among those further keys, the import does not" in remark
        for remark in imported.remarks
    )


def test_digit_len_set_elsewhere_keeps_an_open_regex_as_lengths(tmp_path):
    imported = convert(_menu(tmp_path, _regex_entry(r"^(4\d\d)"), digit_len="$${len}"))
    node = imported.menu["nodes"]["m"]
    assert "patterns" not in node["extensions"]
    assert imported.menu["x-unmapped"]["m"]["extensions pattern"] == "/^(4\\d\\d)/"


# -- 2b. several regex entries with one action --------------------------------------------------------------


def test_regex_entries_with_the_same_action_join_one_patterns_list(tmp_path):
    path = _menu(
        tmp_path,
        _regex_entry(r"^(2\d{3})$"),
        _regex_entry(r"^([3-5]\d\d)$"),
        _regex_entry(r"^(6|7)\d{2}$"),
        _regex_entry(r"^8\d+$"),
        _regex_entry(r"^(9[0-9]?)$"),
        _regex_entry(r"^\*(\d\d)$"),
    )
    imported = convert(path)
    menu = imported.menu
    assert menu["nodes"]["m"]["extensions"] == {
        "patterns": ["2XXX", "[3-5]XX", "[67]XX", "8.", "9", "9X", "*XX"],
        "goto": "m_ext",
    }
    assert set(menu["nodes"]) == {"m", "m_1", "m_ext"}  # no orphan m_ext_2, m_ext_3, ...
    assert not any(key.startswith("entry ") for key in menu.get("x-unmapped", {}).get("m", {}))
    assert not any("a second pattern" in remark for remark in imported.remarks)
    remarks = "\n".join(imported.remarks)
    assert "`/^8\\d+$/` has no group, so FreeSWITCH's `$1` is empty" in remarks
    assert "`$1` of `/^\\*(\\d\\d)$/` is only part of the digits the caller dials" in remarks
    assert "`$1` of `/^([3-5]\\d\\d)$/`" not in remarks
    load_any(path)
    code, out, err = run_ivrkit("call", str(path), "--press", "350")
    assert code == 0, err
    assert "transfer to number 350 (a person)" in out


def test_a_regex_entry_with_another_action_stays_unmapped_without_an_orphan_node(tmp_path):
    imported = convert(
        _menu(tmp_path, _regex_entry(r"^(2\d{3})$"), _regex_entry(r"^(3\d{3})$", "transfer $1 XML other"))
    )
    menu = imported.menu
    assert menu["nodes"]["m"]["extensions"]["patterns"] == ["2XXX"]
    assert set(menu["nodes"]) == {"m", "m_1", "m_ext"}
    assert menu["x-unmapped"]["m"]["entry /^(3\\d{3})$/"]["param"] == "transfer $1 XML other"
    assert any(
        "`/^(3\\d{3})$/` is a second pattern with another action or parameter (a menu has one "
        "extensions destination); kept under x-unmapped" in remark
        for remark in imported.remarks
    )


def test_a_second_regex_that_has_no_exact_patterns_stays_unmapped(tmp_path):
    imported = convert(_menu(tmp_path, _regex_entry(r"^(2\d{3})$"), _regex_entry(r"^(?!30)3\d{3}$")))
    assert imported.menu["nodes"]["m"]["extensions"]["patterns"] == ["2XXX"]
    assert any(
        "is a second pattern that ivrkit cannot add to the first one's exact patterns" in remark
        for remark in imported.remarks
    )
    imported = convert(_menu(tmp_path, _regex_entry(r"^(?!30)3\d{3}$"), _regex_entry(r"^(2\d{3})$")))
    assert imported.menu["nodes"]["m"]["extensions"] == {"min": 4, "max": 4, "goto": "m_ext"}
    assert set(imported.menu["nodes"]) == {"m", "m_1", "m_ext"}
    assert any(
        "`/^(2\\d{3})$/` is a second pattern with the same action, but the first could only be imported "
        "as lengths; kept under x-unmapped" in remark
        for remark in imported.remarks
    )


# -- 3. remarks say what is true of the regex ---------------------------------------------------------------


def test_a_group_around_a_group_is_all_the_digits(tmp_path):
    imported = convert(_menu(tmp_path, _regex_entry(r"^((1))$")))
    assert imported.menu["nodes"]["m"]["extensions"]["patterns"] == ["1"]
    assert not any("$1" in remark for remark in imported.remarks)


def test_a_pattern_needing_a_letter_names_that_letter(tmp_path):
    imported = convert(_menu(tmp_path, _regex_entry(r"^(a|b)*c$")))
    remark = next(r for r in imported.remarks if "`/^(a|b)*c$/` matches no digits as written" in r)
    assert "every match needs `c`, which a phone keypad cannot send, so no caller reaches it" in remark
    assert "/d" not in remark


def test_a_slash_d_is_named_as_a_slash_and_a_d(tmp_path):
    imported = convert(_menu(tmp_path, _regex_entry(r"^(/d{extn_length})$")))
    remark = next(r for r in imported.remarks if "matches no digits as written" in r)
    assert "every match needs `/`, `d`, `{`, `e`, `x`, ..., which a phone keypad cannot send" in remark
    assert "(`/d` is a slash and a d; a digit is `\\d`)" in remark


_ATOMS = st.sampled_from(["1", "4", r"\d", "[2-5]", "[07]", r"\*"])
_COUNTS = st.sampled_from(["", "", "?", "{2}", "{1,2}", "+", "*"])
_PIECES = st.builds(lambda atom, count: atom + count, _ATOMS, _COUNTS)
_GROUPS = st.builds(lambda a, b, count: f"({a}|{b})" + count, _PIECES, _PIECES, st.sampled_from(["", "?", "{2}"]))


@given(
    start=st.booleans(),
    end=st.booleans(),
    parts=st.lists(st.one_of(_PIECES, _GROUPS), min_size=1, max_size=3),
    digit_len=st.integers(1, 3),
)
def test_property_a_translated_regex_accepts_what_a_search_matches(start, end, parts, digit_len):
    """Property: whenever a regex of digits, sets, groups and counts is imported as patterns, they accept
    exactly the key strings (up to digit-len) that a regex search finds a match in."""
    regex = ("^" if start else "") + "".join(parts) + ("$" if end else "")
    translated = _to_patterns(regex, digit_len)
    assume(translated is not None)
    patterns = [compile_pattern(text) for text in translated.patterns]
    compiled = re.compile(regex)
    for length in range(1, digit_len + 1):
        for keys in map("".join, itertools.product("0123456789*", repeat=length)):
            if translated.star_dropped and "*" in keys:
                continue
            assert any(p.accepts(keys, 1, digit_len) for p in patterns) == (compiled.search(keys) is not None), (
                regex,
                keys,
                translated.patterns,
            )
