"""analysis.caller: what a first-time caller with a goal presses at one menu (the behaviour issue 14 pins)."""

from __future__ import annotations

import dataclasses
import math
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ivrkit
from ivrkit.analysis.caller import DEFAULT_PARAMS, CallerModel, CallerParams, MenuChoice, zero_out_share
from ivrkit.goals import Goal, load_goals
from ivrkit.language import voikko_available
from ivrkit.language.normalise import disable_voikko

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@dataclasses.dataclass(frozen=True)
class Want:
    """A goal as the model reads it."""

    say: str
    language: str = "en"


def menu(options: str, *, language: str = "en", extra: str = "", globals_: str | None = None) -> ivrkit.MenuSet:
    """A one-menu line: `options` are the menu's option lines (indented six spaces)."""
    if globals_ is None:
        globals_ = '  "0": {label: speak to our team, goto: team}\n  "*": {label: go back to the previous menu, action: back}\n'
    text = (
        f"ivrkit: 1\nname: Test\nlanguage: {language}\nentry: main\n"
        + (f"global_options:\n{globals_}" if globals_ else "")
        + "nodes:\n  main:\n    type: menu\n    say: How can we help?\n    options:\n"
        + options
        + extra
        + "  team:\n    type: transfer\n    queue: team\n  done:\n    type: hangup\n"
    )
    return ivrkit.loads(text)


NORTHWIND = """\
      "1": {label: pay or ask about your bill, goto: done}
      "2": {label: report a power cut, goto: done}
      "3": {label: give us a meter reading, goto: done}
      "4": {label: tell us you're moving home, goto: done}
"""


def assert_sums_to_one(choice: MenuChoice) -> None:
    assert math.isclose(sum(choice.press.values()) + choice.silent, 1.0, abs_tol=1e-9)
    assert all(p > 0 for p in choice.press.values())
    assert choice.silent >= 0


def test_an_exact_match_label_wins():
    choice = CallerModel(menu(NORTHWIND)).choice("main", Want("report a power cut"))
    assert_sums_to_one(choice)
    assert choice.top == "2"
    assert choice.press["2"] > 0.95
    assert [option.key for option in choice.options] == ["1", "2", "3", "4", "0", "*"]
    assert choice.options[1].score == 1.0
    assert choice.options[1].words == ("report", "power cut")


def test_everyday_words_find_the_label():
    choice = CallerModel(menu(NORTHWIND)).choice("main", Want("my electricity is off"))
    assert choice.top == "2"
    assert choice.options[1].words == ("electricity off",)


def test_a_distractor_sharing_the_goals_words_lowers_the_right_keys_probability():
    goal = Want("I want to pay my bill by card")
    plain = """\
      "1": {label: pay your bill by card, goto: done}
      "2": {label: report a power cut, goto: done}
"""
    distracted = plain + '      "3": {label: ask about your bill, goto: done}\n'
    before = CallerModel(menu(plain)).choice("main", goal)
    after = CallerModel(menu(distracted)).choice("main", goal)
    assert before.top == after.top == "1"
    assert after.press["1"] < before.press["1"]
    assert after.press["3"] > 0
    assert after.options[2].words == ("pay", "bill")  # one concept, said twice


def test_a_goal_no_label_fits_presses_the_person_key_or_waits_never_a_random_key():
    choice = CallerModel(menu(NORTHWIND)).choice("main", Want("I want to switch to a cheaper tariff"))
    assert_sums_to_one(choice)
    assert set(choice.press) == {"0"}
    assert choice.press["0"] == pytest.approx(DEFAULT_PARAMS.zero_out)
    assert choice.silent == pytest.approx(1 - DEFAULT_PARAMS.zero_out)


def test_hearing_the_menu_again_makes_pressing_for_a_person_more_likely():
    model = CallerModel(menu(NORTHWIND))
    first = model.choice("main", Want("I want to switch to a cheaper tariff"))
    again = model.choice("main", Want("I want to switch to a cheaper tariff"), attempt=1)
    assert again.press["0"] > first.press["0"]
    assert again.press["0"] == 1.0 and again.silent == 0.0


def test_zero_out_rises_to_everyone_after_patience_rehearings():
    params = dataclasses.replace(DEFAULT_PARAMS, patience=2, zero_out=0.4)
    assert [zero_out_share(attempt, params) for attempt in range(4)] == pytest.approx([0.4, 0.7, 1.0, 1.0])


