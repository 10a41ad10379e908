"""The habits of the field, run with the tests: ruff (lint and format) and mypy, configured in pyproject.toml.

ruff checks every Python file of the project; mypy checks the core packages listed under
[tool.mypy] `files` (docs/architecture.md, "Types"). Both are in the `dev` extra, which the
README's test command installs, so a missing tool is a broken setup, not a reason to skip.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_FOLDERS = ["ivrkit", "tests", "bench", "scripts"]


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    located = shutil.which(name)
    assert located, f"{name} is not installed: run scripts/bootstrap.sh --dev"
    return located


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_to_fix():
    result = _run(_tool("ruff"), "check", "--no-cache", *PYTHON_FOLDERS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted_as_ruff_formats_it():
    result = _run(_tool("ruff"), "format", "--check", "--no-cache", *PYTHON_FOLDERS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_errors_in_the_core_packages(tmp_path):
    result = _run(_tool("mypy"), "--cache-dir", str(tmp_path / "mypy"), "--no-error-summary")
    assert result.returncode == 0, result.stdout + result.stderr
