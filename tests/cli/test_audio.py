"""`ivrkit audio`: every prompt of a menu as a WAV file, with a manifest whose durations match the files."""

from __future__ import annotations

import argparse
import hashlib
import json
import wave
from pathlib import Path

import pytest

from ivrkit.cli import audio as cli_audio
from ivrkit.engine.measured import spoken_prompts
from ivrkit.loader import load

from ..conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "examples" / "northwind-energy.yaml"
FINNISH = ROOT / "examples" / "aurora-pankki.yaml"
BILINGUAL = ROOT / "examples" / "kaupunki-bilingual.yaml"


def audio(*argv: str) -> int:
    """Run `ivrkit audio` (built from ivrkit.cli.audio alone)."""
    parser = argparse.ArgumentParser(prog="ivrkit")
    commands = parser.add_subparsers(dest="command")
    cli_audio.add_parser(commands)
    args = parser.parse_args(["audio", *argv])
    return args.run(args)


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        return wav.getnframes() / wav.getframerate()


@pytest.mark.parametrize("menu, language", [(ENGLISH, "en"), (FINNISH, "fi")])
def test_every_prompt_becomes_a_wav_whose_length_the_manifest_gives(tmp_path, capsys, menu, language):
    require_tool("espeak-ng")
    out = tmp_path / "audio"
    assert audio(str(menu), "--out", str(out)) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["entries"]
    menuset = load(menu)
    expected = [p for p in spoken_prompts(menuset) if p.identity is not None]
    assert len(entries) == len(expected) >= 20
    assert {entry["kind"] for entry in entries} == {"prompt", "option", "handler"}
    assert {entry["language"] for entry in entries} == {language}
    voices = {entry["voice"] for entry in entries}  # the espeak-ng voice that spoke them, never null
    assert len(voices) == 1 and all(isinstance(voice, str) and voice for voice in voices), voices
    for entry, prompt in zip(entries, expected):
        assert (entry["node"], entry["kind"], entry["key"], entry["language"], entry["text"]) == prompt.identity
        seconds = _seconds(out / entry["file"])
        assert entry["duration"] == pytest.approx(seconds, abs=1e-4)
        assert seconds > 0.3
    names = sorted(path.name for path in out.iterdir())
    assert names == sorted([entry["file"] for entry in entries] + ["manifest.json"])  # no temporary files left
    assert "wrote" in capsys.readouterr().err


def test_file_names_are_deterministic_and_safe(tmp_path):
    require_tool("espeak-ng")
    out = tmp_path / "audio"
    assert audio(str(ENGLISH), "--out", str(out)) == 0
    files = {
        (e["node"], e["kind"], e["key"]): e["file"] for e in json.loads((out / "manifest.json").read_text())["entries"]
    }
    assert files[("main", "prompt", None)] == "main-prompt-en.wav"
    assert files[("main", "option", "1")] == "main-option-en-1.wav"
    assert files[("main", "option", "*")] == "main-option-en-star.wav"
    assert files[("main", "handler", "no-input-1")] == "main-handler-en-no-input-1.wav"
    assert files[("menus/account-number.yaml#agent", "prompt", None)] == "menus_account-number.yaml_agent-prompt-en.wav"
    assert len(set(files.values())) == len(files)
    assert cli_audio.file_name("../x y", "option", "fi", "#") == "x_y-option-fi-hash.wav"


def test_languages_can_be_chosen_and_a_missing_translation_is_rendered_once(tmp_path):
    require_tool("espeak-ng")
    out = tmp_path / "audio"
    assert audio(str(BILINGUAL), "--out", str(out), "--lang", "en", "--rate", "200") == 0
    entries = json.loads((out / "manifest.json").read_text())["entries"]
    assert entries and all(entry["rate"] == 200 for entry in entries)
    assert {entry["language"] for entry in entries} <= {"en", "fi"}
    both = tmp_path / "both"
    assert audio(str(BILINGUAL), "--out", str(both), "--lang", "fi,en") == 0
    manifest = json.loads((both / "manifest.json").read_text())
    assert manifest["languages"] == ["fi", "en"]
    identities = [(e["node"], e["kind"], e["key"], e["language"], e["text"]) for e in manifest["entries"]]
    assert len(identities) == len(set(identities)) > len(entries)


