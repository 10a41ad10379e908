"""A VoiceXML `<if>` that jumps (VoiceXML 2.0 5.3.4, https://www.w3.org/TR/voicexml20/#dml5.3.4) is a choice the
call makes by itself: a `branch` node whose cases are the conditions as written, so that every way the source
can go is a path the rules and the simulator see (issue 11), instead of x-unmapped logic and a hang-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.importers import convert, load_any
from ivrkit.lint import lint

from .conftest import run_ivrkit

DOC = """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="en-GB">
  <var name="hour" expr="new Date().getHours()"/>
  <form id="start">
    <block>
      <prompt>Welcome to Acme.</prompt>
      <if cond="hour &lt; 9 || hour &gt;= 17">
        <prompt>We are closed. Our hours are 9 to 5.</prompt>
        <disconnect/>
      <elseif cond="hour == 12"/>
        <goto next="#lunch"/>
      </if>
      <goto next="#main"/>
    </block>
  </form>
  <form id="lunch"><block>We are at lunch.<disconnect/></block></form>
  <menu id="main"><prompt>For sales, press 1.</prompt><choice dtmf="1" next="#sales"/></menu>
  <form id="sales"><transfer dest="tel:100"/></form>
</vxml>
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "hours.vxml"
    file.write_text(DOC, encoding="utf-8")
    return file


def test_if_becomes_a_branch_on_its_conditions(path: Path):
    imported = convert(path)
    nodes = imported.menu["nodes"]
    assert nodes["start"] == {"type": "message", "say": "Welcome to Acme.", "next": "start_2"}
    assert nodes["start_2"] == {
        "type": "branch",
        "variable": "start_2_condition",
        "cases": {"hour < 9 || hour >= 17": "start_2_1_says", "hour == 12": "lunch", "else": "main"},
    }
    assert nodes["start_2_1_says"] == {"type": "hangup", "say": "We are closed. Our hours are 9 to 5."}
    variable = imported.menu["variables"]["start_2_condition"]
    assert variable["values"] == ["hour < 9 || hour >= 17", "hour == 12", "else"]
    assert variable["default"] == "else"
    assert list(imported.menu).index("variables") == list(imported.menu).index("nodes") - 1


def test_every_way_is_reachable(path: Path):
    codes = [f.code for f in lint(load_any(path))]
    assert "ST002" not in codes  # `lunch` and `main` are reached


@pytest.mark.parametrize(
    "value, heard",
    [("else", "For sales, press 1."), ("hour == 12", "We are at lunch."), ("hour < 9 || hour >= 17", "We are closed.")],
)
def test_call_takes_the_case_it_is_told(path: Path, value: str, heard: str):
    code, out, err = run_ivrkit("call", str(path), "--press", "", "--set", f"start_2_condition={value}")
    assert code == 0, err
    assert heard in out


def test_if_without_a_jump_stays_unmapped(tmp_path: Path):
    file = tmp_path / "assign.vxml"
    file.write_text(
        """<vxml version="2.1"><form id="f"><block><if cond="x"><assign name="y" expr="1"/></if>
      <prompt>Hello.</prompt><disconnect/></block></form></vxml>""",
        encoding="utf-8",
    )
    imported = convert(file)
    assert imported.menu["nodes"]["f"] == {"type": "hangup", "say": "Hello."}
    assert imported.menu["x-unmapped"]["f"]["if"]["cond"] == "x"
