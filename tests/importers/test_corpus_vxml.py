"""Corpus 14 and 15 (VoiceXML): the imported keys, targets, prompts and handlers match the source, read
independently here with plain regular expressions. Skipped where the corpus is absent, failing under CI."""

from __future__ import annotations

import re

import pytest

from ivrkit.importers import convert

from .conftest import require_corpus

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _source(name: str) -> str:
    return (require_corpus() / name).read_text(encoding="utf-8")


def _menu(name: str) -> dict:
    return convert(require_corpus() / name).menu


# -- VoiceXML -------------------------------------------------------------------------

_CHOICE = re.compile(r'<choice\s+dtmf="([^"]+)"\s+next="#([^"]+)"')
_DIALOG = re.compile(r'<(menu|form)\s+id="([^"]+)"')


@pytest.mark.parametrize("name", ["14_vxml-dialogic-xms-voicemail-demo.vxml", "15_vxml-opal-server-main-menu.vxml"])
def test_vxml_keys_and_targets(name):
    source = _COMMENT.sub("", _source(name))
    menu = _menu(name)
    dialogs = _DIALOG.findall(source)
    assert menu["entry"] == dialogs[0][1]
    for _, dialog_id in dialogs:
        assert dialog_id in menu["nodes"]
    menu_ids = [dialog_id for kind, dialog_id in dialogs if kind == "menu"]
    assert len(menu_ids) == 1
    options = menu["nodes"][menu_ids[0]]["options"]
    assert {key: option["goto"] for key, option in options.items()} == dict(_CHOICE.findall(source))


def test_vxml_prompts_and_handlers():
    dialogic = _menu("14_vxml-dialogic-xms-voicemail-demo.vxml")["nodes"]
    assert dialogic["main_menu"]["audio"].endswith("main_menu.wav") and "say" not in dialogic["main_menu"]
    assert dialogic["main_menu"]["no_match"]["goto"] == "main_menu"
    assert dialogic["record_message"]["type"] == "voicemail" and dialogic["record_message"]["max_length"] == 5
    opal = _menu("15_vxml-opal-server-main-menu.vxml")["nodes"]
    main = opal["MainMenu"]
    assert main["say"] == "Welcome to the OPAL I V R and conference server."
    assert main["timeout"] == 30
    assert opal[main["no_input"]["goto"]]["type"] == "hangup"  # <disconnect/>
    assert opal["Conference"]["digits"] == {"min": 1, "max": 5}
