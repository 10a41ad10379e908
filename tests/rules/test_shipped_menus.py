"""The shipped menus as the linter sees them: good ones clean at warning level, each flawed one caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.lint.finding import Level
from ivrkit.lint.runner import lint
from ivrkit.loader import load

ROOT = Path(__file__).resolve().parents[2]

# Each flawed menu and the rules it was written to show (at warning level or above).
FLAWED = {
    "dead-end.yaml": {"ST003"},
    "too-deep.yaml": {"ST004"},
    "no-person.yaml": {"ST005", "ST006", "KY003"},
    "no-timeout-handling.yaml": {"HD001", "HD002", "HD007"},
    "too-many-options.yaml": {"LN001", "LN002"},
    "long-prompts.yaml": {"LN002", "LN003"},
    "overlapping-labels.yaml": {"WD001"},
    "overlapping-labels-fi.yaml": {"WD001"},
    "key-conventions.yaml": {"KY002", "KY003", "KY004", "KY006", "WD007"},
    "placeholders.yaml": {"WD008"},
}


def test_every_flawed_menu_is_listed():
    shipped = sorted(p.name for p in (ROOT / "examples" / "flawed").glob("*.yaml"))
    assert sorted([*FLAWED, "audio-only.yaml"]) == shipped


@pytest.mark.parametrize("name", sorted(FLAWED))
def test_flawed_menu_triggers_the_rules_it_shows(name):
    findings = lint(load(ROOT / "examples" / "flawed" / name))
    serious = {f.code for f in findings if f.level >= Level.WARNING and not f.suppressed}
    assert FLAWED[name] <= serious, (FLAWED[name] - serious, sorted(serious))


def test_audio_only_prompts_are_reported_not_passed():
    findings = lint(load(ROOT / "examples" / "flawed" / "audio-only.yaml"))
    unknown = [f for f in findings if f.code == "AU001"]
    assert len(unknown) == 3 and all(f.level == Level.INFO for f in unknown)


def test_lint_of_examples_and_menus_reports_nothing_at_warning_or_above():
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "lint", "examples/", "menus/", "--fail-on", "warning", "--format", "concise"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "flawed" not in result.stdout  # excluded by [tool.ivrkit.lint] in pyproject.toml
