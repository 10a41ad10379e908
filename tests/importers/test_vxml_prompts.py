"""What a VoiceXML prompt says, as the import keeps it (issue 11).

VoiceXML 2.0 4.1.3 (https://www.w3.org/TR/voicexml20/#dml4.1.3): the content of `<audio src>` or
`<audio expr>` is played only when the recording cannot be fetched, so it is no transcript of the recording:
the prompt's words are unknown (`audio`, no `say`) and the text is kept where a designer reads it. Plain
text in `<prompt>` is synthesised (4.1): it stays `say`.
"""

from __future__ import annotations

from pathlib import Path

from ivrkit.importers import convert, load_any, to_yaml
from ivrkit.importers.vxml import IMPORTER
from ivrkit.lint import lint
from ivrkit.loader import loads


def _convert(body: str):
    text = f'<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">{body}</vxml>'
    return IMPORTER.convert(text, Path("t.vxml"))


def test_audio_fallback_text_is_no_say():
    imported = _convert(
        '<menu id="m"><prompt><audio src="welcome.wav">Welcome to Acme.</audio></prompt>'
        '<choice dtmf="1" next="#m">Sales</choice></menu>'
    )
    node = imported.menu["nodes"]["m"]
    assert node["audio"] == "welcome.wav" and "say" not in node
    assert node["note"] == (
        "recordings with unknown words (fallback text is played only if a recording cannot be "
        'fetched, VoiceXML 2.0 4.1.3): the prompt recording\'s fallback text: "Welcome to Acme."'
    )
    assert imported.menu["x-unmapped"]["m"]["prompt audio fallback text"] == "Welcome to Acme."
    assert any(
        "1 recording with text inside <audio>: that text is played only when the recording cannot be "
        "fetched (VoiceXML 2.0 4.1.3), it is no transcript" in remark
        for remark in imported.remarks
    )
    loads(to_yaml(imported), "t.yaml")


def test_audio_expr_fallback_text_is_no_say_either():
    imported = _convert(
        '<form id="f"><block><audio expr="base+\'/hello.wav\'">Hello.</audio><disconnect/></block></form>'
    )
    node = imported.menu["nodes"]["f"]
    assert node["type"] == "hangup" and node["audio"] == "hello.wav" and "say" not in node
    assert imported.menu["x-unmapped"]["f"]["prompt audio fallback text"] == "Hello."


def test_handler_fallback_text_is_kept_in_the_owner_note():
    imported = _convert(
        '<menu id="m"><prompt>Press 1 for sales.</prompt><choice dtmf="1" next="#m"/>'
        '<nomatch><audio src="bad.wav">Sorry, that is not an option.</audio></nomatch></menu>'
    )
    node = imported.menu["nodes"]["m"]
    assert node["say"] == "Press 1 for sales."  # synthesised: known words
    assert node["no_match"] == {"audio": "bad.wav"}
    assert 'the nomatch recording\'s fallback text: "Sorry, that is not an option."' in node["note"]


def test_plain_prompt_text_stays_say():
    node = _convert('<menu id="m"><prompt>For sales, press 1.</prompt><choice dtmf="1" next="#m"/></menu>').menu[
        "nodes"
    ]["m"]
    assert node["say"] == "For sales, press 1." and "audio" not in node and "note" not in node


def test_mixed_prompt_is_a_recording_with_the_text_kept():
    """`say` beside `audio` is the transcript of the whole prompt (docs/format.md); the synthesised part is only
    a part, so the prompt is imported as the recording, words unknown, the text kept."""
    imported = _convert(
        '<menu id="m"><prompt>Welcome. <audio src="offers.wav"/> Press 1 for sales.</prompt>'
        '<choice dtmf="1" next="#m"/></menu>'
    )
    node = imported.menu["nodes"]["m"]
    assert node["audio"] == "offers.wav" and "say" not in node
    assert imported.menu["x-unmapped"]["m"]["prompt text beside the recording"] == "Welcome. Press 1 for sales."
    assert 'the prompt\'s synthesised text beside its recording: "Welcome. Press 1 for sales."' in node["note"]
    assert any("mixes synthesised text with a recording whose words are unknown" in r for r in imported.remarks)
    assert node["options"]["1"]["label"] == "sales"  # the synthesised words are known: they give the label


