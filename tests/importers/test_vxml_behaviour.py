"""VoiceXML behaviour the import keeps (issue 11): a `<value expr>` is computed text, never a placeholder the
linter reports; `<goto nextitem>` naming a dialog says what it assumed (VoiceXML 2.0 section 5.3.7: nextitem
names a form item of the current form)."""

from __future__ import annotations

from pathlib import Path

from ivrkit.importers import convert, load_any
from ivrkit.importers.vxml import _spoken_value
from ivrkit.lint import lint
from ivrkit.rules.wd008_placeholder_text import placeholders

from .conftest import run_ivrkit

DOC = """<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="main">
    <prompt>For your balance press 1.</prompt>
    <choice dtmf="1" next="#balance"/>
    <nomatch>Sorry.<goto nextitem="main"/></nomatch>
  </menu>
  <form id="balance">
    <block>
      <prompt>Your balance is <value expr="balance"/> euros. <value expr="'Account '+acct+' checked'"/></prompt>
      <goto next="#main"/>
    </block>
  </form>
</vxml>
"""


def test_spoken_value_keeps_quoted_words():
    assert _spoken_value("session.connection.remote.ip") == "…"
    assert _spoken_value("'Conference number '+enteredDigits") == "Conference number …"
    assert _spoken_value("'Account '+acct+' checked'") == "Account … checked"
    assert _spoken_value("a + b") == "…"


def test_value_is_computed_text_not_a_placeholder(tmp_path: Path):
    path = tmp_path / "bank.vxml"
    path.write_text(DOC, encoding="utf-8")
    imported = convert(path)
    node = imported.menu["nodes"]["balance"]
    assert node["say"] == "Your balance is … euros. Account … checked"
    assert imported.menu["x-unmapped"]["balance"]["prompt values"] == ["balance", "'Account '+acct+' checked'"]
    assert any(
        'the words of <value expr="balance"> and 1 more are computed when the call runs' in remark
        for remark in imported.remarks
    )
    assert placeholders("Your balance is [balance] euros.")  # what the import used to write
    assert not placeholders(node["say"])
    findings = lint(load_any(path))
    assert not [f for f in findings if f.code == "WD008"]


def test_nextitem_naming_a_dialog_is_remarked(tmp_path: Path):
    path = tmp_path / "bank.vxml"
    path.write_text(DOC, encoding="utf-8")
    imported = convert(path)
    assert imported.menu["nodes"]["main"]["no_match"] == {"say": "Sorry.", "goto": "main"}
    assert any(
        '<goto nextitem="main"> names the dialog `main`, but nextitem names a form item' in remark
        for remark in imported.remarks
    )


FIELD_MENU = """<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form>
    <field name="choice">
      <grammar mode="dtmf" src="builtin:dtmf/digits?length=1"/>
      <prompt>For sales, press 1.</prompt>
      <prompt>For support, press 2.</prompt>
      <filled>
        <if cond="choice == '1'"> <goto next="sales.vxml"/>
        <elseif cond="choice=='2'"/> <goto next="#support"/>
        </if>
      </filled>
    </field>
  </form>
  <form id="support"><block><prompt>Support.</prompt><disconnect/></block></form>
</vxml>
"""


def test_one_digit_field_with_branches_is_a_menu(tmp_path: Path):
    path = tmp_path / "field.vxml"
    path.write_text(FIELD_MENU, encoding="utf-8")
    imported = convert(path)
    nodes = imported.menu["nodes"]
    entry = nodes[imported.menu["entry"]]
    assert entry["type"] == "menu"
    assert entry["say"] == "For sales, press 1. For support, press 2."  # two prompts, two sentences
    # the labels are read from the prompt, which names the keys in words
    assert entry["options"] == {
        "1": {"label": "sales", "goto": "sales_vxml"},
        "2": {"label": "support", "goto": "support"},
    }
    assert imported.source_map.positions[f"{imported.menu['entry']} options 2"][0] == 10  # the <elseif>
    assert any("branches on the keys 1, 2 in its <filled>" in remark for remark in imported.remarks)


def test_other_document_is_unknown_not_a_hangup(tmp_path: Path):
    path = tmp_path / "field.vxml"
    path.write_text(FIELD_MENU, encoding="utf-8")
    sales = convert(path).menu["nodes"]["sales_vxml"]
    assert (sales["type"], sales["number"]) == ("transfer", "sales.vxml")


