"""GL001 on the shipped examples says what `ivrkit predict` says: the same success for each goal below the threshold
(as printed in predict's table and JSON), the same misleading option and share, and no finding for the others."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ivrkit import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(path for path in (ROOT / "examples").glob("*.yaml") if path.with_suffix(".goals.yaml").is_file())


def _run(capsys, *argv: str) -> str:
    code = cli.main(list(argv))
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return out


def test_every_example_has_a_goals_file():
    assert len(EXAMPLES) == 3


@pytest.mark.parametrize("menu", EXAMPLES, ids=lambda path: path.name)
def test_the_findings_quote_ivrkit_predict(menu, capsys):
    predicted = json.loads(_run(capsys, "predict", str(menu), "--json"))
    table = [line.split() for line in _run(capsys, "predict", str(menu)).splitlines() if line[:1].isdigit()]
    findings = json.loads(_run(capsys, "lint", str(menu), "--select", "GL001", "--no-cache", "--format", "json"))
    by_say = {}
    for finding in findings:
        said = re.search(r'callers who say "(.+?)" ', finding["message"])
        assert said is not None, finding["message"]
        by_say[said.group(1)] = finding["message"]
    low = [goal for goal in predicted["goals"] if round(100 * goal["p_success"]) < 50]  # as predict prints it
    assert sorted(by_say) == sorted(goal["say"] for goal in low)
    for goal in low:
        success = f"{100 * goal['p_success']:.0f}%"
        message = by_say[goal["say"]]
        assert f"predicted success {success}, below 50%" in message
        (row,) = [row for row in table if f"% {goal['say']} → " in " ".join(row)]
        assert row[2] == success, "the figure in the success column of predict's table"
        top = max(goal["confusables"], key=lambda confusable: confusable["probability"], default=None)
        if top is not None and top["key"] != "wait":
            assert f"press {top['key']} " in message and f": {100 * top['probability']:.0f}% of them" in message
