"""What every exporter shares: options, the result with its fidelity notes, substitutions and rendered audio.

An exporter turns a loaded `MenuSet` into one target file (`ExportResult.text`)
and says, note by note, what the target cannot express and how it was mapped
(`FidelityNote`, at the `Span` of the menu element concerned). A note is
*approximated* (the target does something close), *lost* (the target does not
do it at all) or *placeholder* (a platform resource written as `${NAME}` that no
substitution filled); `--strict` makes any note an error.

Substitutions: platform resources that live in an account, not in a flow
(queues, hours, prompts, other flows) are written as `${NAME}` placeholders
unless a value is given (`--set-id NAME=VALUE` or a YAML map file).
`placeholder_name` derives the names from the menu (`QUEUE_GENERAL` for the
queue `general`).

Rendered audio: `AudioPrompts` reads the manifest `ivrkit audio` writes and
finds the WAV of each prompt (node, kind, key, language), so that an exporter
can reference it by the target's conventions.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..model import MenuSet, Span

__all__ = [
    "NoteTaker",
    "FidelityNote",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "ExportProblem",
    "Substitutions",
    "AudioPrompts",
    "placeholder_name",
    "parse_assignment",
    "read_substitutions",
    "APPROXIMATED",
    "LOST",
    "PLACEHOLDER",
]

APPROXIMATED = "approximated"
LOST = "lost"
PLACEHOLDER = "placeholder"

_NAME = re.compile(r"[A-Z_][A-Z0-9_]*\Z")


class ExportProblem(Exception):
    """A usage problem of an export (a bad substitution or audio folder): a message and an optional hint."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class FidelityNote:
    """What the target cannot express at one element of the menu, and how it was mapped."""

    span: Span | None
    kind: str  # APPROXIMATED, LOST or PLACEHOLDER
    message: str

    def __str__(self) -> str:
        where = f"{self.span}: " if self.span is not None else ""
        return f"{where}{self.kind}: {self.message}"


class NoteTaker:
    """The fidelity notes of one export, in the order they were taken, each (position, message) once."""

    def __init__(self) -> None:
        self.notes: list[FidelityNote] = []
        self._noted: set[tuple[Span | None, str]] = set()

    def note(self, span: Span | None, kind: str, message: str) -> None:
        if (span, message) not in self._noted:
            self._noted.add((span, message))
            self.notes.append(FidelityNote(span, kind, message))


def placeholder_name(kind: str, name: str) -> str:
    """`QUEUE_PAYMENT_SUPPORT` for the queue `payment-support`: upper case, anything else than letters and
    digits becomes `_`."""
    return f"{kind}_{re.sub(r'[^A-Za-z0-9]+', '_', name).strip('_').upper() or 'X'}"


def parse_assignment(text: str) -> tuple[str, str]:
    """`NAME=VALUE` of `--set-id`; ExportProblem when it is not one."""
    name, sep, value = text.partition("=")
    if not sep or not _NAME.match(name):
        raise ExportProblem(f"--set-id: write NAME=VALUE with NAME in capitals (QUEUE_GENERAL=...), not `{text}`")
    return name, value


def read_substitutions(path: str | os.PathLike) -> dict[str, str]:
    """A YAML map file NAME: VALUE (values are ids or ARNs: strings or numbers)."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        reason = getattr(problem, "strerror", None) or problem
        raise ExportProblem(f"cannot read the substitutions file {path}: {reason}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as problem:
        raise ExportProblem(f"the substitutions file {path} is not YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ExportProblem(f"the substitutions file {path} must be a map NAME: VALUE")
    found: dict[str, str] = {}
    for name, value in data.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise ExportProblem(f"{path}: `{name}` is not a substitution name (capitals, digits and _)")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ExportProblem(f"{path}: the value of `{name}` must be a string (an id or an ARN)")
        found[name] = str(value)
    return found


class Substitutions:
    """Values for `${NAME}` placeholders; remembers which names an export used and which stayed unfilled."""

    def __init__(self, values: Mapping[str, str] | None = None):
        self.values = dict(values or {})
        self.used: dict[str, str | None] = {}

    def get(self, name: str) -> str:
        """The value of `name`, or the placeholder `${name}` itself when none is given."""
        value = self.values.get(name)
        self.used[name] = value
        return value if value is not None else "${" + name + "}"

    def filled(self, name: str) -> bool:
        return name in self.values


class AudioPrompts:
    """The WAVs `ivrkit audio` rendered into a folder, found by (node, kind, key, language)."""

    def __init__(self, folder: Path, entries: Mapping[tuple[str, str, str | None, str], tuple[str, str]]):
        self.folder = folder
        self._entries = dict(entries)  # (node, kind, key, language) -> (file, text)

    @classmethod
    def read(cls, folder: str | os.PathLike) -> AudioPrompts:
        """Read `folder/manifest.json`; ExportProblem when there is none or it is not one `ivrkit audio` wrote."""
        path = Path(folder) / "manifest.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ExportProblem(
                f"{path} does not exist", "render the prompts first: ivrkit audio MENU -o DIR"
            ) from None
        except (OSError, UnicodeDecodeError, ValueError) as problem:
            raise ExportProblem(f"{path} is not an `ivrkit audio` manifest ({problem})") from None
        if (
            not isinstance(data, dict)
            or not str(data.get("generator", "")).startswith("ivrkit audio")
            or not isinstance(data.get("entries"), list)
        ):
            raise ExportProblem(f"{path} is not an `ivrkit audio` manifest", "render the prompts with ivrkit audio")
        entries: dict[tuple[str, str, str | None, str], tuple[str, str]] = {}
        for entry in data["entries"]:
            if not isinstance(entry, dict):
                continue
            name = entry.get("file")
            if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
                continue  # a manifest entry naming a file outside its folder is never followed
            mark = (str(entry.get("node")), str(entry.get("kind")), entry.get("key"), str(entry.get("language")))
            entries.setdefault(mark, (name, str(entry.get("text", ""))))
        return cls(Path(folder), entries)

    def find(self, node: str, kind: str, key: str | None, language: str, text: str | None) -> Path | None:
        """The WAV of one prompt when the manifest has it with the same words, else None."""
        found = self._entries.get((node, kind, key, language))
        if found is None or (text is not None and found[1] != text) or not (self.folder / found[0]).is_file():
            return None  # not rendered, rendered from other words (stale), or the file is gone
        return self.folder / found[0]


@dataclass
class ExportOptions:
    """What an export is asked for: substitution values, rendered audio, and where the file will be written
    (relative references, such as audio files, are made from there)."""

    substitutions: Mapping[str, str] = field(default_factory=dict)
    audio: AudioPrompts | None = None
    output_dir: Path | None = None


@dataclass
class ExportResult:
    """One target file and what the export could not carry over.

    `ids` maps each node key of the menu set to the ids it has in the output,
    in output order (one per language and per `then` a building block is
    entered with); `placeholders` the substitution names used (None: left as
    `${NAME}`).
    """

    target: str
    text: str
    notes: list[FidelityNote]
    ids: dict[str, list[str]]
    placeholders: dict[str, str | None] = field(default_factory=dict)

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    @property
    def losses(self) -> list[FidelityNote]:
        """Every note: anything approximated, lost or left as a placeholder is a loss for `--strict`."""
        return list(self.notes)


class Exporter(Protocol):
    """One target platform. `name` is what `--to` takes; `suffix` the usual file name ending."""

    name: str
    description: str
    suffix: str

    def export(self, menuset: MenuSet, options: ExportOptions) -> ExportResult:
        """The target file for `menuset`, with its fidelity notes."""