def test_vxml_reprompts_without_limit(tmp_path: Path):
    """VoiceXML 2.0 5.2.5: the default noinput/nomatch handlers reprompt; nothing counts the tries."""
    path = tmp_path / "field.vxml"
    path.write_text(FIELD_MENU, encoding="utf-8")
    imported = convert(path)
    entry = imported.menu["entry"]
    assert imported.menu["nodes"][entry]["fallback"] == entry
    assert any("re-prompts without limit" in remark for remark in imported.remarks)


def test_language_without_a_template_is_kept_when_no_menu_announces(tmp_path: Path):
    """Spanish prompts must not be read as English ones (WD007 'never announces' on "pulse 1")."""
    path = tmp_path / "es.vxml"
    path.write_text(
        FIELD_MENU.replace('<vxml version="2.1"', '<vxml version="2.1" xml:lang="es-ES"')
        .replace("For sales, press 1.", "Para ventas, pulse 1.")
        .replace("For support, press 2.", "Para soporte, pulse 2."),
        encoding="utf-8",
    )
    imported = convert(path)
    assert imported.menu["language"] == "es-ES"
    assert imported.menu["settings"]["option_template"] == {"es-ES": "{Label}: {key}."}
    findings = lint(load_any(path))
    assert not [f for f in findings if f.code == "WD007"]


def test_language_without_a_template_is_kept_when_enumerate_says_the_options(tmp_path: Path):
    """<enumerate/> says each choice's text (VoiceXML 2.0 2.2.4): every option has its `say`, the template is
    never used, so the language stays."""
    path = tmp_path / "es.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="es-ES">
  <menu><prompt>Elija: <enumerate/></prompt><choice dtmf="1" next="#a">ventas</choice></menu>
  <form id="a"><block><prompt>Ventas.</prompt><disconnect/></block></form>
</vxml>""",
        encoding="utf-8",
    )
    imported = convert(path)
    assert imported.menu["language"] == "es-ES"
    assert imported.menu["nodes"]["menu1"]["options"]["1"]["say"] == "ventas"
    assert load_any(path).entry == "menu1"


def test_language_without_a_template_is_dropped_when_a_menu_announces(tmp_path: Path):
    """An <enumerate> whose words are unknown (a recording in it): ivrkit composes from the label, which needs a
    template the language does not have; the tag is kept under x-unmapped."""
    path = tmp_path / "es.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="es-ES">
  <menu><prompt>Elija: <enumerate><audio src="para.wav"/><value expr="_prompt"/></enumerate></prompt>
  <choice dtmf="1" next="#a">ventas</choice></menu>
  <form id="a"><block><prompt>Ventas.</prompt><disconnect/></block></form>
</vxml>""",
        encoding="utf-8",
    )
    imported = convert(path)
    assert "language" not in imported.menu
    assert imported.menu["x-unmapped"]["(file)"]["xml:lang"] == "es-ES"
    assert any("ivrkit has no built-in option template for `es-ES`" in remark for remark in imported.remarks)


def test_audio_expr_with_a_known_file_name_is_a_recording(tmp_path: Path):
    """<audio expr="application.path+'/b5.wav'"/> plays a recording: its words are unknown, not absent."""
    path = tmp_path / "play.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="play"><audio expr="application.path+'/b5.wav'"/><block><disconnect/></block></form>
</vxml>""",
        encoding="utf-8",
    )
    imported = convert(path)
    assert imported.menu["nodes"]["play"]["audio"] == "b5.wav"
    assert imported.menu["x-unmapped"]["play"]["prompt audio expr"] == ["application.path+'/b5.wav'"]


def test_submit_goes_to_the_document_it_names(tmp_path: Path):
    """VoiceXML 2.0 5.3.8: <submit next> leaves for the document the server returns: a destination in another
    document (unknown), not a dead end."""
    path = tmp_path / "submit.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="m"><prompt>Press 1 to check your order.</prompt><choice dtmf="1" next="#order"/></menu>
  <form id="order">
    <field name="num" type="digits?length=6"><prompt>Enter your order number.</prompt></field>
    <filled><submit next="lookup.jsp" namelist="num"/></filled>
  </form>
</vxml>""",
        encoding="utf-8",
    )
    imported = convert(path)
    nodes = imported.menu["nodes"]
    after = nodes[nodes["order"]["next"]]
    assert (after["type"], after["number"]) == ("transfer", "lookup.jsp")
    assert imported.menu["x-unmapped"]["order"]["submit namelist"] == "num"


