"""The round trip through Asterisk: the shipped examples' call scripts against import(export(example)), and a
property over random valid menus (issue 13, item 4 for Asterisk)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.exporters.plan import Plan
from ivrkit.loader import load
from ivrkit.model import BranchNode, InputNode, Interactive, MenuNode, MenuSet, MessageNode, TransferNode, VoicemailNode

from ..strategies import valid_menus
from .roundtrip import assert_only_the_named_calls_fail, example_round_trips, round_trip_of_random_menu
from .roundtrip import round_trip as _round_trip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# the round trip through asterisk (tests/exporters/roundtrip.py)
round_trip = partial(_round_trip, target="asterisk")


# Every call that does not pass against import(export(example)), with the fidelity note that predicts it.
EXPECTED_LOSSES = {
    "aurora-pankki": {},
    "kaupunki-bilingual": {},
    "northwind-energy": {
        "a long queue offers a call-back, confirmed by text message": "the call-back offer of a queue: Queue() has none",
    },
}

_NOTE_WORDS = {"the call-back offer of a queue": "Asterisk's Queue() has no call-back booking"}


@pytest.mark.parametrize("name", sorted(EXPECTED_LOSSES))
def test_every_call_script_passes_except_the_named_losses(name: str):
    assert_only_the_named_calls_fail(name, "asterisk", EXPECTED_LOSSES[name], at_least=5)


@pytest.mark.parametrize("name", sorted(EXPECTED_LOSSES))
def test_each_expected_loss_is_named_by_a_fidelity_note(name: str):
    result, _, _ = round_trip(load(EXAMPLES / f"{name}.yaml"))
    messages = [note.message for note in result.notes]
    for reason in EXPECTED_LOSSES[name].values():
        kind = reason.split(":")[0]
        assert any(_NOTE_WORDS[kind] in message for message in messages), (kind, messages)


# -- the property ----------------------------------------------------------------------------------


def _same_interactive(plan: Plan, instance, node: Interactive, menuset: MenuSet, back: MenuSet, other) -> None:
    settings, other_settings = menuset.settings_of(node), back.settings_of(other)
    for name in ("timeout", "inter_digit_timeout", "retries"):
        assert other.setting(name, other_settings) == node.setting(name, settings), (node.id, name)
    target = plan.go(instance, plan.fallback(instance))
    fallback = other.fallback or other_settings.fallback
    assert fallback is not None
    if target is None:  # no fallback: the call ends, read back as a silent hang-up
        assert back.nodes[fallback.node_key].type == "hangup" and back.nodes[fallback.node_key].prompt is None
    else:
        assert fallback.node_key == plan.id(target), node.id
    retries = node.setting("retries", settings)
    for kind in ("no_input", "no_match"):
        mine = list(getattr(node, kind)[:retries])
        theirs = list(getattr(other, kind))
        # the handler a count plays: the same words (or none) and the same way on
        for count in range(1, retries + 1):
            own = mine[min(count, len(mine)) - 1] if mine else None
            read = theirs[min(count, len(theirs)) - 1] if theirs else None
            words = own.prompt.text.get(instance.language) if own and own.prompt and own.prompt.text else None
            assert (read.prompt.text.values[0][1] if read and read.prompt and read.prompt.text else None) == (
                " ".join(words.split()) if words else None
            ), (node.id, kind, count)
            goto = plan.go(instance, own.goto, own.then) if own and own.goto else None
            assert (read.goto.node_key if read and read.goto else None) == (plan.id(goto) if goto else None)


def _schedule(menuset: MenuSet, node, name: str | None) -> str | None:
    """The name a schedule is read back with: a schedule of another file than the root is `<file stem>__name`."""
    if name is None or node.file == menuset.root.key:
        return name
    return f"{Path(node.file).stem}__{name}"


def _compare(menuset: MenuSet, back: MenuSet) -> None:
    plan = Plan(menuset)
    for instance, name in plan.ids.items():
        node = plan.node(instance)
        assert name in back.nodes, name
        other = back.nodes[name]
        if isinstance(node, MenuNode):
            assert isinstance(other, MenuNode)
            mine = {o.key: plan.id(plan.option_target(instance, o)) for o in plan.options(instance)}
            theirs = {o.key: o.goto.node_key for o in back.file_of(other).options_of(other) if o.goto}
            assert theirs == mine, name
            _same_interactive(plan, instance, node, menuset, back, other)
        elif isinstance(node, InputNode):
            assert isinstance(other, InputNode)
            assert (other.min_digits, other.max_digits, other.confirm) == (
                node.min_digits,
                node.max_digits,
                node.confirm,
            )
            assert other.next.node_key == plan.id(plan.go(instance, node.next, node.then))
            _same_interactive(plan, instance, node, menuset, back, other)
        elif isinstance(node, MessageNode):
            assert isinstance(other, MessageNode)
            assert other.next.node_key == plan.id(plan.go(instance, node.next, node.then))
        elif isinstance(node, BranchNode):
            assert isinstance(other, BranchNode) and other.schedule == _schedule(menuset, node, node.schedule)
            mine_cases = {value: plan.id(plan.go(instance, target)) for value, target in node.cases}
            assert {value: t.node_key for value, t in other.cases} == mine_cases, name
        elif isinstance(node, TransferNode):
            assert isinstance(other, TransferNode)
            assert (other.queue, other.number, other.max_wait, other.hours) == (
                node.queue,
                node.number,
                node.max_wait,
                _schedule(menuset, node, node.hours) if node.closed is not None else None,
            )
            if node.overflow is not None:
                assert other.overflow is not None
                assert other.overflow.node_key == plan.id(plan.go(instance, node.overflow))
        elif isinstance(node, VoicemailNode):
            assert isinstance(other, VoicemailNode)
        else:  # hangup, and callback (lost: read back as a hang-up)
            assert other.type == "hangup"
    used = {n.schedule for n in menuset.nodes.values() if isinstance(n, BranchNode)} | {
        n.hours for n in menuset.nodes.values() if isinstance(n, TransferNode) and n.closed is not None
    }
    for key, schedule in menuset.root.schedules.items():
        if key not in used:
            continue  # a schedule nothing checks is not written
        read = back.root.schedules[key]
        assert (read.timezone, read.hours, read.closed_on) == (schedule.timezone, schedule.hours, schedule.closed_on)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus())
def test_import_of_export_keeps_keys_destinations_timeouts_and_retries(tmp_path_factory, menu: dict):
    menuset, imported, back = round_trip_of_random_menu(tmp_path_factory.mktemp("menu"), menu, "asterisk")
    assert imported.remarks == []
    _compare(menuset, back)


def test_the_examples_keep_keys_destinations_timeouts_and_retries():
    for menuset, back in example_round_trips(EXPECTED_LOSSES, "asterisk"):
        _compare(menuset, back)
