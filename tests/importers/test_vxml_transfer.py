"""A VoiceXML `<transfer>`'s result routes (VoiceXML 2.0 2.3.7, https://www.w3.org/TR/voicexml20/#dml2.3.7): when
the call is not answered the transfer's variable is `busy`, `network_busy` or `noanswer` and `<filled>` runs;
its branches are the transfer's `busy` and `no_answer` (issue 11: busy / no answer become paths)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.importers import convert

from .conftest import run_ivrkit

DOC = """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="en-GB">
  <menu id="top">
    <prompt>For sales, press 1.</prompt>
    <choice dtmf="1" next="#sales"/>
  </menu>
  <form id="sales">
    <transfer name="xfer" dest="tel:+44100" bridge="true" connecttimeout="20s">
      <prompt>Connecting you to sales.</prompt>
      <filled>
        <if cond="xfer == 'busy' || xfer == 'network_busy'"><goto next="#busy"/>
        <elseif cond="xfer == 'noanswer'"/><goto next="#voicemail"/>
        </if>
      </filled>
    </transfer>
  </form>
  <form id="busy"><block>All lines are busy. Please call later.<disconnect/></block></form>
  <form id="voicemail"><record name="msg" maxtime="60s"><prompt>Please leave a message.</prompt></record></form>
</vxml>
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "transfer.vxml"
    file.write_text(DOC, encoding="utf-8")
    return file


def test_filled_branches_are_busy_and_no_answer(path: Path):
    imported = convert(path)
    sales = imported.menu["nodes"]["sales"]
    assert (sales["busy"], sales["no_answer"]) == ("busy", "voicemail")
    assert imported.menu["x-unmapped"]["sales"]["transfer filled"]["element"] == "filled"
    assert not any("<if> has no ivrkit equivalent" in remark for remark in imported.remarks)


@pytest.mark.parametrize("outcome, arrives", [("busy", "busy"), ("no-answer", "voicemail")])
def test_call_follows_the_transfer_result(path: Path, outcome: str, arrives: str):
    code, out, err = run_ivrkit("call", str(path), "--press", "1", "--transfer", outcome)
    assert code == 0, err
    assert f"at      {arrives}  (via {outcome})" in out


def test_a_jump_outside_any_if_follows_every_result(tmp_path: Path):
    file = tmp_path / "t.vxml"
    file.write_text(
        DOC.replace(
            """<filled>
        <if cond="xfer == 'busy' || xfer == 'network_busy'"><goto next="#busy"/>
        <elseif cond="xfer == 'noanswer'"/><goto next="#voicemail"/>
        </if>
      </filled>""",
            """<filled><goto next="#top"/></filled>""",
        ),
        encoding="utf-8",
    )
    sales = convert(file).menu["nodes"]["sales"]
    assert (sales["busy"], sales["no_answer"]) == ("top", "top")


def test_a_transfer_without_filled_has_no_result_routes(tmp_path: Path):
    file = tmp_path / "t.vxml"
    file.write_text('<vxml version="2.1"><form id="f"><transfer dest="tel:1"/></form></vxml>', encoding="utf-8")
    assert convert(file).menu["nodes"]["f"] == {"type": "transfer", "number": "1"}
