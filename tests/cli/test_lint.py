"""`ivrkit lint` and `ivrkit rules`: exit codes, configuration files, suppressions, baselines, output files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.rules import all_rules

from ..lint_helpers import CLEAN, FLAGGED, project, run, use_marker_rule

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def menus(tmp_path, monkeypatch):
    """A project with a flagged menu and a clean one; the working folder is the project."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    use_marker_rule(monkeypatch)
    return project(tmp_path, {"dead.yaml": FLAGGED, "clean.yaml": CLEAN})


def _json(*args: str) -> list[dict]:
    result = run("lint", "--format", "json", *args)
    return json.loads(result.out)


# -- exit codes -----------------------------------------------------------------------


def test_exit_0_when_clean_and_1_with_an_error(menus):
    assert run("lint", "clean.yaml", "--select", "ST990").code == 0
    result = run("lint", "dead.yaml", "--select", "ST990", "--format", "concise")
    assert result.code == 1
    assert result.out.splitlines()[:2] == [
        "dead.yaml:5:3: ST990 `main` is marked",
        "dead.yaml:11:3: ST990 `hours` is marked",
    ]


def test_fail_on_levels(menus):
    (menus / "pyproject.toml").write_text('[tool.ivrkit.lint.rules.ST990]\nlevel = "warning"\n')
    assert run("lint", "dead.yaml", "--select", "ST990").code == 0
    assert run("lint", "dead.yaml", "--select", "ST990", "--fail-on", "warning").code == 1
    assert run("lint", "dead.yaml", "--select", "ST990", "--fail-on", "info").code == 1
    (menus / "pyproject.toml").write_text("")
    assert run("lint", "dead.yaml", "--select", "ST990", "--fail-on", "never").code == 0


def test_usage_and_load_errors_exit_2(menus):
    assert run("lint", "no/such.yaml").code == 2
    unknown = run("lint", "dead.yaml", "--select", "ST99")
    assert unknown.code == 2 and "unknown rule or family `ST99`" in unknown.err
    (menus / "broken.yaml").write_text(FLAGGED.replace("goto: hours", "goto: hourz"))
    broken = run("lint", "broken.yaml", "clean.yaml", "--select", "ST990")
    assert broken.code == 2
    assert "broken.yaml:9:" in broken.err and "did you mean `hours`?" in broken.err
    with pytest.raises(SystemExit) as exit_info:
        run("lint", "dead.yaml", "--format", "xml")
    assert exit_info.value.code == 2


def test_directories_are_searched_and_building_blocks_reported_once(menus):
    (menus / "main.yaml").write_text(CLEAN.replace("goto: hours}", "goto: dead.yaml}"))
    records = _json(".", "--select", "ST990", "--fail-on", "never")
    assert [(r["path"], r["line"]) for r in records] == [("dead.yaml", 5), ("dead.yaml", 11)]


