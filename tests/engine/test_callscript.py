"""Call scripts: loading with positioned errors, each expectation passing and failing, generated scripts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ivrkit.diagnostics import LoadError
from ivrkit.engine.callscript import load_script, run_script
from ivrkit.engine.drive import StepError, parse_steps, run_call
from ivrkit.engine.paths import analyse, calls_yaml
from ivrkit.loader import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if not p.name.endswith((".calls.yaml", ".goals.yaml")))

MENU = """\
ivrkit: 1
name: t
entry: main
settings: {fallback: agent}
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: pay a bill, goto: bye}
      "0": {label: speak with an agent, goto: agent}
  agent: {type: transfer, queue: general, say: Connecting you.}
  bye: {type: hangup, say: Goodbye.}
"""


def script(tmp_path, calls: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menu.yaml").write_text(MENU)
    path = tmp_path / "menu.calls.yaml"
    path.write_text("menu: menu.yaml\ncalls:\n" + calls)
    return path


def results(tmp_path, calls: str):
    return run_script(load_script(script(tmp_path, calls)))


def test_steps():
    steps = parse_steps("1 12#  1@2.5 wait - hangup")
    assert [(s.action, s.keys, s.after) for s in steps] == [
        ("press", "1", None),
        ("press", "12#", None),
        ("press", "1", 2.5),
        ("wait", "", None),
        ("wait", "", None),
        ("hangup", "", None),
    ]
    with pytest.raises(StepError) as caught:
        parse_steps("1 2x 3")
    assert caught.value.index == 2


def test_passing_expectations(tmp_path):
    [result] = results(
        tmp_path,
        (
            '  - name: pay\n    press: "1"\n'
            '    expect: {reaches: bye, within: 12, keypresses: 1, hears: [Goodbye., "/pay a b.ll/"],'
            " not_hears: [Sorry], ends_with: hangup}\n"
        ),
    )
    assert result.passed, result.failures


def test_failing_expectations_say_what_happened(tmp_path):
    [result] = results(
        tmp_path,
        (
            '  - name: silent\n    press: ""\n'
            "    expect: {reaches: bye, within: 1, hears: [Never said], not_hears: [Connecting], ends_with: voicemail}\n"
        ),
    )
    assert not result.passed
    assert result.failures[0].startswith("expected to reach `bye`; the call went main → agent")
    assert "expected to hear 'Never said'; it was never said" in result.failures
    assert "expected not to hear 'Connecting'; it was said" in result.failures
    assert "expected to end with voicemail; it ended with transfer at `agent`" in result.failures


def test_script_errors_have_positions(tmp_path):
    path = script(
        tmp_path,
        (
            '  - name: typo\n    press: "1 2x"\n    expect: {reaches: by}\n'
            '  - name: other\n    pres: "1"\n    expect: {ends_with: hangup}\n'
        ),
    )
    with pytest.raises(LoadError) as caught:
        load_script(path)
    found = [(d.span.line, d.span.col, d.message, d.hint) for d in caught.value.diagnostics]
    assert found[0][:3] == (
        4,
        15,
        "`2x` is not a step: write keys (0-9, *, #), keys@seconds, `wait`, `hangup` or hangup@seconds",
    )
    assert found[1][:3] == (5, 23, "the menu has no node `by`") and found[1][3] == "did you mean `bye`?"
    assert found[2][:3] == (7, 5, "unknown field `pres` in a call")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("hour", [10, 20])
def test_generated_scripts_pass(example, hour, tmp_path):
    at = dt.datetime(2026, 11, 23, hour, 0)
    summary = analyse(load(example), at=at)
    reached = [figure for figure in summary.paths if figure.seconds is not None]
    assert reached, "some destination must be reachable"
    generated = example.parent / f".generated-{hour}-{example.name[:-5]}.calls.yaml"
    try:
        generated.write_text(calls_yaml(summary, example.name, at, None))
        outcome = run_script(load_script(generated))
    finally:
        generated.unlink()
    assert len(outcome) == len(reached)
    assert all(result.passed for result in outcome), [r.failures for r in outcome if not r.passed]


def test_first_time_caller_is_faster_than_one_who_presses_a_wrong_key():
    summary = analyse(load(ROOT / "examples" / "northwind-energy.yaml"), at=dt.datetime(2026, 11, 23, 10, 0))
    figures = {figure.node: figure for figure in summary.paths}
    billing = figures["billing_team"]
    assert billing.keys == "1 12345678 1 2"  # the account number and its confirmation are keys too
    assert billing.worst_seconds > billing.seconds > 10
    assert figures["customer_service"].keys == "0" and figures["customer_service"].person
    assert 0 < summary.share_covered <= 1.0
    assert summary.expected_seconds is not None


def test_silent_caller_reaches_the_fallback():
    record = run_call(load(ROOT / "examples" / "northwind-energy.yaml"), [], at=dt.datetime(2026, 11, 23, 10, 0))
    assert record.ended and record.end.node == "customer_service"


def test_the_call_script_in_docs_calls_md_runs_and_passes():
    import re

    block = re.search(r"```yaml\n(.*?)```", (ROOT / "docs" / "calls.md").read_text(), re.S).group(1)
    path = ROOT / "examples" / ".docs-calls-md.calls.yaml"
    try:
        path.write_text(block)
        outcome = run_script(load_script(path))
    finally:
        path.unlink(missing_ok=True)
    assert len(outcome) == 5 and all(result.passed for result in outcome), [r.failures for r in outcome]


def test_call_script_helpers_tell_the_kinds_apart():
    from ivrkit.engine.callscript import looks_like_call_script, looks_like_menu

    assert looks_like_call_script({"menu": 1, "calls": 2}) and looks_like_call_script(["calls"])
    assert not looks_like_call_script({"ivrkit": 1, "nodes": 2, "calls": 3})
    assert looks_like_menu({"ivrkit": 1, "name": 2}) and looks_like_menu(["nodes"])
    assert not looks_like_menu({"menu": 1, "calls": 2}) and not looks_like_menu({"name": 1})


def test_a_goals_file_given_as_a_call_script_is_named_as_such(tmp_path):
    goals = tmp_path / "menu.goals.yaml"
    goals.write_text("menu: menu.yaml\ngoals:\n  - say: pay my bill\n    reaches: bill\n")
    with pytest.raises(LoadError) as raised:
        load_script(goals)
    [diagnostic] = raised.value.diagnostics
    assert diagnostic.message == "this is a caller goals file, not a call script"
    assert diagnostic.hint == (
        f"`ivrkit predict MENU --goals {goals}` reads it; call scripts are `*.calls.yaml` (docs/calls.md)"
    )
    assert (diagnostic.span.line, diagnostic.span.col) == (1, 1)
