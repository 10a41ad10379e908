"""`diff_menus` on each example against a copy with one option reworded and one moved: the expected direction."""

from __future__ import annotations

import pytest

from ivrkit.diff import diff_json, diff_menus
from ivrkit.loader import load

from .edits import EDITS, ROOT, copy_example, edited_example

IDS = [edit.example for edit in EDITS]


@pytest.fixture(scope="module", params=EDITS, ids=IDS)
def edited(request, tmp_path_factory):
    edit = request.param
    folder = tmp_path_factory.mktemp(edit.example)
    # Neither version has a goals file beside it, so the goal rule GL001 (when the command line has handed it
    # a predictor) finds nothing on either side.
    old, new = copy_example(folder, edit.example, "old"), edited_example(folder, edit)
    return edit, diff_menus(load(old), load(new))


def test_the_moved_options_destination_gets_slower(edited):
    edit, diff = edited
    place = next(p for p in diff.destinations if p.node == edit.moved_to)
    assert place.status == "slower"
    assert place.seconds_after > place.seconds_before
    _, key, _, new_key = edit.moved
    keys = place.keys_before.split()
    keys[keys.index(key)] = new_key  # the same route, with the option's new key
    assert place.keys_after.split() == keys


def test_the_moved_option_is_reported_as_moved_with_its_wording(edited):
    edit, diff = edited
    menu, key, new_menu, new_key = edit.moved
    moved = [o for o in diff.options if o.kind == "moved"]
    assert [(o.menu_before, o.key_before, o.menu_after, o.key_after) for o in moved] == [edit.moved]
    assert moved[0].wording_before == moved[0].wording_after and not moved[0].reworded


def test_the_reworded_option_shows_both_wordings(edited):
    edit, diff = edited
    menu, key, before, after = edit.reworded
    reworded = [o for o in diff.options if o.kind == "reworded"]
    assert [(o.menu_after, o.key_after, o.wording_before, o.wording_after) for o in reworded] == [
        (menu, key, before, after)
    ]
    assert reworded[0].target_before == reworded[0].target_after


def test_only_the_two_options_changed(edited):
    _, diff = edited
    assert sorted(o.kind for o in diff.options) == ["moved", "reworded"]


def test_the_key_left_free_is_a_new_finding_and_nothing_is_fixed(edited):
    edit, diff = edited
    _, freed, _, _ = edit.moved
    new = [f for f in diff.findings if f.status == "new"]
    assert any(f.code == "KY002" and f"skip {freed}" in f.message for f in new), new
    assert all(f.path.endswith(f"new/examples/{edit.example}.yaml") for f in new)
    assert not [f for f in diff.findings if f.status == "fixed"]


def test_json_has_the_contracts_fields(edited):
    edit, diff = edited
    data = diff_json(diff)
    place = next(row for row in data["destinations"] if row["node"] == edit.moved_to)
    assert place["seconds_before"] < place["seconds_after"] and place["change"] > 0
    assert {"node", "seconds_before", "seconds_after", "node_before", "node_after", "status"} <= set(place)
    assert data["changed"] is True


@pytest.mark.parametrize("edit", EDITS, ids=IDS)
def test_a_copy_of_each_example_shows_no_change(edit, tmp_path):
    old = load(ROOT / "examples" / f"{edit.example}.yaml")
    new = load(copy_example(tmp_path, edit.example, goals=True))
    diff = diff_menus(old, new)
    assert diff.empty and not diff.options and not diff.findings
    assert {p.status for p in diff.destinations} <= {"unchanged", "unreachable"}
    # The building blocks' destinations are matched across the two project roots.
    assert any(p.node.startswith("menus/") and p.node_before == p.node_after for p in diff.destinations)


def test_a_change_in_a_building_block_is_seen_through_the_root_menu(tmp_path):
    """Both versions load their own `menus/` folder; nodes of a building block are matched across roots."""
    old = load(copy_example(tmp_path, "northwind-energy", "old"))
    new_file = copy_example(tmp_path, "northwind-energy", "new")
    block = new_file.parents[1] / "menus" / "callback-booking.yaml"
    text = block.read_text(encoding="utf-8")
    assert text.count("label: {en: give us a different number,") == 2
    block.write_text(text.replace("label: {en: give us a different number,", "label: {en: another number,", 1))
    diff = diff_menus(old, load(new_file))
    [option] = diff.options
    assert option.kind == "reworded" and option.menu_after.startswith("menus/callback-booking.yaml#")
    assert (
        option.wording_before["en"] == "give us a different number" and option.wording_after["en"] == "another number"
    )
    assert option.wording_after["fi"] == option.wording_before["fi"] == "muu puhelinnumero"
