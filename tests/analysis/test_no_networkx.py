"""The commands that only read a menu (check, lint, call, test, paths) never import networkx.

Each runs in a fresh interpreter through `ivrkit.cli.main`, on a shipped
example, and the test reads `sys.modules` when the command has finished.
`ivrkit graph` is the control: it draws the networkx view, so it must import it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
MENU = "examples/northwind-energy.yaml"
CALLS = "examples/northwind-energy.calls.yaml"

# Runs one command, output discarded, then prints the exit code and whether networkx was imported.
WRAPPER = """\
import contextlib, io, sys
from ivrkit import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = cli.main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
print(code, "networkx" in sys.modules)
"""


def _run(*argv: str) -> tuple[str, bool]:
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    code, imported = result.stdout.split()
    return code, imported == "True"


@pytest.mark.parametrize(
    "argv",
    [
        ("call", MENU, "--press", "1"),
        ("test", CALLS),
        ("paths", MENU),
        ("check", MENU),
        ("lint", MENU),
    ],
    ids=lambda argv: argv[0],
)
def test_reading_commands_do_not_import_networkx(argv):
    code, imported = _run(*argv)
    assert code == "0", f"ivrkit {' '.join(argv)} exited {code}"
    assert not imported, f"ivrkit {argv[0]} imported networkx"


def test_graph_command_does_import_networkx():
    code, imported = _run("graph", MENU, "--format", "json")
    assert code == "0"
    assert imported
