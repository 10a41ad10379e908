"""A VoiceXML field with an inline DTMF grammar of single keys and a branching <filled> is a menu (issue 11).

VoiceXML 2.0 (https://www.w3.org/TR/voicexml20/) 2.3.1 fields, 3.1 grammars (inline SRGS, `mode="dtmf"`),
2.4 `<filled>`; SRGS 1.0 (https://www.w3.org/TR/speech-grammar/) `<one-of>`/`<item>`; SISR 1.0 `out` in
`<tag>`. Before, such a field became an input of 1-64 digits followed by a hang-up, and every branch target
was unreachable (ST002).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.importers import convert, load_any
from ivrkit.importers._vxml_grammar import grammar_keys
from ivrkit.importers._xml import parse_xml
from ivrkit.lint import lint

from .conftest import run_ivrkit

MENU = """<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="en-US">
  <form id="main">
    <field name="choice">
      <grammar mode="dtmf" version="1.0" root="r">
        <rule id="r"><one-of><item>1</item><item>2</item><item>0</item></one-of></rule>
      </grammar>
      <prompt>For billing, press 1. For support, press 2. To speak to an agent, press 0.</prompt>
      <nomatch>That is not a valid choice. <reprompt/></nomatch>
      <filled>
        <if cond="choice == '1'"><goto next="#billing"/>
        <elseif cond="choice == '2'"/><goto next="#support"/>
        <else/><goto next="#agent"/>
        </if>
      </filled>
    </field>
  </form>
  <form id="billing"><block>Billing is closed today.<disconnect/></block></form>
  <form id="support"><block>Support is closed today.<disconnect/></block></form>
  <form id="agent"><transfer dest="tel:+15551234" bridge="true"/></form>
</vxml>
"""


@pytest.fixture
def menu_file(tmp_path: Path) -> Path:
    path = tmp_path / "main.vxml"
    path.write_text(MENU, encoding="utf-8")
    return path


def test_inline_grammar_field_is_a_menu(menu_file: Path):
    imported = convert(menu_file)
    main = imported.menu["nodes"]["main"]
    assert main["type"] == "menu" and main["announce_options"] is False
    assert main["options"] == {
        "1": {"label": "billing", "goto": "billing"},
        "2": {"label": "support", "goto": "support"},
        "0": {"label": "speak to an agent", "goto": "agent"},
    }  # <else/>
    assert imported.source_map.positions["main options 2"] == (12, 9)  # the <elseif> testing '2'
    assert any("takes one of the keys 1, 2, 0 (its DTMF grammar)" in remark for remark in imported.remarks)


def test_inline_grammar_menu_reaches_every_branch(menu_file: Path):
    codes = [f.code for f in lint(load_any(menu_file))]
    assert "ST002" not in codes and "ST005" not in codes


@pytest.mark.parametrize("press, arrives", [("1", "billing"), ("2", "support"), ("0", "agent")])
def test_inline_grammar_menu_call(menu_file: Path, press: str, arrives: str):
    code, out, err = run_ivrkit("call", str(menu_file), "--press", press)
    assert code == 0, err
    assert f"at      {arrives}  (via option {press})" in out


def _field(grammar: str):
    return parse_xml(f'<field name="f">{grammar}</field>')


def test_grammar_keys_with_semantic_tags():
    field = _field(
        '<grammar mode="dtmf" root="r"><rule id="r"><one-of>'
        "<item>1<tag>out=\"billing\";</tag></item><item>dtmf-2<tag>$ = 'support'</tag></item>"
        "<item>dtmf-star<tag>back</tag></item><item>#</item></one-of></rule></grammar>"
    )
    assert [(key, value) for key, value, _ in grammar_keys(field)] == [
        ("1", "billing"),
        ("2", "support"),
        ("*", "back"),
        ("#", "#"),
    ]


def test_grammar_keys_in_abnf():
    """SRGS 1.0 ABNF form: `$r = 1 {out="billing"} | 2 | dtmf-star {back};`."""
    field = _field(
        '<grammar mode="dtmf" type="application/srgs">#ABNF 1.0; mode dtmf; root $r; '
        '$r = 1 {out="billing"} | 2 | dtmf-star {back};</grammar>'
    )
    assert [(key, value) for key, value, _ in grammar_keys(field)] == [("1", "billing"), ("2", "2"), ("*", "back")]


@pytest.mark.parametrize(
    "grammar",
    [
        '<grammar mode="dtmf">#ABNF 1.0; mode dtmf; root $r; $r = 1 2 | 3;</grammar>',  # a sequence of keys
        '<grammar mode="dtmf">#ABNF 1.0; mode voice; root $r; $r = 1 | 3;</grammar>',  # not DTMF
        '<grammar mode="dtmf">#ABNF 1.0; mode dtmf; root $r; $r = $digit&lt;4&gt;;</grammar>',  # a rule reference
        '<grammar mode="dtmf" src="menu.grxml"/>',  # external: unknown
        '<grammar mode="voice" root="r"><rule id="r"><one-of><item>1</item></one-of></rule></grammar>',
        '<grammar mode="dtmf" root="r"><rule id="r"><one-of><item>1 2</item><item>3</item></one-of></rule></grammar>',
        '<grammar mode="dtmf" root="r"><rule id="r"><item repeat="4"><ruleref uri="#d"/></item></rule></grammar>',
        '<grammar mode="dtmf" root="r"><rule id="r"><one-of><item>12</item></one-of></rule></grammar>',
    ],
)
def test_grammar_keys_refuses_what_is_not_one_key(grammar: str):
    assert grammar_keys(_field(grammar)) is None


def test_branch_on_semantic_values_at_form_level(tmp_path: Path):
    path = tmp_path / "tags.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="main">
    <field name="dept">
      <grammar mode="dtmf" root="r"><rule id="r"><one-of>
        <item>1<tag>out="sales"</tag></item><item>2<tag>out="help"</tag></item></one-of></rule></grammar>
      <prompt>Press 1 for sales, or 2 for help.</prompt>
    </field>
    <filled>
      <if cond="dept == 'sales'"><goto next="#sales"/></if>
    </filled>
    <block><prompt>Help is on our web site.</prompt><disconnect/></block>
  </form>
  <form id="sales"><transfer dest="tel:100"/></form>
</vxml>""",
        encoding="utf-8",
    )
    nodes = convert(path).menu["nodes"]
    main = nodes["main"]
    assert main["type"] == "menu"
    # 2 has no branch: the form goes on to the block after the field (VoiceXML 2.0 2.1.6)
    assert main["options"]["1"]["goto"] == "sales"
    assert nodes[main["options"]["2"]["goto"]] == {"type": "hangup", "say": "Help is on our web site."}
    assert {k: o["label"] for k, o in main["options"].items()} == {"1": "sales", "2": "help"}


