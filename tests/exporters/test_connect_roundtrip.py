"""The round trip through Amazon Connect: the shipped examples' call scripts against import(export(example)), and a
property over random valid menus (issue 13, item 4 for Connect)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.exporters.plan import Plan
from ivrkit.loader import load
from ivrkit.model import BranchNode, InputNode, Interactive, MenuNode, MenuSet, MessageNode, TransferNode

from ..strategies import valid_menus
from .roundtrip import assert_only_the_named_calls_fail, example_round_trips, round_trip_of_random_menu
from .roundtrip import round_trip as _round_trip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


# the round trip through connect (tests/exporters/roundtrip.py)
round_trip = partial(_round_trip, target="connect")


# Every call that does not pass against import(export(example)), with the fidelity note that predicts it.
EXPECTED_LOSSES = {
    "aurora-pankki": {
        "illalla soittaja ohjataan takaisinsoittoon tai viestiin (in the evening, call-back or message)": (
            "Amazon Connect has no voicemail action"
        ),
    },
    "kaupunki-bilingual": {
        "dialling a four-digit extension goes straight to that person": "Connect's menu takes single keys",
        "a busy extension is sent to the switchboard operator": "Connect's menu takes single keys",
    },
    "northwind-energy": {
        "a long queue offers a call-back, confirmed by text message": "a queue call-back is a separate Connect setup",
        "on a public holiday the holiday notice plays": "Connect's hours check is open or closed",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED_LOSSES))
def test_every_call_script_passes_except_the_named_losses(name: str):
    assert_only_the_named_calls_fail(name, "connect", EXPECTED_LOSSES[name], at_least=4)


@pytest.mark.parametrize("name", sorted(EXPECTED_LOSSES))
def test_each_expected_loss_is_named_by_a_fidelity_note(name: str):
    result, _, _ = round_trip(load(EXAMPLES / f"{name}.yaml"))
    lost = [note.message for note in result.notes if note.kind == "lost"]
    for words in EXPECTED_LOSSES[name].values():
        assert any(words in message for message in lost), (words, lost)


# -- the property ----------------------------------------------------------------------------------


def _same_interactive(plan: Plan, instance, node: Interactive, menuset: MenuSet, back: MenuSet, other) -> None:
    settings, other_settings = menuset.settings_of(node), back.settings_of(other)
    assert other.setting("timeout", other_settings) == node.setting("timeout", settings), node.id
    retries = int(node.setting("retries", settings))
    first = [handlers[0] for handlers in (node.no_input, node.no_match) if handlers[:retries]]
    if not any(handler.goto for handler in first):  # a first handler with a goto leaves at once (noted)
        assert other.setting("retries", other_settings) == min(retries, 100), node.id
    target = plan.go(instance, plan.fallback(instance))
    fallback = other.fallback or other_settings.fallback
    assert fallback is not None
    if target is None:  # no fallback: the call ends, read back as a silent hang-up
        assert back.nodes[fallback.node_key].type == "hangup" and back.nodes[fallback.node_key].prompt is None
    else:
        assert fallback.node_key == plan.id(target), node.id


def _compare(menuset: MenuSet, back: MenuSet) -> None:
    plan = Plan(menuset)
    for instance, name in plan.ids.items():
        node = plan.node(instance)
        assert name in back.nodes, name
        other = back.nodes[name]
        if isinstance(node, MenuNode) and not any(len(o.key) == 1 for o in plan.options(instance)):
            assert isinstance(other, InputNode)  # no key Connect's menu takes (noted): any key goes on
            _same_interactive(plan, instance, node, menuset, back, other)
        elif isinstance(node, MenuNode):
            assert isinstance(other, MenuNode)
            mine = {
                o.key: plan.id(target)
                for o in plan.options(instance)
                if len(o.key) == 1 and (target := plan.option_target(instance, o)) is not None
            }
            theirs = {o.key: o.goto.node_key for o in back.file_of(other).options_of(other) if o.goto}
            assert {key: theirs[key] for key in mine} == mine, name
            _same_interactive(plan, instance, node, menuset, back, other)
        elif isinstance(node, InputNode):
            assert isinstance(other, InputNode)
            assert (other.max_digits, other.confirm) == (node.max_digits, node.confirm)
            assert other.next.node_key == plan.id(plan.go(instance, node.next, node.then))
            _same_interactive(plan, instance, node, menuset, back, other)
        elif isinstance(node, MessageNode):
            assert isinstance(other, MessageNode)
            assert other.next.node_key == plan.id(plan.go(instance, node.next, node.then))
        elif isinstance(node, BranchNode):
            assert isinstance(other, BranchNode)
            cases = dict(node.cases)
            if node.schedule is not None:
                assert other.schedule is not None
                states = ("open", "closed")
            else:
                states = tuple(value for value in cases if node.variable is not None)
            mine_cases = {
                value: plan.id(plan.go(instance, cases.get(value, node.default)))
                for value in states
                if cases.get(value, node.default) is not None
            }
            theirs = {value: t.node_key for value, t in other.cases}
            assert {value: theirs.get(value) for value in mine_cases} == mine_cases, name
        elif isinstance(node, TransferNode):
            assert isinstance(other, TransferNode)
            assert (other.queue, other.number) == (node.queue, node.number)
        else:  # hangup, and voicemail and callback (lost: read back as a hang-up)
            assert other.type == "hangup"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus())
def test_import_of_export_keeps_keys_destinations_timeouts_and_retries(tmp_path_factory, menu: dict):
    menuset, imported, back = round_trip_of_random_menu(tmp_path_factory.mktemp("menu"), menu, "connect")
    assert imported.remarks == []
    _compare(menuset, back)


def test_the_examples_keep_keys_destinations_timeouts_and_retries():
    for menuset, back in example_round_trips(EXPECTED_LOSSES, "connect"):
        _compare(menuset, back)
