"""Running `ivrkit` in-process with the `export` command registered (the lead adds it to ivrkit/cli/__init__.py)."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_ivrkit(*argv: str) -> tuple[int, str, str]:
    from ivrkit import cli
    from ivrkit.cli import export as export_command

    commands = cli.COMMANDS if export_command in cli.COMMANDS else cli.COMMANDS + (export_command,)
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        patch.setattr(cli, "COMMANDS", commands)
        try:
            code = cli.main(list(argv))
        except SystemExit as stop:  # argparse's own usage errors
            code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped examples and the building blocks they use, as a project of its own."""
    shutil.copytree(REPO / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("flawed", "ci"))
    shutil.copytree(REPO / "menus", tmp_path / "menus")
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    return tmp_path
