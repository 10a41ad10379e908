"""Options compared between versions: each change reported once, by the surest pairing."""

from __future__ import annotations

from ivrkit.diff import diff_menus
from ivrkit.loader import loads

MENU = """\
ivrkit: 1
name: Options
language: en
entry: main
global_options:
  "0": {label: speak to someone, goto: desk}
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: pay your bill, goto: pay}
      "2": {label: report a fault, goto: fault}
      "3": {label: other questions, goto: more}
  more:
    type: menu
    say: More.
    options:
      "1": {label: opening hours, goto: hours}
      "2": {label: our address, goto: address}
  pay: {type: transfer, number: "100", say: Paying.}
  fault: {type: transfer, number: "200", say: Faults.}
  desk: {type: transfer, number: "300", say: The desk.}
  hours: {type: hangup, say: We are open nine to five.}
  address: {type: hangup, say: We are at the harbour.}
"""


def changes(new_text: str, old_text: str = MENU) -> list[tuple]:
    diff = diff_menus(loads(old_text), loads(new_text))
    return [
        (o.kind, o.menu_before, o.key_before, o.menu_after, o.key_after, o.target_before, o.target_after)
        for o in diff.options
    ]


def edit(*pairs: tuple[str, str]) -> str:
    text = MENU
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_swapped_keys_are_two_moves_not_two_rewordings():
    swapped = edit(
        ('"1": {label: pay your bill, goto: pay}', '"2": {label: pay your bill, goto: pay}'),
        ('"2": {label: report a fault, goto: fault}', '"1": {label: report a fault, goto: fault}'),
    )
    assert changes(swapped) == [  # in the order the caller hears them now: 2 is still written first
        ("moved", "main", "1", "main", "2", "pay", "pay"),
        ("moved", "main", "2", "main", "1", "fault", "fault"),
    ]


def test_an_option_moved_to_another_menu():
    moved = edit(
        ('      "2": {label: report a fault, goto: fault}\n', ""),
        (
            '"2": {label: our address, goto: address}',
            '"2": {label: our address, goto: address}\n      "3": {label: report a fault, goto: fault}',
        ),
    )
    assert changes(moved) == [
        ("moved", "main", "2", "more", "3", "fault", "fault"),
    ]


def test_reworded_rerouted_replaced_added_and_removed():
    edited = edit(
        ("label: pay your bill,", "label: payments,"),
        ("label: report a fault, goto: fault", "label: report a fault, goto: desk"),
        ('"1": {label: opening hours, goto: hours}', '"1": {label: find us, goto: address}'),
        ('      "2": {label: our address, goto: address}\n', '      "4": {label: parking, goto: hours}\n'),
    )
    assert changes(edited) == [
        ("reworded", "main", "1", "main", "1", "pay", "pay"),
        ("rerouted", "main", "2", "main", "2", "fault", "desk"),
        ("replaced", "more", "1", "more", "1", "hours", "address"),
        ("removed", "more", "2", None, None, "address", None),
        ("added", None, None, "more", "4", None, "hours"),
    ]


def test_a_reworded_option_under_another_key_of_the_same_menu_is_moved_and_reworded():
    diff = diff_menus(
        loads(MENU),
        loads(
            edit(
                ('      "3": {label: other questions, goto: more}\n', '      "4": {label: anything else, goto: more}\n')
            )
        ),
    )
    [option] = diff.options
    assert (option.kind, option.key_before, option.key_after, option.reworded) == ("moved", "3", "4", True)
    assert option.wording_after == {"en": "anything else"}


def test_options_heard_in_another_order_are_reordered():
    reordered = edit(
        ('      "1": {label: pay your bill, goto: pay}\n', ""),
        (
            '      "3": {label: other questions, goto: more}\n',
            '      "3": {label: other questions, goto: more}\n      "1": {label: pay your bill, goto: pay}\n',
        ),
    )
    diff = diff_menus(loads(MENU), loads(reordered))
    assert [(o.kind, o.key_after, o.position_before, o.position_after) for o in diff.options] == [
        ("reordered", "1", 0, 2)
    ]
    pay = next(p for p in diff.destinations if p.node == "pay")
    assert pay.status == "slower"  # announced last now


def test_global_options_are_compared_as_a_menu_of_their_own():
    assert changes(edit(('"0": {label: speak to someone,', '"0": {label: speak to a person,'))) == [
        ("reworded", "global options", "0", "global options", "0", "desk", "desk")
    ]


def test_a_renamed_node_is_followed_by_the_options_that_lead_to_it():
    renamed = edit(("goto: fault}", "goto: faults}"), ("  fault: {type: transfer", "  faults: {type: transfer"))
    diff = diff_menus(loads(MENU), loads(renamed))
    assert not diff.options and diff.empty
    [faults] = [p for p in diff.destinations if p.node == "faults"]
    assert (faults.node_before, faults.node_after, faults.renamed, faults.status) == (
        "fault",
        "faults",
        True,
        "unchanged",
    )


def test_a_node_renamed_and_changed_is_removed_and_added():
    changed = edit(
        ("goto: fault}", "goto: faults}"),
        ('  fault: {type: transfer, number: "200"', '  faults: {type: transfer, number: "201"'),
    )
    diff = diff_menus(loads(MENU), loads(changed))
    statuses = {p.node: p.status for p in diff.destinations}
    assert statuses["fault"] == "removed" and statuses["faults"] == "added"
    assert changes(changed)[0][0] == "rerouted"


def test_a_change_is_slower_or_faster_only_when_it_shows_and_is_real():
    from ivrkit.diff.destinations import _timing

    assert _timing(30.149, 30.151) == "unchanged"  # crosses a rounding boundary by 0.002 s
    assert _timing(30.10, 30.14) == "unchanged"  # 0.04 s, the same tenth
    assert _timing(30.149, 30.2) == "slower" and _timing(30.2, 30.149) == "faster"
