"""Dashes in Asterisk extension names and patterns (issue 11 review): Asterisk ignores a `-` outside `[...]`
(docs.asterisk.org, Dialplan, Pattern Matching), so `exten => 12-34` is the key 1234 and `_7-XX` the pattern
`7XX`; both used to be refused as "not a key ivrkit can model"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.importers import convert
from ivrkit.importers._asterisk_parse import extension_name, parse_dialplan

from .conftest import run_ivrkit

PLAN = """[m]
exten => s,1,Background(welcome)
 same => n,WaitExten(5)
exten => 12-34,1,Dial(SIP/office)
exten => _7-XX,1,Dial(SIP/${EXTEN})
exten => 5,1,Goto(m,12-34,1)
exten => 6,1,Goto(1-2-3-4,1)
exten => sales-line,1,Dial(SIP/sales)
exten => i,1,Playback(invalid)
 same => n,Goto(s,1)
exten => t,1,Hangup()
"""


def _write(tmp_path: Path, text: str = PLAN) -> Path:
    path = tmp_path / "extensions.conf"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "written, compared",
    [
        ("555-1212", "5551212"),
        ("12-34", "1234"),
        ("_7-XX", "_7XX"),
        ("_[1-3]X", "_[1-3]X"),
        ("_9-[0-2]-X.", "_9[0-2]X."),
        ("*-1", "*-1"),
        ("sales-line", "sales-line"),
        ("1234", "1234"),
        ("-", "-"),
    ],
)
def test_extension_name_drops_dashes_outside_sets(written, compared):
    assert extension_name(written) == compared


def test_a_dashed_key_is_an_option_and_a_dashed_pattern_is_a_pattern(tmp_path):
    imported = convert(_write(tmp_path))
    menu = imported.menu["nodes"]["m_menu"]
    assert set(menu["options"]) == {"1234", "5", "6"}
    assert menu["extensions"]["patterns"] == ["7XX"]
    unmapped = imported.menu.get("x-unmapped", {}).get("m_menu", {})
    assert "exten 12-34" not in unmapped and "exten _7-XX" not in unmapped
    assert "exten sales-line" in unmapped  # a name, not a key: kept as written
    remarks = imported.remarks
    assert not any("`12-34` is not a key" in r or "`_7-XX` is not" in r for r in remarks)
    assert any("the extension `12-34` is `1234`: Asterisk ignores `-` outside `[...]`" in r for r in remarks)


def test_the_remark_and_the_option_keep_the_source_line(tmp_path):
    path = _write(tmp_path)
    code, out, err = run_ivrkit("import", str(path))
    assert code == 0, err
    assert "'1234': {goto: m_1234}" in out and "- 7XX" in out
    assert (
        f"{path.name}:4:1: note: the extension `12-34` is `1234`: Asterisk ignores `-` outside `[...]` in "
        f"extension names and patterns" in err
    )
    assert f"{path.name}:5:1: note: the extension `_7-XX` is `_7XX`" in err


def test_parse_keeps_the_line_of_a_dashed_extension(tmp_path):
    context = parse_dialplan(PLAN)[0]
    assert context.ext_lines["1234"] == (4, 1) and context.ext_lines["_7XX"] == (5, 1)
    assert context.written == {"1234": "12-34", "_7XX": "_7-XX"}


@pytest.mark.parametrize(
    "press, number", [("1234", "SIP/office"), ("745", "SIP/745"), ("5", "SIP/office"), ("6", "SIP/office")]
)
def test_calls_reach_the_dashed_extensions(tmp_path, press, number):
    """`5` and `6` Goto the extension written `12-34` / `1-2-3-4`: Asterisk compares them without dashes."""
    code, out, err = run_ivrkit("call", str(_write(tmp_path)), "--press", press)
    assert code == 0, err
    assert f"transfer to number {number}" in out
