"""`.ivrkit.yaml`, `pyproject.toml` and `--baseline` files go through the same guarded reader as menus.

Reproducers of issue 10 run `python -m ivrkit lint` in a new process with a time
limit (the alias bomb used to hang it); the property tests feed arbitrary text
and YAML structures to the configuration reader.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.lint.config_file import ConfigError, load_config

from ..strategies import yaml_values

MINIMAL = "ivrkit: 1\nname: t\nentry: bye\nnodes:\n  bye: {type: hangup, say: Goodbye.}\n"
BOMB = "lint:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  {name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi")
)


def lint(folder: Path, *args: str) -> tuple[int, list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "lint", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    output = result.stdout + result.stderr
    return result.returncode, [line for line in output.splitlines() if ": error: " in line]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "m.yaml").write_text(MINIMAL)
    return tmp_path


@pytest.mark.parametrize(
    "text, error",
    [
        (
            BOMB,
            ".ivrkit.yaml:9:6: error: aliases would expand this file to 490,329,066 values (it holds 30); "
            "refusing an alias or merge-key bomb",
        ),
        (
            "lint:\n  select: " + "[" * 150 + "]" * 150 + "\n",
            ".ivrkit.yaml:2:109: error: the YAML is nested more than 100 levels deep",
        ),
        (
            "lint:\n  rules:\n    max-depth: {max_depth: " + "9" * 5000 + "}\n",
            ".ivrkit.yaml:3:28: error: a number of 5,000 characters is too long (at most 100 digits)",
        ),
        (
            "lint:\n  locale: e\0u\n",
            ".ivrkit.yaml:2:12: error: the file contains the control character U+0000 (NUL), which YAML does not allow",
        ),
    ],
)
def test_hostile_ivrkit_yaml(project, text, error):
    (project / ".ivrkit.yaml").write_text(text)
    code, errors = lint(project, "m.yaml")
    assert code == 2
    assert errors == [error]


@pytest.mark.parametrize(
    "value, error",
    [
        ("[" * 5000 + "]" * 5000, "pyproject.toml:2:110: error: the TOML is nested more than 100 levels deep"),
        ("9" * 5000, "pyproject.toml:2:10: error: a number of 5,000 digits is too long (at most 100)"),
    ],
)
def test_hostile_pyproject(project, value, error):
    (project / "pyproject.toml").write_text(f"[tool.ivrkit.lint]\nselect = {value}\n")
    code, errors = lint(project, "m.yaml")
    assert code == 2
    assert errors == [error]


@pytest.mark.parametrize(
    "text, error",
    [
        ("[" * 5000 + "]" * 5000, "b.json:1:101: error: the JSON is nested more than 100 levels deep"),
        (
            '{"ivrkit_baseline": ' + "9" * 5000 + "}",
            "b.json:1:21: error: a number of 5000 digits is too long (at most 100)",
        ),
        (
            '{"ivrkit_baseline": 1, "findings": [{"path": [1], "code": "x", "fingerprint": "y"}]}',
            "b.json:1:1: error: this is not an ivrkit baseline file",
        ),
        (
            '{"ivrkit_baseline": 1,',
            "b.json:1:23: error: the baseline is not valid JSON: Expecting property name enclosed in double quotes",
        ),
    ],
)
def test_hostile_baselines(project, text, error):
    (project / "b.json").write_text(text)
    code, errors = lint(project, "--baseline", "b.json", "m.yaml")
    assert code == 2
    assert errors == [error]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_configuration_is_refused_at_once(project):
    os.mkfifo(project / "pipe.yaml")
    with pytest.raises(ConfigError) as caught:
        load_config(project / "pipe.yaml")
    assert caught.value.diagnostics[0].message == "not a regular file: this is a named pipe (FIFO)"


def test_odd_scalars_are_text_not_crashes(project):
    config = project / ".ivrkit.yaml"
    config.write_text("lint:\n  baseline: 2026-13-45\n  glossary: [!!float abc, PIN]\n")
    loaded = load_config(config)  # an impossible date and a bad float are kept as written, not raised
    assert loaded.glossary == ("abc", "PIN") and loaded.baseline.endswith("2026-13-45")


def outcome(folder: Path, text: str | bytes) -> None:
    path = folder / ".ivrkit.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        load_config(path)
    except ConfigError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.span.line >= 1 and diagnostic.span.col >= 1 and diagnostic.message


SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.text())
def test_arbitrary_text_as_configuration(tmp_path, text):
    outcome(tmp_path, text)


@SETTINGS
@given(st.binary())
def test_arbitrary_bytes_as_configuration(tmp_path, data):
    outcome(tmp_path, data)


@SETTINGS
@given(yaml_values)
def test_arbitrary_yaml_structures_as_configuration(tmp_path, value):
    outcome(tmp_path, yaml.safe_dump({"lint": value}, allow_unicode=True))
    outcome(tmp_path, yaml.safe_dump(value, allow_unicode=True))
