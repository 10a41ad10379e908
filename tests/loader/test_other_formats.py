"""The loader opens other platforms' files only through the door handed down to it (it never imports the importers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.importers import load_any
from ivrkit.loadbatch.pool import run_ordered
from ivrkit.loader import LoadError, load, open_other_formats_with, other_formats_opener

ROOT = Path(__file__).resolve().parents[2]
FS_MENU = ROOT / "tests" / "importers" / "fixtures" / "fs_menu.xml"


@pytest.fixture
def no_door():
    before = other_formats_opener()
    open_other_formats_with(None)
    yield
    open_other_formats_with(before)


def test_without_a_door_another_platforms_file_is_refused_with_what_to_do(no_door):
    with pytest.raises(LoadError) as caught:
        load(FS_MENU)
    [problem] = caught.value.diagnostics
    assert problem.message == "`fs_menu.xml` is not a YAML menu file"
    assert problem.hint == "convert it with `ivrkit import`, or open it with `ivrkit.importers.load_any()`"
    assert (problem.span.line, problem.span.col) == (1, 1)


def test_with_the_importers_door_load_gives_what_load_any_gives(no_door):
    open_other_formats_with(load_any)
    assert load(FS_MENU) == load_any(FS_MENU)


def _load_in_worker(path: Path) -> str:
    return load(path).root.entry.raw


def test_worker_processes_are_handed_the_door(no_door):
    open_other_formats_with(load_any)
    expected = _load_in_worker(FS_MENU)
    results = list(run_ordered(_load_in_worker, [FS_MENU, FS_MENU, FS_MENU], jobs=2))
    assert [result for _, result in results] == [expected] * 3


def test_the_command_line_hands_the_door_down_without_importing_the_importers_for_yaml():
    code = (
        "import sys; from ivrkit.cli import main; "
        "rc = main(['check', 'examples/northwind-energy.yaml']); "
        "print(rc, 'ivrkit.importers' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[-2:] == ["0", "False"], result.stdout + result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "check", str(FS_MENU)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
