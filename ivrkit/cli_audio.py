"""`ivrkit audio`: render every prompt of a menu to WAV files with pyttsx3 (espeak-ng), plus a manifest.

For teams that deploy TTS-rendered prompts. One WAV per node prompt, per
announced option (the composed announcement, "To pay a bill, press 1.") and
per no-input / no-match message, in each language; `manifest.json` lists
them (node, kind, key, language, text, file, duration in seconds measured
from the WAV, rate, voice) and `ivrkit paths --durations DIR/manifest.json`
times calls with them.

File names are deterministic: ``NODE-KIND-LANG[-KEY].wav`` with anything but
letters, digits, `.`, `_` and `-` replaced (`*` is `star`, `#` is `hash`),
where KEY is the option's key or the handler (`no-input-1`).

Exit codes: 0 every prompt rendered, 1 some prompts could not be rendered
(the manifest lists the others), 2 a usage error, a menu that does not load,
an output folder that is not empty without --force, or no speech synthesiser
(pyttsx3 with the espeak-ng library).
"""

from __future__ import annotations

import json
import os
import re
import sys
import wave
from pathlib import Path

__all__ = ["add_commands", "run_audio_command", "file_name"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2

MANIFEST = "manifest.json"
_KEY_NAMES = {"*": "star", "#": "hash"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def add_commands(commands, add_common) -> None:
    audio = commands.add_parser(
        "audio",
        help="render every prompt to WAV files with a manifest",
        description="Synthesise every prompt of a menu with pyttsx3 and espeak-ng: each node's prompt, each "
        "announced option and each no-input/no-match message, in each language, to DIR/NODE-KIND-LANG[-KEY].wav, "
        f"and list them in DIR/{MANIFEST} with their measured durations (for `ivrkit paths --durations`). "
        "Needs the espeak-ng library (Debian: espeak-ng libespeak-ng1). Exit 0 when every prompt was "
        "rendered, 1 when some could not be, 2 for usage or load errors.",
    )
    audio.add_argument("file", metavar="FILE", help="a menu file")
    audio.add_argument("--out", "-o", required=True, metavar="DIR", help="the folder for the WAV files")
    audio.add_argument("--lang", action="append", default=[], metavar="LANG",
                       help="render only these languages (repeatable, or comma-separated; default: all of the menu's)")
    audio.add_argument("--rate", type=float, metavar="WPM",
                       help="speaking rate in espeak-ng words per minute (default: each node's `rate`)")
    audio.add_argument("--force", action="store_true", help="write into DIR even when it is not empty")
    add_common(audio)
    audio.set_defaults(run=run_audio_command)


def file_name(node: str, kind: str, language: str, key: str | None) -> str:
    """The WAV file name of one prompt, without folders or characters a shell or a phone system would mind."""
    parts = [node, kind, language] + ([_KEY_NAMES.get(key, key)] if key else [])
    safe = [(_UNSAFE.sub("_", part).strip("._") or "_") for part in parts]
    return "-".join(safe) + ".wav"


def _error(message: str) -> int:
    print(f"ivrkit: error: {message}", file=sys.stderr)
    return EXIT_INVALID


def _seconds(path: Path) -> float | None:
    try:
        with wave.open(str(path), "rb") as audio:
            return audio.getnframes() / float(audio.getframerate())
    except (OSError, EOFError, wave.Error):
        return None


def _languages(args, menuset) -> list[str]:
    wanted = [part.strip() for item in args.lang for part in item.split(",") if part.strip()]
    known = list(menuset.root.languages)
    for language in wanted:
        if language not in known:
            raise ValueError(f"--lang: the menu does not speak `{language}` (its languages: {', '.join(known)})")
    return list(dict.fromkeys(wanted)) or known


def run_audio_command(args) -> int:
    from .cli_sim import _load

    if args.rate is not None and not (20 <= args.rate <= 600):
        return _error(f"--rate: {args.rate:g} is not a speaking rate (20 to 600 words per minute)")
    menuset = _load(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        languages = _languages(args, menuset)
    except ValueError as error:
        return _error(str(error))
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        return _error(f"--out: {out} is a file, not a folder")
    previous = _previous_files(out)
    if out.is_dir() and any(out.iterdir()) and not args.force:
        return _error(f"{out} is not empty; pass --force to write the WAV files and {MANIFEST} into it")

    from .engine.measured import MANIFEST_FORMAT, spoken_prompts
    from .speech.synthesis import Job, Synthesizer

    try:
        synthesizer = Synthesizer()
    except RuntimeError as error:
        return _error(f"speech synthesis is unavailable: pyttsx3 needs espeak-ng (Debian: apt-get install "
                      f"espeak-ng libespeak-ng1) ({error})")
    out.mkdir(parents=True, exist_ok=True)

    entries, failures, audio_only, used = [], [], 0, set()
    for item in spoken_prompts(menuset, languages):
        if item.identity is None:
            audio_only += 1
            continue
        node = menuset.nodes[item.node]
        settings = menuset.settings_of(node)
        segment = item.segment
        rate = args.rate if args.rate is not None else float(node.setting("rate", settings))
        voices = node.setting("voice", settings)
        voice = voices.get(segment.language) if voices is not None else None
        name = file_name(item.node, item.kind, segment.language, item.key)
        stem, number = name[:-4], 2
        while name in used:
            name, number = f"{stem}-{number}.wav", number + 1
        used.add(name)
        target = out / name
        temporary = out / f".{name}.tmp.wav"
        result = synthesizer.synthesize(Job(segment.text, segment.language, rate, str(temporary), voice))  # type: ignore[arg-type]
        seconds = _seconds(temporary) if result.error is None else None
        if not seconds:
            failures.append(f"{segment.span}: {item.node} {item.kind} {item.key or ''} [{segment.language}]: "
                            f"{result.error or 'no audio was written'}")
            _unlink(temporary)
            continue
        os.replace(temporary, target)
        entries.append({"node": item.node, "kind": item.kind, "key": item.key, "language": segment.language,
                        "text": segment.text, "file": name, "duration": round(seconds, 4),
                        "rate": rate, "voice": voice})

    from .atomic import write_text_atomic

    for name in previous - used:  # files of an earlier run that this menu no longer has
        _unlink(out / name)
    manifest = {"format": MANIFEST_FORMAT, "menu": Path(args.file).as_posix(), "languages": languages,
                "entries": entries}
    write_text_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    for failure in failures:
        print(f"ivrkit: could not render {failure}", file=sys.stderr)
    total = sum(entry["duration"] for entry in entries)
    note = f"; {audio_only} audio-only prompts have no text to render" if audio_only else ""
    print(f"wrote {len(entries)} WAV files ({total:.1f} s of speech) and {out / MANIFEST}{note}", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _previous_files(out: Path) -> set[str]:
    """The WAV files an earlier `ivrkit audio` wrote into `out` (from its manifest), to replace them cleanly."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {entry["file"] for entry in data["entries"]
                if isinstance(entry.get("file"), str) and entry["file"] == Path(entry["file"]).name
                and entry["file"].endswith(".wav")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
