"""Baseline files: findings accepted for now, suppressed on later runs but still reported as ignored.

A baseline is JSON::

    {"ivrkit_baseline": 1,
     "findings": [{"path": "menus/main.yaml", "code": "ST001", "name": "dead-end",
                   "node": "main", "fingerprint": "3f1c…", "line": 5, "message": "…"}]}

A finding matches an entry with the same path (relative to the baseline
file's folder), code, node id and fingerprint. The fingerprint hashes the
code, the node id and the text of the finding's source line (not its line
number), so a finding still matches after lines are added above it, and stops
matching when the line itself is changed. `line` and `message` are there for
people reading the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Span
from .finding import Finding
from .sources import Sources

try:  # CPython's own SHA-256: the same digests as hashlib's first choice, OpenSSL's, whose loading costs ~3 ms
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # a Python without it (3.12 renamed it _sha2)
    from hashlib import sha256

__all__ = [
    "Baseline",
    "fingerprint",
    "line_fingerprint",
    "words_fingerprint",
    "baseline_text",
    "is_baseline_text",
    "BASELINE_KEY",
]

BASELINE_KEY = "ivrkit_baseline"
BASELINE_VERSION = 1


def fingerprint(code: str, node: str | None, span: Span, sources: Sources) -> str:
    """A hash of a finding that survives line shifts: code, node id and the source line's text."""
    return line_fingerprint(code, node, sources.line(span.path, span.line) or "")


def line_fingerprint(code: str, node: str | None, line: str) -> str:
    """`fingerprint` of a finding on `line` (the text of the line its span starts on; "" for none)."""
    return words_fingerprint(code, node, " ".join(line.split()))


def words_fingerprint(code: str, node: str | None, words: str) -> str:
    """`line_fingerprint` of a line whose words, joined by single spaces, are `words` (the lint runner
    joins each line's words once for all the findings on it)."""
    data = "\0".join((code, (node or "").rpartition("#")[2], words))
    return sha256(data.encode("utf-8")).hexdigest()[:20]


def _relative(path: str, folder: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


def _key(path: str, finding: Finding, folder: Path) -> tuple[str, str, str, str]:
    return (_relative(path, folder), finding.code, (finding.node or "").rpartition("#")[2], finding.fingerprint or "")


class Baseline:
    """The accepted findings of a baseline file."""

    def __init__(self, path: str | os.PathLike, keys: Iterable[tuple[str, str, str, str]] = ()):
        self.path = Path(path)
        self.folder = self.path.resolve().parent
        self.keys = frozenset(keys)

    def __contains__(self, finding: Finding) -> bool:
        return _key(finding.span.path, finding, self.folder) in self.keys

    @classmethod
    def load(cls, path: str | os.PathLike) -> Baseline:
        """Read a baseline file; raises `ConfigError` with the position of a problem."""
        from .. import yamlsource
        from ..diagnostics import one_line
        from ..jsonfile import JsonProblem, loads
        from .config_file import ConfigError

        display = one_line(str(path))
        raw, problems = yamlsource.read_bytes(Path(path), display, what="baseline file")
        if raw is None:
            if problems[0].message == "baseline file not found":
                problems = [
                    _problem(display, "baseline file not found", "create it with `ivrkit lint --write-baseline FILE`")
                ]
            raise ConfigError(problems)
        source, problems = yamlsource.decode(raw, display, allow_empty=True, characters=False)
        if source is None:
            raise ConfigError(problems)
        try:
            data = loads(source.text)  # ivrkit's limits: nesting, number length, lone surrogates
        except JsonProblem as problem:
            message = (
                problem.message
                if problem.message.startswith("the JSON") or "digits" in problem.message
                else f"the baseline is not valid JSON: {problem.message.removeprefix('not valid JSON: ')}"
            )
            raise ConfigError([_problem(display, message, problem.hint, problem.line, problem.col)]) from None
        if not is_baseline_data(data):
            raise ConfigError(
                [
                    _problem(
                        display,
                        "this is not an ivrkit baseline file",
                        "write one with `ivrkit lint --write-baseline FILE`",
                    )
                ]
            )
        entries = data["findings"]
        return cls(path, ((e["path"], e["code"], e.get("node") or "", e["fingerprint"]) for e in entries))


def _problem(display: str, message: str, hint: str | None = None, line: int = 1, col: int = 1) -> Diagnostic:
    return Diagnostic(Span(display, line, col, line, col + 1), message, hint)


def is_baseline_data(data) -> bool:
    entries = data.get("findings") if isinstance(data, dict) else None
    return (
        isinstance(data, dict)
        and data.get(BASELINE_KEY) == BASELINE_VERSION
        and isinstance(entries, list)
        and all(_is_entry(e) for e in entries)
    )


def _is_entry(entry) -> bool:
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(key), str) for key in ("path", "code", "fingerprint"))
        and isinstance(entry.get("node"), (str, type(None)))
    )


def is_baseline_text(text: str) -> bool:
    from ..jsonfile import JsonProblem, loads

    try:
        return is_baseline_data(loads(text))
    except (JsonProblem, ValueError):
        return False


def baseline_text(findings: Iterable[Finding], path: str | os.PathLike) -> str:
    """The baseline file accepting every finding that is not suppressed in the menu itself.

    Findings an earlier baseline accepted are kept, so the new file replaces
    the old one. Paths are relative to `path`'s folder.
    """
    folder = Path(path).resolve().parent
    entries: dict[tuple, dict[str, Any]] = {}
    for finding in findings:
        if finding.suppressed in (None, "baseline"):
            key = _key(finding.span.path, finding, folder)
            entries.setdefault(
                key,
                {
                    "path": key[0],
                    "code": finding.code,
                    "name": finding.name,
                    "node": key[2] or None,
                    "fingerprint": key[3],
                    "line": finding.span.line,
                    "message": finding.message,
                },
            )
    ordered = [entries[key] for key in sorted(entries, key=lambda k: (k[0], entries[k]["line"], k[1], k[3]))]
    import json

    return json.dumps({BASELINE_KEY: BASELINE_VERSION, "findings": ordered}, indent=2, ensure_ascii=False) + "\n"