def test_without_a_person_key_a_caller_for_whom_nothing_fits_waits():
    model = CallerModel(menu(NORTHWIND, globals_=""))
    choice = model.choice("main", Want("I want to switch to a cheaper tariff"))
    assert choice.press == {}
    assert choice.silent == 1.0


def test_an_unannounced_zero_that_reaches_a_person_is_pressed_out_of_habit():
    hidden = '  "0": {label: speak to our team, goto: team, announce: false}\n'
    choice = CallerModel(menu(NORTHWIND, globals_=hidden)).choice("main", Want("cheaper tariff"))
    assert set(choice.press) == {"0"}
    assert "0" not in [option.key for option in choice.options]


def test_a_lost_caller_takes_the_back_key():
    choice = CallerModel(menu(NORTHWIND)).choice("main", Want("cheaper tariff"), lost=True)
    assert choice.press == {"*": 1.0}
    assert choice.silent == 0.0


def test_a_lost_caller_without_a_back_key_asks_for_a_person():
    only_zero = '  "0": {label: speak to our team, goto: team}\n'
    choice = CallerModel(menu(NORTHWIND, globals_=only_zero)).choice("main", Want("cheaper tariff"), lost=True)
    assert choice.press == {"0": 1.0}


def test_navigation_options_promise_nothing():
    options = NORTHWIND + '      "9": {label: hear these options again, action: repeat}\n'
    choice = CallerModel(menu(options)).choice("main", Want("hear these options again"))
    repeat = next(option for option in choice.options if option.key == "9")
    back = next(option for option in choice.options if option.key == "*")
    assert repeat.score == back.score == 0.0
    assert "9" not in choice.press


def test_asking_for_a_person_presses_the_person_key():
    choice = CallerModel(menu(NORTHWIND)).choice("main", Want("can I just talk to someone"))
    assert choice.top == "0"


def test_a_clear_match_heard_first_is_pressed_while_the_menu_plays():
    choice = CallerModel(menu(NORTHWIND)).choice("main", Want("report a power cut"))
    assert choice.barge == {"2": True}
    assert choice.press["2"] >= DEFAULT_PARAMS.barge_share


def test_no_barge_in_where_the_menu_does_not_allow_it():
    ms = ivrkit.loads(
        "ivrkit: 1\nname: T\nlanguage: en\nentry: main\nsettings: {barge_in: false}\nnodes:\n"
        "  main:\n    type: menu\n    options:\n"
        '      "1": {label: report a power cut, goto: done}\n'
        '      "2": {label: pay your bill, goto: done}\n'
        "  done:\n    type: hangup\n"
    )
    choice = CallerModel(ms).choice("main", Want("report a power cut"))
    assert choice.barge == {}
    assert choice.top == "1"


def test_an_option_heard_before_a_better_one_can_take_barging_callers():
    goal = Want("pay my bill by card")
    eager = dataclasses.replace(DEFAULT_PARAMS, barge_confidence=0.4, barge_margin=0.1)
    first = '      "1": {label: pay your bill, goto: done}\n      "2": {label: pay your bill by card, goto: done}\n'
    last = '      "1": {label: pay your bill by card, goto: done}\n      "2": {label: pay your bill, goto: done}\n'
    early = CallerModel(menu(first), eager).choice("main", goal)
    late = CallerModel(menu(last), eager).choice("main", goal)
    assert early.options[0].score < early.options[1].score == 1.0
    assert early.barge == {"1": True, "2": True}
    assert late.barge == {"1": True}
    assert late.press["1"] > early.press["2"]  # the right option loses callers when a near miss comes first


def test_a_prompt_that_announces_the_keys_itself_is_heard_in_its_order():
    ms = ivrkit.loads(
        "ivrkit: 1\nname: T\nlanguage: en\nentry: main\nnodes:\n  main:\n    type: menu\n"
        "    announce_options: false\n    say: To report a power cut, press 2. For billing, press 1.\n"
        '    options:\n      "1": {goto: done}\n      "2": {goto: done}\n      "3": {goto: done}\n'
        "  done:\n    type: hangup\n"
    )
    choice = CallerModel(ms).choice("main", Want("my electricity is off"))
    assert [(option.key, option.label) for option in choice.options] == [("2", "report a power cut"), ("1", "billing")]
    assert choice.top == "2"


def test_the_destinations_words_help_a_vague_label():
    extra = (
        "  billing:\n    type: menu\n    say: Billing.\n    options:\n"
        '      "1": {label: set up a payment plan, goto: done}\n'
    )
    options = '      "1": {label: billing, goto: billing}\n      "2": {label: report a power cut, goto: done}\n'
    choice = CallerModel(menu(options, extra=extra)).choice("main", Want("I need a payment plan"))
    assert choice.options[0].score > 0
    assert choice.top == "1"


