"""Sound names from other platforms become audio paths the loader accepts (it confines them to the project).

FreeSWITCH names sounds by absolute path, VoiceXML by `../` relative to the
page, Windows tools with backslashes: imported as written, the menu would
not load ("must be a relative path"). Each becomes a relative name with a
remark, the original kept under x-unmapped; nothing outside the project is
named, so nothing outside it is opened.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from ivrkit.importers._audio import safe_audio_name

from .conftest import FIXTURES, require_corpus


@pytest.mark.parametrize(
    "raw,safe",
    [
        ("ivr/ivr-welcome.wav", "ivr/ivr-welcome.wav"),  # already fine: unchanged
        ("https://example.com/audio/welcome.mp3", "https://example.com/audio/welcome.mp3"),
        ("$${sounds_dir}/ivr/x.wav", "$${sounds_dir}/ivr/x.wav"),
        ("/usr/share/freeswitch/sounds/ivr/incoming.wav", "usr/share/freeswitch/sounds/ivr/incoming.wav"),
        ("../../etc/passwd", "etc/passwd"),
        ("prompts/../../x.wav", "prompts/x.wav"),
        ("C:\\sounds\\hello.wav", "sounds/hello.wav"),
        ("a\x01b.wav", "a_b.wav"),
        ("/", "unnamed-sound"),
        ("x" * 300 + ".wav", "x" * 255),
    ],
)
def test_safe_audio_name(raw, safe):
    assert safe_audio_name(raw) == safe


def test_absolute_and_parent_paths_import_and_load(tmp_path):
    text = (FIXTURES / "fs_menu.xml").read_text(encoding="utf-8")
    text = text.replace('invalid-sound="ivr/invalid.wav"', 'invalid-sound="/etc/passwd"')
    text = text.replace('exit-sound="voicemail/vm-goodbye.wav"', 'exit-sound="../../../outside.wav"')
    (tmp_path / "menu.xml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "import", "menu.xml"], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert (
        "menu.xml:4:5: note: the sound `/etc/passwd` is not a path inside the project; imported as "
        "`audio: etc/passwd` (the name as written is under x-unmapped)"
    ) in result.stderr
    assert "imported as `audio: outside.wav`" in result.stderr
    assert "no_match: {audio: etc/passwd}" in result.stdout
    assert "audio as written: /etc/passwd" in result.stdout
    checked = subprocess.run(
        [sys.executable, "-m", "ivrkit", "check", "menu.xml"], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_corpus_34_absolute_sound_paths_load():
    """A real FreeSWITCH file: every prompt is an absolute path under /usr/share/freeswitch/sounds."""
    from ivrkit.importers import convert, load_any

    path = require_corpus() / "34_freeswitch-giomelik-main-ivr.conf.xml"
    imported = convert(path)
    main = imported.menu["nodes"]["main_ivr"]
    assert main["audio"] == "usr/share/freeswitch/sounds/ivr/incoming.wav"
    assert (
        imported.menu["x-unmapped"]["main_ivr"]["audio as written"] == "/usr/share/freeswitch/sounds/ivr/incoming.wav"
    )
    assert sum("is not a path inside the project" in remark for remark in imported.remarks) == 2  # one per sound
    load_any(path, root=path.parent)
