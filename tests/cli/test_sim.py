"""`ivrkit sim` on the command line: usage errors, and Textual stays out of the other commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.cli import main

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "tui" / "data"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--at", "tomorrow"], "--at: `tomorrow` is not a date and time"),
        (["--speed", "0"], "--speed must be more than 0"),
        (["--rate", "5"], "--rate must be between 40 and 400"),
    ],
)
def test_usage_errors_exit_2_before_the_app_starts(args, message, capsys):
    assert main(["sim", str(DATA / "tiny.yaml"), *args]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_file_is_a_usage_error(capsys):
    assert main(["sim", "no-such-menu.yaml"]) == 2
    assert "no such file: no-such-menu.yaml" in capsys.readouterr().err


def test_help_lists_the_options(capsys):
    with pytest.raises(SystemExit):
        main(["sim", "--help"])
    out = capsys.readouterr().out
    for option in ("--lang", "--at", "--mute", "--voice", "--rate", "--speed"):
        assert option in out


def test_the_command_and_the_linter_do_not_import_textual():
    code = (
        "import sys, io, contextlib\n"
        "import ivrkit.cli.sim, ivrkit.tui.savecall\n"
        "from ivrkit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['lint', {str(DATA / 'tiny.yaml')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'pyttsx3') or m == 'ivrkit.tui.app'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout.strip() == "[]", result.stderr
