"""The Twilio Studio flow itself: it validates against the flow-definition JSON Schema, every transition names a
widget, widget names are node ids, Studio's 1,000-state limit is refused, and --strict (issue 13, items 1-3, 5)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from ivrkit.exporters import ExportOptions, ExportProblem, export
from ivrkit.loader import load, loads

from .conftest import run_ivrkit

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "ivrkit/exporters/schemas/twilio-studio-flow.schema.json").read_text(encoding="utf-8"))
MENUS = [
    path
    for path in sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "examples/flawed").glob("*.yaml"))
    if not path.name.endswith((".calls.yaml", ".goals.yaml"))
]


def studio_refs(flow: dict) -> list[str]:
    """Every `next` and the `initial_state` that names no widget (Studio's error 81022), and names used twice."""
    names = [state["name"] for state in flow["states"]]
    problems = [f"`{name}` is used twice" for name in sorted({n for n in names if names.count(n) > 1})]
    if flow["initial_state"] not in names:
        problems.append(f"initial_state `{flow['initial_state']}` names no widget")
    for state in flow["states"]:
        for transition in state["transitions"]:
            if "next" in transition and transition["next"] not in names:
                problems.append(f"`{state['name']}` {transition['event']} -> `{transition['next']}`: no such widget")
    return problems


def flow_of(path: Path) -> tuple[dict, object]:
    result = export(load(path), "studio", ExportOptions())
    return json.loads(result.text), result


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_every_export_validates_against_the_schema_and_names_only_existing_widgets(path: Path):
    flow, _ = flow_of(path)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(flow)
    ]
    assert errors == []
    assert studio_refs(flow) == []
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", state["name"]) for state in flow["states"])


def test_the_reference_check_finds_a_dangling_next():
    flow, _ = flow_of(REPO / "examples/aurora-pankki.yaml")
    flow["states"][1]["transitions"][0]["next"] = "nowhere"
    state = flow["states"][1]
    assert studio_refs(flow) == [f"`{state['name']}` {state['transitions'][0]['event']} -> `nowhere`: no such widget"]


def test_node_ids_are_widget_names_and_the_menu_is_a_gather_with_a_split_per_key():
    flow, result = flow_of(REPO / "examples/northwind-energy.yaml")
    states = {state["name"]: state for state in flow["states"]}
    for ids in result.ids.values():
        assert all(name in states for name in ids)
    assert flow["initial_state"] == "Trigger" and flow["description"].startswith("ivrkit export: ")
    main = states["main"]
    assert main["type"] == "gather-input-on-call"
    assert (main["properties"]["language"], main["properties"]["timeout"], main["properties"]["loop"]) == ("en", 5, 1)
    keys = states["main__keys"]
    assert keys["properties"]["input"] == "{{widgets.main.Digits}}"
    matches = [t for t in keys["transitions"] if t["event"] == "match"]
    assert [t["conditions"][0]["value"] for t in matches][:4] == ["1", "2", "3", "4"]
    assert all(t["conditions"][0]["type"] == "equal_to" for t in matches)
    check = states["main__no_match_check"]
    assert check["properties"]["input"] == "{{flow.variables.ivrkit_tries}}"
    assert check["transitions"][0] == {
        "event": "match",
        "next": "customer_service__say",
        "conditions": [
            {
                "friendly_name": "greater_than 2",
                "arguments": ["{{flow.variables.ivrkit_tries}}"],
                "type": "greater_than",
                "value": "2",
            }
        ],
    }
    assert states["faults"]["type"] == "enqueue-call" and states["faults"]["properties"]["queue_name"] == "faults"


def test_more_than_1000_states_is_refused_with_what_to_do(tmp_path: Path):
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    nodes = "".join(
        f"  m{i}:\n    type: menu\n    say: Menu {i}.\n    options:\n      '1': {{label: next, goto: m{i + 1}}}\n"
        for i in range(150)
    )
    text = f"ivrkit: 1\nname: Big\nentry: m0\nnodes:\n{nodes}  m150: {{type: hangup, say: Bye.}}\n"
    menuset = loads(text, str(tmp_path / "big.yaml"), root=str(tmp_path))
    with pytest.raises(ExportProblem) as problem:
        export(menuset, "studio", ExportOptions())
    assert re.fullmatch(r"the Studio flow would have \d+ states; Studio allows 1000 per flow", problem.value.message)
    assert problem.value.hint and "split the menu" in problem.value.hint


def test_strict_makes_a_note_an_error_and_passes_a_menu_studio_expresses_fully(project: Path):
    code, _, err = run_ivrkit(
        "export", str(project / "examples" / "northwind-energy.yaml"), "--to", "studio", "--strict"
    )
    assert code == 1 and "fidelity notes with --strict; nothing written" in err
    assert "Studio has no hours check" in err
    menu = project / "plain.yaml"
    menu.write_text(
        "ivrkit: 1\nname: Plain\nentry: main\nsettings: {retries: 0, fallback: bye}\nnodes:\n"
        "  main:\n    type: menu\n    say: Hello.\n    options:\n      '1': {label: leave, goto: bye}\n"
        "  bye: {type: hangup, say: Goodbye.}\n",
        encoding="utf-8",
    )
    code, out, err = run_ivrkit("export", str(menu), "--to", "studio", "--strict")
    assert (code, err) == (0, "")
    assert studio_refs(json.loads(out)) == []


def test_a_node_named_trigger_keeps_its_name_and_the_trigger_widget_gives_way(tmp_path: Path):
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    text = "ivrkit: 1\nname: T\nentry: Trigger\nnodes:\n  Trigger: {type: hangup, say: Bye.}\n"
    flow = json.loads(export(loads(text, str(tmp_path / "t.yaml"), root=str(tmp_path)), "studio").text)
    assert flow["initial_state"] == "Trigger_2"
    assert [(state["name"], state["type"]) for state in flow["states"]] == [
        ("Trigger_2", "trigger"),
        ("Trigger", "say-play"),
    ]
    assert studio_refs(flow) == []


def test_a_queue_is_enqueued_by_name_or_by_the_workflow_given_for_it():
    menuset = load(REPO / "examples/northwind-energy.yaml")
    plain = json.loads(export(menuset, "studio").text)
    faults = next(state for state in plain["states"] if state["name"] == "faults")
    assert faults["properties"] == {"queue_name": "faults"}
    result = export(menuset, "studio", ExportOptions(substitutions={"QUEUE_FAULTS": "WW0123456789abcdef"}))
    faults = next(state for state in json.loads(result.text)["states"] if state["name"] == "faults")
    assert faults["properties"] == {"queue_name": "faults", "workflow_sid": "WW0123456789abcdef"}
    assert result.placeholders == {"QUEUE_FAULTS": "WW0123456789abcdef"}
