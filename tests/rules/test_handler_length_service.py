"""What the fixture cases cannot pin: levels chosen per finding, cross-file paths, the shipped examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit import graph
from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.lint.finding import Level
from ivrkit.lint.runner import lint
from ivrkit.loader import load, loads
from ivrkit.rules import get_rule

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = ("HD", "LN", "SV", "AU")

MENU = """\
ivrkit: 1
name: t
entry: main
{settings}
nodes:
  main:
    type: menu
    options:
{options}
  agent:
    type: transfer
    queue: general
"""


def _levels(text: str, code: str, **options) -> list[Level]:
    menuset = loads(text, "menu.yaml")
    return [f.level for f in lint(menuset, LintConfig(select=(code,), options={code: options})) if f.code == code]


def _options(count: int, label: str = "pay your bill") -> str:
    return "\n".join(f'      "{key}": {{label: {label}, goto: agent}}' for key in range(1, count + 1))


def test_a_missing_handler_is_an_error_without_fallback_and_a_warning_with_one():
    bare = MENU.format(settings="", options=_options(1))
    assert _levels(bare, "HD001") == [Level.ERROR]
    assert _levels(bare, "HD002") == [Level.ERROR]
    with_fallback = MENU.format(settings="settings:\n  fallback: agent", options=_options(1))
    assert _levels(with_fallback, "HD001") == [Level.WARNING]
    assert _levels(with_fallback, "HD002") == [Level.WARNING]


@pytest.mark.parametrize(
    ("count", "label", "level"),
    [
        (4, "pay your bill", None),
        (5, "pay your bill", Level.INFO),
        (6, "pay your bill", Level.WARNING),
        (4, "change your address, your car or the drivers named on your policy", Level.WARNING),
        (3, "change your address, your car or the drivers named on your policy", None),
        (9, "pay your bill", Level.WARNING),
    ],
)
def test_max_options_levels(count, label, level):
    text = MENU.format(settings="", options=_options(count, f'"{label}"'))
    assert _levels(text, "LN001") == ([] if level is None else [level])


def test_max_options_error_above_nine():
    options = _options(9) + '\n      "10": {label: ten, goto: agent}'
    assert _levels(MENU.format(settings="", options=options), "LN001") == [Level.ERROR]


def test_time_to_destination_is_info_unless_a_warning_threshold_is_set():
    text = MENU.format(settings="", options=_options(1, '"get help with your broadband internet connection"'))
    assert _levels(text, "LN004", max_seconds=1) == [Level.INFO]
    assert _levels(text, "LN004", max_seconds=1, warn_seconds=2) == [Level.WARNING]
    assert _levels(text, "LN004") == []


def test_a_queue_without_a_call_back_offer_is_info():
    text = MENU.format(settings="", options=_options(1)).replace(
        "queue: general", "queue: general\n    max_wait: 600\n    overflow: main"
    )
    assert _levels(text, "SV004") == [Level.INFO]


def _times(path: str) -> dict[str, tuple[float, bool, str]]:
    menuset = load(ROOT / path)
    ctx = Context(menuset, graph.build(menuset), LintConfig())
    rule = get_rule("LN004")()
    return rule.times(ctx)


def test_a_building_block_returns_to_the_option_that_entered_it():
    # 1, 3 and 4 all enter menus/account-number.yaml; each must come back to its own `then`
    times = _times("examples/northwind-energy.yaml")
    assert times["billing"][2] == "1"
    assert times["meter_reading"][2] == "3"
    assert times["moving_team"][2] == "4"
    assert times["moving_team"][0] > times["billing"][0]  # option 4 is announced after option 1
    assert all(complete for _, complete, _ in times.values())


def test_time_to_destination_follows_the_language_choice():
    times = _times("examples/kaupunki-bilingual.yaml")
    assert times["menus/language-select.yaml#choose_language"][0] > 0
    assert times["katupaivystys"][2].split()[0] in ("1", "2")


def _findings(path: str) -> set[tuple[str, str]]:
    menuset = load(ROOT / path)
    return {
        (f.code, f.node or "")
        for f in lint(menuset, LintConfig(select=FAMILIES))
        if f.level >= Level.WARNING or f.code == "AU001"
    }


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "examples/flawed/no-timeout-handling.yaml",
            {(code, node) for code in ("HD001", "HD002", "HD007") for node in ("main", "card_digits", "card_menu")},
        ),
        (
            "examples/flawed/long-prompts.yaml",
            {("LN002", "main"), ("LN003", "main"), ("LN003", "welcome"), ("LN003", "web_deflection")},
        ),
        ("examples/flawed/audio-only.yaml", {("AU001", "welcome"), ("AU001", "main"), ("AU001", "baggage")}),
        ("examples/flawed/too-many-options.yaml", {("LN001", "main"), ("LN002", "main")}),
        (
            "examples/flawed/no-person.yaml",
            {("HD007", node) for node in ("main", "tracking_number", "reschedule_number", "reschedule")},
        ),
    ],
)
def test_each_flawed_example_shows_its_flaw(path, expected):
    assert _findings(path) == expected


@pytest.mark.parametrize(
    "path",
    [
        "examples/northwind-energy.yaml",
        "examples/kaupunki-bilingual.yaml",
        *(
            str(p)
            for p in sorted((ROOT / "menus").glob("*.yaml"))
            if not p.name.endswith((".calls.yaml", ".goals.yaml"))
        ),
    ],
)
def test_the_good_examples_have_no_warnings(path):
    menuset = load(ROOT / path)
    assert [
        (f.code, f.span.line, f.message) for f in lint(menuset, LintConfig(select=FAMILIES)) if f.level >= Level.WARNING
    ] == []


# -- issue 11: messages of the repaired rules ------------------------------------------


def _messages(text: str, code: str, **options) -> list[str]:
    menuset = loads(text, "menu.yaml")
    return [f.message for f in lint(menuset, LintConfig(select=(code,), options={code: options})) if f.code == code]


_WORDY = """\
ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    announce_options: false
    timeout: 3
    say: "Press 1 to be put in queue for an agent.\\n2 to securely enter your card details. \\n3 to hear the results of your latest meter reading. \\n4 to change the address we send your bills to. \\nOr 5 to set up a payment plan for your account."
    options:
      "1": {goto: agent}
      "2": {goto: agent}
      "3": {goto: agent}
      "4": {goto: agent}
      "5": {goto: agent}
  agent: {type: transfer, queue: general}
