"""`ivrkit audio`: render every prompt of a menu to WAV files with pyttsx3 (espeak-ng), plus a manifest.

For teams that deploy TTS-rendered prompts. One WAV per node prompt, per
announced option (the composed announcement, "To pay a bill, press 1.") and
per no-input / no-match message, in each language; `manifest.json` lists
them (node, kind, key, language, text, file, duration in seconds measured
from the WAV, rate, voice) and `ivrkit paths --durations DIR/manifest.json`
times calls with them.

The manifest names its generator (``ivrkit audio VERSION``) and each WAV's
size and SHA-256, and `voice` is the installed voice that spoke it. A later
run with --force replaces or removes only files whose content is still what
that manifest says ivrkit wrote: a file a user changed or added is never
deleted or overwritten, and a manifest.json that ivrkit did not write stops
the run (exit 2).

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
import stat
import sys
from pathlib import Path

from .common import EXIT_FAILED, EXIT_INVALID, EXIT_OK, Usage, add_common, error, load_menu

__all__ = ["add_parser", "run", "file_name"]

MANIFEST = "manifest.json"
GENERATOR = "ivrkit audio"
_KEY_NAMES = {"*": "star", "#": "hash"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def add_parser(commands) -> None:
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
    audio.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="LANG",
        help="render only these languages (repeatable, or comma-separated; default: all of the menu's)",
    )
    audio.add_argument(
        "--rate",
        type=float,
        metavar="WPM",
        help="speaking rate in espeak-ng words per minute (default: each node's `rate`)",
    )
    audio.add_argument("--force", action="store_true", help="write into DIR even when it is not empty")
    add_common(audio)
    audio.set_defaults(run=run)


def file_name(node: str, kind: str, language: str, key: str | None) -> str:
    """The WAV file name of one prompt, without folders or characters a shell or a phone system would mind."""
    parts = [node, kind, language] + ([_KEY_NAMES.get(key, key)] if key else [])
    safe = [(_UNSAFE.sub("_", part).strip("._") or "_") for part in parts]
    return "-".join(safe) + ".wav"


def _seconds(path: Path) -> float | None:
    import wave

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
            raise Usage(f"--lang: the menu does not speak `{language}` (its languages: {', '.join(known)})")
    return list(dict.fromkeys(wanted)) or known


def run(args) -> int:
    if args.rate is not None and not (20 <= args.rate <= 600):
        return error(f"--rate: {args.rate:g} is not a speaking rate (20 to 600 words per minute)")
    menuset = load_menu(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        languages = _languages(args, menuset)
    except Usage as problem:
        return error(str(problem))
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        return error(f"--out: {out} is a file, not a folder")
    try:
        previous = _previous_files(out)
    except Usage as problem:  # DIR holds something `ivrkit audio` must not replace or read
        return error(str(problem), problem.hint)
    if out.is_dir() and any(out.iterdir()) and not args.force:
        return error(f"{out} is not empty; pass --force to write the WAV files and {MANIFEST} into it")

    plan, audio_only = _plan(menuset, languages)
    clobbered = [
        name
        for name, _ in plan
        if os.path.lexists(out / name) and not _still_as_written(out / name, previous.get(name))
    ]
    if clobbered:
        shown = ", ".join(str(out / name) for name in clobbered[:3]) + (" …" if len(clobbered) > 3 else "")
        return error(
            f"{shown} exist{'s' * (len(clobbered) == 1)} and {'was' if len(clobbered) == 1 else 'were'} "
            f"not written by `ivrkit audio` (or changed since); move {'it' if len(clobbered) == 1 else 'them'} "
            "away or choose another --out"
        )

    from ..speech.synthesis import Synthesizer

    try:
        synthesizer = Synthesizer()
    except RuntimeError as problem:
        return error(
            f"speech synthesis is unavailable: pyttsx3 needs espeak-ng (Debian: apt-get install "
            f"espeak-ng libespeak-ng1) ({problem})"
        )
    try:
        return _render(args, menuset, languages, out, plan, audio_only, previous, synthesizer)
    except OSError as problem:  # a folder that cannot be made or written, a full disk
        return error(f"cannot write into {out}: {problem.strerror or type(problem).__name__}")


def _render(args, menuset, languages, out: Path, plan, audio_only: int, previous: dict, synthesizer) -> int:
    import tempfile

    from ..engine.measured import MANIFEST_FORMAT
    from ..speech.synthesis import Job

    out.mkdir(parents=True, exist_ok=True)
    entries, failures = [], []
    for name, item in plan:
        node = menuset.nodes[item.node]
        settings = menuset.settings_of(node)
        segment = item.segment
        rate = args.rate if args.rate is not None else float(node.setting("rate", settings))
        voices = node.setting("voice", settings)
        wanted = voices.get(segment.language) if voices is not None else None
        voice = synthesizer.voice(segment.language, wanted)  # the installed voice id actually used
        handle, temporary_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp.wav", dir=out)
        os.close(handle)
        temporary = Path(temporary_name)
        result = synthesizer.synthesize(Job(segment.text, segment.language, rate, str(temporary), wanted))  # type: ignore[arg-type]
        seconds = _seconds(temporary) if result.error is None else None
        if not seconds:
            failures.append(
                f"{segment.span}: {item.node} {item.kind} {item.key or ''} [{segment.language}]: "
                f"{result.error or 'no audio was written'}"
            )
            _unlink(temporary)
            continue
        target = out / name
        os.replace(temporary, target)
        size, digest = _fingerprint(target)
        entries.append(
            {
                "node": item.node,
                "kind": item.kind,
                "key": item.key,
                "language": segment.language,
                "text": segment.text,
                "file": name,
                "duration": round(seconds, 4),
                "rate": rate,
                "voice": voice,
                "bytes": size,
                "sha256": digest,
            }
        )

    from .. import __version__
    from ..atomic import write_text_atomic

    written = {entry["file"] for entry in entries}
    kept = []
    for name in sorted(set(previous) - written):  # files of an earlier run that this run did not write again
        if _still_as_written(out / name, previous[name]):
            _unlink(out / name)
        elif os.path.lexists(out / name):
            kept.append(name)
    manifest = {
        "format": MANIFEST_FORMAT,
        "generator": f"{GENERATOR} {__version__}",
        "menu": Path(args.file).as_posix(),
        "languages": languages,
        "entries": entries,
    }
    write_text_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    for failure in failures:
        print(f"ivrkit: could not render {failure}", file=sys.stderr)
    for name in kept:
        print(
            f"ivrkit: kept {out / name}: the earlier manifest lists it, but it changed since ivrkit wrote it",
            file=sys.stderr,
        )
    total = sum(entry["duration"] for entry in entries)
    note = f"; {audio_only} audio-only prompts have no text to render" if audio_only else ""
    print(f"wrote {len(entries)} WAV files ({total:.1f} s of speech) and {out / MANIFEST}{note}", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _plan(menuset, languages: list[str]) -> tuple[list[tuple[str, object]], int]:
    """(file name, prompt) for every prompt with text, names made unique; and how many are audio only."""
    from ..engine.measured import spoken_prompts

    plan, used, audio_only = [], set(), 0
    for item in spoken_prompts(menuset, languages):
        if item.identity is None:
            audio_only += 1
            continue
        name = file_name(item.node, item.kind, item.segment.language, item.key)
        stem, number = name[:-4], 2
        while name in used:
            name, number = f"{stem}-{number}.wav", number + 1
        used.add(name)
        plan.append((name, item))
    return plan, audio_only


def _fingerprint(path: Path) -> tuple[int, str]:
    import hashlib

    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _still_as_written(path: Path, entry: dict | None) -> bool:
    """Whether `path` is a regular file (not a link) holding exactly what an earlier run wrote there."""
    if entry is None:
        return False
    try:
        status = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_size != entry.get("bytes"):
        return False
    try:
        return _fingerprint(path) == (entry["bytes"], entry.get("sha256"))
    except OSError:
        return False


def _previous_files(out: Path) -> dict[str, dict]:
    """The WAV files an earlier `ivrkit audio` wrote into `out`, by name, from its manifest.

    Raises `Usage` when `out` holds a manifest.json that ivrkit did not
    write or cannot read: it would be replaced, and what it lists is not
    known to be ivrkit's.
    """
    from ..engine.measured import MANIFEST_FORMAT
    from ..jsonfile import JsonProblem, loads

    path = out / MANIFEST
    if not os.path.lexists(path):
        return {}
    raw = _read_regular(path)
    try:
        data = loads(raw.decode("utf-8"))
    except UnicodeDecodeError as problem:
        raise Usage(
            f"{path}: not UTF-8 text (byte {problem.start + 1}); it is not an `ivrkit audio` manifest, "
            "and ivrkit would replace it: move it away or choose another --out"
        ) from None
    except JsonProblem as problem:
        raise Usage(
            f"{path}:{problem.line}:{problem.col}: not a usable manifest: {problem.message}; ivrkit would "
            "replace it: move it away or choose another --out"
        ) from None
    if not (
        isinstance(data, dict)
        and data.get("format") == MANIFEST_FORMAT
        and isinstance(data.get("generator"), str)
        and data["generator"].startswith(GENERATOR + " ")
        and isinstance(data.get("entries"), list)
    ):
        raise Usage(
            f"{path} was not written by `ivrkit audio`, and ivrkit would replace it: move it away or "
            "choose another --out"
        )
    return {
        entry["file"]: entry
        for entry in data["entries"]
        if isinstance(entry, dict)
        and isinstance(entry.get("file"), str)
        and _plain_name(entry["file"])
        and isinstance(entry.get("bytes"), int)
        and isinstance(entry.get("sha256"), str)
    }


def _plain_name(name: str) -> bool:
    """A WAV file name directly inside the folder: nothing that could reach outside it."""
    return name.endswith(".wav") and not name.startswith(".") and _UNSAFE.search(name) is None


_MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file of sensible size; never blocks on a FIFO."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as problem:
        raise Usage(
            f"{path} cannot be read ({problem.strerror or type(problem).__name__}); move it away or "
            "choose another --out"
        ) from None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_MANIFEST_BYTES:
            raise Usage(
                f"{path} is not an `ivrkit audio` manifest (not a regular file of sensible size); "
                "move it away or choose another --out"
            )
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as problem:
        raise Usage(f"{path} cannot be read ({problem.strerror or type(problem).__name__})") from None
    finally:
        os.close(handle)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
