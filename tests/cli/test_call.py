"""`ivrkit call`, `ivrkit test` and `ivrkit paths` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from ivrkit.cli import main
from ivrkit.engine.drive import parse_steps, run_call
from ivrkit.loader import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(
    p.name for p in (ROOT / "examples").glob("*.yaml") if not p.name.endswith((".calls.yaml", ".goals.yaml"))
)


def ivrkit(*args: str, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "ivrkit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_call_prints_a_timestamped_transcript():
    result = ivrkit("call", "examples/northwind-energy.yaml", "--press", "1 12345678 1 1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Northwind Energy customer line: call at Mon 2026-11-23 10:00")
    assert re.match(r"\s*0:00\.0  at      welcome", lines[1])
    assert "You entered 1 2 3 4 5 6 7 8." in result.stdout
    assert lines[-1].split()[1:3] == ["end", "transfer"]


def test_call_in_finnish_out_of_hours_as_json():
    result = ivrkit("call", "examples/kaupunki-bilingual.yaml", "--press", "1 3", "--at", "2026-11-28 23:30", "--json")
    data = json.loads(result.stdout)
    assert data["at"] == "2026-11-28 23:30"
    spoken = [e["text"] for e in data["events"] if e["type"] == "Speak"]
    assert "Valitse, missä asiassa voimme auttaa." in spoken
    assert data["events"][-1]["type"] == "TransferEvent" and data["ended"] is True


def test_call_usage_errors():
    bad_steps = ivrkit("call", "examples/northwind-energy.yaml", "--press", "1 x")
    assert bad_steps.returncode == 2 and "`x` is not a step" in bad_steps.stderr
    bad_time = ivrkit("call", "examples/northwind-energy.yaml", "--at", "tomorrow")
    assert bad_time.returncode == 2 and "not a date and time" in bad_time.stderr
    bad_language = ivrkit("call", "examples/northwind-energy.yaml", "--lang", "sv")
    assert bad_language.returncode == 2 and "does not speak `sv`" in bad_language.stderr
    broken = ivrkit("call", "tests/fixtures/broken/undefined-target.yaml")
    assert broken.returncode == 2 and "undefined-target.yaml:9:39: error:" in broken.stderr
    assert "Traceback" not in bad_steps.stderr + bad_time.stderr + broken.stderr


def test_shipped_call_scripts_pass():
    result = ivrkit("test", "examples/")
    assert result.returncode == 0, result.stdout[-3000:]
    passed, failed = re.fullmatch(r"(\d+) passed, (\d+) failed", result.stdout.splitlines()[-1]).groups()
    assert int(passed) >= 15 and failed == "0"


def test_failing_and_broken_scripts(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menus").mkdir()
    for block in (ROOT / "menus").glob("*.yaml"):
        (tmp_path / "menus" / block.name).write_text(block.read_text())
    (tmp_path / "m.yaml").write_text(
        (ROOT / "examples" / "northwind-energy.yaml").read_text().replace("../menus/", "menus/")
    )
    failing = tmp_path / "fail.calls.yaml"
    failing.write_text('menu: m.yaml\ncalls:\n  - name: wrong\n    press: "2 1"\n    expect: {ends_with: voicemail}\n')
    result = ivrkit("test", str(failing))
    assert result.returncode == 1
    assert "FAIL  wrong" in result.stdout and "expected to end with voicemail" in result.stdout
    junit = ivrkit("test", str(failing), "--format", "junit")
    root = ET.fromstring(junit.stdout)
    assert root.get("tests") == "1" and root.get("failures") == "1"
    broken = tmp_path / "broken.calls.yaml"
    broken.write_text('menu: m.yaml\ncalls:\n  - name: typo\n    press: "1"\n    expect: {reaches: bilin}\n')
    result = ivrkit("test", str(broken))
    assert result.returncode == 2 and "broken.calls.yaml:5:23: error: the menu has no node `bilin`" in result.stderr


@pytest.mark.parametrize("example", EXAMPLES)
def test_paths_write_calls_pass_ivrkit_test(example, tmp_path):
    out = ROOT / "examples" / f".paths-{example[:-5]}.calls.yaml"
    try:
        result = ivrkit("paths", f"examples/{example}", "--write-calls", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0].split()[:3] == ["destination", "type", "keys"]
        tested = ivrkit("test", str(out))
        assert tested.returncode == 0, tested.stdout[-2000:]
        refused = ivrkit("paths", f"examples/{example}", "--write-calls", str(out))
        assert refused.returncode == 2 and "--force" in refused.stderr
    finally:
        out.unlink(missing_ok=True)


def test_paths_json_has_share_weighted_figures():
    data = json.loads(ivrkit("paths", "examples/northwind-energy.yaml", "--json").stdout)
    assert data["expected_seconds"] > 0 and data["expected_person_seconds"] > 0
    assert 0 < data["share_covered"] <= 1
    billing = next(p for p in data["paths"] if p["node"] == "billing_team")
    assert billing["keys"] == "1 12345678 1 2" and billing["worst_seconds"] > billing["seconds"]
    assert billing["steps"][1:3] == ["12345678", "1"] and billing["steps"][0].startswith("1@")


# -- issue 10: every input is checked; a CI check never passes on a typo ----------------------------------

NORTHWIND = str(ROOT / "examples" / "northwind-energy.yaml")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["call", "paths"])
def test_set_names_a_declared_variable_and_one_of_its_values(capsys, command):
    code, out, err = run(capsys, command, NORTHWIND, "--set", "nosuchvar=1")
    assert (code, out) == (2, "")
    assert err == (
        "ivrkit: error: --set: the menu has no variable `nosuchvar` (its variables: `network_status`); "
        "declare it under `variables` in the menu\n"
    )
    code, out, err = run(capsys, command, NORTHWIND, "--set", "network_status=value-with-no-case")
    assert (code, out) == (2, "")
    assert err == (
        "ivrkit: error: --set: `value-with-no-case` is not a value of `network_status` "
        "(its values: `normal`, `major_outage`)\n"
    )
    code, _, err = run(capsys, command, NORTHWIND, "--set", "network_statu=normal")
    assert code == 2 and err.endswith("; did you mean `network_status`?\n")
    code, _, err = run(capsys, command, NORTHWIND, "--set", "network_status=normal", "--set", "network_status=x")
    assert code == 2 and "`network_status` is set twice" in err


def test_a_declared_value_still_changes_the_call(capsys):
    code, out, _ = run(capsys, "call", NORTHWIND, "--set", "network_status=major_outage")
    assert code == 0 and "at      outage_notice" in out


@pytest.mark.parametrize("command", ["call", "paths"])
@pytest.mark.parametrize(
    ("when", "problem"),
    [
        ("tomorrow", "`tomorrow` is not a date and time"),
        ("2026-02-30 10:00", "`2026-02-30 10:00` is not a date and time: there is no such day or minute"),
        ("2026-11-23 25:00", "`2026-11-23 25:00` is not a date and time: there is no such day or minute"),
        ("", "`` is not a date and time"),
    ],
)
def test_at_is_checked_with_its_format(capsys, command, when, problem):
    code, out, err = run(capsys, command, NORTHWIND, "--at", when)
    assert (code, out) == (2, "")
    assert err == f"ivrkit: error: --at: {problem}; write 'YYYY-MM-DD HH:MM', e.g. '2026-11-23 19:30'\n"


@pytest.mark.parametrize("command", ["call", "paths"])
def test_lang_is_checked(capsys, command):
    code, _, err = run(capsys, command, NORTHWIND, "--lang", "sv")
    assert code == 2 and err == "ivrkit: error: --lang: the menu does not speak `sv` (its languages: en)\n"


@pytest.mark.parametrize("wait", ["nan", "-1", "inf", "86401", "soon"])
def test_queue_wait_is_checked(capsys, wait):
    code, _, err = run(capsys, "call", NORTHWIND, f"--queue-wait={wait}")
    assert code == 2 and err == f"ivrkit: error: --queue-wait: `{wait}` is not a number of seconds from 0 to 86400\n"


def test_steps_left_over_after_the_call_ended_are_an_error(capsys):
    code, out, err = run(capsys, "call", NORTHWIND, "--press", "0 1 2")
    assert (code, out) == (2, "")
    assert err.startswith("ivrkit: error: --press: step `1` (character 3) is never used: the call ended at ")
    assert "before it; remove it and the steps after it" in err


SCRIPT_MENU = """\
ivrkit: 1
name: t
entry: main
variables:
  segment: {values: [consumer, business], default: consumer}