"""


def test_prompt_word_limit_message_and_option():
    assert _messages(_WORDY, "LN002") == [
        "the prompt of `main` has 48 words (over 40): callers must keep it all in mind"
    ]
    assert _messages(_WORDY, "LN002", max_words=50) == []


def test_short_timeout_after_a_long_prompt_message():
    found = _messages(_WORDY, "HD006", long_prompt=10)
    assert len(found) == 1
    assert found[0].startswith("`main` gives callers 3 s after a prompt of about ")
    assert found[0].endswith("s: too little time to recall the key of their option (at least 5 s)")
    assert _messages(_WORDY, "HD006") == []  # about 16 s: not a long prompt by default


def test_voicemail_after_a_message_names_the_message():
    text = """\
ivrkit: 1
name: t
entry: sorry
nodes:
  sorry:
    type: message
    say: Please leave a message after the tone.
    next: record
  record: {type: voicemail}
  box: {type: voicemail, mailbox: "1234"}
"""
    assert _messages(text, "SV002") == [
        "`record` never tells the caller when we will call back after this message (nor does `sorry` before it)"
    ]


@pytest.mark.parametrize(
    ("handlers", "retries", "expected"),
    [
        # corpus 15 (OPAL): the first silence hangs up; the handler's own "disconnecting" comes too late
        (
            "    no_input: {say: 'Nothing entered, disconnecting.', goto: bye}\n",
            2,
            "silence can end the call at `main`: on the first silence its `no_input` handler hangs up (`bye`), "
            "and the caller is never warned",
        ),
        (
            "    no_input:\n      - say: Sorry.\n      - {say: Sorry again., goto: bye}\n",
            2,
            "silence can end the call at `main`: on the second silence its `no_input` handler hangs up (`bye`), "
            "and the caller is never warned",
        ),
        # corpus 18 (Twilio Studio): retries 0, so one silent try and the fallback hangs up
        (
            "",
            0,
            "silence can end the call at `main`: after 1 silent try the fallback hangs up (`bye`), "
            "and the caller is never warned",
        ),
    ],
)
def test_timeout_alert_says_when_silence_ends_the_call(handlers, retries, expected):
    text = (
        "ivrkit: 1\nname: t\nentry: main\nnodes:\n  main:\n    type: menu\n"
        f"    retries: {retries}\n    fallback: bye\n{handlers}"
        '    options:\n      "1": {label: pay your bill, goto: agent}\n'
        "  agent: {type: transfer, queue: general}\n  bye: {type: hangup, say: Goodbye.}\n"
    )
    findings = [f for f in lint(loads(text, "menu.yaml"), LintConfig(select=("HD007",)))]
    assert [f.message for f in findings] == [expected]
