"""The real third-party files in ../shared/corpus: every one imports and loads, and for the FreeSWITCH,
VoiceXML and Asterisk files the imported keys and targets match the source, read independently here
with plain regular expressions. Skipped where the corpus is absent, failing under CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.importers import convert, load_any, to_yaml
from ivrkit.loader import loads

from .conftest import require_corpus
from .fuzzing import check_outcome, mutated

ALL = {
    "01_freeswitch-demo-ivr.xml": "freeswitch",
    "05_aws-connect-sample-inbound-flow.json": "connect",
    "06_aws-connect-sample-inbound-legacy-modules.json": "connect",
    "09_asterisk-sample-demo-context.conf": "asterisk",
    "12_twilio-studio-whiterabbit-ivr-template.json": "studio",
    "14_vxml-dialogic-xms-voicemail-demo.vxml": "vxml",
    "15_vxml-opal-server-main-menu.vxml": "vxml",
    "18_twilio-studio-default-ivr-template.json": "studio",
}
MINE = {
    "01_freeswitch-demo-ivr.xml": "freeswitch",
    "09_asterisk-sample-demo-context.conf": "asterisk",
    "14_vxml-dialogic-xms-voicemail-demo.vxml": "vxml",
    "15_vxml-opal-server-main-menu.vxml": "vxml",
}


def _source(name: str) -> str:
    return (require_corpus() / name).read_text(encoding="utf-8")


def _menu(name: str) -> dict:
    return convert(require_corpus() / name).menu


@pytest.mark.parametrize("name", sorted(ALL))
def test_imports_and_loads(name):
    """Every corpus file, through whichever importer its format has, gives a menu that loads."""
    from ivrkit.importers import IMPORTERS

    if ALL[name] not in {importer.name for importer in IMPORTERS}:
        pytest.skip(f"the {ALL[name]} importer is not here yet")
    path = require_corpus() / name
    imported = convert(path, ALL[name])
    loads(to_yaml(imported), path.with_suffix(".yaml"), root=path.parent)


@pytest.mark.parametrize("name", sorted(ALL))
def test_detected(name):
    """Detection picks exactly the right format for every corpus file."""
    from ivrkit.importers import IMPORTERS, detect

    if ALL[name] not in {importer.name for importer in IMPORTERS}:
        pytest.skip(f"the {ALL[name]} importer is not here yet")
    path = require_corpus() / name
    assert detect(path.read_text(encoding="utf-8"), path).name == ALL[name]


def test_the_phrase_file_alone_explains_itself():
    from ivrkit.importers import ImportProblem

    with pytest.raises(ImportProblem) as caught:
        convert(require_corpus() / "01b_freeswitch-demo-ivr.phrases.xml")
    assert "--phrases" in caught.value.hint


@pytest.mark.parametrize("name", sorted(MINE))
def test_load_any_positions_are_source_lines(name):
    path = require_corpus() / name
    menuset = load_any(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in menuset.nodes.values():
        assert node.span.path == menuset.root.path or node.span.path.endswith(name)
        assert 1 <= node.span.line <= len(lines)


# -- FreeSWITCH -----------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FS_MENU = re.compile(r'<menu\s+name="([^"]+)"(.*?)</menu>', re.DOTALL)
_FS_ENTRY = re.compile(r'<entry\s+action="([^"]+)"\s+digits="([^"]+)"(?:\s+param="([^"]*)")?')


def test_freeswitch_keys_and_targets():
    source = _COMMENT.sub("", _source("01_freeswitch-demo-ivr.xml"))
    menu = _menu("01_freeswitch-demo-ivr.xml")
    nodes = menu["nodes"]
    menus = _FS_MENU.findall(source)
    assert [name for name, _ in menus] == ["demo_ivr", "demo_ivr_submenu"]
    assert menu["entry"] == "demo_ivr"
    for name, body in menus:
        entries = _FS_ENTRY.findall(body)
        node = nodes[name]
        keys = {digits for _, digits, _ in entries if not digits.startswith("/")}
        assert set(node["options"]) == keys
        for action, digits, param in entries:
            if digits.startswith("/"):
                assert node["extensions"]["goto"] in nodes
                assert nodes[node["extensions"]["goto"]]["number"] == param.split()[1].replace("$1", "{extension}")
                continue
            option = node["options"][digits]
            if action == "menu-sub":
                assert option == {"goto": param}
            elif action == "menu-top":
                assert option == {"action": "top"}
            elif action == "menu-exec-app":
                app, _, args = param.partition(" ")
                target = nodes[option["goto"]]
                assert target["type"] == "transfer"
                assert target["number"] == (args if app == "bridge" else args.split()[0])
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', source.split("<entry")[0]))
    main = nodes["demo_ivr"]
    assert main["timeout"] == int(attributes["timeout"]) / 1000
    assert main["inter_digit_timeout"] == int(attributes["inter-digit-timeout"]) / 1000
    assert main["retries"] == int(attributes["max-failures"]) - 1
    assert main["no_match"] == {"audio": attributes["invalid-sound"]}
    assert nodes[main["fallback"]]["audio"] == attributes["exit-sound"]
    assert main["audio"] == attributes["greet-long"] and "say" not in main  # the macros only play files


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


# -- Asterisk -------------------------------------------------------------------------

_EXTEN = re.compile(r"^exten\s*=>\s*([^,]+),1,(\w+)\(([^)]*)\)", re.MULTILINE)


def test_asterisk_keys_and_targets():
    source = "\n".join(line.split(";")[0] for line in _source("09_asterisk-sample-demo-context.conf").splitlines())
    menu = _menu("09_asterisk-sample-demo-context.conf")
    nodes = menu["nodes"]
    main = nodes["demo_menu"]
    extensions = {ext: (app, args) for ext, app, args in _EXTEN.findall(source)}
    keys = {ext for ext in extensions if re.fullmatch(r"[0-9]+|[*#]", ext)}
    assert set(main["options"]) == keys
    assert main["extensions"]["min"] == main["extensions"]["max"] == len("7XXX")
    assert "i" in extensions and nodes[main["no_match"]["goto"]]["audio"] == "invalid"
    assert "t" in extensions and main["no_input"]["goto"] == main["options"]["#"]["goto"]  # t: Goto(#,1)
    for key in keys:
        app, args = extensions[key]
        target = nodes[main["options"][key]["goto"]]
        if app == "Goto" and args.startswith("default,"):
            assert target["type"] == "hangup" and "default,s,1" in target["note"]
        elif app == "VoiceMail":
            assert target["type"] == "voicemail" and target["mailbox"] == args.split(",")[0]
        elif app == "Dial":
            assert target["type"] == "transfer" and target["number"] == args.split(",")[0]
        elif app in ("Playback", "BackGround"):
            assert target.get("audio") == args.split(",")[0]
    assert main["timeout"] == 10 and main["inter_digit_timeout"] == 5
    assert nodes[menu["entry"]]["audio"] == "demo-congrats"
    assert main["audio"] == "demo-instruct"
    assert nodes[main["options"]["2"]["goto"]]["next"] == "demo_menu"  # Goto(s,instruct)
    assert main["options"]["3"]["goto"] == menu["entry"]  # Goto(s,restart)


# -- fuzzing the real files ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MINE))
def test_fuzz_corpus(name):
    from ivrkit.importers import get_importer

    path = require_corpus() / name
    importer = get_importer(MINE[name])

    @settings(deadline=None, suppress_health_check=list(HealthCheck))
    @given(mutated(path.read_text(encoding="utf-8")))
    def run(text):
        check_outcome(importer, text, Path("/nonexistent") / name)

    run()
