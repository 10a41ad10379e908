"""The locale key profiles of the key rules are complete data for every locale the config accepts."""

from __future__ import annotations

from ivrkit.lint.config import LOCALES
from ivrkit.rules.keys import PROFILES

MEANINGS = {"person", "navigation", "end", "language", "business"}


def test_every_locale_has_a_profile():
    assert set(LOCALES) <= set(PROFILES)


def test_profiles_are_well_formed():
    for name, profile in PROFILES.items():
        assert profile.name == name and profile.note
        assert profile.person == "0"  # us, eu and fi all reach a person with 0
        assert profile.meanings["0"] == {"person"}
        assert profile.meanings["*"] == profile.meanings["#"] == {"navigation"}
        for key, meanings in profile.meanings.items():
            assert key in "0123456789*#" and meanings <= MEANINGS


def test_nine_is_only_fixed_where_a_source_fixes_it():
    assert PROFILES["eu"].meanings["9"] == {"end"}  # ISO/IEC 13714 summaries, AS/NZS 4263
    assert "9" not in PROFILES["us"].meanings  # ACIxD: "no real standards"
    assert "9" not in PROFILES["fi"].meanings  # no Finnish source found


# -- issue 11: messages of the repaired key rules ------------------------------------


def _messages(text: str, code: str) -> list[str]:
    from ivrkit.lint.config import LintConfig
    from ivrkit.lint.runner import lint
    from ivrkit.loader import loads

    return [f.message for f in lint(loads(text, "menu.yaml"), LintConfig(select=(code,))) if f.code == code]


def test_a_repeat_key_that_moves_is_named_with_the_usual_one():
    text = """\
ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    options:
      "1": {label: ask about your bill, goto: faults}
      "*": {label: hear these options again, action: repeat}
  faults:
    type: menu
    options:
      "1": {label: report a power cut, goto: agent}
      "8": {label: hear these options again, action: repeat}
  agent: {type: transfer, queue: general}
"""
    assert _messages(text, "KY006") == [
        "`faults` repeats the menu on 8, but `main` does it on star: callers learn one key for it"
    ]


def test_a_key_that_starts_direct_dial_numbers_is_named():
    text = """\
ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    announce_options: false
    audio: menu.wav
    inter_digit_timeout: 2
    options:
      "1": {goto: agent}
      "1000": {goto: agent}
  agent: {type: transfer, queue: general}
"""
    assert _messages(text, "KY007") == [
        "key 1 in `main` is also the first digit of the direct-dial number 1000: callers who press 1 "
        "wait out the inter-digit timeout (2 s) before anything happens"
    ]