def test_a_folder_that_is_not_empty_needs_force_and_old_files_are_replaced(tmp_path, capsys):
    require_tool("espeak-ng")
    out = tmp_path / "audio"
    assert audio(str(FINNISH), "--out", str(out)) == 0
    manifest = out / "manifest.json"
    before = manifest.read_text()
    (out / "notes.txt").write_text("mine")
    stale = json.loads(before)
    # An earlier run wrote old-node-prompt-fi.wav (its manifest has the file's size and hash).
    stale["entries"].append(
        {
            **stale["entries"][0],
            "file": "old-node-prompt-fi.wav",
            "bytes": 4,
            "sha256": hashlib.sha256(b"RIFF").hexdigest(),
        }
    )
    (out / "old-node-prompt-fi.wav").write_bytes(b"RIFF")
    manifest.write_text(json.dumps(stale))
    capsys.readouterr()
    assert audio(str(FINNISH), "--out", str(out)) == 2
    assert "is not empty; pass --force" in capsys.readouterr().err
    assert json.loads(manifest.read_text()) == stale  # untouched
    assert audio(str(FINNISH), "--out", str(out), "--force") == 0
    assert not (out / "old-node-prompt-fi.wav").exists()  # ours, from the earlier manifest
    assert (out / "notes.txt").read_text() == "mine"  # not ours: kept
    assert len(json.loads(manifest.read_text())["entries"]) == len(json.loads(before)["entries"])


def test_usage_errors_exit_2_with_a_message(tmp_path, capsys):
    file = tmp_path / "file"
    file.write_text("x")
    assert audio(str(ENGLISH), "--out", str(file)) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert audio(str(ENGLISH), "--out", str(tmp_path / "a"), "--lang", "sv") == 2
    assert "does not speak `sv`" in capsys.readouterr().err
    assert audio(str(ENGLISH), "--out", str(tmp_path / "a"), "--rate", "0") == 2
    assert "not a speaking rate" in capsys.readouterr().err
    assert audio(str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "a")) == 2
    assert not (tmp_path / "a").exists()


def test_without_espeak_ng_it_exits_2_and_says_what_to_install(tmp_path, capsys, monkeypatch):
    import ivrkit.speech.synthesis as synthesis

    class Missing:
        def __init__(self):
            raise RuntimeError("RuntimeError: This means you probably do not have eSpeak or eSpeak-ng installed!")

    monkeypatch.setattr(synthesis, "Synthesizer", Missing)
    assert audio(str(ENGLISH), "--out", str(tmp_path / "a")) == 2
    err = capsys.readouterr().err
    assert err.startswith("ivrkit: error: speech synthesis is unavailable")
    assert "espeak-ng libespeak-ng1" in err and "Traceback" not in err
    assert not (tmp_path / "a").exists()


def test_a_rendered_manifest_times_every_prompt_of_a_call(tmp_path):
    """`ivrkit audio`, then `measured()`: each prompt, option and handler a session says has its WAV's length."""
    require_tool("espeak-ng")
    from ivrkit.engine import Session, Speak
    from ivrkit.engine.measured import measured

    out = tmp_path / "audio"
    assert audio(str(FINNISH), "--out", str(out)) == 0
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["entries"]
    lengths: dict[tuple, set[float]] = {}
    for e in entries:
        lengths.setdefault((e["kind"], e["language"], e["text"]), set()).add(e["duration"])
    menuset = load(FINNISH)
    session = Session(menuset, duration=measured(menuset, out / "manifest.json"))
    events = session.start() + session.wait() + session.wait() + session.press("1")
    spoken = [e for e in events if isinstance(e, Speak) and e.kind in ("prompt", "option", "handler")]
    assert any(e.kind == "handler" for e in spoken) and any(e.kind == "option" for e in spoken)
    for event in spoken:
        # a global option is written once and announced in many menus: any of its (equal-text) renderings
        assert event.duration in lengths[(event.kind, event.language, event.text)], event
