"""The rules' patterns compiled on first use, per language, are the patterns they compiled at import before:
same source and flags for every language, one compiled object per language however often asked, and
nothing compiled for a language no lint has read."""

from __future__ import annotations

import re

import pytest

from ivrkit.rules import _label_promises as promises
from ivrkit.rules import wd002_vague_label as wd002
from ivrkit.rules import wd003_compound_option as wd003
from ivrkit.rules import wd008_placeholder_text as wd008
from ivrkit.rules import wd010_verb_consistency as wd010
from ivrkit.rules import wd012_foreign_organisation as wd012


def _same(lazy: re.Pattern[str] | None, eager: re.Pattern[str] | None) -> None:
    assert (lazy is None) is (eager is None)
    if lazy is not None and eager is not None:
        assert (lazy.pattern, lazy.flags) == (eager.pattern, eager.flags)


# The eager tables as the modules built them at import (before the patterns were compiled on first use).
def _eager_label_promises() -> dict[str, dict[str, re.Pattern[str]]]:
    def any_of(patterns: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
        return {lang: re.compile("|".join(f"(?:{p})" for p in listed)) for lang, listed in patterns.items()}

    def cue(cues: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
        return {lang: re.compile("|".join(map(re.escape, listed))) for lang, listed in cues.items()}

    return {
        "repeat": any_of(promises._REPEAT),
        "back": any_of(promises._BACK),
        "navigation_cue": cue(promises._NAVIGATION_CUES),
        "person_cue": cue(promises._PERSON_CUES),
    }


LANGUAGES = ["en", "fi", "sv", "pt"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_label_promise_patterns_are_the_eager_ones(language):
    eager = _eager_label_promises()
    _same(promises._repeat_any(language), eager["repeat"].get(language))
    _same(promises._back_any(language), eager["back"].get(language))
    _same(promises._navigation_cue(language), eager["navigation_cue"].get(language))
    _same(promises._person_cue(language), eager["person_cue"].get(language))
    each = promises._person_each(language)
    assert [(p.pattern, p.flags) for p in each] == [
        (p.pattern, p.flags) for p in (re.compile(s) for s in promises._PERSON.get(language, ()))
    ]


def test_label_promise_single_patterns_are_the_eager_ones():
    _same(promises._person_fi(), re.compile(promises._PERSON_FI))
    _same(promises._for_later(), re.compile(promises._FOR_LATER))
    assert promises._for_later().pattern.endswith(r"(?:an? |the |our |your )?\Z")
    assert promises._person_fi().fullmatch("lainaneuvojalle")


@pytest.mark.parametrize("language", ["en", "fi"])
def test_wording_rule_patterns_are_the_eager_ones(language):
    hints = "|".join(map(re.escape, wd002._CATCH_ALL_HINT_WORDS[language]))
    _same(wd002._catch_all_hint(language), re.compile(hints, re.IGNORECASE))
    _same(wd010._hint(language), re.compile("|".join(map(re.escape, wd010._HINTS[language]))))
    _same(wd010._other_verbs(language), re.compile(wd010._OTHER_VERBS[language], re.IGNORECASE))
    _same(wd012._greeting(language), re.compile(wd012._GREETINGS[language], re.IGNORECASE))


def test_single_wording_patterns_are_the_eager_ones():
    _same(wd010._disconnect(), re.compile(r"\bdisconnect(?:ed|ing|s)?\b", re.IGNORECASE))
    _same(wd012._word(), re.compile(r"[^\W\d_]+(?::[^\W\d_]+)?"))


def test_a_language_without_patterns_gets_none():
    assert promises._repeat_any("sv") is None
    assert promises._person_cue("pt") is None
    assert promises._person_each("fi") == ()
    assert wd012._greeting("sv") is None


def test_each_language_is_compiled_once():
    assert promises._repeat_any("en") is promises._repeat_any("en")
    assert wd010._other_verbs("fi") is wd010._other_verbs("fi")
    assert wd012._greeting("en") is wd012._greeting("en")


def test_the_finnish_greeting_still_names_the_organisation():
    assert wd012.greeted_names("Tervetuloa Aurora Pankkiin.", "fi") == [(0, ["Aurora", "Pankkiin"])]
    assert wd012.greeted_names("Thank you for calling Northwind Energy.", "en-GB") == [(0, ["Northwind", "Energy"])]


@pytest.mark.parametrize("language", ["en", "fi", "sv", "pt"])
def test_compound_option_split_is_the_eager_one(language):
    eager = {
        "en": re.compile(r"\s*(?:[,;/]|\band/or\b|\bor\b)\s*", re.IGNORECASE),
        "fi": re.compile(r"\s*(?:[,;/]|\btai\b|\bja\b|\bsekä\b)\s*", re.IGNORECASE),
        "sv": re.compile(r"\s*(?:[,;/]|\beller\b|\boch\b)\s*", re.IGNORECASE),
    }
    _same(wd003._split(language), eager.get(language, re.compile(r"\s*[,;/]\s*")))
    _same(wd003._serial_and(), re.compile(r"\s+and\s+", re.IGNORECASE))


def test_placeholder_patterns_are_the_eager_ones():
    ssml, placeholder, upper_only = wd008._placeholder_patterns()
    _same(ssml, re.compile(wd008._SSML, re.IGNORECASE))
    _same(placeholder, re.compile(wd008._PLACEHOLDERS, re.IGNORECASE))
    _same(upper_only, re.compile(wd008._UPPER_ONLY))
    assert ssml.pattern.startswith("</?(?:break|")
    assert placeholder.pattern.endswith(r"|\blorem ipsum\b")
    assert wd008.placeholders("Call <Your Company Name> on [NUMBER]. todo TODO") == [
        "<Your Company Name>",
        "[NUMBER]",
        "TODO",
    ]
