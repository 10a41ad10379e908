"""The broken fixtures give exactly these messages at exactly these positions, through the API and the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from ivrkit.loader import LoadError, load, loads

ROOT = Path(__file__).resolve().parent.parent.parent
BROKEN = Path(__file__).parent.parent / "fixtures" / "broken"

# fixture -> [(line, col, start of the message)], every problem of the file, in order.
EXPECTED = {
    "duplicate-option-key.yaml": [
        (11, 7, "duplicate key `1` in `options` (first written at line 9, column 7)"),
    ],
    "boolean-no.yaml": [
        (5, 17, "`no` is read as the boolean false by YAML, not as text"),
        (10, 23, "`announce_options`: write `false` instead of `off`"),
    ],
    "lost-hash-key.yaml": [
        (10, 7, "this `#` key is lost: an unquoted `#` starts a comment"),
    ],
    "undefined-target.yaml": [
        (9, 39, "`goto` leads to `billng`, which is not a node of this file"),
    ],
    "outside-root.yaml": [
        (9, 39, "`../../../../outside/billing.yaml` is outside the project root"),
    ],
    "alias-bomb.yaml": [
        (16, 10, "aliases would expand this file to 1,234,567,923 values (it holds 43)"),
    ],
    "merge-bomb.yaml": [
        (12, 5, "aliases would expand this file to 516,049,371 values (it holds 260)"),
    ],
    "not-utf8.yaml": [
        (9, 32, "the file is not UTF-8: byte 0xe4 cannot start a character here"),
    ],
    "unknown-type-and-fields.yaml": [
        (6, 3, "menu `main` needs `options`"),
        (9, 5, "unknown field `optoins` in menu node `main`"),
        (12, 11, "unknown node type `transfr`"),
        (17, 5, "unknown field `retries` in message node `bye`"),
    ],
    "wrong-types.yaml": [
        (6, 12, "`timeout` must be a number of seconds, not `5s`"),
        (7, 12, "`retries` must be a whole number, not `two`"),
        (12, 53, "`share` must be between 0 and 1, not 1.5"),
        (13, 7, "`A` is not a DTMF key"),
        (14, 7, "the key `010` is read as the number 8 by YAML 1.1 tools"),
        (17, 13, "write the number `0401234567` in quotes"),
    ],
    "star-key-unquoted.yaml": [
        (10, 7, "invalid YAML: did not find expected alphabetic or numeric character"),
    ],
    "empty.yaml": [
        (1, 1, "the file is empty"),
    ],
}

HINTS = {
    "undefined-target.yaml": "did you mean `billing`?",
    "lost-hash-key.yaml": 'quote the key: "#":',
    "star-key-unquoted.yaml": 'quote the star key: "*":',
    "boolean-no.yaml": 'quote it: "no"',
    "unknown-type-and-fields.yaml": "did you mean `options`?",
}


def test_every_broken_fixture_is_pinned():
    assert sorted(EXPECTED) == sorted(p.name for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_messages(name):
    with pytest.raises(LoadError) as caught:
        load(BROKEN / name)
    found = [(d.span.line, d.span.col, d.message) for d in caught.value.diagnostics]
    expected = EXPECTED[name]
    assert len(found) == len(expected), found
    for (line, col, message), (want_line, want_col, want_message) in zip(found, expected):
        assert (line, col) == (want_line, want_col), (message, want_message)
        assert message.startswith(want_message)
    for diagnostic in caught.value.diagnostics:
        assert diagnostic.span.path.endswith(name)
    if name in HINTS:
        assert any(HINTS[name] in (d.hint or "") for d in caught.value.diagnostics)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "ivrkit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_reports_position_and_exits_2(name):
    result = run_cli("check", f"tests/fixtures/broken/{name}")
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if re.match(r"\S+:\d+:\d+: error: ", line)]
    assert [found.split(": error: ")[0] for found in lines] == [
        f"tests/fixtures/broken/{name}:{line}:{col}" for line, col, _ in EXPECTED[name]
    ]


def test_cli_reports_all_files_at_once():
    result = run_cli("check", "tests/fixtures/broken")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    # empty.yaml has no `ivrkit:` field, so directory search skips it; the rest have it.
    reported = {line.split(":")[0] for line in result.stdout.splitlines() if ": error: " in line}
    assert len(reported) == len(EXPECTED) - 1


def test_alias_bomb_is_refused_with_little_memory():
    tracemalloc.start()
    try:
        with pytest.raises(LoadError):
            load(BROKEN / "alias-bomb.yaml")
        with pytest.raises(LoadError):
            load(BROKEN / "merge-bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20, f"peak {peak / 2**20:.1f} MiB"


MINIMAL = "ivrkit: 1\nname: t\nentry: bye\nnodes:\n  bye: {type: hangup, say: Goodbye.}\n"


def problems(text: str | bytes, **kwargs) -> list[tuple[int, int, str]]:
    with pytest.raises(LoadError) as caught:
        loads(text, **kwargs)
    return [(d.span.line, d.span.col, d.message) for d in caught.value.diagnostics]


def test_deep_nesting_is_refused_without_crashing(tmp_path):
    # libyaml's composer would overflow the C stack at this depth: it must never be reached.
    deep = tmp_path / "deep.yaml"
    deep.write_text(MINIMAL + "x-deep: " + "[" * 60000 + "]" * 60000 + "\n")
    result = run_cli("check", str(deep), "--root", str(tmp_path))
    assert result.returncode == 2, result.stderr
    # ivrkit's own limit and message, at the bracket that opens level 101 (the file's mapping is level 1)
    assert f"{deep}:6:108: error: the YAML is nested more than 100 levels deep\n" in result.stdout
    assert "Traceback" not in result.stderr


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(33 * 2**20)
    with pytest.raises(LoadError) as caught:
        load(big)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.span.line, diagnostic.span.col) == (1, 1)
    assert diagnostic.message == "the file is too large to read: 33.0 MiB, over ivrkit's limit of 32 MiB"


def test_utf16_and_bom():
    assert problems(MINIMAL.encode("utf-16-le"))[0][2] == "the file is UTF-16 (little-endian), not UTF-8"
    assert "UTF-16" in problems(MINIMAL.encode("utf-16"))[0][2]
    assert loads(b"\xef\xbb\xbf" + MINIMAL.encode()).root.name == "t"


def test_recursive_alias():
    found = problems(MINIMAL + "x-loop: &loop [1, *loop]\n")
    assert found[0][2].startswith("this anchored value contains an alias to itself")


def test_lost_hash_terminator():
    text = MINIMAL + ("  pin:\n    type: input\n    digits:\n      max: 4\n      terminator: #\n    next: bye\n")
    assert (10, 19, "this `#` terminator is lost: an unquoted `#` starts a comment, so the value is empty") in problems(
        text
    )


def test_boolean_keys_and_values():
    text = MINIMAL.replace("bye: {type: hangup, say: Goodbye.}", "bye: {type: hangup, say: {en: Goodbye., no: Ha det}}")
    assert (
        problems(text.replace("ivrkit: 1", "ivrkit: 1\nlanguages: [en]"))[0][2]
        == "the key `no` is read as the boolean false by YAML"
    )
    assert problems(MINIMAL + "settings: {barge_in: yes}\n")[0][2] == "`barge_in`: write `true` instead of `yes`"


def test_all_problems_of_a_file_are_reported():
    text = (
        "ivrkit: 1\nname: t\nentry: main\nnodes:\n"
        "  main:\n    type: menu\n    options:\n"
        "      1: {label: a, goto: nowhere}\n"
        "      2: {label: b, goto: elsewhere}\n"
        "      3: {label: c}\n"
        "  bye: {type: hanngup}\n"
    )
    assert [(line, col) for line, col, _ in problems(text)] == [(8, 27), (9, 27), (10, 7), (11, 15)]


def test_missing_required_fields():
    found = problems("ivrkit: 1\nnodes:\n  a: {type: message, say: hi}\n")
    messages = [m for _, _, m in found]
    assert "the file needs a `name`" in messages
    assert "the file needs an `entry`: the node where a call starts" in messages
    assert "message node `a` needs `next`: where the call goes afterwards" in messages


def test_not_a_menu():
    assert "the `ivrkit` version field is missing" in problems("name: t\nentry: a\nnodes: {a: {type: hangup}}\n")[0][2]
    assert problems("- just\n- a list\n")[0][2].startswith("a menu file must be a mapping")
    assert problems(MINIMAL.replace("ivrkit: 1", "ivrkit: 2"))[0][2] == "unsupported format version `2`"


def test_transfer_rules():
    base = MINIMAL.replace(
        "nodes:\n", 'schedules: {office: {timezone: Europe/Helsinki, hours: {mon-fri: "08:00-16:00"}}}\nnodes:\n'
    )
    messages = [m for _, _, m in problems(base + '  a: {type: transfer, queue: q, number: "1", hours: office}\n')]
    assert "transfer `a` needs exactly one of `queue` or `number`" in messages
    assert "a transfer with `hours` needs `closed`: where callers go outside them" in messages
    messages = [m for _, _, m in problems(base + "  a: {type: transfer, queue: q, max_wait: 60}\n")]
    assert messages == ["`max_wait` needs `overflow`"]
    messages = [m for _, _, m in problems(base + "  a: {type: transfer, queue: q, hours: ofice, closed: bye}\n")]
    assert messages == ["there is no schedule `ofice`"]


def test_schedule_rules():
    def schedule(hours: str) -> list[str]:
        text = MINIMAL + f"schedules:\n  office:\n    timezone: Europe/Helsinki\n    hours: {hours}\n"
        return [m for _, _, m in problems(text)]

    assert schedule('{mon-fri: "8-18"}') == ["`8-18` is not a time range"]
    assert schedule('{mon-fri: "08:00-18:00", fri: closed}') == ["`fri` already has hours (line 9)"]
    assert schedule('{mon-frj: "08:00-18:00"}') == ["`frj` is not a day"]
    assert schedule('{Mon: "08:00-18:00"}') == ["`Mon` is not a day or a range of days"]
    assert schedule('{mon: "18:00-08:00"}') == ["`18:00-08:00` is not a valid range"]
    text = MINIMAL + "schedules:\n  office: {timezone: Europe/Helsinky, hours: {mon: closed}}\n"
    with pytest.raises(LoadError) as caught:
        loads(text)
    assert caught.value.diagnostics[0].message == "`Europe/Helsinky` is not a known time zone"
    assert caught.value.diagnostics[0].hint == "did you mean `Europe/Helsinki`?"


def test_branch_rules():
    base = MINIMAL + "variables: {segment: {values: [consumer, business]}}\n"
    text = base.replace(
        "  bye:", "  b: {type: branch, variable: segment, cases: {consumer: bye, busines: bye}}\n  bye:"
    )
    messages = [m for _, _, m in problems(text)]
    assert "`busines` is not a case of this branch" in messages
    assert "branch `b` has no case for `business` and no `default`" in messages


def test_then_needs_a_cross_file_target():
    text = MINIMAL.replace("  bye:", "  m: {type: message, say: hi, next: bye, then: bye}\n  bye:")
    assert problems(text)[0][2] == "`then` only applies when `next` enters another file"


def test_cross_file_errors(tmp_path):
    (tmp_path / ".ivrkit.yaml").write_text("")
    (tmp_path / "block.yaml").write_text(
        "ivrkit: 1\nname: block\nentry: ask\nnodes:\n  ask: {type: message, say: hi, next: return}\n"
    )
    main = tmp_path / "main.yaml"
    main.write_text(
        MINIMAL + "  a: {type: message, say: x, next: block.yaml#asc, then: bye}\n"
        "  b: {type: message, say: x, next: blok.yaml, then: bye}\n"
        "  c: {type: message, say: x, next: block.yaml#, then: bye}\n"
    )
    with pytest.raises(LoadError) as caught:
        load(main)
    found = [(d.message, d.hint) for d in caught.value.diagnostics]
    assert found[0] == ("`block.yaml` has no node `asc`", "did you mean `ask`?")
    assert found[1][0].startswith("`blok.yaml` does not exist") and found[1][1] == "did you mean `block.yaml`?"
    assert found[2][0] == "`block.yaml#` names no node after `#`"


def test_errors_in_a_referenced_file_name_that_file(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "block.yaml").write_text("ivrkit: 1\nname: b\nentry: a\nnodes:\n  a: {type: hangup, sey: hi}\n")
    main = tmp_path / "main.yaml"
    main.write_text(MINIMAL + "  go: {type: message, say: x, next: sub/block.yaml}\n")
    with pytest.raises(LoadError) as caught:
        load(main)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.span.path.endswith("sub/block.yaml")
    assert (diagnostic.span.line, diagnostic.span.col) == (5, 21)
    assert diagnostic.hint == "did you mean `say`?"


def test_announced_options_need_a_label():
    text = MINIMAL.replace("nodes:", 'global_options:\n  "0": {goto: bye}\nnodes:')
    assert problems(text) == [(5, 3, "option `0` is announced but has no `label`")]
    assert loads(text.replace("{goto: bye}", "{goto: bye, announce: false}")).root.global_options[0].announce is False


@pytest.mark.parametrize(
    "template, message",
    [
        ("{label} {key} }", "the braces of this option template do not match"),
        ("{label}{key}{", "the braces of this option template do not match"),
        ("{label} {key} {foo}", "`{foo}` is not a field of an option template"),
        ("{0} {label} {key}", "`{0}` is not a field of an option template"),
        ("{ label} {label} {key}", "`{ label}` is not a field of an option template"),
        ("{label[0]} {label} {key}", "`{label[0]}` is not a field of an option template"),
        ("{label} {key} {key:{label}}", "the format of `{key}` holds a field"),
    ],
)
def test_an_option_template_the_engine_could_not_fill_is_refused_where_it_is_written(template, message):
    text = MINIMAL.replace("nodes:", f'settings: {{option_template: {{en: "{template}"}}}}\nnodes:')
    assert problems(text) == [(4, 34, message)]


def test_an_option_template_that_cannot_be_filled_names_its_problem():
    text = MINIMAL.replace("nodes:", 'settings: {option_template: {en: "{label} {key} {key:d}"}}\nnodes:')
    [(line, col, message)] = problems(text)
    assert (line, col) == (4, 34) and message.startswith("this option template cannot be filled in (")


@pytest.mark.parametrize("template", ["To {label}, press {key}.", "{Label}: paina {key}.", "{key} {{ {label} }}"])
def test_option_templates_the_engine_can_fill_load(template):
    text = MINIMAL.replace("nodes:", f'settings: {{option_template: {{en: "{template}"}}}}\nnodes:')
    assert loads(text).root.settings.option_templates["en"] == template


@pytest.mark.parametrize(
    "text, where",
    [
        (MINIMAL.replace("  bye:", "  ? !!str [bye]\n  :"), "`nodes`"),
        (MINIMAL.replace("{type: hangup,", "{? !!str [type]: hangup,"), "node `bye`"),
        (MINIMAL.replace("nodes:", "settings: {? !!str {a: 1} : 5}\nnodes:"), "`settings`"),
    ],
)
def test_a_list_or_mapping_tagged_as_text_is_not_taken_for_a_key(text, where):
    # `!!str` on a collection still makes a collection: it was hashed as a key and crashed the loader
    found = problems(text)
    assert any(message.startswith(f"a key in {where} must be plain text, not a") for _, _, message in found), found
