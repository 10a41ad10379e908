"""GL001's door to predictions (`ivrkit.lint.predictor`): silent without a predictor or a goals file, a finding per
goal below the threshold at the misleading option, a broken goals file as positioned errors, and the predictor and
the goals file reaching worker processes and the findings cache.

A fake predictor stands in for `ivrkit.predict` here (the lint side is tested alone); the real one is tested with
the rule's cases and against `ivrkit predict` in tests/rules/test_gl001_goal_success.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from ivrkit.lint import project
from ivrkit.lint.cache import FindingsCache
from ivrkit.lint.config import LintConfig
from ivrkit.lint.config_file import ConfigResolver
from ivrkit.lint.finding import Level
from ivrkit.lint.predictor import goal_predictor, predict_goals_with, predictor_name
from ivrkit.lint.project import ProjectSources, lint_files
from ivrkit.lint.runner import lint
from ivrkit.loader import load

MENU = """\
ivrkit: 1
name: t
language: en
entry: main
nodes:
  main:
    type: menu
    options:
      "1": {label: pay your bill, goto: billing}
      "2": {label: report a power cut, goto: outage}
  billing:
    type: transfer
    queue: billing
  outage:
    type: transfer
    queue: outage
"""

GOALS = """\
menu: {menu}
goals:
  - say: my electricity is off
    reaches: outage
  - say: I want to pay
    reaches: billing
