"""The call-script writer behind `s`: steps in the step language, and appends that never lose a call."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from ivrkit.tui.savecall import CallCase, SaveError, add_case, existing_calls, format_steps, mark_spoken, script_path


def test_steps_join_keys_typed_without_speech_between():
    steps = [("press", "1", None)]
    mark_spoken(steps)
    for digit in "12345678":
        steps.append(("press", digit, None))
    mark_spoken(steps)
    steps += [("press", "1", 2.5), ("wait", "", None), ("press", "3", 0.0), ("hangup", "", None)]
    assert format_steps(steps) == "1 12345678 1@2.5 wait 3@0 hangup"


def test_a_hang_up_during_speech_is_saved_with_its_moment():
    assert format_steps([("press", "2", None), ("hangup", "", 1.25)]) == "2 hangup@1.25"


def test_script_path_is_beside_the_menu(tmp_path):
    assert script_path(tmp_path / "line.yaml") == tmp_path / "line.calls.yaml"


def test_a_new_script_names_its_menu_and_time(tmp_path):
    path = tmp_path / "line.calls.yaml"
    add_case(path, tmp_path / "line.yaml", CallCase("late", "0", "closed", at=dt.datetime(2026, 11, 23, 19, 30)))
    data = yaml.safe_load(path.read_text())
    assert data == {
        "menu": "line.yaml",
        "at": "2026-11-23 19:30",
        "calls": [{"name": "late", "press": "0", "expect": {"reaches": "closed"}}],
    }


def test_appending_keeps_every_byte_of_the_calls_already_there(tmp_path):
    path = tmp_path / "line.calls.yaml"
    original = (
        'menu: line.yaml   # the menu\nat: "2026-11-23 10:00"\ncalls:\n'
        '- name: one\n  press: "1"\n  expect:\n    reaches: a   # a comment\n\n'
        "# a note after the calls\n"
    )
    path.write_text(original)
    assert add_case(path, tmp_path / "line.yaml", CallCase("two", "2 wait", "b", language="fi")) == 2
    text = path.read_text()
    assert text.startswith(original.split("\n# a note")[0].rstrip())
    assert "# a note after the calls" in text
    calls = yaml.safe_load(text)["calls"]
    assert calls[0] == {"name": "one", "press": "1", "expect": {"reaches": "a"}}
    assert calls[1] == {"name": "two", "press": "2 wait", "language": "fi", "expect": {"reaches": "b"}}


def test_a_call_script_with_more_keys_after_calls(tmp_path):
    path = tmp_path / "line.calls.yaml"
    path.write_text('calls:\n  - name: one\n    press: "1"\n    expect: {reaches: a}\nmenu: line.yaml\n')
    add_case(path, tmp_path / "line.yaml", CallCase("two", "2", "b"))
    data = yaml.safe_load(path.read_text())
    assert [c["name"] for c in data["calls"]] == ["one", "two"] and data["menu"] == "line.yaml"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("menu: line.yaml\ncalls: [{name: one, press: '1', expect: {reaches: a}}]\n", "not a block list"),
        ("menu: line.yaml\ncalls:\n  - name: one\n    press: [\n", "cannot be read"),
        ("- just\n- a list\n", "not a call script"),
    ],
)
def test_scripts_it_cannot_extend_safely_are_left_alone(tmp_path, text, problem):
    path = tmp_path / "line.calls.yaml"
    path.write_text(text)
    with pytest.raises(SaveError, match=problem):
        add_case(path, tmp_path / "line.yaml", CallCase("two", "2", "b"))
    assert path.read_text() == text


def test_a_taken_name_is_refused(tmp_path):
    path = tmp_path / "line.calls.yaml"
    add_case(path, tmp_path / "line.yaml", CallCase("one", "1", "a"))
    before = path.read_text()
    with pytest.raises(SaveError, match="already has a call named"):
        add_case(path, tmp_path / "line.yaml", CallCase("one", "2", "b"))
    assert path.read_text() == before


@pytest.mark.parametrize("levels", [150, 600, 5000])
def test_a_deeply_nested_script_is_a_save_error_with_its_position(tmp_path, levels):
    path = tmp_path / "line.calls.yaml"
    text = f'menu: line.yaml\ncalls:\n  - name: one\n    press: "1"\n    x: {"[" * levels}{"]" * levels}\n'
    path.write_text(text)
    with pytest.raises(
        SaveError, match=r"^line\.calls\.yaml cannot be read: line 5, column 105: .*nested more than 100"
    ):
        existing_calls(path)
    with pytest.raises(SaveError):
        add_case(path, tmp_path / "line.yaml", CallCase("two", "2", "b"))
    assert path.read_text() == text


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"calls: []\nname: caf\xe9\n", r"line 2, column 10: the file is not UTF-8"),
        (
            b"a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            + b"".join(
                b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((98 + i,) * 2 + (97 + i,) * 9)
                for i in range(9)
            )
            + b"calls: []\n",
            r"cannot be read: line \d+, column \d+: ",
        ),
        (
            b"calls:\n  - !!python/object:os.system {}\n",
            r"cannot be read: line 2, column 5: a value here is not plain YAML",
        ),
    ],
)
def test_scripts_that_are_not_safe_to_read_are_save_errors(tmp_path, data, problem):
    path = tmp_path / "line.calls.yaml"
    path.write_bytes(data)
    with pytest.raises(SaveError, match=problem):
        add_case(path, tmp_path / "line.yaml", CallCase("two", "2", "b"))
    assert path.read_bytes() == data


def test_an_empty_or_comment_only_script_has_no_calls_yet(tmp_path):
    path = tmp_path / "line.calls.yaml"
    path.write_text("# nothing yet\n\n")
    assert existing_calls(path) == []


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_script_does_not_block(tmp_path):
    import os

    path = tmp_path / "line.calls.yaml"
    os.mkfifo(path)
    with pytest.raises(SaveError, match="line.calls.yaml is not a regular file"):
        existing_calls(path)
