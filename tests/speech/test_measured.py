"""`measured(menuset, manifest)` and `ivrkit paths --durations`: measured prompt lengths replace estimates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.engine import Session, Speak
from ivrkit.engine.durations import estimated
from ivrkit.engine.measured import ManifestError, measured, read_manifest, spoken_prompts
from ivrkit.engine.paths import analyse
from ivrkit.loader import load

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "examples" / "northwind-energy.yaml"


def _entry(prompt, duration: float, text: str | None = None) -> dict:
    node, kind, key, language, own = prompt.identity
    return {
        "node": node,
        "kind": kind,
        "key": key,
        "language": language,
        "text": text or own,
        "file": f"{node}-{kind}.wav",
        "duration": duration,
    }


def _manifest(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"format": "ivrkit-audio-manifest/1", "entries": entries}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def menuset():
    return load(ENGLISH)


def test_spoken_prompts_lists_prompts_options_and_handlers_once(menuset):
    prompts = spoken_prompts(menuset)
    identities = [p.identity for p in prompts if p.identity]
    assert len(identities) == len(set(identities))
    kinds = {(p.node, p.kind, p.key) for p in prompts}
    assert {
        ("main", "prompt", None),
        ("main", "option", "1"),
        ("main", "option", "*"),
        ("main", "handler", "no-input-1"),
        ("main", "handler", "no-match-2"),
    } <= kinds


def test_a_session_uses_the_measured_length_of_a_matching_prompt_and_estimates_the_rest(menuset, tmp_path):
    prompts = {(p.node, p.kind, p.key): p for p in spoken_prompts(menuset)}
    welcome = prompts[("welcome", "prompt", None)]
    option = prompts[("main", "option", "1")]
    edited = prompts[("main", "option", "2")]
    manifest = _manifest(
        tmp_path,
        [_entry(welcome, 12.5), _entry(option, 7.25), _entry(edited, 99.0, text="An older wording of option two.")],
    )
    duration = measured(menuset, manifest)
    estimate = estimated(menuset)
    session = Session(menuset, duration=duration)
    spoken = [e for e in session.start() + session.wait() if isinstance(e, Speak)]
    lengths = {(e.node, e.kind, e.key): e.duration for e in spoken}
    assert lengths[("welcome", "prompt", None)] == 12.5
    assert lengths[("main", "option", "1")] == 7.25
    assert lengths[("main", "option", "2")] == pytest.approx(estimate(edited.segment, 165))  # text changed
    assert lengths[("main", "prompt", None)] == pytest.approx(estimate(prompts[("main", "prompt", None)].segment, 165))
    handler = prompts[("main", "handler", "no-input-1")]
    manifest = _manifest(tmp_path, [_entry(handler, 3.0)])
    session = Session(menuset, duration=measured(menuset, manifest))
    session.start()
    spoken = [e for e in session.wait() if isinstance(e, Speak) and e.kind == "handler"]
    assert spoken and spoken[0].duration == 3.0


def test_paths_with_measured_durations_move_every_time_by_the_difference(menuset, tmp_path):
    prompts = {(p.node, p.kind, p.key): p for p in spoken_prompts(menuset)}
    welcome = prompts[("welcome", "prompt", None)]
    longer = estimated(menuset)(welcome.segment, 165) + 10.0
    manifest = _manifest(tmp_path, [_entry(welcome, longer)])
    before = {f.node: f.seconds for f in analyse(menuset).paths}
    after = {f.node: f.seconds for f in analyse(menuset, duration=measured(menuset, manifest)).paths}
    reached = [node for node, seconds in before.items() if seconds is not None]
    assert len(reached) >= 5
    for node in reached:
        assert after[node] == pytest.approx(before[node] + 10.0, abs=0.01), node


def _ivrkit(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "ivrkit", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_paths_durations_flag(menuset, tmp_path):
    prompts = {(p.node, p.kind, p.key): p for p in spoken_prompts(menuset)}
    welcome = prompts[("welcome", "prompt", None)]
    longer = estimated(menuset)(welcome.segment, 165) + 10.0
    manifest = _manifest(tmp_path, [_entry(welcome, longer)])
    plain = json.loads(_ivrkit("paths", str(ENGLISH), "--json").stdout)
    result = _ivrkit("paths", str(ENGLISH), "--json", "--durations", str(manifest))
    assert result.returncode == 0, result.stderr
    timed = json.loads(result.stdout)
    first = {p["node"]: p["seconds"] for p in plain["paths"]}
    for path in timed["paths"]:
        if path["seconds"] is not None:
            assert path["seconds"] == pytest.approx(first[path["node"]] + 10.0, abs=0.01)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "manifest not found"),
        ("{not json", "manifest.json:1:2: not a usable manifest: not valid JSON"),
        ("[" * 5000 + "]" * 5000, "1:101: not a usable manifest: the JSON is nested more than 100 levels deep"),
        ('{"entries": [{"duration": 1' + "0" * 5000 + "}]}", "a number of 5001 digits is too long"),
        ('{"entries": {}}', "no `entries` list"),
        ('{"entries": [{"node": "main"}]}', "entry 1 has no valid `kind`"),
        (
            '{"entries": [{"node": "a", "kind": "prompt", "language": "en", "text": "x", "duration": true}]}',
            "entry 1 has no valid `duration`",
        ),
        ('{"entries": [{"node": "a", "kind": "prompt", "language": "en", "text": "x", "duration": -1}]}', "negative"),
    ],
)
def test_a_manifest_that_cannot_be_used_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "manifest.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ManifestError, match=message):
        read_manifest(path)
    result = _ivrkit("paths", str(ENGLISH), "--durations", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith("ivrkit: error: --durations: ") and message in result.stderr
    assert "Traceback" not in result.stderr
