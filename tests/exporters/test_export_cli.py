"""`ivrkit export`: output files (atomic, --force, inside the project), --strict, substitutions and --audio."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import run_ivrkit


def test_prints_the_document_and_the_notes_with_positions(project: Path):
    code, out, err = run_ivrkit("export", str(project / "examples" / "northwind-energy.yaml"), "--to", "vxml")
    assert code == 0, err
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<vxml ')
    lines = err.splitlines()
    assert lines and all(re.match(r"\S+\.yaml(:\d+:\d+)?: (approximated|lost|placeholder): ", line) for line in lines)
    assert any(line.endswith("lost: `announce_wait` of `faults`: VoiceXML has no queue to announce") for line in lines)
    assert any("placeholder: `${QUEUE_FAULTS}` has no value" in line for line in lines)


def test_strict_makes_any_note_an_error_and_writes_nothing(project: Path):
    out = project / "examples" / "northwind.vxml"
    code, _, err = run_ivrkit(
        "export", str(project / "examples" / "northwind-energy.yaml"), "--to", "vxml", "-o", str(out), "--strict"
    )
    assert code == 1
    assert "fidelity notes with --strict; nothing written" in err
    assert not out.exists()


def test_strict_passes_a_menu_the_target_expresses_fully(project: Path):
    menu = project / "plain.yaml"
    menu.write_text(
        "ivrkit: 1\nname: Plain\nentry: main\nsettings: {retries: 0, fallback: bye}\nnodes:\n"
        "  main:\n    type: menu\n    say: Hello.\n    options:\n      '1': {label: leave, goto: bye}\n"
        "  bye: {type: hangup, say: Goodbye.}\n",
        encoding="utf-8",
    )
    code, out, err = run_ivrkit("export", str(menu), "--to", "vxml", "--strict")
    assert (code, err) == (0, "")
    assert '<choice dtmf="1" next="#bye">To leave, press 1.</choice>' in out


def test_an_existing_output_needs_force_and_is_replaced_whole(project: Path):
    menu = project / "examples" / "aurora-pankki.yaml"
    out = project / "examples" / "aurora.vxml"
    out.write_text("mine", encoding="utf-8")
    code, _, err = run_ivrkit("export", str(menu), "--to", "vxml", "-o", str(out))
    assert code == 2 and "exists; pass --force to overwrite it" in err
    assert out.read_text(encoding="utf-8") == "mine"
    code, _, err = run_ivrkit("export", str(menu), "--to", "vxml", "-o", str(out), "--force")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".aurora.vxml.")] == []  # no temporary left


def test_no_output_outside_the_project_or_over_an_input(project: Path, tmp_path_factory):
    menu = project / "examples" / "aurora-pankki.yaml"
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "out.vxml"
    code, _, err = run_ivrkit("export", str(menu), "--to", "vxml", "-o", str(elsewhere))
    assert code == 2 and "is outside the project root" in err
    assert not elsewhere.exists()
    code, _, err = run_ivrkit(
        "export", str(menu), "--to", "vxml", "-o", str(project / "menus" / "out-of-hours.yaml"), "--force"
    )
    assert code == 2 and "is one of the input files" in err


def test_set_id_and_a_substitutions_file_fill_the_placeholders(project: Path):
    menu = project / "examples" / "northwind-energy.yaml"
    ids = project / "prod.yaml"
    ids.write_text("QUEUE_FAULTS: sip:faults@pbx.example\nQUEUE_BILLING: sip:old@pbx.example\n", encoding="utf-8")
    code, out, err = run_ivrkit(
        "export", str(menu), "--to", "vxml", "--ids", str(ids), "--set-id", "QUEUE_BILLING=sip:billing@pbx.example"
    )
    assert code == 0, err
    assert 'dest="sip:faults@pbx.example"' in out and 'dest="sip:billing@pbx.example"' in out
    assert "${QUEUE_FAULTS}" not in out and "${QUEUE_CUSTOMER_SERVICE}" in out
    assert "`${QUEUE_FAULTS}` has no value" not in err and "`${QUEUE_CUSTOMER_SERVICE}` has no value" in err


def test_bad_substitutions_are_usage_errors(project: Path):
    menu = str(project / "examples" / "northwind-energy.yaml")
    code, _, err = run_ivrkit("export", menu, "--to", "vxml", "--set-id", "queue=x")
    assert code == 2 and "--set-id: write NAME=VALUE with NAME in capitals" in err
    bad = project / "bad.yaml"
    bad.write_text("- QUEUE_X\n", encoding="utf-8")
    code, _, err = run_ivrkit("export", menu, "--to", "vxml", "--ids", str(bad))
    assert code == 2 and "must be a map NAME: VALUE" in err


def _manifest(folder: Path, entries: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        (folder / entry["file"]).write_bytes(b"RIFF")
    (folder / "manifest.json").write_text(
        json.dumps({"format": 1, "generator": "ivrkit audio 0.9", "entries": entries}), encoding="utf-8"
    )


def test_audio_uses_the_rendered_wavs_by_relative_path(project: Path):
    menu = project / "plain.yaml"
    menu.write_text(
        "ivrkit: 1\nname: Plain\nentry: main\nnodes:\n  main:\n    type: menu\n    say: Hello.\n"
        "    options:\n      '1': {label: leave, goto: bye}\n    no_match: [{say: Sorry.}, {say: No.}]\n"
        "  bye: {type: hangup, say: Goodbye.}\n",
        encoding="utf-8",
    )
    _manifest(
        project / "audio",
        [
            {
                "node": "main",
                "kind": "prompt",
                "key": None,
                "language": "en",
                "text": "Hello.",
                "file": "main-prompt-en.wav",
            },
            {
                "node": "main",
                "kind": "option",
                "key": "1",
                "language": "en",
                "text": "To leave, press 1.",
                "file": "main-option-en-1.wav",
            },
            {
                "node": "main",
                "kind": "handler",
                "key": "no-match-2",
                "language": "en",
                "text": "No.",
                "file": "main-handler-en-no-match-2.wav",
            },
            {
                "node": "bye",
                "kind": "prompt",
                "key": None,
                "language": "en",
                "text": "Goodbye (old words).",
                "file": "bye-prompt-en.wav",
            },
        ],
    )
    out = project / "site" / "plain.vxml"
    out.parent.mkdir()
    code, _, err = run_ivrkit("export", str(menu), "--to", "vxml", "--audio", str(project / "audio"), "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert '<audio src="../audio/main-prompt-en.wav">Hello.</audio>' in text
    assert '<audio src="../audio/main-option-en-1.wav">To leave, press 1.</audio>' in text
    assert (
        '<nomatch count="2">\n      <prompt>\n        <audio src="../audio/main-handler-en-no-match-2.wav">No.</audio>'
        in text
    )
    assert "bye-prompt-en.wav" not in text  # rendered from other words: spoken by TTS, with a note
    assert "approximated: no WAV in" in err


def test_audio_must_be_an_ivrkit_audio_folder_inside_the_project(project: Path, tmp_path_factory):
    menu = str(project / "examples" / "aurora-pankki.yaml")
    code, _, err = run_ivrkit("export", menu, "--to", "vxml", "--audio", str(project / "nothing"))
    assert code == 2 and "manifest.json does not exist" in err
    outside = tmp_path_factory.mktemp("wavs")
    code, _, err = run_ivrkit("export", menu, "--to", "vxml", "--audio", str(outside))
    assert code == 2 and "is outside the project root" in err


def test_an_unknown_target_is_a_usage_error(project: Path):
    code, _, err = run_ivrkit("export", str(project / "examples" / "aurora-pankki.yaml"), "--to", "nowhere")
    assert code == 2 and "invalid choice: 'nowhere'" in err


def test_the_command_lists_every_exporter_without_importing_them():
    import subprocess
    import sys

    from ivrkit.cli import export as export_command
    from ivrkit.exporters import TARGETS

    assert export_command.TARGETS == TARGETS
    probe = "import sys; from ivrkit.cli import build_parser; build_parser(); print('ivrkit.exporters' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"
