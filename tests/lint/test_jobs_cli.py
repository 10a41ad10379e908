"""`ivrkit lint/check --jobs N` and the findings cache from the command line: the same bytes whatever N, cache or not."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from ivrkit import cli

ROOT = Path(__file__).resolve().parent.parent.parent


def _run(args: list[str], cwd: Path = ROOT) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(args)
        except SystemExit as exit_:  # argparse refusing a value
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("IVRKIT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize("paths", [["examples"], ["menus"], ["examples/flawed", "menus", "examples"]])
@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif"])
def test_lint_prints_the_same_bytes_with_any_number_of_jobs_and_from_the_cache(paths, fmt):
    serial = _run(["lint", *paths, "-f", fmt, "--color", "always", "--jobs", "1", "--no-cache"])
    assert serial[1], "a report was written"
    assert _run(["lint", *paths, "-f", fmt, "--color", "always", "--jobs", "2", "--no-cache"]) == serial
    assert _run(["lint", *paths, "-f", fmt, "--color", "always"]) == serial  # every core, cache written
    assert _run(["lint", *paths, "-f", fmt, "--color", "always", "-j", "3"]) == serial  # answered by the cache


@pytest.mark.parametrize("paths", [["examples"], ["examples/flawed", "menus"], ["tests/fixtures/broken", "menus"]])
def test_check_prints_the_same_bytes_with_any_number_of_jobs(paths):
    serial = _run(["check", *paths, "--color", "never", "--jobs", "1"])
    assert _run(["check", *paths, "--color", "never", "--jobs", "2"]) == serial
    assert _run(["check", *paths, "--color", "never"]) == serial


@pytest.mark.parametrize("command", ["lint", "check"])
@pytest.mark.parametrize(
    "value, message",
    [
        ("many", "argument --jobs/-j: --jobs takes a whole number of processes (0 for one per CPU), not `many`"),
        ("-1", "argument --jobs/-j: --jobs cannot be negative (-1); give 1 for one process or 0 for one per CPU"),
    ],
)
def test_a_bad_jobs_value_is_a_usage_error(command, value, message):
    code, out, err = _run([command, "examples", f"--jobs={value}"])
    assert code == 2
    assert out == ""
    assert err.strip().splitlines()[-1] == f"ivrkit {command}: error: {message}"


def test_the_report_written_to_a_file_is_the_one_printed(tmp_path):
    code, printed, _ = _run(["lint", "examples/flawed", "-f", "json", "--no-cache"])
    report = tmp_path / "report.json"
    assert _run(["lint", "examples/flawed", "-f", "json", "--no-cache", "-o", str(report)])[:2] == (code, "")
    assert report.read_text(encoding="utf-8") == printed


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".git").mkdir()
    (folder / ".ivrkit.yaml").write_text("lint: {}\n", encoding="utf-8")
    (folder / "menus").mkdir()
    for menu in (ROOT / "menus").glob("*.yaml"):
        (folder / "menus" / menu.name).write_bytes(menu.read_bytes())
    return folder


def test_the_cache_goes_beside_the_configuration_and_no_cache_writes_none(project, monkeypatch):
    monkeypatch.delenv("IVRKIT_CACHE_DIR")
    first = _run(["lint", "menus", "--no-cache"], cwd=project)
    assert not (project / ".ivrkit_cache").exists()
    assert _run(["lint", "menus"], cwd=project) == first
    assert (project / ".ivrkit_cache" / "CACHEDIR.TAG").is_file()
    assert (project / ".ivrkit_cache" / ".gitignore").is_file()
    assert _run(["lint", "menus"], cwd=project) == first


def test_ivrkit_cache_dir_moves_the_cache(project, tmp_path):
    _run(["lint", "menus"], cwd=project)
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file()
    assert not (project / ".ivrkit_cache").exists()


def test_an_unwritable_cache_changes_nothing(project, monkeypatch):
    blocked = project / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("IVRKIT_CACHE_DIR", str(blocked))
    assert _run(["lint", "menus"], cwd=project) == _run(["lint", "menus", "--no-cache"], cwd=project)


def test_an_edited_block_is_linted_again_through_the_cache(project):
    before = _run(["lint", "menus", "-f", "concise"], cwd=project)
    block = project / "menus" / "callback-booking.yaml"
    block.write_text(
        block.read_text(encoding="utf-8").replace("ivrkit: 1", "ivrkit: 1\nlint_me: twice", 1), encoding="utf-8"
    )
    after = _run(["lint", "menus", "-f", "concise"], cwd=project)
    assert after == _run(["lint", "menus", "-f", "concise", "--no-cache"], cwd=project)
    assert after != before
