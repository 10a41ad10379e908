"""The FreeSWITCH round trip through the engine: the shipped examples' call scripts against
import(export(example)), and a property over random valid menus (issue 13, items 4 and 5 for FreeSWITCH)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.exporters.plan import Plan
from ivrkit.loader import load, loads
from ivrkit.model import BranchNode, InputNode, Interactive, MenuNode, MenuSet, MessageNode, TransferNode, VoicemailNode

from ..strategies import valid_menus
from .roundtrip import assert_only_the_named_calls_fail, example_round_trips, round_trip, round_trip_of_random_menu

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


# the round trip through FreeSWITCH (tests/exporters/roundtrip.py)
fs_round_trip = partial(round_trip, target="freeswitch")


# Every call that does not pass against import(export(example)), with the fidelity note that predicts it.
EXPECTED_LOSSES = {
    "aurora-pankki": {},
    "kaupunki-bilingual": {},
    "northwind-energy": {
        "a long queue offers a call-back, confirmed by text message": "the call-back offer of a queue: "
        "mod_callcenter has none",
    },
}

# The words of the fidelity note each kind of loss comes with.
_NOTE_WORDS = {
    "the call-back offer of a queue": "mod_callcenter has no call-back",
}


@pytest.mark.parametrize("name", sorted(EXPECTED_LOSSES))
def test_every_call_script_passes_except_the_named_losses(name: str):
    assert_only_the_named_calls_fail(name, "freeswitch", EXPECTED_LOSSES[name], at_least=6)


@pytest.mark.parametrize("name", sorted(EXPECTED_LOSSES))
def test_each_expected_loss_is_named_by_a_fidelity_note(name: str):
    result, _, _ = fs_round_trip(load(EXAMPLES / f"{name}.yaml"))
    messages = [note.message for note in result.notes]
    for reason in EXPECTED_LOSSES[name].values():
        kind = reason.split(":")[0]
        assert any(_NOTE_WORDS[kind] in message for message in messages), (kind, messages)


def test_schedules_and_variables_come_back_as_written():
    menuset = load(EXAMPLES / "northwind-energy.yaml")
    _, imported, back = fs_round_trip(menuset)
    for name, schedule in menuset.root.schedules.items():
        other = back.root.schedules[name]
        assert (other.timezone, other.hours, other.closed_on) == (schedule.timezone, schedule.hours, schedule.closed_on)
    variable = back.root.variables["network_status"]
    original = menuset.root.variables["network_status"]
    assert (set(variable.values), variable.default) == (set(original.values), original.default)
    assert imported.remarks == []


# -- the property ----------------------------------------------------------------------------------


def _fallback_id(plan: Plan, instance) -> str | None:
    target = plan.go(instance, plan.fallback(instance))
    return plan.id(target) if target is not None else None


def _same_interactive(plan: Plan, instance, node: Interactive, menuset: MenuSet, back: MenuSet, other) -> None:
    settings, other_settings = menuset.settings_of(node), back.settings_of(other)
    for name in ("timeout", "inter_digit_timeout", "retries"):
        assert other.setting(name, other_settings) == node.setting(name, settings), (node.id, name)
    expected = _fallback_id(plan, instance)
    fallback = other.fallback or other_settings.fallback
    if expected is None:  # no fallback: the call ends, read back as a silent hang-up
        assert fallback is not None and back.nodes[fallback.node_key].type == "hangup"
        assert back.nodes[fallback.node_key].prompt is None
    else:
        assert fallback is not None and fallback.node_key == expected, node.id
    # A handler that leads elsewhere: only a menu's first silence (max-timeouts 1, an extension saying its
    # words and going there); any other is a fidelity note (the strategy writes none).
    first = node.no_input[0] if isinstance(node, MenuNode) and node.no_input and node.no_input[0].goto else None
    gotos = [h.goto.node_key for h in other.no_input + other.no_match if h.goto]
    if first is None:
        assert gotos == [], node.id
    else:
        said = back.nodes[gotos[0]]
        assert len(gotos) == 1 and isinstance(said, MessageNode), node.id
        assert said.next.node_key == plan.id(plan.go(instance, first.goto, first.then))


def _option_targets(plan: Plan, instance, back: MenuSet, other) -> tuple[dict[str, str], dict[str, str]]:
    mine = {o.key: plan.id(plan.option_target(instance, o)) for o in plan.options(instance)}
    theirs = {
        o.key: o.goto.node_key if o.goto else other.key  # `repeat` is menu-top: the menu itself
        for o in back.file_of(other).options_of(other)
        if o.goto or o.action == "repeat"
    }
    return mine, theirs


def _compare(menuset: MenuSet, back: MenuSet) -> None:
    plan = Plan(menuset)
    for instance, name in plan.ids.items():
        node = plan.node(instance)
        assert name in back.nodes, name
        other = back.nodes[name]
        if isinstance(node, MenuNode):
            assert isinstance(other, MenuNode)
            mine, theirs = _option_targets(plan, instance, back, other)
            assert theirs == mine, name
            _same_interactive(plan, instance, node, menuset, back, other)
        elif isinstance(node, InputNode):
            assert isinstance(other, InputNode)
            assert (other.min_digits, other.max_digits, other.terminator) == (
                node.min_digits,
                node.max_digits,
                node.terminator,
            )
            # the read-back menu `ID__confirm` (1 goes on, 2 enters the digits again) is read back as `confirm`
            assert (other.next.node_key, other.confirm) == (
                plan.id(plan.go(instance, node.next, node.then)),
                node.confirm,
            )
            _same_interactive(plan, instance, node, menuset, back, other)
        elif isinstance(node, MessageNode):
            assert isinstance(other, MessageNode) and other.next.node_key == plan.id(
                plan.go(instance, node.next, node.then)
            )
        elif isinstance(node, BranchNode):
            assert isinstance(other, BranchNode)
            mine = {plan.id(plan.go(instance, t)) for _, t in node.cases}
            if node.default is not None:
                mine.add(plan.id(plan.go(instance, node.default)))
            assert {t.node_key for _, t in other.cases} == mine, name
            assert other.schedule == node.schedule and other.variable == node.variable
        elif isinstance(node, TransferNode):
            assert isinstance(other, TransferNode)
            assert (other.queue, other.hours) == (node.queue, node.hours), name
            if node.hours is not None:
                assert other.closed.node_key == plan.id(plan.go(instance, node.closed))
            if node.queue is not None and node.overflow is not None:
                assert (other.max_wait, other.overflow.node_key) == (
                    node.max_wait,
                    plan.id(plan.go(instance, node.overflow)),
                )
            # without an overflow, max_wait is the queue's max-wait-time in callcenter.conf (a fidelity note)
        elif isinstance(node, VoicemailNode):
            assert isinstance(other, VoicemailNode)
            assert (other.next.node_key if other.next else None) == (
                plan.id(plan.go(instance, node.next, node.then)) if node.next else None
            )
        else:  # hangup, and callback (lost: read back as a hang-up)
            assert other.type == "hangup"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus())
def test_import_of_export_keeps_keys_destinations_timeouts_and_retries(tmp_path_factory, menu: dict):
    menuset, imported, back = round_trip_of_random_menu(tmp_path_factory.mktemp("menu"), menu, "freeswitch")
    assert imported.remarks == []
    _compare(menuset, back)


def test_the_examples_keep_keys_destinations_timeouts_and_retries():
    for menuset, back in example_round_trips(EXPECTED_LOSSES, "freeswitch"):
        _compare(menuset, back)


def test_a_first_silence_that_leads_elsewhere_says_its_words_and_goes_there(tmp_path: Path):
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    text = (
        "ivrkit: 1\nname: Entry\nentry: main\nnodes:\n  main:\n    type: menu\n    say: Hello.\n"
        "    options: {'1': {label: sales, goto: bye}}\n    no_input: {say: Let's go on., goto: bye}\n"
        "    no_match: {say: Sorry.}\n  bye: {type: hangup, say: Thanks.}\n"
    )
    menuset = loads(text, str(tmp_path / "entry.yaml"), root=str(tmp_path))
    result, imported, back = fs_round_trip(menuset)
    main = ET.fromstring(result.text.encode("utf-8")).find("section/configuration/menus/menu")
    assert (main.get("max-timeouts"), main.get("exec-on-max-timeouts")) == ("1", "transfer main__no_input XML ivrkit")
    assert (main.get("max-failures"), main.get("exec-on-max-failures")) == ("3", "hangup")
    assert not any("no-input messages" in note.message or "leads elsewhere" in note.message for note in result.notes)
    said = back.nodes[back.nodes["main"].no_input[0].goto.node_key]
    assert isinstance(said, MessageNode) and said.next.node_key == "bye"
    assert said.prompt.text.values[0][1] == "Let's go on."
    assert imported.remarks == []


@pytest.mark.parametrize("terminator", ["#", "*", None])
def test_an_input_keeps_its_digits_terminator_and_store(tmp_path: Path, terminator):
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    text = (
        "ivrkit: 1\nname: Entry\nentry: pin\nnodes:\n  pin:\n    type: input\n    say: Your PIN, please.\n"
        f"    digits: {{min: 4, max: 6, terminator: {'null' if terminator is None else repr(terminator)}}}\n"
        "    store: pin\n    next: done\n  done: {type: hangup, say: Thanks.}\n"
    )
    menuset = loads(text, str(tmp_path / "entry.yaml"), root=str(tmp_path))
    _, _, back = fs_round_trip(menuset)
    pin = back.nodes["pin"]
    assert isinstance(pin, InputNode)
    assert (pin.min_digits, pin.max_digits, pin.terminator, pin.store) == (4, 6, terminator, "pin")
    assert pin.prompt is not None and pin.prompt.text is not None
    assert pin.prompt.text.values[0][1] == "Your PIN, please."
