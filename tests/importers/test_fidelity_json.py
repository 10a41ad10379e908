"""Fidelity of the JSON flow imports (Amazon Connect 05 and 06, Twilio Studio 12 and 18): a simulated call on the
import ends where the real platform would send it, read from the source and the platform's documentation.

Each call runs the real CLI (`ivrkit call FILE --press ... --json`) on the corpus file itself. Where it ends is
given in source terms: the Connect action Identifier (kept in the node's note) or the Studio widget name.

Documented behaviour relied on:
- Connect GetParticipantInput gathers once; on no key within InputTimeLimitSeconds it follows the
  InputTimeLimitExceeded error, on a key no condition matches NoMatchingCondition; it never re-prompts by
  itself (https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-getparticipantinput.html).
- Connect actions with an Error transition follow it when the action fails (a transfer to a flow, CreateTask)
  (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html).
- Studio Gather Input On Call follows `timeout` on silence; Split Based On follows `noMatch` when no condition
  matches; a transition with no `next` ends the execution (the call); Run Function goes on by `success` or
  `fail` (https://www.twilio.com/docs/studio/widget-library/gather-input-call ,
  .../split-based-on , .../run-function).
"""

from __future__ import annotations

import json

import pytest

from ivrkit.cli import main
from ivrkit.importers import convert

from .helpers import corpus_file

CONNECT_05 = "05_aws-connect-sample-inbound-flow.json"
CONNECT_06 = "06_aws-connect-sample-inbound-legacy-modules.json"
STUDIO_12 = "12_twilio-studio-whiterabbit-ivr-template.json"
STUDIO_18 = "18_twilio-studio-default-ivr-template.json"

# Connect identifiers (the same in 05 and 06)
QUEUE_FLOW = "ae54d6c1-507d-4d6e-886e-e212cbbcf976"  # "Sample Queue Configurations Flow": queues for an agent
SECURE_FLOW = "f9d359f6-ab58-416a-8d69-d721cf49a2df"
LAMBDA_FLOW = "4c568499-9a87-46d1-87e2-213ebaf81c4e"
SCREENPOP_FLOW = "6d68b65b-787d-4359-a58b-23959a0c18d7"
AB_FLOW = "f7ee6062-55b6-4bcf-9b06-35e5735fbad7"
RECORDING_FLOW = "3b843a8a-19c1-4f34-b874-c28a8550a352"
SORRY = "7c0a92c0-3a0d-4941-9d0e-2ae0e16ce58b"  # "We're sorry, an error occurred. Goodbye."
DISCONNECT = "83b76e76-52cc-4732-81ff-1519b0c0f132"
MENU = "98a70ec0-069b-44a4-ada6-2a1810b1c675"
CREATE_TASK = "f6e54fb1-d0db-4135-8eb2-5facb1d50b7e"


def call(capsys, name: str, press: str, *extra: str) -> tuple[list[str], dict]:
    """The nodes the call arrives at, in source terms, and its last event."""
    path = corpus_file(name)
    menu = convert(path).menu
    source_name = {}
    for node_id, node in menu["nodes"].items():
        note = node.get("note", "")
        source_name[node_id] = note.split("`")[1] if note.startswith("Amazon Connect") else node_id
    capsys.readouterr()
    code = main(["call", str(path), "--press", press, "--json", *extra])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["ended"]
    visited = [source_name.get(e["node"], e["node"]) for e in result["events"] if e["type"] == "Arrive"]
    return visited, result["events"][-1]


CONNECT_KEYS = {
    "1": QUEUE_FLOW,
    "2": SECURE_FLOW,
    "3": LAMBDA_FLOW,
    "4": SCREENPOP_FLOW,
    "5": AB_FLOW,
    "6": RECORDING_FLOW,
}


@pytest.mark.parametrize("name", [CONNECT_05, CONNECT_06])
@pytest.mark.parametrize("key", sorted(CONNECT_KEYS))
def test_connect_each_key_transfers_to_its_flow(capsys, name, key):
    visited, last = call(capsys, name, key)
    assert MENU in visited and visited[-1] == CONNECT_KEYS[key]
    assert last["type"] == "TransferEvent"


@pytest.mark.parametrize("name", [CONNECT_05, CONNECT_06])
def test_connect_silence_goes_to_the_queue_flow_not_a_hang_up(capsys, name):
    visited, last = call(capsys, name, "")
    assert visited[-1] == QUEUE_FLOW and last["type"] == "TransferEvent"
    assert last["person"] is True  # a flow named for queue configuration: the caller waits for an agent


