"""Every rule's fixture cases, generated into pytest cases.

A rule's cases are `tests/rules/cases/<module>.yaml`, named as the rule's own
module (`ivrkit/rules/st001_dead_end.py` -> `cases/st001_dead_end.yaml`), so
a rule and its fixtures are found by one name. A case pins the exact
(line, col) of every finding of its rule, so a rule that finds too much, too
little or in the wrong place fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ivrkit.cli.common import predict_goals
from ivrkit.lint.config import LintConfig
from ivrkit.lint.predictor import goal_predictor, predict_goals_with
from ivrkit.lint.runner import lint
from ivrkit.loader import loads
from ivrkit.rules import all_rules, get_rule

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['id']}")


def _config(rule, case) -> LintConfig:
    config = case.get("config") or {}
    return LintConfig(
        select=(rule.code,),
        options={rule.code: config.get("options", {})},
        locale=config.get("locale"),  # as on the command line: unknown unless the case sets it
        glossary=tuple(config.get("glossary", ())),
    )


@pytest.fixture
def predictor():
    """The goal predictor the command line hands down to GL001 (`ivrkit predict`'s), for the case's lint."""
    before = goal_predictor()
    predict_goals_with(predict_goals)
    yield
    predict_goals_with(before)


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code, case, tmp_path, predictor):
    rule = get_rule(code)
    assert rule is not None, f"no rule {code}"
    path = tmp_path / "menu.yaml"
    if "goals" in case:  # a caller goals file beside the menu (GL rules); the menu is written too, as it names it
        path.write_text(case["menu"], encoding="utf-8")
        (tmp_path / "menu.goals.yaml").write_text(case["goals"], encoding="utf-8")
    menuset = loads(case["menu"], path, root=tmp_path)
    findings = [f for f in lint(menuset, _config(rule, case)) if f.code == code]
    assert sorted([f.span.line, f.span.col] for f in findings) == sorted(case["expect"]), [
        (f.span.line, f.span.col, f.message) for f in findings
    ]
    for finding in findings:
        assert finding.message and finding.span.path in (str(path), str(tmp_path / "menu.goals.yaml"))


def test_every_rule_has_a_failing_and_a_passing_case():
    by_rule: dict[str, list] = {}
    for param in _cases():
        code, case = param.values
        by_rule.setdefault(code, []).append(case)
    for rule in all_rules():
        cases = by_rule.get(rule.code, [])
        assert any(case["expect"] for case in cases), f"{rule.code} has no failing case"
        assert any(not case["expect"] for case in cases), f"{rule.code} has no passing case"


def test_each_rule_module_has_its_fixture_file_of_the_same_name():
    for rule in all_rules():
        module = rule.__module__.rsplit(".", 1)[1]
        assert module == f"{rule.code.lower()}_{rule.name.replace('-', '_')}", f"{rule.code} lives in {module}"
        path = CASES / f"{module}.yaml"
        assert path.exists(), f"{rule.code}: no {path}"
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["rule"] == rule.code, path
    assert len(list(CASES.glob("*.yaml"))) == len(all_rules()), "a fixture file names no rule module"
