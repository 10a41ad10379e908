"""A menu's speech plan under the default duration model, made without option segments, is the plain plan.

`Tables.node_plan` times a menu's announced options as `speech_seconds` of their sentences when the session
uses the default duration model (`durations.estimated`), without making a `Segment` per option
(`Tables._menu_plan`). Any other duration model takes the plain way: `Heard.segments`, each segment timed by
the model. A model that only hands the segment on to the default one takes the plain way and must give the
same plan, field for field and bit for bit.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.analysis.heard import heard
from ivrkit.engine import Session
from ivrkit.engine.tables import SpeechPlan, tables
from ivrkit.loader import loads

from ..strategies import menu_yaml, valid_menus

TEMPLATED = """\
ivrkit: 1
name: Templates
language: en-GB
languages: [en-GB, fi, sv]
entry: main
settings:
  option_template: {en: "To {label}, press {key}.", fi: "{Label}: paina {key}.", sv-SE: "{label}: tryck {key}"}
  key_names: {en: {"*": star, "#": hash}, fi: {"*": tähteä}}
  rate: 150
global_options:
  "#": {label: {en-GB: go back, fi: palaa, sv: tillbaka}, action: back}
  "0": {label: {en-GB: an agent, fi: asiakaspalvelija}, goto: bye, announce: false}
nodes:
  main:
    type: menu
    say: {en-GB: Hello., fi: Hei., sv: Hej.}
    audio: {en-GB: hello.wav}
    options:
      "1": {label: {en-GB: pay 2 bills, fi: maksa}, goto: other}
      "*": {label: {en-GB: hear again, fi: kuule uudelleen, sv: igen}, action: repeat}
      "2": {say: {en-GB: For Finnish press 2., fi: Suomeksi paina 2.}, language: fi, goto: bye}
      "3": {label: {en-GB: ""}, goto: bye}
  other:
    type: menu
    rate: 200
    announce_options: false
    options:
      "1": {label: {en-GB: leave}, goto: bye}
  quiet:
    type: menu
    audio: {en-GB: quiet.wav}
    options:
      "1": {label: {en-GB: leave, sv: gå}, goto: bye}
  bye: {type: hangup, say: Bye.}
"""


def plain_plan(menuset, key: str, language: str) -> SpeechPlan:
    """The plan the plain way: a duration model that is not the default one, handing each segment on to it."""
    default = Session(menuset).duration
    return tables(menuset).node_plan({}, lambda segment, rate: default(segment, rate), key, language)


def fast_plan(menuset, key: str, language: str) -> SpeechPlan:
    call = Session(menuset)
    return tables(menuset).node_plan({}, call.duration, key, language)


def assert_same_plans(menuset, languages) -> None:
    for key in menuset.nodes:
        for language in languages:
            fast, plain = fast_plan(menuset, key, language), plain_plan(menuset, key, language)
            assert fast.segments == plain.segments, (key, language)
            assert fast.columns == plain.columns and fast.steps == plain.steps
            # to the last bit: equal floats could still differ in sign (0.0, -0.0)
            assert [repr(seconds) for _, seconds, _ in fast.segments] == [
                repr(seconds) for _, seconds, _ in plain.segments
            ]


def test_templates_recordings_and_languages_plan_alike():
    fresh = loads(TEMPLATED)
    fast_plan(fresh, "main", "fi")
    assert ("main", "fi") not in heard(fresh)._segments  # the fast way was taken: no segments were made
    assert_same_plans(loads(TEMPLATED), ["en-GB", "en", "fi", "fi-FI", "sv", "sv-SE", "de"])


@settings(max_examples=60, deadline=None)
@given(menu=valid_menus(), regional=st.booleans())
def test_every_node_plans_alike_either_way(menu, regional):
    menuset = loads(menu_yaml(menu))
    languages = [*menuset.root.languages, "sv", "en-GB", "fi-FI"] if regional else list(menuset.root.languages)
    assert_same_plans(menuset, languages)


def test_another_duration_model_is_asked_for_every_segment():
    """Only the menu set's default model takes the fast way: any other model times each segment itself."""
    menuset = loads(TEMPLATED)
    Session(menuset)  # makes the menu set's default plans first
    plan = tables(menuset).node_plan({}, lambda segment, rate: 7.0, "main", "en-GB")
    assert plan.segments and all(seconds == 7.0 for _, seconds, _ in plan.segments)


def test_the_default_model_passed_explicitly_takes_the_fast_way():
    """`paths`, `simulate` and the TUI pass `estimated(menuset)` themselves: the same plans as no model at all."""
    from ivrkit.engine.durations import estimated

    fresh = loads(TEMPLATED)
    call = Session(fresh, duration=estimated(fresh))
    tables(fresh).node_plan({}, call.duration, "main", "fi")
    assert ("main", "fi") not in heard(fresh)._segments


def test_the_shared_table_of_menus_that_act_at_once_is_never_written():
    from ivrkit.engine import tables as tables_module

    menuset = loads(TEMPLATED)
    shared = dict(tables_module._ACTS_AT_ONCE)
    info = tables(menuset).infos["quiet"]
    assert info.listening is tables_module._ACTS_AT_ONCE
    assert info.keeps_listening("12") is False
    assert info.keeps_listening("") is True
    assert dict(tables_module._ACTS_AT_ONCE) == shared
    assert info.listening is not tables_module._ACTS_AT_ONCE


GLOBAL_OPTION_MENUS = """\
ivrkit: 1
name: Globals
language: en
languages: [en, fi]
entry: slow
settings:
  option_template: {en: "To {label}, press {key}.", fi: "{Label}: paina {key}."}
global_options:
  "0": {label: {en: speak with an agent, fi: asiakaspalvelija}, goto: bye}
  "9": {say: {en: For help press 9., fi: Apua saat painamalla 9.}, goto: bye}
nodes:
  slow:
    type: menu
    rate: 120
    say: {en: Slow menu., fi: Hidas valikko.}
    options:
      "1": {label: {en: go on, fi: jatka}, goto: fast}
  fast:
    type: menu
    rate: 220
    say: Fast menu.
    options:
      "1": {label: go back, goto: slow}
      "9": {label: {en: own nine, fi: oma yhdeksän}, goto: bye}
  plain:
    type: menu
    options:
      "1": {label: leave, goto: bye}
  bye: {type: hangup, say: Bye.}
"""


def test_a_global_option_is_timed_at_each_menus_rate_and_language():
    """A global option's sentence and seconds are made once per language and rate (`Tables._global_rows`):
    menus of another rate or language, and a menu whose own option takes the global key, plan as the plain
    way does (fails when the rows are kept by option alone)."""
    menuset = loads(GLOBAL_OPTION_MENUS)
    call = Session(menuset)
    for language in ["en", "fi", "sv", "en", "fi"]:
        for key in ["slow", "fast", "plain", "slow"]:
            fast = tables(menuset).node_plan({}, call.duration, key, language)
            plain = plain_plan(menuset, key, language)
            assert fast.segments == plain.segments, (key, language)
            assert [repr(s) for _, s, _ in fast.segments] == [repr(s) for _, s, _ in plain.segments]
    agent = {
        key: [
            fields[3]
            for fields, _, _ in tables(menuset).node_plan({}, call.duration, key, "en").segments
            if fields[5] == "0"
        ]
        for key in ["slow", "fast"]
    }
    assert agent["slow"][0] > agent["fast"][0]  # the same "0" sentence, slower at 120 than at 220