@pytest.mark.parametrize("name, wrong", [(CONNECT_05, "9"), (CONNECT_06, "9"), (CONNECT_06, "7")])
def test_connect_a_wrong_key_follows_no_matching_condition(capsys, name, wrong):
    visited, last = call(capsys, name, wrong)
    assert visited[-1] == RECORDING_FLOW and last["type"] == "TransferEvent"


@pytest.mark.parametrize("name", [CONNECT_05, CONNECT_06])
def test_connect_a_failed_transfer_plays_the_error_message_then_disconnects(capsys, name):
    visited, last = call(capsys, name, "2", "--transfer", "no-answer")
    assert visited[-3:] == [SECURE_FLOW, SORRY, DISCONNECT]


def test_connect_05_key_7_creates_a_task_then_disconnects(capsys):
    visited, last = call(capsys, CONNECT_05, "7")
    assert visited[-2:] == [CREATE_TASK, DISCONNECT] and last["type"] == "HangupEvent"
    visited, _ = call(capsys, CONNECT_05, "7", "--set", "CreateTask_result=NoMatchingError")
    assert visited[-3:] == [CREATE_TASK, SORRY, DISCONNECT]


def test_connect_05_secure_input_flow_is_not_a_person_and_unknown_flows_are_not_said_to_be_machines():
    nodes = convert(corpus_file(CONNECT_05)).menu["nodes"]
    by_identifier = {n["note"].split("`")[1]: n for n in nodes.values() if n.get("note", "").startswith("Amazon")}
    assert by_identifier[SECURE_FLOW]["person"] is False  # "Sample secure input with no agent"
    for unknown in (LAMBDA_FLOW, SCREENPOP_FLOW, AB_FLOW, RECORDING_FLOW):
        assert by_identifier[unknown]["person"] == "unknown" and "unknown" in by_identifier[unknown]["note"]


def test_connect_05_labels_come_from_the_prompt():
    nodes = convert(corpus_file(CONNECT_05)).menu["nodes"]
    menu = next(n for n in nodes.values() if n["type"] == "menu")
    assert menu["options"]["1"]["label"] == "be put in queue for an agent"
    assert menu["options"]["7"]["label"] == "create a task for an agent"


OPEN = ("--set", "Business_hours_body=starts_with open")


def test_studio_12_open_rings_the_office_whatever_the_caller_does(capsys):
    # keypress, speech and timeout of gather_input all lead to connect_call_1, so no key changes the way:
    # the import is a message, and a key pressed during it (5@1) is not a step the call uses
    visited, last = call(capsys, STUDIO_12, "", *OPEN)
    assert visited[:3] == ["Business_hours", "split_2", "gather_input"]
    assert visited[-1] == "connect_call_1" and last["type"] == "TransferEvent"
    nodes = convert(corpus_file(STUDIO_12)).menu["nodes"]
    assert nodes["gather_input"]["type"] == "message" and nodes["gather_input"]["next"] == "connect_call_1"


def test_studio_12_no_answer_goes_to_voicemail(capsys):
    visited, _ = call(capsys, STUDIO_12, "", *OPEN, "--transfer", "no-answer")
    assert visited[-3:] == ["connect_call_1", "say_play_1", "record_voicemail_1"]


def test_studio_12_closed_goes_to_the_closed_message_and_voicemail(capsys):
    visited, _ = call(capsys, STUDIO_12, "")
    assert visited[-3:] == ["split_2", "say_play_2", "record_voicemail_1"]


def test_studio_12_a_failed_function_ends_the_call(capsys):
    # the run-function's `fail` transition has no next: the execution, and the call, end
    visited, last = call(capsys, STUDIO_12, "", "--set", "Business_hours_result=fail")
    assert visited[0] == "Business_hours" and last["type"] == "HangupEvent" and "gather_input" not in visited


@pytest.mark.parametrize("press, ends_at", [("1", "connect_call_to_sales"), ("2", "connect_call_to_support")])
def test_studio_18_each_key(capsys, press, ends_at):
    visited, last = call(capsys, STUDIO_18, press)
    assert visited[-1] == ends_at and last["type"] == "TransferEvent"


@pytest.mark.parametrize("press", ["", "9"])
def test_studio_18_silence_or_a_wrong_key_ends_the_call(capsys, press):
    # the gather's timeout and the split's noMatch have no next: the call ends, after one play (loop 1)
    visited, last = call(capsys, STUDIO_18, press)
    assert "connect_call_to_sales" not in visited and last["type"] == "HangupEvent"


def test_studio_18_labels_come_from_the_prompt():
    nodes = convert(corpus_file(STUDIO_18)).menu["nodes"]
    assert {k: o.get("label") for k, o in nodes["gather_input"]["options"].items()} == {
        "1": "sales",
        "2": "reach support",
    }