def _menu_with(handlers: str) -> str:
    return f"""<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="m"><prompt>For sales, press 1.</prompt><choice dtmf="1" next="#op"/>{handlers}</menu>
  <form id="op"><transfer dest="tel:100"/></form>
</vxml>"""


def test_handler_counts_with_a_gap_repeat_the_lower_one(tmp_path: Path):
    """VoiceXML 2.0 5.2.4: the n-th event runs the handler with the highest count not above n: counts 1 and 3
    are the 1st, 2nd (again the 1st) and 3rd handlers; ivrkit then needs 3 retries to reach the last."""
    path = tmp_path / "counts.vxml"
    path.write_text(
        _menu_with('<noinput>Sorry?</noinput><noinput count="3">Goodbye.<goto next="#op"/></noinput>'), encoding="utf-8"
    )
    imported = convert(path)
    node = imported.menu["nodes"]["m"]
    assert node["no_input"] == [{"say": "Sorry?"}, {"say": "Sorry?"}, {"say": "Goodbye.", "goto": "op"}]
    assert node["retries"] == 3
    assert any(
        "the noinput counts [1, 3]: each handler runs from its count until the next" in r for r in imported.remarks
    )
    code, out, err = run_ivrkit("call", str(path), "--press", "")
    assert code == 0, err
    assert out.count("Sorry?") == 2 and "at      op  (via no-input)" in out


def test_a_handler_that_only_reprompts_is_remarked(tmp_path: Path):
    path = tmp_path / "reprompt.vxml"
    path.write_text(
        _menu_with('<nomatch><reprompt/></nomatch><nomatch count="2">Let me connect you.<goto next="#op"/></nomatch>'),
        encoding="utf-8",
    )
    imported = convert(path)
    assert imported.menu["nodes"]["m"]["no_match"] == {"say": "Let me connect you.", "goto": "op"}
    assert any(
        "the nomatch handling of `m` only re-prompts on failure 1 (VoiceXML 2.0 5.2.5)" in r for r in imported.remarks
    )


def test_computed_goto_is_an_unknown_destination_not_a_hang_up(tmp_path: Path):
    """VoiceXML 2.0 5.3.7: <goto expr> goes where the expression says when the call runs."""
    path = tmp_path / "expr.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="m"><prompt>For your account, press 1.</prompt><choice dtmf="1" next="#acct"/></menu>
  <form id="acct"><block><prompt>One moment.</prompt><goto expr="'acct_' + tier + '.vxml'"/></block></form>
</vxml>""",
        encoding="utf-8",
    )
    imported = convert(path)
    nodes = imported.menu["nodes"]
    target = nodes[nodes["acct"]["next"]]
    assert target["type"] == "transfer" and target["number"] == "(computed: 'acct_' + tier + '.vxml')"
    assert "a destination computed when the call runs" in target["note"]
    assert load_any(path).entry == "m"


def test_document_handlers_answer_where_a_dialog_has_none(tmp_path: Path):
    """VoiceXML 2.0 5.2.4: the catch is searched in every enclosing scope, the innermost first, and the n-th
    event runs the one with the highest count not above n over all of them."""
    path = tmp_path / "doc.vxml"
    path.write_text(
        """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <catch event="noinput nomatch" count="3"><prompt>Let me get someone.</prompt><goto next="#op"/></catch>
  <nomatch>Sorry, that is not an option.</nomatch>
  <menu id="m"><prompt>For sales, press 1.</prompt><choice dtmf="1" next="#op"/>
    <nomatch>That key does nothing here.</nomatch></menu>
  <form id="op"><transfer dest="tel:100"/></form>
</vxml>""",
        encoding="utf-8",
    )
    node = convert(path).menu["nodes"]["m"]
    get_someone = {"say": "Let me get someone.", "goto": "op"}
    assert node["no_match"] == [
        {"say": "That key does nothing here."},
        {"say": "That key does nothing here."},
        get_someone,
    ]  # the menu's own count 1 wins over the document's
    assert node["no_input"] == get_someone  # before count 3, the platform's default re-prompt