"""


@dataclass(frozen=True)
class FakeConfusable:
    node: str
    key: str
    label: str
    probability: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class FakeGoalPrediction:
    goal: object
    p_success: float
    first_key: dict
    confusables: tuple[FakeConfusable, ...]


@dataclass(frozen=True)
class FakePrediction:
    goals: tuple[FakeGoalPrediction, ...]


def fake_predict(menuset, goalset):
    """Goals about electricity go wrong (0.3 success, 60% press 1); the others succeed. The label names the process."""
    goals = []
    for goal in goalset.goals:
        if "electricity" in goal.say:
            culprit = FakeConfusable("main", "1", f"pay your bill [pid {os.getpid()}]", 0.6, ("electricity",))
            goals.append(
                FakeGoalPrediction(
                    goal, 0.3, {"1": 0.6, "2": 0.4}, (culprit, FakeConfusable("main", "2", "x", 0.1, ()))
                )
            )
        else:
            goals.append(FakeGoalPrediction(goal, 0.9, {"1": 0.9}, ()))
    return FakePrediction(tuple(goals))


def other_predict(menuset, goalset):
    return FakePrediction(tuple(FakeGoalPrediction(goal, 1.0, {}, ()) for goal in goalset.goals))


@pytest.fixture
def predictor():
    """`fake_predict` handed down for the test (and whatever was there before put back)."""
    before = goal_predictor()
    predict_goals_with(fake_predict)
    yield fake_predict
    predict_goals_with(before)


@pytest.fixture
def no_predictor():
    before = goal_predictor()
    predict_goals_with(None)
    yield
    predict_goals_with(before)


@pytest.fixture
def menu(tmp_path) -> Path:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "line.yaml"
    path.write_text(MENU, encoding="utf-8")
    (tmp_path / "line.goals.yaml").write_text(GOALS.format(menu="line.yaml"), encoding="utf-8")
    return path


def _gl001(path: Path, **options) -> list:
    config = LintConfig(select=("GL001",), options={"GL001": options} if options else {})
    return [f for f in lint(load(path), config) if f.code == "GL001"]


def test_a_goal_below_the_threshold_is_reported_at_the_option_that_misleads_most(menu, predictor):
    (finding,) = _gl001(menu)
    assert (finding.span.path, finding.span.line, finding.span.col) == (str(menu), 9, 7)  # the key "1"
    assert finding.level is Level.INFO and finding.node == "main"
    assert finding.message == (
        f'callers who say "my electricity is off" press 1 "pay your bill [pid {os.getpid()}]" at `main`: 60% of them '
        '(the words "electricity"); predicted success 30%, below 50%'
    )
    assert finding.hint.startswith("reword option 1, or the option that leads to `outage`")


def test_the_threshold_is_an_option(menu, predictor):
    assert _gl001(menu, threshold=0.25) == []
    assert len(_gl001(menu, threshold=0.95)) == 2


def test_a_goal_no_option_draws_is_reported_at_the_goal(menu, monkeypatch):
    def nothing_fits(menuset, goalset):
        return FakePrediction(tuple(FakeGoalPrediction(goal, 0.1, {}, ()) for goal in goalset.goals))

    before = goal_predictor()
    predict_goals_with(nothing_fits)
    try:
        findings = _gl001(menu)
    finally:
        predict_goals_with(before)
    goals_file = str(menu.with_name("line.goals.yaml"))
    assert [(f.span.path, f.span.line) for f in findings] == [(goals_file, 3), (goals_file, 5)]
    assert findings[0].message.startswith('no option draws callers who say "my electricity is off"')
    assert findings[0].message.endswith("predicted success 10%, below 50%")


def test_silent_without_a_predictor_or_without_a_goals_file(menu, no_predictor, tmp_path):
    assert _gl001(menu) == []
    predict_goals_with(fake_predict)
    menu.with_name("line.goals.yaml").unlink()
    assert _gl001(menu) == []


def test_a_broken_goals_file_is_a_positioned_error_and_the_other_rules_still_run(menu, predictor):
    goals = menu.with_name("line.goals.yaml")
    goals.write_text(GOALS.format(menu="line.yaml").replace("reaches: outage", "reaches: outgae"), encoding="utf-8")
    (finding,) = _gl001(menu)
    assert (finding.span.path, finding.span.line, finding.level) == (str(goals), 4, Level.ERROR)
    assert finding.message == "the goals file does not load: the menu has no node `outgae`"
    assert "outage" in finding.hint
    everything = lint(load(menu), LintConfig())
    assert {f.code for f in everything} - {"GL001"}, "the menu's other findings still come"


def test_the_predictor_name_is_module_and_qualified_name():
    assert predictor_name(fake_predict) == f"{__name__}:fake_predict"
    assert predictor_name(None) is None


# -- many files: worker processes and the findings cache ---------------------------------------------------


def _lint_files(folder: Path, cache=None, jobs: int = 1) -> list:
    files = sorted(folder.glob("line*.yaml"))
    files = [f for f in files if not f.name.endswith(".goals.yaml")]
    result = lint_files(files, ConfigResolver(), sources=ProjectSources(), jobs=jobs, cache=cache)
    return [f for f in result.findings if f.code == "GL001"]


@pytest.fixture
def two_menus(menu) -> Path:
    second = menu.with_name("line2.yaml")
    second.write_text(MENU, encoding="utf-8")
    second.with_name("line2.goals.yaml").write_text(GOALS.format(menu="line2.yaml"), encoding="utf-8")
    return menu.parent


def test_worker_processes_are_handed_the_predictor(two_menus, predictor):
    findings = _lint_files(two_menus, jobs=2)
    assert len(findings) == 2
    assert all(f"[pid {os.getpid()}]" not in f.message for f in findings), "linted in the workers"


def test_spawned_workers_are_handed_the_predictor_by_name(two_menus, predictor, monkeypatch):
    import multiprocessing

    from ivrkit.loadbatch import pool

    monkeypatch.setattr(pool, "_context", lambda: multiprocessing.get_context("spawn"))
    findings = _lint_files(two_menus, jobs=2)
    assert len(findings) == 2
    assert all(f"[pid {os.getpid()}]" not in f.message for f in findings), "linted in the spawned workers"


def test_the_worker_initializer_installs_the_predictor(no_predictor, monkeypatch):
    from ivrkit.loadbatch import pool

    monkeypatch.setitem(pool._NESTED, "allowed", True)  # the initializer turns nested processes off: put it back
    project._start_worker(fake_predict)
    assert goal_predictor() is fake_predict
    project._start_worker(None)
    assert goal_predictor() is None


@pytest.fixture
def counted(monkeypatch) -> list[Path]:
    seen: list[Path] = []
    original = project._lint_root

    def counting(path, *args):
        seen.append(path)
        return original(path, *args)

    monkeypatch.setattr(project, "_lint_root", counting)
    return seen


def test_the_goals_file_and_the_predictor_are_part_of_the_cache_key(menu, predictor, counted, monkeypatch):
    monkeypatch.chdir(menu.parent)
    cache = FindingsCache(menu.parent / ".ivrkit_cache")
    first = _lint_files(menu.parent, cache)
    assert len(first) == 1 and len(counted) == 1
    assert _lint_files(menu.parent, cache) == first and len(counted) == 1, "answered by the cache"

    goals = menu.with_name("line.goals.yaml")
    goals.write_text(goals.read_text(encoding="utf-8").replace("I want to pay", "electricity bill"), encoding="utf-8")
    assert len(_lint_files(menu.parent, cache)) == 2 and len(counted) == 2, "an edited goals file: linted again"

    goals.unlink()
    assert _lint_files(menu.parent, cache) == [] and len(counted) == 3, "a removed goals file: linted again"
    goals.write_text(GOALS.format(menu="line.yaml"), encoding="utf-8")
    assert len(_lint_files(menu.parent, cache)) == 1 and len(counted) == 4, "a new goals file: linted again"
    assert len(_lint_files(menu.parent, cache)) == 1 and len(counted) == 4

    predict_goals_with(other_predict)
    assert _lint_files(menu.parent, cache) == [] and len(counted) == 5, "another predictor: linted again"
    predict_goals_with(None)
    assert _lint_files(menu.parent, cache) == [] and len(counted) == 6, "no predictor: linted again"


def test_a_confusable_without_a_label_at_a_node_that_is_no_menu_is_reported_at_the_node(menu):
    def at_a_transfer(menuset, goalset):
        culprit = FakeConfusable("billing", "1", "", 0.8, ())
        return FakePrediction(tuple(FakeGoalPrediction(goal, 0.2, {}, (culprit,)) for goal in goalset.goals[:1]))

    before = goal_predictor()
    predict_goals_with(at_a_transfer)
    try:
        (finding,) = _gl001(menu)
    finally:
        predict_goals_with(before)
    assert (finding.span.line, finding.span.col, finding.node) == (11, 3, "billing")
    assert finding.message == (
        'callers who say "my electricity is off" press 1 at `billing`: 80% of them; predicted success 20%, below 50%'
    )


def test_silence_as_the_culprit_is_reported_at_the_menu_where_callers_fall_silent(menu):
    def silent(menuset, goalset):
        culprit = FakeConfusable("main", "wait", "", 0.7, ())
        return FakePrediction(tuple(FakeGoalPrediction(goal, 0.3, {}, (culprit,)) for goal in goalset.goals[:1]))

    before = goal_predictor()
    predict_goals_with(silent)
    try:
        (finding,) = _gl001(menu)
    finally:
        predict_goals_with(before)
    assert (finding.span.line, finding.span.col, finding.node) == (6, 3, "main")
    assert finding.message == (
        'callers who say "my electricity is off" hear no option that fits at `main`: 70% of them press nothing; '
        "predicted success 30%, below 50%"
    )


def test_the_command_hands_its_predictor_down_for_its_own_run_only(menu, no_predictor, monkeypatch, capsys):
    import json

    from ivrkit import cli
    from ivrkit.cli import common

    monkeypatch.setattr(common, "predict_goals", fake_predict)
    assert cli.main(["lint", str(menu), "--select", "GL001", "--no-cache", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [finding["code"] for finding in report] == ["GL001"], report
    assert goal_predictor() is None, "a program calling main lints with its own predictor afterwards"


def test_the_cache_depends_on_wordfreq_which_weighs_the_caller_model_s_words():
    from ivrkit.lint import cache

    assert "wordfreq" in [library[0] for library in cache._backends()[1:]]


def test_a_comment_on_the_option_suppresses_the_finding(menu, predictor):
    menu.write_text(
        MENU.replace("goto: billing}", "goto: billing}  # ivrkit: ignore[goal-success]", 1), encoding="utf-8"
    )
    (finding,) = _gl001(menu)
    assert finding.suppressed == "comment"


@pytest.mark.parametrize(
    "success, threshold, message_end",
    [
        (0.926, 0.93, None),  # predict prints 93%: not "93%, below 93%"
        (0.934, 0.93, None),
        (0.924, 0.93, "predicted success 92%, below 93%"),
        (0.924, 0.925, "predicted success 92%, below 92.5%"),
        (0.9251, 0.925, None),  # printed 93%, not below 92.5%
        (0.28, 0.29, "predicted success 28%, below 29%"),  # 100 * 0.29 is 28.999999999999996
        (0.29, 0.29, None),
        (0.0, 1.0, "predicted success 0%, below 100%"),
        (0.996, 1.0, None),  # printed 100%
    ],
)
def test_success_and_threshold_are_compared_as_printed(menu, success, threshold, message_end):
    """GL001 reports a goal when the success `ivrkit predict` prints is below the threshold, so the message never
    says "93%, below 93%"; the threshold is printed with as many decimals as it has."""

    def exactly(menuset, goalset):
        return FakePrediction(tuple(FakeGoalPrediction(goal, success, {}, ()) for goal in goalset.goals[:1]))

    before = goal_predictor()
    predict_goals_with(exactly)
    try:
        findings = _gl001(menu, threshold=threshold)
    finally:
        predict_goals_with(before)
    assert [f.message.rsplit("; ", 1)[-1] for f in findings] == ([message_end] if message_end else [])


@pytest.mark.parametrize(
    "value, message",
    [
        ("2", "GL001 `threshold` must be a share from 0 to 1, not 2"),
        ("1.5", "GL001 `threshold` must be a share from 0 to 1, not 1.5"),
        ("-0.1", "GL001 `threshold` must not be negative, not -0.1"),
    ],
)
def test_a_threshold_out_of_0_to_1_is_a_positioned_configuration_error(tmp_path, capsys, value, message):
    from ivrkit.cli import main

    (tmp_path / "pyproject.toml").write_text(f"[tool.ivrkit.lint.rules.GL001]\nthreshold = {value}\n")
    path = tmp_path / "line.yaml"
    path.write_text(MENU, encoding="utf-8")
    assert main(["lint", str(path), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'pyproject.toml'}:2:1: error: {message}" in err and "Traceback" not in err
    assert "hint: the default is 0.5" in err
