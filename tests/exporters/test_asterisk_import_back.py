"""The Asterisk export read back and checked: `ivrkit import` with no error and no remark, node ids as context
names, asterisklint exit 0 on every shipped example (issue 13, items 3 and 5 and "Must show")."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.exporters import AudioPrompts, ExportOptions, export
from ivrkit.importers import convert_text
from ivrkit.loader import load, loads

from ..strategies import menu_yaml, valid_menus
from .conftest import run_ivrkit
from .test_asterisk_roundtrip import round_trip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MENUS = [
    path
    for path in sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "flawed").glob("*.yaml"))
    if not path.name.endswith((".calls.yaml", ".goals.yaml"))
]
ASTERISKLINT = shutil.which("asterisklint", path=str(Path(sys.executable).parent)) or shutil.which("asterisklint")


@pytest.fixture
def asterisklint_installed() -> None:
    """asterisklint is in the dev extra, which the README's test command installs: missing, the setup is broken."""
    assert ASTERISKLINT is not None, "asterisklint is not installed: run scripts/bootstrap.sh --dev"


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_reading_an_export_back_makes_no_remark_and_keeps_every_id(path: Path):
    result, imported, back = round_trip(load(path))
    assert imported.remarks == []
    assert "x-unmapped" not in imported.menu
    for ids in result.ids.values():
        assert set(ids) <= set(back.nodes)


@pytest.mark.usefixtures("asterisklint_installed")
@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_asterisklint_finds_nothing_in_an_export(tmp_path: Path, path: Path):
    assert ASTERISKLINT is not None
    out = tmp_path / "extensions.conf"
    out.write_text(export(load(path), "asterisk").text, encoding="utf-8")
    run = subprocess.run([ASTERISKLINT, "dialplan-check", str(out)], capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stderr) == (0, "")


