"""The Twilio Studio importer: fixtures, the real corpus files, malformed input and fuzzing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.importers.base import ImportProblem
from ivrkit.importers.studio import IMPORTER
from ivrkit.model import MenuNode, TransferNode

from .helpers import FIXTURES, convert_or_problem, corpus_file, load_imported, read_json
from .test_connect import _VALUES, _mutate, _paths

FLOW = FIXTURES / "studio_flow.json"


def imported(path: Path):
    return IMPORTER.convert(path.read_text(encoding="utf-8"), path)


def test_fixture_keys_targets_timeouts_retries_prompts():
    result = imported(FLOW)
    menu, nodes = result.menu, result.menu["nodes"]
    assert menu["name"] == "Acme Studio line" and menu["language"] == "en-US"
    assert menu["entry"] == "welcome"
    assert nodes["welcome"]["audio"] == "https://example.com/audio/welcome.mp3" and "say" not in nodes["welcome"]
    assert nodes["welcome"]["next"] == "main_menu"  # set-variables is passed through
    assert menu["x-unmapped"]["set_lang"]["continues_at"] == "main_menu"
    main = nodes["main_menu"]
    assert main["type"] == "menu" and main["announce_options"] is False
    assert main["say"] == "For sales press 1. To leave a message press 2. For an agent press 0 or 9."
    assert {k: o["goto"] for k, o in main["options"].items()} == {
        "1": "sales",
        "2": "voicemail",
        "0": "flex",
        "9": "flex",
    }
    assert main["timeout"] == 7 and main["retries"] == 2  # loop 3: played three times
    assert main["fallback"] == "goodbye" and main["no_match"] == {"goto": "sorry"}
    assert main["voice"] == "Polly.Joanna"
    assert "split_main" not in nodes  # folded into the menu
    assert nodes["sorry"]["say"] == "Sorry, that is not an option." and "SSML" in nodes["sorry"]["note"]
    assert nodes["goodbye"]["next"] == "end" and nodes["end"]["type"] == "hangup"
    sales = nodes["sales"]
    assert sales["number"] == "+15555550100" and sales["busy"] == "voicemail" and sales["no_answer"] == "voicemail"
    assert menu["x-unmapped"]["sales"]["properties"]["timeout"] == 20
    assert nodes["voicemail"]["max_length"] == 120
    assert nodes["flex"]["queue"] == "WW0123456789abcdef0123456789abcdef"
    assert menu["x-unmapped"]["flex"]["transitions"] == {"failedToEnqueue": "account"}
    assert menu["x-unmapped"]["flex"]["properties"]["attributes"] == '{"type": "inbound"}'
    account = nodes["account"]
    assert account["type"] == "input" and account["digits"] == {"max": 6, "terminator": "#"}
    assert account["timeout"] == 10 and account["retries"] == 0
    assert account["next"] == "lookup" and account["fallback"] == "end"
    # the HTTP request's success and failed transitions are both paths: a branch on its result
    assert nodes["lookup"]["cases"] == {"success": "lookup_result", "failed": "goodbye"}
    assert menu["variables"]["lookup_result"]["default"] == "success"
    assert menu["x-unmapped"]["lookup"]["properties"]["url"] == "https://example.com/lookup"
    branch = nodes["lookup_result"]
    assert branch["variable"] == "lookup_parsed_status" and branch["cases"] == {"ok": "sales"}
    assert branch["default"] == "goodbye"
    assert "ok" in menu["variables"]["lookup_parsed_status"]["values"]
    assert result.remarks == []
    load_imported(result)


def test_source_map_points_at_state_names():
    result = imported(FLOW)
    lines = FLOW.read_text().splitlines()
    line, col = result.source_map.positions["main_menu"]
    assert lines[line - 1][col - 1 :].startswith('"main_menu"')
    assert result.source_map.positions["lookup"][0] == 50  # a passed-through widget is located too


# -- the real corpus ----------------------------------------------------------


def _digit_splits(data: dict) -> dict[str, dict[str, str]]:
    """Independently from the JSON: gather name -> {key: target} of the Digits split after it."""
    by_name = {s["name"]: s for s in data["states"]}
    out = {}
    for state in data["states"]:
        if state["type"] != "gather-input-on-call":
            continue
        keypress = next((t.get("next") for t in state["transitions"] if t["event"] == "keypress"), None)
        split = by_name.get(keypress)
        if (
            split
            and split["type"] == "split-based-on"
            and split["properties"]["input"] == f"{{{{widgets.{state['name']}.Digits}}}}"
        ):
            out[state["name"]] = {
                t["conditions"][0]["value"]: t["next"] for t in split["transitions"] if t["event"] == "match"
            }
    return out


@pytest.mark.parametrize(
    "name", ["12_twilio-studio-whiterabbit-ivr-template.json", "18_twilio-studio-default-ivr-template.json"]
)
def test_corpus_imports_and_keys_targets_match(name):
    path = corpus_file(name)
    data = read_json(path)
    result = imported(path)
    menuset = load_imported(result)
    kept = set(result.menu["nodes"]) | set(result.menu.get("x-unmapped", {}))
    folded = {v.get("split") for v in result.menu.get("x-unmapped", {}).values()} - {None}
    for state in data["states"]:
        if state["type"] != "trigger":
            assert state["name"] in kept or state["name"] in folded, state["name"]
    for gather, keys in _digit_splits(data).items():
        node = menuset.nodes[gather]
        assert isinstance(node, MenuNode)
        assert {o.key: o.goto.node_key for o in node.options} == keys
    for state in data["states"]:
        if state["type"] == "connect-call-to":
            node = menuset.nodes[state["name"]]
            assert isinstance(node, TransferNode) and node.number == state["properties"]["to"]
        if state["type"] == "gather-input-on-call":
            node = menuset.nodes[state["name"]]
            assert node.prompt.text.get(node.prompt.text.languages[0]) == state["properties"]["say"]
            if len({t.get("next") for t in state["transitions"]}) == 1:  # asks nothing: a message
                assert node.type == "message"
                assert result.menu["x-unmapped"][state["name"]]["timeout"] == state["properties"]["timeout"]
                continue
            assert node.timeout == state["properties"]["timeout"]
            assert node.retries == state["properties"].get("loop", 1) - 1


def test_corpus_12_gather_leading_one_way_is_a_message_and_call_status_is_no_answer():
    path = corpus_file("12_twilio-studio-whiterabbit-ivr-template.json")
    result = imported(path)
    menuset = load_imported(result)
    # keypress, speech and timeout all go to connect_call_1: "Please hold to be connected" asks nothing
    gather = menuset.nodes["gather_input"]
    assert gather.type == "message" and gather.next.node_key == "connect_call_1"
    assert "whatever the caller does" in gather.note
    assert menuset.nodes["connect_call_1"].no_answer.node_key == "say_play_1"
    # the trigger leads to the run-function, whose success and fail are both paths (fail has no next: the call ends)
    assert menuset.entry == "Business_hours"
    function = result.menu["nodes"]["Business_hours"]
    assert function["type"] == "branch" and function["cases"] == {"success": "split_2", "fail": "end"}


def test_corpus_12_crlf_positions():
    path = corpus_file("12_twilio-studio-whiterabbit-ivr-template.json")
    result = imported(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    line, col = result.source_map.positions["say_play_1"]
    assert lines[line - 1][col - 1 :].startswith('"say_play_1"')


# -- malformed input ----------------------------------------------------------


def test_broken_json_gives_line_and_column():
    text = '{\n  "states": [\n    {"name": "a", "type": "say-play",}\n  ]\n}'
    with pytest.raises(ImportProblem) as error:
        IMPORTER.convert(text, Path("broken.json"))
    assert error.value.line == 3


def test_widget_without_name_is_a_problem():
    with pytest.raises(ImportProblem) as error:
        IMPORTER.convert('{"states": [\n {"type": "say-play"}]}', Path("x.json"))
    assert error.value.line == 2


def test_unknown_widget_and_missing_target():
    flow = {
        "initial_state": "Trigger",
        "states": [
            {
                "name": "Trigger",
                "type": "trigger",
                "transitions": [{"event": "incomingCall", "next": "weird"}],
                "properties": {},
            },
            {
                "name": "weird",
                "type": "teleport-caller",
                "transitions": [{"event": "next", "next": "hello"}],
                "properties": {"where": "moon"},
            },
            {
                "name": "hello",
                "type": "say-play",
                "transitions": [{"event": "audioComplete", "next": "nowhere"}],
                "properties": {"say": "Hello."},
            },
        ],
    }
    result = IMPORTER.convert(json.dumps(flow, indent=1), Path("x.json"))
    assert result.menu["entry"] == "hello"
    assert result.menu["x-unmapped"]["weird"]["properties"] == {"where": "moon"}
    assert any("teleport-caller" in r for r in result.remarks)
    assert result.menu["nodes"]["hello"]["next"] == "missing_nowhere"
    assert any("`nowhere`" in r for r in result.remarks)
    load_imported(result)


def test_detect():
    assert IMPORTER.detect(FLOW.read_text(), FLOW)
    assert not IMPORTER.detect((FIXTURES / "connect_flow.json").read_text(), Path("c.json"))


# -- fuzzing ------------------------------------------------------------------


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(["delete", "replace"]), _VALUES), min_size=1, max_size=4
    ),
    cut=st.one_of(st.none(), st.integers(0, 6000)),
)
def test_fuzz_only_imported_or_problem(picks, cut):
    data = json.loads(FLOW.read_text())
    for index, operation, value in picks:
        paths = list(_paths(data))
        data = _mutate(data, paths[index % len(paths)], operation, value)
    text = json.dumps(data, indent=1)
    if cut is not None:
        text = text[:cut]
    convert_or_problem(IMPORTER, text, Path("fuzz.json"))


@settings(deadline=None)
@given(st.text(max_size=200))
def test_fuzz_arbitrary_text(text):
    convert_or_problem(IMPORTER, text, Path("fuzz.json"))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("05_aws-connect-sample-inbound-flow.json", False),
        ("06_aws-connect-sample-inbound-legacy-modules.json", False),
        ("12_twilio-studio-whiterabbit-ivr-template.json", True),
        ("18_twilio-studio-default-ivr-template.json", True),
    ],
)
def test_detect_corpus(name, expected):
    path = corpus_file(name)
    assert IMPORTER.detect(path.read_text(encoding="utf-8"), path) is expected


def test_framework_yaml_loads():
    from ivrkit.importers import to_yaml as framework_to_yaml
    from ivrkit.loader import loads

    loads(framework_to_yaml(imported(FLOW)), "/tmp/ivrkit-import-test/framework.yaml")


def test_option_positions_in_the_source_map():
    result = imported(FLOW)
    lines = FLOW.read_text().splitlines()
    line, _ = result.source_map.positions["main_menu options 9"]
    assert '"matches_any_of"' in lines[line - 1] or '"flex"' in lines[line - 1]


def test_one_play_menu_sends_a_wrong_key_to_nomatch_and_silence_to_timeout(tmp_path, capsys):
    """A gather played once (loop 1): a wrong key follows the split's noMatch at once, silence the gather's
    timeout transition -- not one fallback for both."""
    from ivrkit.cli import main

    flow = {
        "initial_state": "Trigger",
        "states": [
            {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "menu"}]},
            {
                "name": "menu",
                "type": "gather-input-on-call",
                "properties": {"say": "For sales, press 1.", "loop": 1, "timeout": 5},
                "transitions": [{"event": "keypress", "next": "keys"}, {"event": "timeout", "next": "bye"}],
            },
            {
                "name": "keys",
                "type": "split-based-on",
                "properties": {"input": "{{widgets.menu.Digits}}"},
                "transitions": [
                    {"event": "noMatch", "next": "sorry"},
                    {
                        "event": "match",
                        "next": "sales",
                        "conditions": [
                            {
                                "friendly_name": "1",
                                "arguments": ["{{widgets.menu.Digits}}"],
                                "type": "equal_to",
                                "value": "1",
                            }
                        ],
                    },
                ],
            },
            {
                "name": "sorry",
                "type": "say-play",
                "properties": {"say": "Sorry."},
                "transitions": [{"event": "audioComplete"}],
            },
            {
                "name": "bye",
                "type": "say-play",
                "properties": {"say": "Goodbye."},
                "transitions": [{"event": "audioComplete"}],
            },
            {
                "name": "sales",
                "type": "connect-call-to",
                "properties": {"to": "+15555550100"},
                "transitions": [{"event": "callCompleted"}],
            },
        ],
    }
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(flow), encoding="utf-8")
    menu = imported(path).menu["nodes"]["menu"]
    assert menu["options"]["1"] == {"goto": "sales", "label": "sales"}
    assert menu["retries"] == 1 and menu["no_input"] == {"goto": "bye"} and menu["no_match"] == {"goto": "sorry"}
    for press, ends_at in (("9", "sorry"), ("", "bye")):
        capsys.readouterr()
        assert main(["call", str(path), "--press", press, "--json"]) == 0
        arrived = [e["node"] for e in json.loads(capsys.readouterr().out)["events"] if e["type"] == "Arrive"]
        assert ends_at in arrived and ({"sorry", "bye"} - {ends_at}).isdisjoint(arrived)
