"""Measured durations: a session timed by the WAV files `ivrkit audio` rendered, where they exist.

`spoken_prompts(menuset, languages)` lists every fixed thing a menu says,
each under a stable identity (node, kind, key, language, text): the node's
prompt (`kind` "prompt", no key), each announced option ("option", the
option's key) and each no-input / no-match message ("handler",
``no-input-1``, ``no-match-2``, ...). `ivrkit audio` renders exactly these,
and its manifest records them with the length of each WAV.

`measured(menuset, manifest)` is a `Duration` for a `Session` (and so for
`paths.analyse(..., duration=...)`): a segment whose identity is in the
manifest lasts what its WAV lasts, whatever the speaking rate asked (the
recording is what callers hear); any other segment (an edited text, a
language not rendered, the read-backs and wait-time sentences the IVR makes
up during a call) falls back to `durations.estimated`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..analysis.heard import heard
from ..model import MenuSet, Node
from ..prompts import Segment
from .durations import estimated
from .session import Duration

__all__ = [
    "Identity",
    "SpokenPrompt",
    "ManifestError",
    "spoken_prompts",
    "read_manifest",
    "measured",
    "MANIFEST_FORMAT",
]

MANIFEST_FORMAT = "ivrkit-audio-manifest/1"

Identity = tuple[str, str, "str | None", str, str]
"""(node, kind, key, language, text) of one rendered prompt."""


class ManifestError(ValueError):
    """A manifest that cannot be read or does not have the expected shape; the message says why."""


@dataclass(frozen=True)
class SpokenPrompt:
    """One fixed thing a menu says, as `ivrkit audio` renders it and as a session speaks it."""

    node: str
    kind: str  # prompt, option, handler
    key: str | None  # the option's key, or the handler ("no-input-1"); None for a prompt
    segment: Segment

    @property
    def identity(self) -> Identity | None:
        if self.segment.text is None:
            return None
        return (self.node, self.kind, self.key, self.segment.language, self.segment.text)


def _handler_prompts(menuset: MenuSet, key: str, node: Node, language: str) -> Iterator[SpokenPrompt]:
    # the same Segments the session speaks for the handlers (Session._say_handler)
    for kind, number, segment in heard(menuset).handlers(node, language):
        yield SpokenPrompt(key, "handler", f"{kind}-{number}", segment)


def spoken_prompts(menuset: MenuSet, languages: Iterable[str] | None = None) -> list[SpokenPrompt]:
    """Every node's prompt, announced options and handler messages in each language, without repeats.

    `languages` defaults to the root file's. A text missing in a language falls
    back like a call does (to the file's default language), so it is listed
    once, in the language it is spoken in. Audio-only prompts (no text) are
    listed too, with `identity` None.
    """
    languages = list(languages) if languages is not None else list(menuset.root.languages)
    seen: set = set()
    found = []
    for language in languages:
        for key, node in menuset.nodes.items():
            items = [
                SpokenPrompt(key, segment.kind, segment.key, segment)
                for segment in heard(menuset).segments(node, language)
            ]
            items += _handler_prompts(menuset, key, node, language)
            for item in items:
                mark = item.identity or (item.node, item.kind, item.key, item.segment.language, item.segment.audio)
                if mark in seen:
                    continue
                seen.add(mark)
                found.append(item)
    return found


def read_manifest(path: str | Path) -> list[dict]:
    """The entries of an `ivrkit audio` manifest; `ManifestError` when it cannot be used."""
    from ..jsonfile import JsonProblem, loads
    from ..yamlsource import read_bytes

    raw, problems = read_bytes(Path(path), str(path), "manifest")
    if raw is None:
        problem = problems[0] if problems else None
        raise ManifestError(f"{path}: {problem.message if problem else 'cannot read it'}")
    try:
        data = loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ManifestError(f"{path}: not UTF-8 text (byte {error.start + 1})") from None
    except JsonProblem as error:
        raise ManifestError(f"{path}:{error.line}:{error.col}: not a usable manifest: {error.message}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ManifestError(f"{path}: not an `ivrkit audio` manifest (no `entries` list)")
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise ManifestError(f"{path}: entry {number} is not an object")
        for name, kinds in (("node", str), ("kind", str), ("language", str), ("text", str), ("duration", (int, float))):
            value = entry.get(name)
            if not isinstance(value, kinds) or isinstance(value, bool):
                raise ManifestError(f"{path}: entry {number} has no valid `{name}`")
        if entry.get("key") is not None and not isinstance(entry["key"], str):
            raise ManifestError(f"{path}: entry {number} has a `key` that is not a string")
        if not math.isfinite(entry["duration"]) or entry["duration"] < 0:
            raise ManifestError(f"{path}: entry {number} has a negative or infinite `duration`")
    return entries


def measured(menuset: MenuSet, manifest_path: str | Path) -> Duration:
    """A `Duration` that uses the manifest's measured seconds and estimates the rest.

    Raises `ManifestError` when the manifest cannot be read.
    """
    table: dict[Identity, float] = {}
    languages: list[str] = []
    for entry in read_manifest(manifest_path):
        identity = (entry["node"], entry["kind"], entry.get("key"), entry["language"], entry["text"])
        table[identity] = float(entry["duration"])
        if entry["language"] not in languages:
            languages.append(entry["language"])
    for language in menuset.root.languages:
        if language not in languages:
            languages.append(language)
    # A session's segment carries no node: find its identities by where it was written (its span).
    owners: dict[tuple, list[Identity]] = {}
    for item in spoken_prompts(menuset, languages):
        spoken = item.identity
        if spoken is not None and spoken in table:
            segment = item.segment
            owners.setdefault((segment.span, segment.kind, segment.key, segment.language, segment.text), []).append(
                spoken
            )
    fallback = estimated(menuset)

    def duration(segment: Segment, rate: float) -> float:
        for identity in owners.get((segment.span, segment.kind, segment.key, segment.language, segment.text), ()):
            return table[identity]
        return fallback(segment, rate)

    duration.entries = len(table)  # type: ignore[attr-defined]
    duration.matched = sum(len(found) for found in owners.values())  # type: ignore[attr-defined]
    return duration