@pytest.mark.usefixtures("asterisklint_installed")
def test_asterisklint_does_check_the_export(tmp_path: Path):
    """The check above can fail: a misspelt application and a Goto to a missing context are findings."""
    assert ASTERISKLINT is not None
    text = export(load(EXAMPLES / "northwind-energy.yaml"), "asterisk").text
    out = tmp_path / "extensions.conf"
    out.write_text(text.replace("WaitExten(", "WaitExen(").replace("Goto(billing,s,1)", "Goto(nowhere,s,1)"))
    run = subprocess.run([ASTERISKLINT, "dialplan-check", str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "E_APP_MISSING" in run.stderr and "E_DP_GOTO_NOCONTEXT" in run.stderr


SHOP = (
    "ivrkit: 1\nname: Shop\nentry: main\nsettings: {retries: 1, fallback: agent}\nnodes:\n"
    "  main:\n    type: menu\n    say: Welcome.\n    timeout: 7\n    options:\n"
    "      '1': {label: sales, goto: agent}\n"
    "    no_match: [{say: Wrong key.}, {say: Still wrong., goto: bye}]\n"
    "  agent: {type: transfer, queue: sales, max_wait: 120, overflow: bye}\n"
    "  bye: {type: hangup, say: Goodbye.}\n"
)


def _shop(folder: Path):
    (folder / ".ivrkit.yaml").write_text("", encoding="utf-8")
    return loads(SHOP, str(folder / "shop.yaml"), root=str(folder))


def test_the_written_dialplan(tmp_path: Path):
    menuset = _shop(tmp_path)
    written = export(menuset, "asterisk").text
    assert written.startswith("; ivrkit export of shop.yaml: Shop\n")
    assert written.index("[general]") < written.index("[globals]") < written.index("[main]")
    main = written[written.index("[main]") : written.index("[agent]")]
    assert main.splitlines() == [
        "[main]",
        "exten => s,1,Set(IVR_TRIES=0)",
        " same => n,Set(TIMEOUT(response)=7)",
        " same => n,Set(TIMEOUT(digit)=3)",
        " same => n(prompt),Background(ivrkit/main) ; say: Welcome. To sales, press 1.",
        " same => n,WaitExten(7)",
        "exten => 1,1,Goto(agent,s,1)",
        "exten => t,1,Set(IVR_TRIES=$[${IVR_TRIES}+1])",
        " same => n,GotoIf($[${IVR_TRIES} > 1]?final)",
        " same => n,Goto(s,prompt)",
        " same => n(final),Goto(agent,s,1)",
        "exten => i,1,Set(IVR_TRIES=$[${IVR_TRIES}+1])",
        " same => n,GotoIf($[${IVR_TRIES} > 1]?final)",
        " same => n,Background(ivrkit/main-no-match-1) ; say: Wrong key.",
        " same => n,Goto(s,prompt)",
        " same => n(final),Goto(agent,s,1)",
        "",
    ]
    assert "exten => s,1,Queue(sales,,,,120) ; queue: sales\n same => n,Goto(bye,s,1)\n" in written
    assert "exten => s,1,Background(ivrkit/bye,m) ; say: Goodbye.\n same => n,Hangup()\n" in written


def test_the_general_importer_still_folds_the_counted_retries_of_one_context(tmp_path: Path):
    """`--context main` reads one context as any dialplan: where one sound re-prompts every time the counter is
    FreePBX's form, so `retries` and the fallback come back there too (the menu is then `main_menu`)."""
    imported = convert_text(
        export(_shop(tmp_path), "asterisk").text, tmp_path / "shop.conf", "asterisk", context="main"
    )
    menu = imported.menu["nodes"]["main_menu"]
    assert (menu["retries"], menu["timeout"], menu["inter_digit_timeout"]) == (1, 7, 3)
    # the fold gives the kind with fewer loops its final step as a last handler (here both lead to `agent`)
    assert menu["no_match"] == [{"audio": "ivrkit/main-no-match-1"}, {"goto": "agent_s_1"}]
    assert menu["fallback"] == "agent_s_1"
    assert any("import it with --context agent" in remark for remark in imported.remarks)


def test_a_hand_edited_export_is_read_as_any_dialplan(tmp_path: Path):
    text = export(load(EXAMPLES / "northwind-energy.yaml"), "asterisk").text
    edited = text.replace("exten => 0,1,Goto(customer_service,s,1)", "exten => 0,1,Dial(PJSIP/200)")
    imported = convert_text(edited, tmp_path / "northwind.conf", "asterisk")
    assert "main_menu" in imported.menu["nodes"]  # the general importer: the first context with keys, renamed
    assert "Asterisk: Dial(PJSIP/200)" in str(imported.menu["nodes"])


def test_audio_names_the_rendered_wav(tmp_path: Path):
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    text = "ivrkit: 1\nname: Hi\nentry: hi\nnodes:\n  hi: {type: hangup, say: Hello there.}\n"
    menuset = loads(text, str(tmp_path / "hi.yaml"), root=str(tmp_path))
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "hi-prompt-en.wav").write_bytes(b"RIFF")
    audio = AudioPrompts(tmp_path / "audio", {("hi", "prompt", None, "en"): ("hi-prompt-en.wav", "Hello there.")})
    written = export(menuset, "asterisk", ExportOptions(audio=audio)).text
    assert "exten => s,1,Background(ivrkit/hi-prompt-en,m) ; say: Hello there.\n" in written
    result = export(menuset, "asterisk")
    assert any("no standard text-to-speech application" in note.message for note in result.notes)


@pytest.mark.parametrize("name", ["northwind-energy", "aurora-pankki", "kaupunki-bilingual"])
def test_ivrkit_import_reads_the_written_export(project: Path, name: str):
    out = project / "examples" / f"{name}.conf"
    code, _, err = run_ivrkit("export", str(project / "examples" / f"{name}.yaml"), "--to", "asterisk", "-o", str(out))
    assert code == 0, err
    code, text, err = run_ivrkit("import", str(out))
    assert code == 0, err
    assert "format: asterisk" in text
    assert f"entry: {load(project / 'examples' / f'{name}.yaml').entry}" in text
    code, _, err = run_ivrkit("check", str(out))
    assert code == 0, err


def test_strict_makes_the_notes_an_error(project: Path):
    out = project / "examples" / "northwind.conf"
    code, _, err = run_ivrkit(
        "export", str(project / "examples" / "northwind-energy.yaml"), "--to", "asterisk", "-o", str(out), "--strict"
    )
    assert code == 1 and not out.exists()
    assert "lost: the call-back offer of `faults`: Asterisk's Queue() has no call-back booking" in err


def test_a_node_named_like_a_reserved_section_gets_a_context_of_its_own(tmp_path: Path):
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    text = (
        "ivrkit: 1\nname: R\nentry: general\nnodes:\n"
        "  general: {type: message, say: Hi., next: globals}\n  globals: {type: hangup, say: Bye.}\n"
    )
    result = export(loads(text, str(tmp_path / "r.yaml"), root=str(tmp_path)), "asterisk")
    assert (
        "[ivrkit_general]\nexten => s,1,Background(ivrkit/ivrkit_general,m) ; say: Hi.\n same => n,Goto(ivrkit_globals,s,1)\n"
        in (result.text)
    )
    assert sum("is a reserved context name" in note.message for note in result.notes) == 2
    back = convert_text(result.text, tmp_path / "r.conf", "asterisk")
    assert back.menu["entry"] == "ivrkit_general" and back.remarks == []


@pytest.mark.usefixtures("asterisklint_installed")
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(valid_menus())
def test_asterisklint_finds_nothing_in_the_export_of_a_random_menu(tmp_path: Path, menu: dict):
    assert ASTERISKLINT is not None
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    menuset = loads(menu_yaml(menu), str(tmp_path / "menu.yaml"), root=str(tmp_path))
    out = tmp_path / "extensions.conf"
    out.write_text(export(menuset, "asterisk").text, encoding="utf-8")
    run = subprocess.run([ASTERISKLINT, "dialplan-check", str(out)], capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stderr) == (0, "")


def test_audio_joins_the_wavs_of_a_menu_prompt_and_its_options(tmp_path: Path):
    menuset = _shop(tmp_path)
    (tmp_path / "audio").mkdir()
    entries = {
        ("main", "prompt", None, "en"): ("main-prompt-en.wav", "Welcome."),
        ("main", "option", "1", "en"): ("main-option-en-1.wav", "To sales, press 1."),
    }
    for name, _ in entries.values():
        (tmp_path / "audio" / name).write_bytes(b"RIFF")
    written = export(menuset, "asterisk", ExportOptions(audio=AudioPrompts(tmp_path / "audio", entries))).text
    assert (
        " same => n(prompt),Background(ivrkit/main-prompt-en&ivrkit/main-option-en-1) ; say: Welcome. To sales, press 1.\n"
        in written
    )
    back = convert_text(written, tmp_path / "shop.conf", "asterisk")
    assert back.menu["nodes"]["main"]["say"] == "Welcome. To sales, press 1."
