"""`person: unknown` on a transfer: loaded, validated by the schema, and shown as unknown by `call` and `paths`
(never as a person, never as another system), and left out of the expected time to a person."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from ivrkit.diagnostics import LoadError
from ivrkit.loader import loads
from ivrkit.schema import load_schema

MENU = """\
ivrkit: 1
name: unknown person
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      '1': {{label: talk to sales, goto: sales, share: 0.5}}
      '2': {{label: pay a bill, goto: billing, share: 0.5}}
  sales: {{type: transfer, queue: sales}}
  billing: {{type: transfer, number: '123', person: {person}}}
"""


def _ivrkit(tmp_path, *args: str) -> str:
    path = tmp_path / "menu.yaml"
    path.write_text(MENU.format(person="unknown"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", *args, str(path)], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_unknown_loads_as_maybe_a_person(tmp_path):
    menuset = loads(MENU.format(person="unknown"), tmp_path / "m.yaml", root=tmp_path)
    billing = menuset.nodes[next(k for k in menuset.nodes if k.endswith("billing"))]
    assert billing.person is True and billing.person_known is False
    sales = menuset.nodes[next(k for k in menuset.nodes if k.endswith("sales"))]
    assert sales.person is True and sales.person_known is True


@pytest.mark.parametrize(
    "value, message",
    [
        ("maybe", "`person` must be `true`, `false` or `unknown`, not `maybe`"),
        ("[1]", "`person` must be `true`, `false` or `unknown`, not `a sequence`"),
        ("'true'", "`person` must be `true`, `false` or `unknown`, not `true`"),
    ],
)
def test_other_values_are_positioned_errors(tmp_path, value, message):
    with pytest.raises(LoadError) as caught:
        loads(MENU.format(person=value), tmp_path / "m.yaml", root=tmp_path)
    problems = [d for d in caught.value.diagnostics if "person" in d.message]
    assert [d.message for d in problems] == [message]
    assert (problems[0].span.line, problems[0].span.col) == (12, 52)  # the value after `person: `


def test_schema_takes_unknown_and_refuses_other_words():
    schema = load_schema()
    jsonschema.validate(yaml.safe_load(MENU.format(person="unknown")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(MENU.format(person="maybe")), schema)


def test_call_says_the_source_does_not_tell(tmp_path):
    last = _ivrkit(tmp_path, "call", "--press", "2").splitlines()[-1]
    assert "transfer to number 123 (a person or another system: the source does not say): connected" in last


def test_paths_marks_it_and_keeps_it_out_of_the_time_to_a_person(tmp_path):
    out = _ivrkit(tmp_path, "paths")
    assert "transfer (person?)" in out and "transfer (person)" in out
    data = json.loads(_ivrkit(tmp_path, "paths", "--json"))
    figures = {figure["node"]: figure for figure in data["paths"]}
    assert figures["billing"]["person_known"] is False and figures["sales"]["person_known"] is True
    # half the callers go to each; only sales is known to be a person, so the time to a person is sales's own
    assert data["expected_person_seconds"] == pytest.approx(figures["sales"]["seconds"])
