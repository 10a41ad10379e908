"""The exporter framework: the registry of targets, fidelity notes, substitutions and rendered audio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ivrkit.exporters import (
    EXPORTER_MODULES,
    EXPORTERS,
    TARGETS,
    AudioPrompts,
    ExportProblem,
    FidelityNote,
    Substitutions,
    export,
    get_exporter,
    parse_assignment,
    placeholder_name,
    read_substitutions,
)
from ivrkit.loader import load
from ivrkit.model import Span

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_registry_lists_every_target_module_once():
    assert TARGETS == tuple(module.EXPORTER.name for module in EXPORTER_MODULES)
    assert "vxml" in EXPORTERS and get_exporter("vxml").suffix == ".vxml"
    with pytest.raises(ExportProblem, match="no exporter for `nowhere`"):
        get_exporter("nowhere")


def test_a_note_reads_as_path_line_col_kind_message():
    note = FidelityNote(Span("menu.yaml", 12, 5, 12, 9), "lost", "no queues here")
    assert str(note) == "menu.yaml:12:5: lost: no queues here"
    assert str(FidelityNote(None, "placeholder", "x")) == "placeholder: x"


def test_export_result_carries_text_bytes_notes_and_ids():
    result = export(load(EXAMPLES / "aurora-pankki.yaml"), "vxml")
    assert result.target == "vxml" and result.data == result.text.encode("utf-8")
    assert result.losses == result.notes and result.notes
    assert all(note.kind in ("approximated", "lost", "placeholder") for note in result.notes)
    assert all(note.span is not None for note in result.notes if note.kind != "placeholder")
    assert set(result.placeholders) == {name for name in result.placeholders if name.startswith("QUEUE_")}


def test_placeholder_names_come_from_the_menu():
    assert placeholder_name("QUEUE", "payment-support") == "QUEUE_PAYMENT_SUPPORT"
    assert placeholder_name("HOURS", "office") == "HOURS_OFFICE"
    assert placeholder_name("QUEUE", "jono 2 (ilta)") == "QUEUE_JONO_2_ILTA"


def test_assignments_and_substitution_files(tmp_path: Path):
    assert parse_assignment("QUEUE_X=arn:aws:connect:x=y") == ("QUEUE_X", "arn:aws:connect:x=y")
    for bad in ("QUEUE_X", "queue_x=1", "=1"):
        with pytest.raises(ExportProblem):
            parse_assignment(bad)
    good = tmp_path / "ids.yaml"
    good.write_text("QUEUE_A: arn:a\nFLOW_B: 12\n", encoding="utf-8")
    assert read_substitutions(good) == {"QUEUE_A": "arn:a", "FLOW_B": "12"}
    for text, message in (
        ("queue_a: x\n", "is not a substitution name"),
        ("QUEUE_A: [1]\n", "must be a string"),
        ("QUEUE_A: yes\n", "must be a string"),
        ("a: [\n", "is not YAML"),
    ):
        good.write_text(text, encoding="utf-8")
        with pytest.raises(ExportProblem, match=message):
            read_substitutions(good)


def test_substitutions_remember_what_was_used_and_left_open():
    values = Substitutions({"QUEUE_A": "sip:a"})
    assert values.get("QUEUE_A") == "sip:a" and values.get("QUEUE_B") == "${QUEUE_B}"
    assert values.used == {"QUEUE_A": "sip:a", "QUEUE_B": None}


def test_audio_reads_only_an_ivrkit_audio_manifest(tmp_path: Path):
    with pytest.raises(ExportProblem, match="does not exist"):
        AudioPrompts.read(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"generator": "someone else", "entries": []}))
    with pytest.raises(ExportProblem, match="is not an `ivrkit audio` manifest"):
        AudioPrompts.read(tmp_path)
    (tmp_path / "ok.wav").write_bytes(b"RIFF")
    entries = [
        {"node": "m", "kind": "prompt", "key": None, "language": "en", "text": "Hi.", "file": "ok.wav"},
        {"node": "x", "kind": "prompt", "key": None, "language": "en", "text": "Up.", "file": "../up.wav"},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps({"generator": "ivrkit audio 1.0", "entries": entries}))
    audio = AudioPrompts.read(tmp_path)
    assert audio.find("m", "prompt", None, "en", "Hi.") == tmp_path / "ok.wav"
    assert audio.find("m", "prompt", None, "en", "Hello.") is None  # rendered from other words
    assert audio.find("x", "prompt", None, "en", "Up.") is None  # a file outside the folder is never named


def test_a_building_block_exported_alone_ends_where_it_would_return(tmp_path: Path):
    from ivrkit.loader import loads

    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    text = (
        "ivrkit: 1\nname: Block\nentry: ask\nnodes:\n  ask:\n    type: message\n    say: One moment.\n"
        "    next: return\n"
    )
    result = export(loads(text, str(tmp_path / "block.yaml"), root=str(tmp_path)), "vxml")
    assert '<goto next="#ivrkit_end" />' in result.text and '<form id="ivrkit_end">' in result.text
    assert [str(note) for note in result.notes] == [
        f"{tmp_path / 'block.yaml'}:8:11: lost: `return` with no file that entered this one: the call ends here"
    ]
