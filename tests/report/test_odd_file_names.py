"""Reports of files whose names hold a newline, an ESC or a byte that is not UTF-8 (issue 10).

Line formats (text, concise, github) must keep one record per line with no
raw control character; document formats (json, sarif, junit) must stay valid
documents, SARIF pointing at the real file through its percent-encoded bytes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote_to_bytes

import jsonschema
import pytest

from ivrkit import cli

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
DEAD_END = (ROOT / "examples" / "flawed" / "dead-end.yaml").read_text(encoding="utf-8")
# How each odd name is spelled in a report.
NAMES = {"n\nl.yaml": "n\\nl.yaml", "e\x1b[31mX.yaml": "e\\x1b[31mX.yaml", "a\udcffb.yaml": "a\\xffb.yaml"}
LINE_FORMATS = ("text", "concise", "github")


@pytest.fixture
def odd(tmp_path, monkeypatch):
    """A project with one dead-end menu under each odd name (ST003 fires once in each)."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "pyproject.toml").write_text("")
    for name in NAMES:
        try:
            (tmp_path / name).write_text(DEAD_END, encoding="utf-8")
        except (OSError, UnicodeEncodeError):  # a file system that only takes UTF-8 names
            pytest.skip(f"this file system does not take the name {name!r}")
    return tmp_path


def _lint_to_file(fmt: str, *extra: str) -> tuple[int, bytes, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main(["lint", ".", "--select", "ST003", "--format", fmt, "--output", f"report.{fmt}", *extra])
    return code, Path(f"report.{fmt}").read_bytes(), err.getvalue()


@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_line_formats_keep_one_escape_free_record_per_finding(odd, fmt):
    code, data, err = _lint_to_file(fmt)
    assert code == 1, err
    text = data.decode("utf-8")  # strict: no raw undecodable byte either
    lines = text.splitlines()
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text)
    assert len(lines) == len(NAMES) + 1 and lines[-1] == "Found 3 problems in 3 files (3 errors)."
    shown = sorted(NAMES.values())
    if fmt == "github":
        assert [line.split("file=")[1].split(",")[0] for line in lines[:-1]] == shown
    else:
        assert [line.split(":43:3: ST003 ")[0] for line in lines[:-1]] == shown


def test_json_is_valid_utf8_json(odd):
    code, data, err = _lint_to_file("json")
    assert code == 1, err
    records = json.loads(data.decode("utf-8"))
    assert sorted(record["path"] for record in records) == sorted(NAMES.values())


def test_sarif_is_valid_and_points_at_the_real_bytes(odd):
    code, data, err = _lint_to_file("sarif")
    assert code == 1, err
    sarif = json.loads(data.decode("utf-8"))
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text()))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]
    assert sorted(uris) == ["a%FFb.yaml", "e%1B%5B31mX.yaml", "n%0Al.yaml"]
    assert {unquote_to_bytes(uri) for uri in uris} == {os.fsencode(name) for name in NAMES}


def test_junit_is_valid_xml(odd):
    code, data, err = _lint_to_file("junit")
    assert code == 1, err
    root = ET.fromstring(data)
    assert sorted(suite.get("name") for suite in root.iter("testsuite")) == sorted(NAMES.values())
    assert root.get("failures") == "3"


def test_text_to_a_strict_utf8_pipe_does_not_crash(odd):
    # Under a UTF-8 locale Python's stdout is strict: a raw surrogate used to end in exit 70.
    environment = {k: v for k, v in os.environ.items() if k not in ("IVRKIT_DEBUG", "GITHUB_ACTIONS")}
    environment.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8:strict")
    for fmt in ("text", "sarif"):
        result = subprocess.run(
            [sys.executable, "-m", "ivrkit", "lint", ".", "--select", "ST003", "--format", fmt],
            cwd=odd,
            env=environment,
            capture_output=True,
            timeout=120,
        )
        assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
        result.stdout.decode("utf-8")


def test_text_excerpts_escape_the_path_too(odd):
    code, data, err = _lint_to_file("text", "--color", "always")
    assert code == 1, err
    text = re.sub(r"\x1b\[[0-9;]*m", "", data.decode("utf-8"))
    assert "\x1b" not in text and "e\\x1b[31mX.yaml:43:3: ST003 [error]" in text
    assert len(re.findall(r"^ +\| +\^+$", text, re.MULTILINE)) == 3  # excerpts still read from the real files


def test_check_spells_out_odd_names_in_load_errors(odd):
    (odd / "broken\x1b.yaml").write_text("ivrkit: 1\nname: [\n")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(err):
        code = cli.main(["check", "broken\x1b.yaml"])
    assert code == 2
    assert out.getvalue().startswith("broken\\x1b.yaml:") and "\x1b" not in out.getvalue()


def test_suppression_comments_and_fingerprints_are_read_from_the_real_file(odd):
    name = "e\x1b[31mX.yaml"
    lines = DEAD_END.splitlines()
    assert lines[42].startswith("  order_help:")
    lines.insert(42, "  # ivrkit: ignore[ST003]")
    (odd / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, data, err = _lint_to_file("json")
    assert code == 1, err
    records = {record["path"]: record for record in json.loads(data.decode("utf-8"))}
    assert records[NAMES[name]]["suppressed"] == "comment"
    assert all(record["fingerprint"] for record in records.values())
    assert len({record["fingerprint"] for record in records.values()}) == 1  # same code, node and line text
