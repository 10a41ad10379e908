"""frslint, FreeSWITCH's configuration linter from PyPI, finds nothing in the FreeSWITCH export of each example
(issue 13, item 5). It lives in `.venv-frslint`, which `scripts/bootstrap.sh --dev` makes: it installs top-level
packages named `lint`, `log` and `debug`, which must not shadow anything in ivrkit's own environment.

frslint reads the dialplan (conditions, regexes, variables) and exits 0 even when it reports errors, so its
JSON report is read; an XML file it cannot parse is "no issues" to it, which is why the document tests parse
every export with a real XML parser first (test_freeswitch_document.py).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ivrkit.exporters import export
from ivrkit.loader import load

ROOT = Path(__file__).resolve().parents[2]
FRSLINT = ROOT / ".venv-frslint" / "bin" / "frslint"
EXAMPLES = sorted(
    path for path in (ROOT / "examples").glob("*.yaml") if not path.name.endswith((".calls.yaml", ".goals.yaml"))
)


@pytest.fixture
def frslint() -> Path:
    assert FRSLINT.exists(), "frslint is not installed: run scripts/bootstrap.sh --dev (it makes .venv-frslint)"
    return FRSLINT


def _issues(frslint: Path, document: Path) -> list[dict]:
    result = subprocess.run(
        [str(frslint), "analyze", str(document), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report["summary"]["total"] == len(report["issues"])
    return report["issues"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_frslint_finds_nothing_in_the_export_of_an_example(frslint, tmp_path, path):
    document = tmp_path / f"{path.stem}.xml"
    document.write_text(export(load(path), "freeswitch").text, encoding="utf-8")
    assert _issues(frslint, document) == []


def test_frslint_does_read_the_export(frslint, tmp_path):
    text = export(load(EXAMPLES[0]), "freeswitch").text
    start = text.index('expression="^') + len('expression="^')
    document = tmp_path / "broken.xml"
    document.write_text(text[:start] + "([" + text[start:], encoding="utf-8")  # an unterminated character set
    assert [issue["type"] for issue in _issues(frslint, document)] == ["invalid-regex"]
