"""Advice one rule gives must pass every other rule.

The advice is collected from the rules themselves: every hint and message
they give on the rule cases (tests/rules/cases) and the flawed examples, and
the labels of each rule's "Use instead" documentation. Each suggested option
(`"0": {label: ..., goto: agent}`), each suggested label and each quoted
phrase meant for a prompt is put where the advice says, into a menu that is
clean, and linted with every rule raised to warning level (so info rules
such as WD004's label length count too). Nothing may be found on its line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from ivrkit.lint.config import LintConfig
from ivrkit.lint.finding import Level
from ivrkit.lint.runner import lint
from ivrkit.loader import load, loads
from ivrkit.rules import all_rules

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).parent / "cases"
EVERY_RULE_A_WARNING = LintConfig(levels={rule.code: Level.WARNING for rule in all_rules()})

# A clean line: no finding at all with every rule at warning level (test_the_clean_menu_is_clean).
# Advice goes in place of a global option, into the submenu's options, or into a re-prompt.
MENU = """\
ivrkit: 1
name: Advice check
language: en
entry: main
settings:
  retries: 2
  fallback: agent
global_options:
  {zero}
  {star}
nodes:
  main:
    type: menu
    say: Thank you for calling.
    options:
      "1": {{label: pay your bill, goto: billing, share: 0.6}}
      "2": {{label: report a problem, goto: problems, share: 0.3}}
    no_input:
      - say: Sorry, I didn't hear a choice.
      - say: {reprompt}
    no_match:
      - say: Sorry, that key isn't one of the options.
      - say: Sorry, that key isn't one of the options either. You can also press 0 to speak to an adviser.
  problems:
    type: menu
    say: What is the problem?
    options:
      "1": {{label: report a power cut, goto: faults, share: 0.5}}
      "2": {{label: report a gas leak, goto: leaks, share: 0.4}}
      {menu_advice}
    no_input:
      - say: Sorry, I didn't hear a choice.
      - say: If you're not sure which option you need, press 0 to speak to an adviser.
    no_match:
      - say: Sorry, that key isn't one of the options.
      - say: Sorry, that key isn't one of the options either. You can also press 0 to speak to an adviser.
{destinations}
"""
DESTINATIONS = (
    "\n".join(
        f"""\
  {name}:
    type: transfer
    queue: {name}
    say: Connecting you to our {team} team.
    announce_wait: true
    max_wait: 600
    overflow: voicemail
    callback: {{offer_after: 120, goto: book_callback}}"""
        for name, team in (("billing", "billing"), ("faults", "faults"), ("leaks", "gas"), ("agent", "customer"))
    )
    + """
  book_callback:
    type: callback
    number: caller
    confirm: sms
    say: We will call you back on this number within two hours. You will get a text message to confirm.
  voicemail:
    type: voicemail
    say: Please leave a message after the tone. We will call you back within one working day.
