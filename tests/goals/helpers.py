"""A small menu and goals files written into a temporary project, for the goals tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ivrkit.diagnostics import LoadError
from ivrkit.goals import load_goals

MENU = """\
ivrkit: 1
name: Test line
language: en
languages: [en, fi]
entry: main
nodes:
  main:
    type: menu
    say: {en: Hello., fi: Hei.}
    options:
      "1": {label: {en: pay a bill, fi: laskun maksu}, goto: billing}
      "2": {label: {en: report a power cut, fi: sähkökatko}, goto: outage}
  billing:
    type: transfer
    number: "100"
    say: {en: Connecting., fi: Yhdistän.}
  outage:
    type: message
    say: {en: We know., fi: Tiedämme.}
    next: main
"""


def project(tmp_path: Path, goals: str, *, name: str = "line.goals.yaml") -> Path:
    """A project folder (marked by `.ivrkit.yaml`) with `line.yaml` (`MENU`) and a goals file; the goals file's path."""
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    (tmp_path / "line.yaml").write_text(MENU, encoding="utf-8")
    path = tmp_path / name
    path.write_text(textwrap.dedent(goals), encoding="utf-8")
    return path


def problems(path: Path, **kwargs) -> list[tuple[int, int, str, str | None]]:
    """(line, column, message, hint) of every problem `load_goals` reports."""
    with pytest.raises(LoadError) as caught:
        load_goals(path, **kwargs)
    return [(d.span.line, d.span.col, d.message, d.hint) for d in caught.value.diagnostics]
