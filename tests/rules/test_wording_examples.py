"""The wording rules (WD) on the shipped menus: the flawed examples show their flaw, the others are clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.lint.config import LintConfig
from ivrkit.lint.finding import Level
from ivrkit.lint.runner import lint
from ivrkit.loader import load

ROOT = Path(__file__).resolve().parents[2]
FLAWED = ROOT / "examples" / "flawed"

# file -> the WD findings at warning or above, as (code, line, col)
EXPECTED = {
    "overlapping-labels.yaml": [("WD001", 32, 20), ("WD001", 33, 20)],
    "overlapping-labels-fi.yaml": [("WD001", 32, 20), ("WD001", 33, 20)],
    "placeholders.yaml": [
        ("WD008", 32, 10),
        ("WD008", 40, 20),
        ("WD008", 50, 10),
        ("WD008", 56, 10),
        ("WD008", 72, 10),
    ],
    "key-conventions.yaml": [("WD007", 51, 10)],
}


def _wording(path: Path, least: Level = Level.WARNING):
    findings = lint(load(path), LintConfig(select=("WD",)))
    return [
        (f.code, f.span.line, f.span.col)
        for f in findings
        if f.level >= least and Path(f.span.path).resolve() == path.resolve()
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_flawed_example_shows_its_wording_flaw(name):
    assert sorted(_wording(FLAWED / name)) == sorted(EXPECTED[name])


def test_long_prompts_example_has_compound_and_long_labels():
    found = _wording(FLAWED / "long-prompts.yaml", Level.INFO)
    for line in (55, 59, 63):
        assert ("WD003", line, 16) in found and ("WD004", line, 16) in found


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for p in [*ROOT.glob("examples/*.yaml"), *ROOT.glob("menus/*.yaml")]
        if not p.name.endswith((".calls.yaml", ".goals.yaml"))
    ),
    ids=lambda p: p.name,
)
def test_good_menus_have_no_wording_warnings(path):
    findings = lint(load(path), LintConfig(select=("WD",)))
    assert [(f.code, str(f.span), f.message) for f in findings if f.level >= Level.WARNING] == []