nodes:
  main:
    type: branch
    variable: segment
    cases: {consumer: menu, business: staff}
  menu:
    type: menu
    say: Welcome.
    options:
      "1": {label: speak to staff, goto: staff}
  staff: {type: transfer, queue: general, say: Connecting you.}
"""


def scripted(tmp_path, calls: str, name: str = "menu.calls.yaml") -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menu.yaml").write_text(SCRIPT_MENU)
    path = tmp_path / name
    path.write_text("menu: menu.yaml\ncalls:\n" + calls)
    return path


def test_script_variables_and_times_are_checked_with_positions(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripted(
        tmp_path,
        (
            "  - name: typo in the name\n    variables: {segmnt: business}\n    expect: {reaches: staff}\n"
            "  - name: a value with no case\n    variables: {segment: vip}\n    expect: {reaches: staff}\n"
            '  - name: no such day\n    at: "2026-02-30 10:00"\n    expect: {reaches: staff}\n'
        ),
    )
    code, out, err = run(capsys, "test", "menu.calls.yaml")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "menu.calls.yaml:4:17: error: the menu has no variable `segmnt` (its variables: `segment`)",
        "  hint: did you mean `segment`?",
        "menu.calls.yaml:7:26: error: `vip` is not a value of `segment` (its values: `consumer`, `business`)",
        "menu.calls.yaml:10:9: error: `2026-02-30 10:00` is not a date and time: there is no such day or minute",
        '  hint: write "YYYY-MM-DD HH:MM", e.g. "2026-11-23 19:30"',
    ]


def test_script_steps_left_over_are_an_error_at_their_position(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripted(
        tmp_path,
        (
            '  - name: too many steps\n    press: "1 1"\n    expect: {reaches: staff}\n'
            '  - name: fine\n    press: "1"\n    expect: {reaches: staff}\n'
        ),
    )
    code, out, err = run(capsys, "test", "menu.calls.yaml")
    assert code == 2
    assert err.startswith(
        "menu.calls.yaml:4:15: error: call `too many steps`: step `1` (character 3) is never used: the call ended at "
    )
    assert out.splitlines()[-1] == "1 passed, 0 failed, 1 could not be run"
    assert out.splitlines()[1].startswith("  ERROR too many steps  menu.calls.yaml:4:15: ")


def test_a_passing_call_shows_what_within_measured(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripted(
        tmp_path,
        (
            '  - name: staff\n    press: "1"\n    expect: {reaches: staff, within: 4}\n'
            '  - name: no reaches\n    press: "1"\n    expect: {ends_with: transfer}\n'
        ),
    )
    code, out, _ = run(capsys, "test", "menu.calls.yaml")
    lines = out.splitlines()
    assert code == 0, out
    # The call goes on after reaching staff (its greeting): `within` measures the arrival, and says so.
    shown = re.fullmatch(r"  PASS  staff  \(reached `staff` at (\d\.\d) s, within 4 s\)", lines[1])
    assert shown, lines[1]
    record = run_call(load(tmp_path / "menu.yaml"), parse_steps("1"))
    assert float(shown.group(1)) == round(record.first_arrival("staff").at, 1) < 4 < record.duration
    assert re.fullmatch(r"  PASS  no reaches  \(ended at \d+\.\d s\)", lines[2]), lines[2]


def test_a_menu_given_to_test_is_named(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripted(tmp_path, "  - name: x\n    expect: {reaches: staff}\n")
    code, out, err = run(capsys, "test", "menu.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "menu.yaml:1:1: error: this is a menu, not a call script; its call script is menu.calls.yaml\n"
        "  hint: run `ivrkit test menu.calls.yaml`, or `ivrkit call menu.yaml` to simulate one call\n"
    )
    (tmp_path / "menu.calls.yaml").unlink()
    code, _, err = run(capsys, "test", "menu.yaml")
    assert code == 2 and err.startswith(
        "menu.yaml:1:1: error: this is a menu, not a call script (its call script "
        "would be menu.calls.yaml)\n  hint: `ivrkit paths menu.yaml --write-calls "
        "menu.calls.yaml` writes one; docs/calls.md describes the format\n"
    )


@pytest.mark.parametrize("command", ["call", "paths"])
def test_a_call_script_given_for_a_menu_is_named(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    scripted(tmp_path, "  - name: x\n    expect: {reaches: staff}\n")
    code, out, err = run(capsys, command, "menu.calls.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "menu.calls.yaml:1:1: error: this is a call script, not a menu: its menu is `menu.yaml`, "
        "relative to the script; run it with `ivrkit test menu.calls.yaml`\n"
    )


def test_a_malformed_call_script_gets_call_script_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripted(tmp_path, '  - name: x\n    expect: {reaches: staf}\n    pres: "1"\n')
    code, _, err = run(capsys, "test", "menu.calls.yaml")
    assert code == 2
    assert err.splitlines()[0] == "menu.calls.yaml:4:23: error: the menu has no node `staf`"
    assert "unknown field `pres` in a call" in err and "this is a menu" not in err


def test_test_output_must_be_a_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripted(tmp_path, '  - name: x\n    press: "1"\n    expect: {reaches: staff}\n')
    (tmp_path / "reports").mkdir()
    code, _, err = run(capsys, "test", "menu.calls.yaml", "-o", "reports", "--force")
    assert code == 2 and err == "ivrkit: error: reports is a folder; give a file name for the output\n"
    code, _, err = run(capsys, "test", "menu.calls.yaml", "-o", "menu.calls.yaml", "--force")
    assert code == 2 and err == "ivrkit: error: menu.calls.yaml is one of the input files; write the output elsewhere\n"
    assert (tmp_path / "menu.calls.yaml").read_text().startswith("menu: menu.yaml")


def test_scripts_that_would_test_nothing_or_cannot_be_read(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripted(tmp_path, "")
    (tmp_path / "menu.calls.yaml").write_text("menu: menu.yaml\ncalls: []\n")
    code, out, err = run(capsys, "test", "menu.calls.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "menu.calls.yaml:2:8: error: `calls` is empty: a script with no calls would pass without testing "
        "anything\n  hint: add a call with `name`, `press` and `expect`\n"
    )
    (tmp_path / "menu.calls.yaml").write_text("menu: .\ncalls:\n  - {name: x, expect: {ends_with: hangup}}\n")
    code, _, err = run(capsys, "test", "menu.calls.yaml")
    assert code == 2 and err == "menu.calls.yaml:1:7: error: `.` is a folder; name the menu file\n"


def test_a_fifo_given_to_test_is_refused_at_once(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.calls.yaml")
    for target in ("pipe.calls.yaml", "."):
        result = ivrkit("test", target, cwd=tmp_path, timeout=60)
        assert result.returncode == 2
        assert result.stderr.startswith("pipe.calls.yaml:1:1: error: not a regular file: this is a named pipe")
