"""The Amazon Connect export checked and read back: the flow validates against the JSON Schema written from AWS's
flow-language reference, every transition names an action, `ivrkit import` reads it with no error and no remark,
node ids survive as Identifiers and metadata (issue 13, items 1-3 and 5 for Connect)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ivrkit.exporters import ExportOptions, ExportProblem, export
from ivrkit.exporters.connect import MAX_ACTIONS
from ivrkit.importers import convert_text
from ivrkit.loader import load, loads

from .conftest import run_ivrkit
from .test_connect_roundtrip import round_trip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCHEMA = Path(__file__).resolve().parents[2] / "ivrkit/exporters/schemas/amazon-connect-flow.schema.json"
MENUS = [
    path
    for path in sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "flawed").glob("*.yaml"))
    if not path.name.endswith((".calls.yaml", ".goals.yaml"))
]


def schema_problems(document: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def dangling_references(document: dict) -> list[str]:
    """StartAction and every NextAction (of a transition, a condition, an error) that names no action."""
    names = {action["Identifier"] for action in document["Actions"]}
    found = [document["StartAction"]] if document["StartAction"] not in names else []
    for action in document["Actions"]:
        transitions = action["Transitions"]
        targets = [transitions.get("NextAction")]
        targets += [entry["NextAction"] for entry in transitions.get("Conditions", [])]
        targets += [entry["NextAction"] for entry in transitions.get("Errors", [])]
        found += [
            f"{action['Identifier']} -> {target}" for target in targets if target is not None and target not in names
        ]
    return found


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_the_export_validates_and_every_transition_names_an_action(path: Path):
    document = json.loads(export(load(path), "connect").text)
    assert schema_problems(document) == []
    assert dangling_references(document) == []
    assert len(document["Actions"]) <= MAX_ACTIONS


def test_the_checks_can_fail():
    document = json.loads(export(load(EXAMPLES / "northwind-energy.yaml"), "connect").text)
    document["Actions"][0]["Transitions"]["NextAction"] = "nowhere"
    document["Actions"][1]["Identifier"] = "toString"
    document["Actions"][2]["Type"] = "PlayPrompt"
    assert dangling_references(document) == [f"{document['Actions'][0]['Identifier']} -> nowhere"]
    assert len(schema_problems(document)) >= 2


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_reading_an_export_back_makes_no_remark_and_keeps_every_id(path: Path):
    result, imported, back = round_trip(load(path))
    assert imported.remarks == []
    assert "x-unmapped" not in imported.menu
    for ids in result.ids.values():
        assert set(ids) <= set(back.nodes)


SHOP = (
    "ivrkit: 1\nname: Shop\nentry: main\nsettings: {retries: 2, fallback: agent}\nnodes:\n"
    "  main:\n    type: menu\n    say: Welcome.\n    timeout: 7\n    options:\n"
    "      '1': {label: sales, goto: agent}\n"
    "    no_match: [{say: Wrong key.}]\n"
    "  agent: {type: transfer, queue: sales, max_wait: 120, overflow: bye}\n"
    "  bye: {type: hangup, say: Goodbye.}\n"
)


def _shop(folder: Path, text: str = SHOP):
    (folder / ".ivrkit.yaml").write_text("", encoding="utf-8")
    return loads(text, str(folder / "shop.yaml"), root=str(folder))


def test_the_written_flow(tmp_path: Path):
    result = export(_shop(tmp_path), "connect")
    document = json.loads(result.text)
    actions = {action["Identifier"]: action for action in document["Actions"]}
    assert document["StartAction"] == "main"
    assert document["Metadata"]["ivrkit"]["generator"] == "ivrkit export"
    assert actions["main"]["Parameters"] == {
        "Text": "Welcome. To sales, press 1.",
        "InputTimeLimitSeconds": "7",
        "StoreInput": "False",
    }
    assert actions["main"]["Transitions"] == {
        "Conditions": [{"NextAction": "agent", "Condition": {"Operator": "Equals", "Operands": ["1"]}}],
        "Errors": [
            {"NextAction": "main--retries", "ErrorType": "InputTimeLimitExceeded"},
            {"NextAction": "main--no-match", "ErrorType": "NoMatchingCondition"},
            {"NextAction": "agent", "ErrorType": "NoMatchingError"},
        ],
    }
    assert actions["main--no-match"]["Transitions"]["NextAction"] == "main--retries"
    assert actions["main--retries"]["Parameters"] == {"LoopCount": "2"}
    assert [c["NextAction"] for c in actions["main--retries"]["Transitions"]["Conditions"]] == ["main", "agent"]
    assert actions["agent"]["Type"] == "UpdateContactTargetQueue"
    assert actions["agent"]["Parameters"] == {"QueueId": "${QUEUE_SALES}"}
    assert actions["agent--transfer"] == {
        "Identifier": "agent--transfer",
        "Type": "TransferContactToQueue",
        "Parameters": {},
        "Transitions": {
            "Errors": [
                {"NextAction": "bye", "ErrorType": "QueueAtCapacity"},
                {"NextAction": "bye", "ErrorType": "NoMatchingError"},
            ]
        },
    }
    assert document["Metadata"]["ActionMetadata"]["agent--transfer"]["ivrkit"] == {"node": "agent", "role": "node"}
    assert result.placeholders == {"QUEUE_SALES": None}
    assert any(note.kind == "placeholder" and "QUEUE_SALES" in note.message for note in result.notes)
    assert any(note.kind == "lost" and "`max_wait` of `agent`" in note.message for note in result.notes)


def test_read_back_as_designed(tmp_path: Path):
    imported = convert_text(export(_shop(tmp_path), "connect").text, tmp_path / "shop.json", "connect")
    main = imported.menu["nodes"]["main"]
    assert (main["retries"], main["timeout"], main["fallback"]) == (2, 7, "agent")
    assert main["no_match"] == [{"say": "Wrong key."}]
    assert imported.menu["nodes"]["agent"]["queue"] == "sales"
    assert imported.menu["nodes"]["bye"]["say"] == "Goodbye."


def test_a_substitution_fills_the_placeholder(tmp_path: Path):
    arn = "arn:aws:connect:eu-west-1:111122223333:instance/i/queue/q"
    result = export(_shop(tmp_path), "connect", ExportOptions(substitutions={"QUEUE_SALES": arn}))
    actions = {action["Identifier"]: action for action in json.loads(result.text)["Actions"]}
    assert actions["agent"]["Parameters"] == {"QueueId": arn}
    assert result.placeholders == {"QUEUE_SALES": arn}
    assert "${" not in result.text
    assert not any(note.kind == "placeholder" for note in result.notes)


def test_more_than_250_actions_is_refused(tmp_path: Path):
    nodes = "".join(f"  m{i}: {{type: message, say: Step {i}., next: m{i + 1}}}\n" for i in range(260))
    text = f"ivrkit: 1\nname: Long\nentry: m0\nnodes:\n{nodes}  m260: {{type: hangup}}\n"
    with pytest.raises(ExportProblem) as problem:
        export(_shop(tmp_path, text), "connect")
    assert problem.value.message == "the flow needs 261 actions; Amazon Connect allows at most 250 per flow"


def test_strict_makes_the_notes_an_error(project: Path, tmp_path: Path):
    out = tmp_path / "northwind.json"
    menu = str(project / "examples/northwind-energy.yaml")
    code, _, err = run_ivrkit("export", menu, "--to", "connect", "-o", str(out))
    assert code == 0 and out.is_file() and "lost:" in err
    code, _, err = run_ivrkit("export", menu, "--to", "connect", "-o", str(tmp_path / "strict.json"), "--strict")
    assert code == 1
    code, out_text, err = run_ivrkit("import", str(out), "-o", str(tmp_path / "back.yaml"))
    assert code == 0, err
