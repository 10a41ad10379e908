"""`ivrkit audio --force` only replaces or removes files ivrkit itself wrote; the manifest records the voice.

Regression tests for issue 10 (a user's keep.wav deleted because a manifest
ivrkit did not write listed it; `"voice": null` on every entry). Synthesis is
a stand-in writing short WAVs, so these run without espeak-ng.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from ivrkit import cli
from ivrkit.speech import synthesis

from ..lint_helpers import CLEAN

ROOT = Path(__file__).resolve().parent.parent.parent


class FakeSynthesizer:
    """Writes half a second of silence per job; the voice is `fake/LANG` (or the one asked for)."""

    def voice(self, language, wanted=None):
        return wanted or f"fake/{language}"

    def synthesize(self, job, timeout=30.0):
        with wave.open(job.path, "wb") as audio:
            audio.setnchannels(1)
            audio.setsampwidth(2)
            audio.setframerate(8000)
            audio.writeframes(b"\0\0" * 4000)
        return synthesis.Result(job.path, 0.5)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(synthesis, "Synthesizer", FakeSynthesizer)
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menu.yaml").write_text(CLEAN)
    return tmp_path


def audio(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["audio", "menu.yaml", "--out", "out", *args])
    return code, capsys.readouterr().err


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_manifest_names_its_generator_the_voice_and_each_files_hash(project, capsys):
    code, err = audio(capsys)
    assert code == 0, err
    manifest = _manifest(project / "out")
    assert manifest["generator"].startswith("ivrkit audio ")
    entries = manifest["entries"]
    assert entries and {entry["voice"] for entry in entries} == {"fake/en"}
    for entry in entries:
        data = (project / "out" / entry["file"]).read_bytes()
        assert (entry["bytes"], entry["sha256"]) == (len(data), _sha(data))
    assert sorted(p.name for p in (project / "out").iterdir()) == sorted(
        [entry["file"] for entry in entries] + ["manifest.json"]
    )  # no temporary files left


def test_a_manifest_ivrkit_did_not_write_stops_the_run_and_nothing_is_deleted(project, capsys):
    out = project / "out"
    out.mkdir()
    (out / "keep.wav").write_bytes(b"my recording")
    foreign = json.dumps({"entries": [{"file": "keep.wav"}]})
    (out / "manifest.json").write_text(foreign)
    code, err = audio(capsys, "--force")
    assert code == 2
    assert err == (
        f"ivrkit: error: {Path('out') / 'manifest.json'} was not written by `ivrkit audio`, and ivrkit "
        "would replace it: move it away or choose another --out\n"
    )
    assert (out / "keep.wav").read_bytes() == b"my recording"
    assert (out / "manifest.json").read_text() == foreign


def test_a_forged_manifest_cannot_get_a_users_file_deleted(project, capsys):
    out = project / "out"
    out.mkdir()
    (out / "keep.wav").write_bytes(b"my recording")
    outside = project / "outside.wav"
    outside.write_bytes(b"RIFF")
    forged = {
        "format": "ivrkit-audio-manifest/1",
        "generator": "ivrkit audio 0.1.0",
        "entries": [
            {"file": "keep.wav", "bytes": 12, "sha256": _sha(b"something else")},  # content does not match
            {"file": "../outside.wav", "bytes": 4, "sha256": _sha(b"RIFF")},  # outside DIR
            {"file": str(outside), "bytes": 4, "sha256": _sha(b"RIFF")},
        ],
    }
    (out / "manifest.json").write_text(json.dumps(forged))
    code, err = audio(capsys, "--force")
    assert code == 0, err
    assert (out / "keep.wav").read_bytes() == b"my recording" and outside.read_bytes() == b"RIFF"
    assert (
        f"ivrkit: kept {Path('out') / 'keep.wav'}: the earlier manifest lists it, but it changed since "
        "ivrkit wrote it\n" in err
    )


def test_a_file_of_the_same_name_that_ivrkit_did_not_write_is_not_overwritten(project, capsys):
    assert audio(capsys)[0] == 0
    out = project / "out"
    name = "hours-prompt-en.wav"
    assert name in {entry["file"] for entry in _manifest(out)["entries"]}
    (out / name).write_bytes(b"a studio recording")  # replaced by hand after the first run
    code, err = audio(capsys, "--force")
    assert code == 2
    assert err == (
        f"ivrkit: error: {Path('out') / name} exists and was not written by "
        "`ivrkit audio` (or changed since); move it away or choose another --out\n"
    )
    assert (out / name).read_bytes() == b"a studio recording"


def test_a_second_run_replaces_its_own_files_and_removes_its_stale_ones(project, capsys):
    assert audio(capsys)[0] == 0
    out = project / "out"
    manifest = _manifest(out)
    manifest["entries"].append(
        {**manifest["entries"][0], "file": "gone-prompt-en.wav", "bytes": 4, "sha256": _sha(b"RIFF")}
    )
    (out / "gone-prompt-en.wav").write_bytes(b"RIFF")
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "notes.txt").write_text("mine")
    code, err = audio(capsys, "--force")
    assert code == 0, err
    assert not (out / "gone-prompt-en.wav").exists()
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    "text, position, problem",
    [
        ("[" * 150 + "]" * 150, "1:101", "the JSON is nested more than 100 levels deep"),
        ('{"format": ' + "9" * 5000 + "}", "1:12", "a number of 5000 digits is too long (at most 100)"),
        ('{"entries": [}', "1:14", "not valid JSON: Expecting value"),
    ],
)
def test_an_unusable_manifest_is_a_positioned_error(project, capsys, text, position, problem):
    out = project / "out"
    out.mkdir()
    (out / "manifest.json").write_text(text)
    code, err = audio(capsys, "--force")
    assert code == 2
    assert err == (
        f"ivrkit: error: {Path('out') / 'manifest.json'}:{position}: not a usable manifest: {problem}; "
        "ivrkit would replace it: move it away or choose another --out\n"
    )
    assert (out / "manifest.json").read_text() == text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_manifest_json_does_not_hang(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menu.yaml").write_text(CLEAN)
    (tmp_path / "out").mkdir()
    os.mkfifo(tmp_path / "out" / "manifest.json")
    environment = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "audio", "menu.yaml", "--out", "out", "--force"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "ivrkit: error: out/manifest.json is not an `ivrkit audio` manifest (not a regular "
        "file of sensible size); move it away or choose another --out\n"
    )


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc (a folder no file can be made in)")
def test_an_output_folder_that_cannot_be_made_is_a_clear_error(project, capsys):
    code = cli.main(["audio", "menu.yaml", "--out", "/proc/ivrkit-test-audio"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("ivrkit: error: cannot write into /proc/ivrkit-test-audio: ")
