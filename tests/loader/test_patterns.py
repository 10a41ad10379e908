"""Loading `extensions.patterns`, `max_digits` and a voicemail's `next`: the model, and positioned errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ivrkit.loader import LoadError, loads

HEAD = """\
ivrkit: 1
name: t
entry: main
nodes:
  vm: {type: voicemail, say: Leave a message.}
  bye: {type: hangup, say: Goodbye.}
  main:
    type: menu
    say: Hello.
"""


def menu(extra: str) -> str:
    return HEAD + textwrap.indent(textwrap.dedent(extra), "    ")


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        loads(text, "menu.yaml")
    return [f"{d.span.line}:{d.span.col} {d.message}" for d in caught.value.diagnostics]


def test_patterns_give_the_lengths_and_are_kept_as_written():
    menuset = loads(
        menu("""
        options: {"1": {label: sales, goto: bye}}
        extensions: {patterns: ["10[01]X", "7XXXX"], goto: vm}
        max_digits: 5
    """),
        "menu.yaml",
    )
    main = menuset.nodes["main"]
    assert main.extension_patterns == ("10[01]X", "7XXXX")
    assert main.extensions[:2] == (4, 5)
    assert main.max_digits == 5
    route = [r for r in menuset.routes("main") if r.kind == "extension"][0]
    assert route.key == "pattern 10[01]X, 7XXXX"


def test_min_and_max_still_work_without_patterns():
    main = loads(
        menu("""
        options: {"0": {label: reception, goto: bye}}
        extensions: {min: 3, max: 4, goto: vm}
    """),
        "menu.yaml",
    ).nodes["main"]
    assert main.extensions[:2] == (3, 4) and main.extension_patterns == () and main.max_digits is None


@pytest.mark.parametrize(
    "extra, expected",
    [
        (
            'extensions: {patterns: ["10[01]A"], goto: vm}',
            "11:36 extension pattern `10[01]A`: `A` is not a pattern character",
        ),
        (
            "extensions: {patterns: ['7.1'], goto: vm}",
            "11:31 extension pattern `7.1`: `.` must be the last character of a pattern",
        ),
        ("extensions: {patterns: [], goto: vm}", "11:28 `patterns` is empty"),
        ('extensions: {patterns: ["7X", "7X"], goto: vm}', "11:35 the pattern `7X` is listed twice"),
        (
            'extensions: {patterns: ["7XXX"], min: 5, goto: vm}',
            "11:43 the patterns take at most 4 digits, fewer than `min` (5)",
        ),
        (
            'extensions: {patterns: ["7XXX", "8XX"], max: 2, goto: vm}',
            "11:50 the patterns take at least 3 digits, more than `max` (2)",
        ),
        (
            'extensions: {patterns: ["7XXX", "8X"], min: 3, goto: vm}',
            "11:37 the pattern `8X` takes no extension of 3-4 digits",
        ),
        ("extensions: {goto: vm}", "11:17 `extensions` needs `min`, `max`"),
        (
            'extensions: {patterns: ["7X"], goto: vm}\nmax_digits: 17',
            "12:17 `max_digits` must be between 1 and 16, not 17",
        ),
    ],
)
def test_bad_patterns_are_reported_where_they_are(extra, expected):
    found = problems(menu('options: {"1": {label: sales, goto: bye}}\n' + extra))
    assert any(line.startswith(expected) for line in found), found


def test_an_option_longer_than_max_digits_is_refused_at_its_key():
    found = problems(menu('options: {"12345": {label: sales, goto: bye}}\nmax_digits: 4'))
    assert found == ["10:15 option `12345` is longer than `max_digits` (4)"]


def test_voicemail_next_goes_on_and_then_needs_next():
    menuset = loads(
        menu('options: {"1": {label: leave a message, goto: vm2}}\n')
        + "  vm2: {type: voicemail, say: Speak after the tone., next: main}\n",
        "menu.yaml",
    )
    assert menuset.nodes["vm2"].next.node_key == "main"
    assert [r.kind for r in menuset.routes("vm2")] == ["next"]
    found = problems(
        menu('options: {"1": {label: leave a message, goto: vm2}}\n') + "  vm2: {type: voicemail, then: main}\n"
    )
    assert any("`then` needs `next`" in line for line in found), found


def test_the_cli_names_the_bad_pattern_character_and_exits_2(tmp_path):
    path = tmp_path / "menu.yaml"
    path.write_text(menu('options: {"1": {label: sales, goto: bye}}\nextensions: {patterns: ["_7XXX"], goto: vm}'))
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert (
        "menu.yaml:11:30: error: extension pattern `_7XXX`: write the pattern without Asterisk's leading `_`"
        in result.stdout + result.stderr
    )
    assert "Traceback" not in result.stderr
