"""Corpus 14, 15, 36, 37 (VoiceXML) played as calls on the import, against what the platform does with the
source: silence, a wrong key, each key.

VoiceXML behaviour from VoiceXML 2.0 (https://www.w3.org/TR/voicexml20/): a `<choice dtmf next>` goes to its
dialog (2.2.2); `<noinput>`/`<nomatch>` handlers run on silence / a wrong key and, without a jump, the item
is visited again; the default handlers reprompt, with no limit (5.2.5); `<goto>` leaves the dialog (5.3.7);
`<record>` records the caller (2.3.6).
"""

from __future__ import annotations

import pytest

from .conftest import call_corpus, transcript_lines

F01 = "01_freeswitch-demo-ivr.xml"
F34 = "34_freeswitch-giomelik-main-ivr.conf.xml"
F35 = "35_freeswitch-vrntec-inbound-ivr-directdial.xml"
V14 = "14_vxml-dialogic-xms-voicemail-demo.vxml"
V15 = "15_vxml-opal-server-main-menu.vxml"
V36 = "36_vxml-es-ivrtest-tag-menu.vxml.jsp"
V37 = "37_vxml-es-ivrtest-transfer-field-menu.vxml.jsp"


# -- VoiceXML 14 (Dialogic voicemail demo) --------------------------------------------------


def test_14_keys():
    assert "at      play_audio  (via option 1)" in call_corpus(V14, "1")
    assert "at      main_menu  (via next)" in call_corpus(V14, "1")  # the greeting, then back to the menu
    assert "records a message, then goes on" in call_corpus(V14, "2 hangup")
    assert call_corpus(V14, "3").rstrip().endswith("call ends (goodbye)")


def test_14_silence_and_wrong_key_return_to_the_menu_without_end():
    """Each handler plays nomatch.wav and goes to #main_menu, which starts afresh: the call never ends."""
    out = call_corpus(V14, "")
    assert out.count("(via no-input)") >= 3 and "call ends" not in out
    out = call_corpus(V14, "9")
    assert "at      main_menu  (via no-match)" in out


def test_14_after_recording_back_to_the_menu():
    """The form's <filled> plays replay_intro and jumps back to the menu (VoiceXML 2.0 2.3.6, 5.3.7)."""
    after = call_corpus(V14, "2 hangup").split("record_intro", 1)[1]
    assert (
        after.index("records a message, then goes on") < after.index("replay_intro") < after.index("at      main_menu")
    )


# -- VoiceXML 15 (OPAL main menu) -------------------------------------------------------------


def test_15_silence_disconnects():
    """<noinput><audio src="file:menu_timeout.wav">…</audio><disconnect/></noinput>: the recording, then the end.
    Its text is played only if the recording cannot be fetched (VoiceXML 2.0 4.1.3): the words are unknown."""
    out = call_corpus(V15, "")
    assert "[audio: file:menu_timeout.wav, words unknown]" in out and out.rstrip().endswith("call ends (goodbye)")
    assert "Nothing entered, disconnecting." not in out
    assert len(transcript_lines(out, "caller")) == 1  # the first silence ends the call: no second try


def test_15_wrong_key_nomatch_then_the_menu_again():
    out = call_corpus(V15, "9")
    assert "[audio: file:menu_nomatch.wav, words unknown]" in out and "at      MainMenu  (via no-match)" in out
    assert "Please enter 1 to 5 or 0." not in out


def test_15_conference_number_is_spoken_as_computed_and_transferred():
    out = call_corpus(V15, "1 123#")
    assert "Conference number …" in out
    assert "transfer to number mcu:123" in out


@pytest.mark.parametrize("key, node", [("2", "PlayFile"), ("3", "PlayIP"), ("5", "PlayRecording")])
def test_15_play_keys_return_to_the_menu(key, node):
    out = call_corpus(V15, key)
    arrivals = [line.split()[2] for line in transcript_lines(out, "at")]
    assert arrivals[:3] == ["MainMenu", node, "MainMenu"]


def test_15_record_and_hang_up_keys():
    recorded = call_corpus(V15, "4 hangup").split("records a message, then goes on", 1)[1]
    assert "[audio: file:message_recorded.wav, words unknown]" in recorded and "at      MainMenu" in recorded
    out = call_corpus(V15, "0")
    assert "[audio: file:goodbye.wav, words unknown]" in out and out.rstrip().endswith("call ends (goodbye)")


def test_15_prompt_is_the_recording_not_its_fallback_text():
    """The menu plays menu_prompt.wav; "Welcome to the OPAL ..." inside <audio> is only its fallback (4.1.3), and
    the choices' "Press N to ..." texts are never spoken without <enumerate> (2.2.4)."""
    out = call_corpus(V15, "")
    assert "[audio: file:menu_prompt.wav, words unknown]" in out
    assert "Welcome" not in out and "Press 1" not in out and "create or join" not in out


# -- VoiceXML 36 / 37 (JSP pages) --------------------------------------------------------------


def test_36_keys_lead_to_the_other_pages():
    assert "transfer to number inicio.jsp" in call_corpus(V36, "1")
    for key in "23":
        assert "transfer to number InputTests/inputTestsMenu.jsp" in call_corpus(V36, key)


def test_36_silence_and_wrong_key_reprompt_without_end():
    out = call_corpus(V36, "")
    assert "No he escuchado nada." in out and "call ends" not in out
    out = call_corpus(V36, "5")
    assert "No te he entendido." in out


@pytest.mark.parametrize(
    "key, page",
    [
        ("1", "TransferTests/blindTransfer.jsp"),
        ("2", "TransferTests/consultationTransfer.jsp"),
        ("3", "TransferTests/bridgeTransfer.jsp"),
        ("0", "inicio.jsp"),
    ],
)
def test_37_keys(key, page):
    assert f"transfer to number {page}" in call_corpus(V37, key)


def test_37_silence_reprompts_without_end():
    """No <noinput>: the default handler reprompts (VoiceXML 2.0 5.2.5), however often."""
    out = call_corpus(V37, "")
    assert out.count("says nothing") >= 3 and "call ends" not in out