@pytest.mark.parametrize(
    "condition, other",
    [("ok", "<else/>"), ("ok == true", "<else/>"), ("!ok", "<else/>"), ("ok == false", '<elseif cond="ok"/>')],
)
def test_boolean_field_is_a_menu_of_1_and_2(tmp_path: Path, condition: str, other: str):
    """VoiceXML 2.0 appendix P: a boolean field takes DTMF 1 (true) and 2 (false)."""
    path = tmp_path / "confirm.vxml"
    path.write_text(
        f"""<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="confirm">
    <field name="ok" type="boolean">
      <prompt>To confirm, press 1. To enter it again, press 2.</prompt>
      <filled><if cond="{condition.replace('"', "&quot;")}"><goto next="#first"/>{other}<goto next="#second"/></if></filled>
    </field>
  </form>
  <form id="first"><block>First.<disconnect/></block></form>
  <form id="second"><block>Second.<disconnect/></block></form>
</vxml>""",
        encoding="utf-8",
    )
    options = convert(path).menu["nodes"]["confirm"]["options"]
    yes, no = ("first", "second") if not condition.startswith("!") and "false" not in condition else ("second", "first")
    assert {key: option["goto"] for key, option in options.items()} == {"1": yes, "2": no}
    assert {key: option["label"] for key, option in options.items()} == {"1": "confirm", "2": "enter it again"}


def test_builtin_boolean_grammar_is_a_boolean(tmp_path: Path):
    path = tmp_path / "b.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="f"><field name="ok"><grammar mode="dtmf" src="builtin:dtmf/boolean"/>
    <prompt>To confirm, press 1. Otherwise press 2.</prompt>
    <filled><if cond="ok == true"><goto next="#yes"/><else/><goto next="#f"/></if></filled></field></form>
  <form id="yes"><block>Done.<disconnect/></block></form></vxml>""",
        encoding="utf-8",
    )
    options = convert(path).menu["nodes"]["f"]["options"]
    assert {key: option["goto"] for key, option in options.items()} == {"1": "yes", "2": "f"}


def test_boolean_field_without_branches_stays_an_input(tmp_path: Path):
    path = tmp_path / "plain.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="f"><field name="ok" type="boolean"><prompt>Press 1 or 2.</prompt></field>
  <block>Thanks.<disconnect/></block></form></vxml>""",
        encoding="utf-8",
    )
    assert convert(path).menu["nodes"]["f"]["type"] == "input"
