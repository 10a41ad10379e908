"""The Amazon Connect importer: fixtures, the real corpus files, malformed input and fuzzing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.importers.base import ImportProblem
from ivrkit.importers.connect import IMPORTER
from ivrkit.model import MenuNode

from .helpers import FIXTURES, convert_or_problem, corpus_file, load_imported, read_json

CURRENT = FIXTURES / "connect_flow.json"
LEGACY = FIXTURES / "connect_legacy.json"


def imported(path: Path):
    return IMPORTER.convert(path.read_text(encoding="utf-8"), path)


# -- the current flow language ------------------------------------------------


def test_current_fixture_keys_targets_timeouts_prompts():
    result = imported(CURRENT)
    menu = result.menu
    nodes = menu["nodes"]
    assert menu["name"] == "Acme test line"
    assert menu["x-imported-from"]["importer"] == "connect"
    assert menu["entry"] == "message_Welcome_to_Acme_Sons"  # the UpdateContactAttributes start is passed through
    welcome = nodes["message_Welcome_to_Acme_Sons"]
    assert welcome["say"] == "Welcome to Acme & Sons."  # SSML without tags
    assert "SSML" in welcome["note"]
    assert menu["x-unmapped"]["message_Welcome_to_Acme_Sons"]["ssml"].startswith("<speak>")
    main = nodes["menu_For_billing_press"]
    assert main["type"] == "menu"
    assert main["say"].startswith("For billing, press 1.")
    assert main["announce_options"] is False
    # labels come from the prompt's words ("For billing, press 1.")
    assert {key: option.get("label") for key, option in main["options"].items()} == {
        "1": "billing",
        "2": "support",
        "3": "enter your account number",
    }
    # a step whose Error route leads elsewhere is a branch on its result: both are paths
    assert {key: option["goto"] for key, option in main["options"].items()} == {
        "1": "UpdateContactTargetQueue",
        "2": "InvokeLambdaFunction",
        "3": "input_Please_enter_your",
    }
    assert nodes["UpdateContactTargetQueue"]["cases"] == {"success": "queue_Billing", "NoMatchingError": "disconnect"}
    # silence and a wrong key leave at once by their own transitions; the NoMatchingError route is the fallback
    assert main["timeout"] == 6 and main["retries"] == 1
    assert main["no_input"] == {"goto": "message_Sorry_I_did_not"}
    assert main["no_match"] == {"goto": "message_Sorry_that_is_not"}
    assert main["fallback"] == "disconnect"
    assert "errors" not in menu["x-unmapped"].get("menu_For_billing_press", {})
    # the queue set before the transfer names it; QueueAtCapacity is `busy`, the Error route `no_answer`
    assert nodes["queue_Billing"] == {
        "type": "transfer",
        "queue": "Billing",
        "busy": "message_All_our_agents_are",
        "no_answer": "disconnect",
        "note": "Amazon Connect TransferContactToQueue `to-queue`. no_answer is the "
        "source's Error route: the contact could not be queued.",
    }
    # an audio prompt keeps the file name and no text
    closed = nodes["message_closed_wav"]
    assert closed["audio"] == "closed.wav" and "say" not in closed
    # hours and attribute checks are branches on declared variables
    assert nodes["check_open"]["cases"] == {"True": "menu_For_billing_press", "False": "message_closed_wav"}
    assert menu["variables"]["open"]["values"] == ["True", "False"]
    assert nodes["check_External_vip"] == {
        "type": "branch",
        "variable": "External_vip",
        "cases": {"yes": "transfer_358401234567"},
        "default": "flow_Support_flow",
        "note": "Amazon Connect Compare `vip-check`",
    }
    assert nodes["transfer_358401234567"]["number"] == "+358401234567"
    # a flow named "Support flow" may or may not reach a person: `person: unknown`, and the note says so
    assert nodes["flow_Support_flow"]["person"] == "unknown"  # a flow whose name does not say
    assert "unknown" in nodes["flow_Support_flow"]["note"]
    account = nodes["input_Please_enter_your"]
    assert account["digits"] == {"max": 8, "terminator": "#"}
    assert account["timeout"] == 10 and account["store"] == "StoredCustomerInput"
    assert account["next"] == "message_Thank_you"
    # the input's Error route is its fallback, no longer only kept under x-unmapped
    assert account["retries"] == 0 and account["fallback"] == "disconnect"
    assert "errors" not in menu["x-unmapped"].get("input_Please_enter_your", {})
    # the Lambda call is a branch on its result: success and its Error route are both paths
    assert nodes["InvokeLambdaFunction"]["cases"] == {
        "success": "check_External_vip",
        "NoMatchingError": "flow_Support_flow",
    }
    assert menu["variables"]["InvokeLambdaFunction_result"]["default"] == "success"
    assert menu["x-unmapped"]["InvokeLambdaFunction"]["identifier"] == "vip-lookup"
    assert result.remarks == []


def test_current_fixture_source_map_points_at_identifiers():
    result = imported(CURRENT)
    lines = CURRENT.read_text().splitlines()
    for node_id, (line, col) in result.source_map.positions.items():
        assert lines[line - 1][col - 1] == '"', node_id
    line, col = result.source_map.positions["menu_For_billing_press"]
    assert '"Identifier": "main"' in lines[line - 1]


def test_current_fixture_loads_and_ids_keep_the_identifier():
    result = imported(CURRENT)
    menuset = load_imported(result)
    assert isinstance(menuset.nodes["menu_For_billing_press"], MenuNode)
    assert "`main`" in menuset.nodes["menu_For_billing_press"].note


# -- the legacy export --------------------------------------------------------


def test_legacy_fixture():
    result = imported(LEGACY)
    nodes = result.menu["nodes"]
    assert result.menu["entry"] == "message_Thanks_for_calling_Acme"
    menu = nodes["menu_Press_1_for"]
    assert menu["say"] == "Press 1 for sales, 2 for our hours."  # SSML stripped, and marked
    assert "SSML" in menu["note"] and result.menu["x-unmapped"]["menu_Press_1_for"]["ssml"].startswith("<speak>")
    assert {k: o["goto"] for k, o in menu["options"].items()} == {
        "1": "UpdateContactTargetQueue",
        "2": "message_hours_wav",
        "9": "input_Enter_your_PIN",
    }
    assert nodes["UpdateContactTargetQueue"]["cases"] == {"success": "queue_Sales", "NoMatchingError": "disconnect"}
    assert {k: o.get("label") for k, o in menu["options"].items()} == {"1": "sales", "2": "our hours", "9": None}
    assert menu["timeout"] == 7 and menu["retries"] == 1
    assert menu["no_input"] == {"goto": "disconnect"}
    assert menu["no_match"] == {"goto": "message_Thanks_for_calling_Acme"}
    assert nodes["queue_Sales"]["queue"] == "Sales" and nodes["queue_Sales"]["busy"] == "disconnect"
    assert nodes["message_hours_wav"]["audio"] == "hours.wav"
    pin = nodes["input_Enter_your_PIN"]
    assert pin["digits"] == {"max": 4, "terminator": "#"} and pin["secret"] is True and pin["timeout"] == 5
    # a dangling target becomes a hangup with a note, and a remark
    assert pin["next"] == "missing_ghost"
    assert nodes["missing_ghost"]["type"] == "hangup" and "`ghost`" in nodes["missing_ghost"]["note"]
    assert any("`ghost`" in remark and "line 27" in remark for remark in result.remarks)
    assert result.menu["x-unmapped"]["UpdateContactTargetQueue"]["type"] == "SetQueue"
    load_imported(result)


# -- the real corpus ----------------------------------------------------------


def _expected_current(data: dict) -> tuple[dict, dict]:
    """From the JSON, independently: the keys of each GetParticipantInput and the type of each action."""
    menus = {}
    for action in data["Actions"]:
        if action["Type"] == "GetParticipantInput":
            menus[action["Identifier"]] = {
                c["Condition"]["Operands"][0]: c["NextAction"] for c in action["Transitions"].get("Conditions", [])
            }
    return menus, {a["Identifier"]: a for a in data["Actions"]}


def _expected_legacy(data: dict) -> tuple[dict, dict]:
    menus = {}
    for module in data["modules"]:
        if module["type"] == "GetUserInput":
            menus[module["id"]] = {
                b["conditionValue"]: b["transition"] for b in module["branches"] if b["condition"] == "Evaluate"
            }
    return menus, {m["id"]: m for m in data["modules"]}


def _identifier_of(menu: dict) -> dict:
    """node id -> the source identifier kept in its note."""
    out = {}
    for node_id, node in menu["nodes"].items():
        note = node.get("note", "")
        if "`" in note and note.startswith("Amazon Connect"):
            out[node_id] = note.split("`")[1]
    for node_id, entry in menu.get("x-unmapped", {}).items():
        if "identifier" in entry:
            out[node_id] = entry["identifier"]
    return out


@pytest.mark.parametrize(
    "name, legacy",
    [
        ("05_aws-connect-sample-inbound-flow.json", False),
        ("06_aws-connect-sample-inbound-legacy-modules.json", True),
    ],
)
def test_corpus_keys_and_targets_match_the_source(name, legacy):
    path = corpus_file(name)
    data = read_json(path)
    result = imported(path)
    menuset = load_imported(result)
    expected_menus, by_id = (_expected_legacy if legacy else _expected_current)(data)
    ident = _identifier_of(result.menu)
    node_of = {v: k for k, v in ident.items()}

    def follow(ref: str) -> str:
        """Where the source target lands: pass-through actions lead on to their next action."""
        node = node_of[ref]
        entry = result.menu.get("x-unmapped", {}).get(node, {})
        return entry["continues_at"] if "continues_at" in entry else node

    assert expected_menus, "the corpus file has a menu"
    for source_id, keys in expected_menus.items():
        node = menuset.nodes[node_of[source_id]]
        assert isinstance(node, MenuNode)
        got = {o.key: o.goto.node_key for o in node.options}
        assert got == {key: follow(target) for key, target in keys.items()}
    # every action of the source is kept: as a node, or under x-unmapped
    assert set(ident.values()) == set(by_id)
    assert result.remarks == [] or all("line" in r for r in result.remarks)


def test_corpus_05_prompt_and_timeout():
    path = corpus_file("05_aws-connect-sample-inbound-flow.json")
    data = read_json(path)
    source = next(a for a in data["Actions"] if a["Type"] == "GetParticipantInput")
    menu = next(n for n in imported(path).menu["nodes"].values() if n["type"] == "menu")
    assert menu["say"] == source["Parameters"]["Text"].strip()
    assert menu["timeout"] == float(source["Parameters"]["InputTimeLimitSeconds"])


# -- malformed input ----------------------------------------------------------


def test_broken_json_gives_line_and_column():
    text = '{\n  "Version": "2019-10-30",\n  "Actions": [\n    {"Identifier": "a" "Type": "x"}\n  ]\n}\n'
    with pytest.raises(ImportProblem) as error:
        IMPORTER.convert(text, Path("broken.json"))
    assert (error.value.line, error.value.col) == (4, 24)


def test_action_without_identifier_is_a_problem_at_its_position():
    text = '{"Version": "2019-10-30", "StartAction": "a",\n "Actions": [\n  {"Type": "DisconnectParticipant"}]}'
    with pytest.raises(ImportProblem) as error:
        IMPORTER.convert(text, Path("x.json"))
    assert error.value.line == 3 and "Identifier" in error.value.message


def test_unknown_action_type_goes_to_x_unmapped_with_a_remark():
    flow = {
        "Version": "2019-10-30",
        "StartAction": "a",
        "Actions": [
            {
                "Identifier": "a",
                "Type": "FrobnicateContact",
                "Parameters": {"x": 1},
                "Transitions": {"NextAction": "b"},
            },
            {
                "Identifier": "b",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "Hi."},
                "Transitions": {"NextAction": "zz"},
            },
        ],
    }
    result = IMPORTER.convert(json.dumps(flow, indent=1), Path("x.json"))
    assert result.menu["x-unmapped"]["FrobnicateContact"]["parameters"] == {"x": 1}
    assert any("FrobnicateContact" in r for r in result.remarks)
    assert any("`zz`" in r for r in result.remarks)
    assert result.menu["nodes"]["message_Hi"]["next"] == "missing_zz"
    load_imported(result)


def test_not_a_connect_flow():
    with pytest.raises(ImportProblem):
        IMPORTER.convert('{"states": []}', Path("x.json"))
    with pytest.raises(ImportProblem):
        IMPORTER.convert("[1, 2]", Path("x.json"))


def test_detect():
    assert IMPORTER.detect(CURRENT.read_text(), CURRENT)
    assert IMPORTER.detect(LEGACY.read_text(), LEGACY)
    assert not IMPORTER.detect((FIXTURES / "studio_flow.json").read_text(), Path("s.json"))


# -- fuzzing ------------------------------------------------------------------

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.text(max_size=8),
    st.sampled_from(["", "#", "1", "True", "main", "bye", "ghost", "Equals", "-1", "1e9"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


def _mutate(data, path, operation, value):
    if not path:
        return value if operation == "replace" else data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if operation == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.sampled_from([CURRENT, LEGACY]),
    picks=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(["delete", "replace"]), _VALUES), min_size=1, max_size=4
    ),
    cut=st.one_of(st.none(), st.integers(0, 5000)),
)
def test_fuzz_only_imported_or_problem(which, picks, cut):
    data = json.loads(which.read_text())
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
        ("05_aws-connect-sample-inbound-flow.json", True),
        ("06_aws-connect-sample-inbound-legacy-modules.json", True),
        ("12_twilio-studio-whiterabbit-ivr-template.json", False),
        ("18_twilio-studio-default-ivr-template.json", False),
    ],
)
def test_detect_corpus(name, expected):
    path = corpus_file(name)
    assert IMPORTER.detect(path.read_text(encoding="utf-8"), path) is expected


def test_framework_yaml_loads():
    """The framework's `to_yaml` (comments, quoting) of a Connect import loads too."""
    from ivrkit.importers import to_yaml as framework_to_yaml
    from ivrkit.loader import loads

    for path in (CURRENT, LEGACY):
        text = framework_to_yaml(imported(path))
        assert text.startswith("# Imported by `ivrkit import`")
        loads(text, "/tmp/ivrkit-import-test/framework.yaml")


def test_option_positions_in_the_source_map():
    result = imported(CURRENT)
    lines = CURRENT.read_text().splitlines()
    line, _ = result.source_map.positions["menu_For_billing_press options 2"]
    assert '"vip-lookup"' in lines[line - 1]
