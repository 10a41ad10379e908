"""WD011's per-run word tables: a text's content lemmas and departments, read word by word from the run's
tables, are those the plain readers (`_lemmas_of`, `departments`) give for the whole text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules._label_promises import label_words
from ivrkit.rules.wd011_label_contradicts_destination import _DEPARTMENTS, _lemmas_of, _Readings, departments

_DEPARTMENT_WORDS = [word for spelled in _DEPARTMENTS.values() for listed in spelled for word in listed.split()]
WORDS = st.sampled_from(
    _DEPARTMENT_WORDS
    + "the and for to a of my pay Billing BILLS laskutusasiat tukipalvelu vikailmoitus pakettien "
    "technical support refunds muut asiat ja tai asia kanssa speak agent go back main menu ab x".split()
)
TEXTS = st.lists(WORDS | st.text(max_size=8), max_size=8).map(" ".join)
LANGUAGES = st.sampled_from(["en", "en-GB", "fi", "fi-FI", "sv", "pt"])


def _readings() -> _Readings:
    text = "ivrkit: 1\nname: t\nlanguage: en\nentry: main\nnodes:\n  main: {type: hangup}\n"
    menuset = loads(text, Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    return Context(menuset, config=LintConfig()).once(_Readings)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(TEXTS, min_size=1, max_size=4), language=LANGUAGES)
def test_word_by_word_readings_equal_the_readings_of_the_whole_text(values, language):
    readings = _readings()  # one run's tables, shared by the texts as in a lint run
    for _ in range(2):  # the second answers come from the tables
        for value in values:
            assert readings.lemmas(value, language) == _lemmas_of(label_words(value), language)
            assert readings.departments(value, language) == departments(value, language)


def test_departments_are_the_union_of_the_words_departments():
    readings = _readings()
    assert readings.departments("billing and technical support", "en") == {"billing", "support"}
    assert readings.departments("laskutusasiat ja tukipalvelu", "fi") == {"billing", "support"}
    assert readings.departments("the and for", "en") == frozenset()
    assert readings.lemmas("pay the bills", "en") == {"pay", "bill"}