def test_value_in_fallback_text_is_not_remarked_as_spoken(tmp_path: Path):
    imported = _convert(
        '<form id="f"><block><audio src="ip.wav">Your address is <value expr="ip"/></audio>'
        '<goto next="#f"/></block></form>'
    )
    node = imported.menu["nodes"]["f"]
    assert "say" not in node and 'fallback text: "Your address is …"' in node["note"]
    assert imported.menu["x-unmapped"]["f"]["prompt values"] == ["ip"]
    assert not any("are computed when the call runs" in remark for remark in imported.remarks)


RECORDED_MENU = """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="en-GB">
  <menu id="main">
    <prompt><audio src="menu.wav">Welcome to Acme.</audio></prompt>
    <choice dtmf="1" next="#sales">Press 1 for sales</choice>
    <choice dtmf="2" next="#support">Press 2 for support</choice>
    <noinput><audio src="bye.wav">Nothing entered, goodbye.</audio><disconnect/></noinput>
  </menu>
  <form id="sales"><transfer dest="tel:+441234"/></form>
  <form id="support"><transfer dest="tel:+445678"/></form>
</vxml>
"""


def test_recorded_menu_is_not_reported_as_never_announcing_its_keys(tmp_path: Path):
    """Before issue 11 the fallback text was the prompt's `say`: WD007 reported every key as never announced,
    and the hang-up after the no-input recording was "without a word" (ST006)."""
    path = tmp_path / "recorded.vxml"
    path.write_text(RECORDED_MENU, encoding="utf-8")
    imported = convert(path)
    nodes = imported.menu["nodes"]
    assert {k: o.get("label") for k, o in nodes["main"]["options"].items()} == {"1": "sales", "2": "support"}
    end = nodes[nodes["main"]["no_input"]["goto"]]  # <audio src="bye.wav">...</audio><disconnect/>
    assert (end["type"], end["audio"]) == ("hangup", "bye.wav") and "say" not in end
    assert 'the noinput recording\'s fallback text: "Nothing entered, goodbye."' in end["note"]
    findings = lint(load_any(path))
    assert not [f for f in findings if f.code == "WD007"]
    assert not [f for f in findings if f.code == "ST006" and "without a word" in f.message]
    assert [f for f in findings if f.code == "AU001" and "`main`" in f.message]  # unknown, said once


def test_audio_expr_without_a_file_name_is_a_recording_not_silence():
    """<audio expr="greetingUri"> plays a recording chosen when the call runs: its words are unknown, which is
    not the same as saying nothing."""
    imported = _convert(
        '<form id="f"><block><audio expr="greetingUri">Hello there.</audio><goto next="#f"/></block></form>'
    )
    node = imported.menu["nodes"]["f"]
    assert node["audio"] == "greetingUri" and "say" not in node
    assert 'the prompt recording is computed when the call runs (<audio expr="greetingUri">)' in node["note"]
    assert imported.menu["x-unmapped"]["f"]["prompt audio expr"] == ["greetingUri"]
    loads(to_yaml(imported), "t.yaml")


def test_prompt_with_a_count_is_not_part_of_the_first_prompt():
    """VoiceXML 2.0 4.1.6: <prompt count="2"> plays from the second visit on; the first visit plays count 1."""
    imported = _convert(
        '<menu id="m"><prompt>Welcome to Acme. For sales, press 1.</prompt>'
        '<prompt count="2">For sales, press 1.</prompt>'
        '<choice dtmf="1" next="#m"/></menu>'
    )
    node = imported.menu["nodes"]["m"]
    assert node["say"] == "Welcome to Acme. For sales, press 1."
    assert imported.menu["x-unmapped"]["m"]["prompt count 2"]["text"] == "For sales, press 1."
    assert any('`m` has <prompt count="2">: played from that visit on' in r for r in imported.remarks)


def test_prompt_timeout_is_the_no_input_timeout():
    """VoiceXML 2.0 4.1.7: <prompt timeout> sets the no-input timeout after it, over the `timeout` property."""
    imported = _convert(
        '<menu id="m"><property name="timeout" value="3s"/><prompt timeout="8s">For sales, '
        'press 1.</prompt><choice dtmf="1" next="#m"/></menu>'
    )
    assert imported.menu["nodes"]["m"]["timeout"] == 8