"""
)
ZERO = '"0": {label: speak to an adviser, goto: agent}'
STAR = '"*": {label: go back, action: back}'
REPROMPT = "If you're not sure which option you need, press 0 to speak to an adviser."

# A suggested option in a hint: "K": {label: ..., goto: ...} or {label: ..., action: ...}
_OPTION = re.compile(r'"(?P<key>[0-9*#]+)": \{label: (?P<label>[^,}]+), (?P<field>goto|action): (?P<value>[^,}]+)\}')
_QUOTED = re.compile(r'"([^"]*[A-Za-zäöå][^"]*)"')
# Quoted words in hints that are not advice to copy: what to drop, or a word to use consistently.
_NOT_ADVICE = re.compile(r"drop |call it |announce this option|end it with the key")


def _menu(*, reprompt: str = REPROMPT, menu_advice: str = "", zero: str = ZERO, star: str = STAR) -> str:
    destinations = DESTINATIONS
    if "goto: advised" in menu_advice:
        destinations += (
            "  advised:\n    type: transfer\n    queue: general\n    say: Connecting you now.\n"
            "    announce_wait: true\n    max_wait: 600\n    overflow: voicemail\n"
        )
    return MENU.format(zero=zero, star=star, menu_advice=menu_advice, reprompt=reprompt, destinations=destinations)


def _findings_on(text: str, needle: str, tmp_path: Path, *, besides: tuple[str, ...] = ()) -> list[str]:
    number = next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)
    menuset = loads(text, tmp_path / "menu.yaml", root=tmp_path)
    return [
        f"{f.code} {f.message}"
        for f in lint(menuset, EVERY_RULE_A_WARNING)
        if f.span.line == number and f.code not in besides
    ]


@cache
def _given_advice() -> tuple[tuple[str, str], ...]:
    """(rule code, hint) for every hint the rules give on their cases and on the flawed examples."""
    said: dict[tuple[str, str], None] = {}
    menus = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            menus.append((case["menu"], (case.get("config") or {}).get("locale", "eu")))
    for text, locale in menus:
        try:
            menuset = loads(text, ROOT / "tests" / "rules" / "cases" / "menu.yaml", root=ROOT)
        except Exception:  # noqa: BLE001 - a case about a load error gives no advice
            continue
        for finding in lint(menuset, LintConfig(locale=locale)):
            said.setdefault((finding.code, finding.hint or ""), None)
    for path in sorted((ROOT / "examples" / "flawed").glob("*.yaml")):
        for finding in lint(load(path)):
            said.setdefault((finding.code, finding.hint or ""), None)
    return tuple(said)


def _suggested_options() -> list[tuple[str, str, str, str, str]]:
    found = {}
    for code, text in _given_advice():
        for match in _OPTION.finditer(text):
            found[match.group()] = (code, match["key"], match["label"], match["field"], match["value"])
    return [found[k] for k in sorted(found)]


def _documented_labels() -> list[tuple[str, str]]:
    """(rule code, label) for each label in a rule's "Use instead" example."""
    found = {}
    for rule in all_rules():
        doc = rule.doc()
        if "## Use instead" not in doc:
            continue
        better = doc.split("## Use instead", 1)[1].split("\n## ", 1)[0]
        for label in re.findall(r"label: ([^,}{\n]+)[,}]", better):
            found[(rule.code, label.strip().strip('"'))] = None
    return sorted(found)


def _quoted_phrases() -> list[tuple[str, str]]:
    found = {}
    for code, text in _given_advice():
        if "{" in text or _NOT_ADVICE.search(text):
            continue  # suggested options are checked on their own
        for phrase in _QUOTED.findall(text):
            if not phrase.startswith("..."):
                found[(code, phrase)] = None
    return sorted(found)


def test_the_clean_menu_is_clean(tmp_path):
    text = _menu()
    menuset = loads(text, tmp_path / "menu.yaml", root=tmp_path)
    assert [(f.code, f.span.line, f.message) for f in lint(menuset, EVERY_RULE_A_WARNING)] == []


def test_advice_is_found():
    # the collection itself must keep working: KY003 and KY004 suggest options, WD001's docs labels
    assert {code for code, *_ in _suggested_options()} >= {"KY003", "KY004"}
    assert any(code == "WD001" for code, _ in _documented_labels())
    assert any(code == "HD007" for code, _ in _quoted_phrases())


@pytest.mark.parametrize(
    ("code", "key", "label", "field", "value"),
    _suggested_options(),
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None,
)
def test_a_suggested_option_passes_every_rule(code, key, label, field, value, tmp_path):
    target = "agent" if field == "goto" else value
    option = f'"{key}": {{label: {label}, {field}: {target}}}'
    if key in ("0", "*"):  # in place of the line's global option, where KY003 and KY004 suggest it
        text = _menu(**{"zero" if key == "0" else "star": option})
    else:
        text = _menu(menu_advice=option)
    assert _findings_on(text, f"label: {label},", tmp_path) == [], f"{code}'s advice {option}"


@pytest.mark.parametrize(("code", "label"), _documented_labels())
def test_a_documented_label_passes_every_rule(code, label, tmp_path):
    # WD001 compares a label with the others of its menu: those are this test's, not the documentation's
    text = _menu(menu_advice=f'"3": {{label: "{label}", goto: advised, share: 0.05}}')
    assert _findings_on(text, f'label: "{label}"', tmp_path, besides=("WD001", "WD013")) == [], (
        f"{code}'s documented label {label!r}"
    )


@pytest.mark.parametrize(("code", "phrase"), _quoted_phrases())
def test_a_suggested_phrase_passes_every_rule(code, phrase, tmp_path):
    text = _menu(reprompt=f'"{phrase}"')
    assert _findings_on(text, f'say: "{phrase}"', tmp_path) == [], f"{code}'s advice {phrase!r}"