def test_the_language_menu_picks_the_goals_language():
    ms = ivrkit.load(EXAMPLES / "kaupunki-bilingual.yaml")
    model = CallerModel(ms)
    node = "menus/language-select.yaml#choose_language"
    english = model.choice(node, Want("I got a parking ticket", "en"))
    finnish = model.choice(node, Want("sain pysäköintisakon", "fi"))
    swedish = model.choice(node, Want("jag fick en parkeringsbot", "sv"))
    assert (english.press, english.barge) == ({"2": 1.0}, {"2": True})
    assert finnish.press == {"1": 1.0}
    assert (swedish.press, swedish.silent) == ({}, 1.0)


def test_a_bilingual_menu_is_scored_in_the_goals_language():
    ms = ivrkit.load(EXAMPLES / "kaupunki-bilingual.yaml")
    model = CallerModel(ms)
    english = model.choice("paavalikko", Want("I need a nursery place for my son", "en"))
    assert english.options[0].label == "ask about daycare"
    assert english.top == "1"
    assert model.language("paavalikko", Want("x", "en")) == "en"
    assert model.language("paavalikko", Want("x", "sv")) == "fi"


def test_a_named_extension_is_dialled():
    ms = ivrkit.load(EXAMPLES / "kaupunki-bilingual.yaml")
    model = CallerModel(ms)
    choice = model.choice("vaihde", Want("soitan alanumeroon 2040", "fi"))
    assert choice.press == {"2040": 1.0}
    assert model.digits("vaihde", Want("soitan alanumeroon 2040", "fi")) == "2040"
    assert model.digits("vaihde", Want("soitan Virtaselle", "fi")) is None


def test_digits_at_an_input_are_a_valid_entry():
    ms = ivrkit.load(EXAMPLES / "northwind-energy.yaml")
    model = CallerModel(ms)
    assert model.digits("meter_reading", Want("I want to give you my meter reading")) == "1234#"
    assert model.digits("meter_reading", Want("my meter says 04512")) == "04512#"
    assert model.digits("meter_reading", Want("my meter says 045123")) == "045123"
    assert model.digits("menus/account-number.yaml#enter_account", Want("pay my bill")) == "12345678"
    assert model.digits("main", Want("pay my bill")) is None


def test_choice_at_a_node_that_is_not_a_menu_is_refused():
    ms = ivrkit.load(EXAMPLES / "northwind-energy.yaml")
    with pytest.raises(ValueError, match="meter_reading is not a menu"):
        CallerModel(ms).choice("meter_reading", Want("x"))


def test_answers_are_shared_per_menu_set_and_parameters():
    ms = menu(NORTHWIND)
    goal = Want("report a power cut")
    assert CallerModel(ms).choice("main", goal) is CallerModel(ms).choice("main", goal)
    other = CallerModel(ms, dataclasses.replace(DEFAULT_PARAMS, temperature=0.3))
    assert other.params.temperature == 0.3
    assert other.choice("main", goal) is not CallerModel(ms).choice("main", goal)


def test_a_goal_from_a_goals_file_is_read_by_its_words_and_language():
    ms = ivrkit.load(EXAMPLES / "northwind-energy.yaml")
    goals = load_goals(EXAMPLES / "northwind-energy.goals.yaml")
    goal = next(goal for goal in goals.goals if goal.say == "my electricity is off")
    assert isinstance(goal, Goal)
    assert CallerModel(ms).choice("main", goal).top == "2"


@pytest.fixture(params=["voikko", "snowball"])
def finnish_backend(request):
    if request.param == "voikko":
        if not voikko_available():
            if os.environ.get("CI"):
                pytest.fail("Voikko is not installed; .ci/run must install libvoikko1, voikko-fi and libvoikko")
            pytest.skip("Voikko is not installed")
        yield
        return
    disable_voikko(True)
    try:
        yield
    finally:
        disable_voikko(False)


@pytest.mark.parametrize("say", ["laskuni", "kysyisin laskusta", "laskut"])
def test_finnish_inflections_find_the_base_form_label(finnish_backend, say):
    options = (
        '      "1": {label: sähkökatkot, goto: done}\n'
        '      "2": {label: laskut, goto: done}\n'
        '      "3": {label: muutto, goto: done}\n'
    )
    finnish_globals = '  "0": {label: asiakaspalvelu, goto: team}\n'
    ms = menu(options, language="fi", globals_=finnish_globals)  # a new menu set: nothing cached across backends
    choice = CallerModel(ms).choice("main", Want(say, "fi"))
    assert choice.top == "2"
    assert choice.options[1].score == 1.0


