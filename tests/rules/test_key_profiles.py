"""The locale key profiles of the key rules are complete data for every locale the config accepts."""

from __future__ import annotations

from ivrkit.language.key_profiles import PROFILES
from ivrkit.lint.config import LOCALES

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


# -- issue 11: which profile applies when no locale is configured ------------------------


def test_language_tags_name_a_profile_only_with_a_region_or_in_finnish():
    from ivrkit.language.key_profiles import locale_of_language

    assert [locale_of_language(tag) for tag in ("en-US", "en_CA", "en-GB", "sv-SE", "fi", "fi-FI", "sv-FI")] == [
        "us",
        "us",
        "eu",
        "eu",
        "fi",
        "fi",
        "fi",
    ]
    assert [locale_of_language(tag) for tag in ("en", "es", "sv", "es-MX", "en-AU", "zh-Hant-TW")] == [None] * 6


def test_time_zones_name_a_profile():
    from ivrkit.language.key_profiles import locale_of_timezone

    assert [
        locale_of_timezone(zone)
        for zone in (
            "Europe/Helsinki",
            "Europe/London",
            "America/Chicago",
            "America/Indiana/Indianapolis",
            "US/Eastern",
            "Pacific/Honolulu",
        )
    ] == ["fi", "eu", "us", "us", "us", "us"]
    assert [locale_of_timezone(zone) for zone in ("America/Sao_Paulo", "Asia/Tokyo", "UTC", "Australia/Sydney")] == [
        None
    ] * 4


def test_an_unknown_locale_keeps_only_the_shared_conventions():
    from ivrkit.language.key_profiles import UNKNOWN

    shared = set.intersection(*(set(p.meanings.items()) for p in PROFILES.values()))
    assert set(UNKNOWN.meanings.items()) == shared and UNKNOWN.person == "0"


def test_corpus_01_a_us_demo_is_not_judged_by_the_eu_profile(tmp_path):
    """FreeSWITCH's demo (no language, no locale) offers 9 to repeat: no profile applies, and top
    in the main menu (9) and top in the submenu (star) are a repeat and a jump, not one action."""
    text = """\
ivrkit: 1
name: t
entry: demo_ivr
nodes:
  demo_ivr:
    type: menu
    audio: phrase:demo_ivr_main_menu
    announce_options: false
    options:
      '1': {goto: agent}
      '6': {goto: demo_ivr_submenu}
      '9': {action: top}
  demo_ivr_submenu:
    type: menu
    audio: phrase:demo_ivr_sub_menu
    announce_options: false
    options:
      '*': {action: top}
  agent: {type: transfer, queue: general}
"""
    assert _messages(text, "KY006") == []
    assert _messages(text.replace("name: t\n", "name: t\nlanguage: en-GB\n"), "KY006") == [
        "key 9 in `demo_ivr` means repeat or go back, but the `eu` profile keeps 9 to end the call"
    ]


def test_key_waits_name_the_keys_and_the_seconds():
    base = """\
ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    announce_options: false
    audio: menu.wav
    inter_digit_timeout: 2
{extra}    options:
      "1": {{goto: agent}}
      "2": {{goto: agent}}
      "9": {{action: repeat}}
  extension: {{type: transfer, number: "{{extension}}"}}
  agent: {{type: transfer, queue: general}}
"""
    patterns = '    extensions: {patterns: ["10[01]X"], goto: extension}\n'
    assert _messages(base.format(extra=patterns), "KY007") == [
        "key 1 in `main` is also the first digit of extension numbers it takes (pattern 10[01]X): callers who "
        "press 1 wait out the inter-digit timeout (2 s) before anything happens"
    ]
    assert _messages(base.format(extra=patterns + "    max_digits: 4\n"), "KY007") == [
        "`main` listens for 4 keys (max_digits): callers who press 1, 2 or 9 wait out the inter-digit timeout "
        "(2 s) before anything happens"
    ]