def test_format_auto_is_github_under_github_actions(menus, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("lint", "dead.yaml", "--select", "ST990").out.startswith("::error file=dead.yaml,line=5,col=3,")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run("lint", "dead.yaml", "--select", "ST990").out.startswith("dead.yaml:5:3: ST990 [error] ")


# -- configuration --------------------------------------------------------------------


def test_pyproject_is_found_from_the_linted_path(menus):
    (menus / "pyproject.toml").write_text('[tool.ivrkit.lint]\nselect = ["ST990"]\nignore = ["test-only-marker"]\n')
    sub = menus / "sub" / "deeper"
    sub.mkdir(parents=True)
    (sub / "dead.yaml").write_text(FLAGGED)
    assert _json("sub/deeper/dead.yaml") == []


def test_ivrkit_yaml_is_found_and_taken_before_pyproject(menus):
    (menus / "pyproject.toml").write_text('[tool.ivrkit.lint]\nselect = ["ST990"]\n')
    (menus / ".ivrkit.yaml").write_text("lint:\n  select: [ST990]\n  rules:\n    test-only-marker: {level: off}\n")
    assert _json("dead.yaml") == []


def test_unknown_key_is_an_error_with_position_and_hint(menus):
    (menus / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.ivrkit.lint]\nselct = ["ST990"]\n')
    result = run("lint", "dead.yaml")
    assert result.code == 2
    assert "pyproject.toml:5:1: error: unknown key `selct` in [tool.ivrkit.lint]" in result.err
    assert "did you mean `select`?" in result.err
    assert "Traceback" not in result.err


def test_yaml_config_errors_have_positions(menus):
    (menus / ".ivrkit.yaml").write_text(
        "lint:\n  rules:\n    ST990: {levle: error}\n    dead-ends: {level: off}\n  locale: fr\n"
    )
    result = run("lint", "dead.yaml")
    assert result.code == 2
    assert ".ivrkit.yaml:3:13: error: unknown option `levle` of rule ST990 (test-only-marker)" in result.err
    assert ".ivrkit.yaml:4:5: error: unknown rule `dead-ends`" in result.err
    assert "did you mean `dead-end`?" in result.err
    assert ".ivrkit.yaml:5:3: error: `locale` must be one of us, eu, fi, not `fr`" in result.err


def test_lint_settings_directly_under_tool_ivrkit_get_a_hint(menus):
    (menus / "pyproject.toml").write_text('[tool.ivrkit]\nselect = ["ST990"]\n')
    result = run("lint", "dead.yaml")
    assert result.code == 2
    assert "pyproject.toml:2:1: error: unknown key `select` in [tool.ivrkit]" in result.err
    assert "put it under [tool.ivrkit.lint]" in result.err


def test_invalid_toml_points_at_the_problem(menus):
    (menus / "pyproject.toml").write_text("[tool.ivrkit.lint]\nselect = [ST990]\n")
    result = run("lint", "dead.yaml")
    assert result.code == 2 and "pyproject.toml:2:11: error: invalid TOML" in result.err


def test_families_and_names_select_rules(menus):
    (menus / ".ivrkit.yaml").write_text("lint:\n  select: [structure]\n  ignore: [KY, wording, ST001]\n")
    codes = {r["code"] for r in _json("dead.yaml", "--fail-on", "never")}
    assert "ST990" in codes and not any(code.startswith(("KY", "WD")) or code == "ST001" for code in codes)


def test_explicit_config_file_wins(menus):
    (menus / "pyproject.toml").write_text('[tool.ivrkit.lint]\nignore = ["ALL"]\n')
    (menus / "strict.yaml").write_text("lint:\n  select: [ST990]\n")
    assert len(_json("dead.yaml", "--config", "strict.yaml")) == 2
    assert run("lint", "dead.yaml", "--config", "missing.yaml").code == 2


def test_rule_option_and_level_overrides_take_effect(menus):
    (menus / "pyproject.toml").write_text(
        '[tool.ivrkit.lint.rules.test-only-marker]\nword = "this one"\nlevel = "warning"\n'
    )
    records = _json("dead.yaml", "--select", "ST990")
    assert [(r["code"], r["level"], r["line"]) for r in records] == [("ST990", "warning", 11)]


def test_rule_option_of_the_wrong_type(menus):
    (menus / "pyproject.toml").write_text("[tool.ivrkit.lint.rules]\nST990 = {word = 3}\n")
    result = run("lint", "dead.yaml")
    assert result.code == 2
    assert "pyproject.toml:2:10: error: ST990 `word` must be text" in result.err


# -- suppression ------------------------------------------------------------------------


def _suppressed(records) -> list[tuple[int, str | None]]:
    return [(r["line"], r["suppressed"]) for r in records]


def test_comment_on_the_line_and_alone_above(menus):
    text = FLAGGED.replace("  main:\n", "  main:  # ivrkit: ignore[ST990]\n")
    text = text.replace("  hours:\n", "  # ivrkit: ignore[test-only-marker]\n  hours:\n")
    (menus / "dead.yaml").write_text(text)
    result = run("lint", "dead.yaml", "--select", "ST990", "--format", "json")
    assert result.code == 0
    assert _suppressed(json.loads(result.out)) == [(5, "comment"), (12, "comment")]


def test_blanket_comment_and_other_codes(menus):
    text = FLAGGED.replace("  main:\n", "  main:  # ivrkit: ignore\n").replace(
        "  hours:\n", "  hours:  # ivrkit: ignore[KY001]\n"
    )
    (menus / "dead.yaml").write_text(text)
    assert _suppressed(_json("dead.yaml", "--select", "ST990", "--fail-on", "never")) == [(5, "comment"), (11, None)]


def test_unknown_code_in_a_comment_is_a_warning(menus):
    (menus / "dead.yaml").write_text(
        FLAGGED.replace("  main:\n", "  main:  # ivrkit: ignore[ST0001, test-only-marker]\n")
    )
    result = run("lint", "dead.yaml", "--select", "ST990", "--format", "concise")
    assert result.code == 1  # hours is still marked
    assert "dead.yaml:5:27: warning: `ST0001` is not an ivrkit rule" in result.err
    malformed = FLAGGED.replace("  main:\n", "  main:  # ivrkit: ignore ST990\n")
    (menus / "dead.yaml").write_text(malformed)
    assert "not an ivrkit directive" in run("lint", "dead.yaml", "--select", "ST990").err


def test_unknown_code_in_a_node_ignore_is_a_warning(menus):
    (menus / "dead.yaml").write_text(
        FLAGGED.replace("    type: message\n", "    type: message\n    lint: {ignore: [ST9900]}\n")
    )
    result = run("lint", "dead.yaml", "--select", "ST990")
    assert "dead.yaml:13:21: warning: `ST9900` is not an ivrkit rule" in result.err
    assert "did you mean `ST990`?" in result.err


def test_node_level_ignore(menus):
    (menus / "dead.yaml").write_text(
        FLAGGED.replace("    type: message\n", "    type: message\n    lint: {ignore: [ST]}\n")
    )
    assert _suppressed(_json("dead.yaml", "--select", "ST990", "--fail-on", "never")) == [(5, None), (11, "node")]


def test_baseline_written_then_read_back_after_lines_shift(menus):
    written = run("lint", "dead.yaml", "--select", "ST990", "--write-baseline", "baseline.json")
    assert written.code == 0 and "wrote 2 findings" in written.err
    data = json.loads((menus / "baseline.json").read_text())
    assert [(e["path"], e["code"], e["node"]) for e in data["findings"]] == [
        ("dead.yaml", "ST990", "main"),
        ("dead.yaml", "ST990", "hours"),
    ]
    shifted = "# a new comment\n# and another\n" + FLAGGED
    (menus / "dead.yaml").write_text(shifted)
    result = run("lint", "dead.yaml", "--select", "ST990", "--baseline", "baseline.json", "--format", "json")
    assert result.code == 0
    assert _suppressed(json.loads(result.out)) == [(7, "baseline"), (13, "baseline")]
    text = run("lint", "dead.yaml", "--select", "ST990", "--baseline", "baseline.json")
    assert "2 ignored (2 by baseline)" in text.out


def test_baseline_from_config_and_a_changed_line_is_new(menus):
    run("lint", "dead.yaml", "--select", "ST990", "--write-baseline", "baseline.json")
    (menus / "pyproject.toml").write_text('[tool.ivrkit.lint]\nselect = ["ST990"]\nbaseline = "baseline.json"\n')
    (menus / "dead.yaml").write_text(FLAGGED.replace("  hours:\n", "  hours:   \n").replace("  main:", "  main: "))
    assert run("lint", "dead.yaml").code == 0  # only whitespace changed
    (menus / "dead.yaml").write_text(FLAGGED.replace("hours", "times"))
    records = _json("dead.yaml", "--fail-on", "never")
    assert _suppressed(records) == [(5, "baseline"), (11, None)]


def test_writing_a_baseline_ignores_the_configured_one(menus):
    (menus / "pyproject.toml").write_text('[tool.ivrkit.lint]\nselect = ["ST990"]\nbaseline = "baseline.json"\n')
    assert run("lint", "dead.yaml").code == 2  # the configured baseline does not exist yet
    assert run("lint", "dead.yaml", "--write-baseline", "baseline.json").code == 0
    assert run("lint", "dead.yaml").code == 0
    assert run("lint", "dead.yaml", "--write-baseline", "baseline.json").code == 0  # replaces its own file
    assert len(json.loads((menus / "baseline.json").read_text())["findings"]) == 2


def test_invalid_baseline_exits_2(menus):
    (menus / "baseline.json").write_text("{not json")
    result = run("lint", "dead.yaml", "--baseline", "baseline.json")
    assert result.code == 2 and "baseline.json:1:2: error: the baseline is not valid JSON" in result.err


# -- output files -----------------------------------------------------------------------


def test_output_file_is_never_overwritten_unless_it_is_an_earlier_report(menus):
    (menus / "precious.txt").write_text("precious\n")
    refused = run("lint", "dead.yaml", "--select", "ST990", "--format", "json", "--output", "precious.txt")
    assert refused.code == 2 and "--force" in refused.err
    assert (menus / "precious.txt").read_text() == "precious\n"
    assert run("lint", "dead.yaml", "--select", "ST990", "--format", "json", "-o", "report.json").code == 1
    assert (
        run("lint", "clean.yaml", "--select", "ST990", "--format", "json", "-o", "report.json").code == 0
    )  # overwrites its own
    assert json.loads((menus / "report.json").read_text()) == []
    assert run("lint", "dead.yaml", "--select", "ST990", "-o", "precious.txt", "--force").code == 1
    refused = run("lint", "dead.yaml", "--select", "ST990", "--write-baseline", "report.json")
    assert refused.code == 2 and "not an earlier baseline" in refused.err


def test_only_menus_skips_other_yaml(menus):
    (menus / "workflow.yml").write_text("on: push\njobs: {}\n")
    assert run("lint", "--only-menus", "workflow.yml").code == 0
    assert run("check", "--only-menus", "workflow.yml", "clean.yaml").code == 0
    assert run("lint", "workflow.yml").code == 2


# -- ivrkit rules -------------------------------------------------------------------------


def test_rules_lists_every_rule(monkeypatch):
    use_marker_rule(monkeypatch)
    result = run("rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["code", "name", "level", "family", "summary"]
    assert len(lines) == len(all_rules()) + 1
    assert any(line.split()[:4] == ["ST990", "test-only-marker", "error", "structure"] for line in lines)


def test_rules_shows_one_rule_by_code_or_name():
    by_code, by_name = run("rules", "ST001"), run("rules", "dead-end")
    assert by_code.code == 0 and by_code.out == by_name.out
    assert by_code.out.startswith("# ST001 dead-end\n")
    assert "## What it does" in by_code.out and "## References" in by_code.out
    assert "\x1b[" in run("rules", "ST001", "--color", "always").out
    assert "dead-end" in run("rules", "--color", "always").out
    unknown = run("rules", "dead-ends")
    assert unknown.code == 2 and "did you mean `dead-end`?" in unknown.err


# -- text output ---------------------------------------------------------------------------


def test_text_is_plain_lines_when_piped(menus):
    # README: "coloured with source excerpts on a terminal and plain `path:line:col` lines when piped".
    plain = run("lint", "dead.yaml", "--select", "ST990")
    assert plain.code == 1 and "\x1b[" not in plain.out
    assert plain.out.splitlines() == [
        "dead.yaml:5:3: ST990 [error] `main` is marked",
        "dead.yaml:11:3: ST990 [error] `hours` is marked",
        "Found 2 problems in 1 file (2 errors).",
    ]
    never = run("lint", "dead.yaml", "--select", "ST990", "--color", "never", "--format", "text")
    assert never.out == plain.out


def test_text_excerpts_when_forced_without_colour_under_no_color(menus, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    forced = run("lint", "dead.yaml", "--select", "ST990", "--color", "always", "--format", "text")
    assert "\x1b[31" not in forced.out
    text = re.sub(r"\x1b\[[0-9;]*m", "", forced.out)
    assert [line for line in text.splitlines() if "|" in line][:4] == ["  |", "4 | nodes:", "5 |   main:", "  |   ^^^^"]


def test_text_is_rich_when_forced_and_honours_no_color(menus, monkeypatch):
    rich = run("lint", "dead.yaml", "--select", "ST990", "--color", "always")
    assert "\x1b[" in rich.out and "^^^^" in rich.out and "5 |" in rich.out
    monkeypatch.setenv("NO_COLOR", "1")
    no_color = run("lint", "dead.yaml", "--select", "ST990", "--color", "always")
    assert "\x1b[31" not in no_color.out and "^^^^" in no_color.out


def test_lint_runs_as_a_process(menus):
    environment = {k: v for k, v in os.environ.items() if k not in ("IVRKIT_DEBUG", "GITHUB_ACTIONS")}
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "lint", "clean.yaml", "--select", "ST001", "--format", "json"],
        cwd=menus,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


# -- CI integration files -----------------------------------------------------------------


def test_pre_commit_hooks_and_ci_example():
    import re

    import yaml

    from ivrkit.discover import find_menu_files

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"ivrkit-lint", "ivrkit-check"}
    lint_hook = hooks["ivrkit-lint"]
    assert lint_hook["entry"].startswith("ivrkit lint") and lint_hook["language"] == "python"
    assert re.search(lint_hook["files"], "menus/main.yml") and re.search(lint_hook["exclude"], "a.calls.yaml")
    workflow = yaml.safe_load((ROOT / "examples/ci/github-actions.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "--format sarif --output ivrkit.sarif" in runs and "--format github" in runs
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)
    files, _ = find_menu_files([str(ROOT / "examples")])
    # parts below the checkout: the checkout itself may sit in a folder called `ci`
    assert not [path for path in files if "ci" in path.resolve().relative_to(ROOT.resolve()).parts]


# -- exclude ------------------------------------------------------------------------


def test_exclude_skips_folders_in_directory_search_but_not_named_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    use_marker_rule(monkeypatch)
    project(tmp_path, {"clean.yaml": CLEAN}, pyproject='[tool.ivrkit.lint]\nexclude = ["flawed", "*.draft.yaml"]\n')
    (tmp_path / "flawed").mkdir()
    (tmp_path / "flawed" / "dead.yaml").write_text(FLAGGED)
    (tmp_path / "wip.draft.yaml").write_text(FLAGGED)
    searched = run("lint", ".", "--select", "ST990", "--format", "concise")
    assert searched.code == 0 and "dead.yaml" not in searched.out and "draft" not in searched.out
    named = run("lint", "flawed/dead.yaml", "--select", "ST990", "--format", "concise")
    assert named.code == 1 and "flawed/dead.yaml" in named.out
