"""The per-run readers of `ivrkit.rules._label_promises` and WD011: they answer as the plain functions do,
and what an option leads to is read once per destination, not once per option."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules._label_promises import (
    LabelPromises,
    OptionRoutes,
    label_words,
    promises_back,
    promises_person,
    promises_repeat,
)
from ivrkit.rules.hd005_invalid_input_to_business import InvalidInputToBusiness
from ivrkit.rules.wd011_label_contradicts_destination import LabelContradictsDestination, _Readings, departments

LABELS = [
    ("hear these options again", "en"),
    ("to repeat this menu", "en"),
    ("go back to the previous menu", "en"),
    ("main menu", "en"),
    ("we'll call you back", "en"),
    ("speak to an adviser", "en"),
    ("create a task for an agent", "en"),
    ("pay a bill", "en"),
    ("Billing and payments", "en-GB"),
    ("kuuntele vaihtoehdot uudelleen", "fi"),
    ("palaa edelliseen valikkoon", "fi"),
    ("takaisin päävalikkoon", "fi"),
    ("asiakaspalvelijan kanssa puhuminen", "fi"),
    ("laskutusasiat", "fi"),
    ("yhdistämme sinut tekniseen tukeen", "fi"),
    ("ouvir de novo", "pt"),
]

WORDS = st.sampled_from(
    "hear these the options again repeat replay go back to previous main menu agent adviser task for an "
    "pay bill billing support refund kuuntele uudelleen toista palaa edelliseen takaisin päävalikkoon "
    "asiakaspalvelija neuvojalle laskutus tuki".split()
)
TEXTS = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


def _context(tmp_path, nodes: str, language: str = "en") -> Context:
    text = f"ivrkit: 1\nname: t\nlanguage: {language}\nentry: main\nnodes:\n{nodes}"
    return Context(loads(text, tmp_path / "menu.yaml", root=tmp_path), config=LintConfig())


def _expected_navigation(value: str, language: str) -> str | None:
    if promises_repeat(value, language):
        return "repeat"
    return "back" if promises_back(value, language) else None


@pytest.mark.parametrize(("value", "language"), LABELS)
def test_the_run_reader_answers_as_the_functions(value, language, tmp_path):
    ctx = _context(tmp_path, "  main: {type: hangup}\n")
    promises = ctx.once(LabelPromises)
    readings = ctx.once(_Readings)
    for _ in range(2):  # the second answer comes from the run's tables
        assert promises.navigation(value, language) == _expected_navigation(value, language)
        assert promises.person(value, language) is promises_person(value, language)
        assert promises.words(value) == label_words(value)
        assert readings.departments(value, language) == departments(value, language)


@settings(max_examples=200, deadline=None)
@given(value=TEXTS, language=st.sampled_from(["en", "en-US", "fi", "sv"]))
def test_the_run_reader_answers_as_the_functions_for_any_words(value, language):
    promises = LabelPromises(None)  # type: ignore[arg-type]  # its tables need nothing of the run
    assert promises.navigation(value, language) == _expected_navigation(value, language)
    assert promises.person(value, language) is promises_person(value, language)


def test_each_run_has_its_own_tables(tmp_path):
    first = _context(tmp_path, "  main: {type: hangup}\n")
    second = _context(tmp_path, "  main: {type: hangup}\n")
    assert first.once(LabelPromises) is first.once(LabelPromises)
    assert first.once(LabelPromises) is not second.once(LabelPromises)
    assert first.once(_Readings) is not second.once(_Readings)


MANY_TO_ONE = (
    "  main:\n    type: menu\n    options:\n"
    '      "1": {label: pay a bill, goto: sales_intro}\n'
    '      "2": {label: pay a bill by card, goto: sales_intro}\n'
    '      "3": {label: billing questions, goto: sales_intro}\n'
    '      "4": {label: order a phone, goto: sales}\n'
    "  sales_intro: {type: message, say: Our sales team can help., next: sales}\n"
    "  sales: {type: transfer, queue: sales}\n"
)


def test_a_destination_is_read_once_however_many_options_lead_there(tmp_path, monkeypatch):
    ctx = _context(tmp_path, MANY_TO_ONE)
    read: list[str] = []
    node_texts = OptionRoutes._read_node_texts

    def counted(self, key):
        read.append(key)
        return node_texts(self, key)

    monkeypatch.setattr(OptionRoutes, "_read_node_texts", counted)
    found = [v.message for v in LabelContradictsDestination().check(ctx)]
    assert found == [
        'key 1 in `main` says "pay a bill" (billing) but leads to sales',
        'key 2 in `main` says "pay a bill by card" (billing) but leads to sales',
        'key 3 in `main` says "billing questions" (billing) but leads to sales',
    ]
    assert sorted(read) == ["sales", "sales_intro"]  # once each, for four options leading through them


HANDLERS = (
    "  main:\n    type: menu\n    options:\n"
    '      "1": {label: speak to an adviser, goto: payments}\n'
    '      "2": {label: pay your bill, goto: payments}\n'
    '      "3": {label: report a fault, goto: faults}\n'
    "    no_match: {goto: payments}\n"
    "  payments: {type: transfer, queue: payments}\n"
    "  faults: {type: transfer, queue: faults}\n"
)


def test_hd005_asks_only_the_options_leading_where_a_handler_goes(tmp_path, monkeypatch):
    ctx = _context(tmp_path, HANDLERS)
    asked: list[str] = []
    person = LabelPromises.person

    def counted(self, value, language):
        asked.append(value)
        return person(self, value, language)

    monkeypatch.setattr(LabelPromises, "person", counted)
    found = [v.message for v in InvalidInputToBusiness().check(ctx)]
    assert found == [
        "the `no_match` handler of `main` sends callers who have not chosen to `payments`, "
        "the destination of option 2, without a word"
    ]
    assert asked == ["speak to an adviser", "pay your bill"]  # not "report a fault": no handler goes there