# -- properties ---------------------------------------------------------------------------

_WORDS = st.sampled_from(
    "pay bill card power cut meter reading move home report fault speak person payment plan water leak "
    "account balance the my a to".split()
)
_LABEL = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)


def _menu_of(labels: list[str]) -> ivrkit.MenuSet:
    return menu("".join(f'      "{i}": {{label: "{label}", goto: done}}\n' for i, label in enumerate(labels, 1)))


@settings(max_examples=60, deadline=None)
@given(
    labels=st.lists(_LABEL, min_size=1, max_size=6),
    goal=st.lists(_WORDS, min_size=0, max_size=6).map(" ".join),
    attempt=st.integers(0, 3),
    lost=st.booleans(),
)
def test_probabilities_sum_to_one_scores_lie_in_zero_to_one_and_answers_repeat(labels, goal, attempt, lost):
    ms = _menu_of(labels)
    choice = CallerModel(ms).choice("main", Want(goal), attempt=attempt, lost=lost)
    assert_sums_to_one(choice)
    assert all(0.0 <= option.score <= 1.0 for option in choice.options)
    heard = {option.key for option in choice.options}
    assert set(choice.press) <= heard
    assert set(choice.barge) <= set(choice.press)
    fresh = CallerModel(_menu_of(labels)).choice("main", Want(goal), attempt=attempt, lost=lost)
    assert fresh == choice


@settings(max_examples=40, deadline=None)
@given(labels=st.lists(_LABEL, min_size=2, max_size=5, unique=True), goal=_LABEL, data=st.data())
def test_the_order_of_options_matters_only_through_barge_in(labels, goal, data):
    order = data.draw(st.permutations(range(len(labels))))
    calm = dataclasses.replace(DEFAULT_PARAMS, barge_share=0.0)
    first = CallerModel(_menu_of(labels), calm).choice("main", Want(goal))
    shuffled = CallerModel(_menu_of([labels[i] for i in order]), calm).choice("main", Want(goal))
    by_label = {option.label: first.press.get(option.key, 0.0) for option in first.options}
    again = {option.label: shuffled.press.get(option.key, 0.0) for option in shuffled.options}
    assert by_label == pytest.approx(again)
    assert shuffled.silent == pytest.approx(first.silent)


def test_default_parameters_are_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "caller-model.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(CallerParams):
        assert f"`{field.name}`" in doc, field.name
        assert f"{getattr(DEFAULT_PARAMS, field.name)}" in doc, field.name


BILINGUAL_WITH_A_LANGUAGE_KEY = """ivrkit: 1
name: A line with a key for Finnish among its options
language: en
languages: [en, fi]
entry: main
global_options:
  "9": {label: {en: palvelu suomeksi, fi: palvelu suomeksi}, language: fi, goto: main}
nodes:
  main:
    type: menu
    say: {en: "Main menu.", fi: "Päävalikko."}
    options:
      "1": {label: {en: pay your bill, fi: maksa lasku}, goto: bill}
      "2": {label: {en: report a power cut, fi: ilmoita sähkökatkosta}, goto: outage}
  bill: {type: transfer, number: "+358401"}
  outage: {type: transfer, number: "+358402"}
"""


def test_a_language_key_among_business_options_does_not_make_a_language_menu():
    model = CallerModel(ivrkit.loads(BILINGUAL_WITH_A_LANGUAGE_KEY, "bilingual.yaml"))
    choice = model.choice("main", Want("report a power cut"), hearing="en")
    assert choice.top == "2" and choice.press["2"] > 0.9
    assert choice.press.get("9", 0.0) == 0.0, "a caller who hears their own language has no use for the key"


def test_a_caller_hearing_another_language_presses_the_key_for_theirs_and_then_chooses():
    model = CallerModel(ivrkit.loads(BILINGUAL_WITH_A_LANGUAGE_KEY, "bilingual.yaml"))
    finnish = Want("haluan maksaa laskun", "fi")
    assert model.choice("main", finnish, hearing="en").press == {"9": 1.0}
    after = model.choice("main", finnish, hearing="fi")
    assert after.top == "1" and after.press.get("9", 0.0) == 0.0, "once the call speaks Finnish, 9 pulls no more"
