"""The linter says exactly what tests/golden/findings.json recorded about every shipped menu and corpus file
(written before issue 12's reshape; rewrite it with `python scripts/golden_findings.py write` only for a
deliberate change, and say why in the commit)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.importers.conftest import require_corpus

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("golden_findings", ROOT / "scripts" / "golden_findings.py")
golden_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden_tool)
GOLDEN = json.loads(golden_tool.GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", golden_tool.shipped_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_menu_findings_are_the_golden_ones(path):
    assert golden_tool.findings_of(path) == GOLDEN[golden_tool.key_of(path)]


def test_every_shipped_menu_and_corpus_file_is_in_the_golden_file():
    corpus = require_corpus()
    expected = {golden_tool.key_of(p) for p in golden_tool.shipped_files()}
    expected |= {f"corpus/{p.name}" for p in golden_tool.corpus_files(corpus)}
    assert set(GOLDEN) == expected


@pytest.mark.parametrize("name", sorted(k.split("/", 1)[1] for k in GOLDEN if k.startswith("corpus/")))
def test_corpus_findings_are_the_golden_ones(name):
    path = require_corpus() / name
    assert golden_tool.findings_of(path) == GOLDEN[f"corpus/{name}"]
