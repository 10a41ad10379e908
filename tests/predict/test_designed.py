"""The designed route as a caller meets it: at the simulated moment (schedules, branches), with the call's
language, and with the extension a goal names; `agrees` only where the caller decides on that route."""

from __future__ import annotations

import datetime as dt

import pytest

from ivrkit.loader import load, loads
from ivrkit.predict.predict import designed_key, predict

from .fake_model import FakeModel
from .menus import goal, goals

MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0)
SATURDAY_12 = dt.datetime(2026, 11, 28, 12, 0)

DAY_AND_NIGHT = """\
ivrkit: 1
name: day and night
language: en
entry: check
schedules:
  office: {timezone: Europe/Helsinki, hours: {mon-fri: "08:00-16:00"}}
nodes:
  check:
    type: branch
    schedule: office
    cases:
      closed: night
      open: day
  day:
    type: menu
    say: Hello.
    options:
      "1": {label: opening hours, goto: hours}
      "2": {label: book a visit, goto: booking}
  night:
    type: menu
    say: We are closed.
    options:
      "1": {label: book a visit, goto: booking}
  hours: {type: transfer, number: "2"}
  booking: {type: transfer, number: "1"}
"""


def test_the_designed_route_follows_the_schedule_at_the_simulated_moment():
    menuset = loads(DAY_AND_NIGHT, "shop.yaml")
    item = goal("book a visit", "booking")
    assert designed_key(menuset, item, at=MONDAY_10) == "2"
    assert designed_key(menuset, item, at=SATURDAY_12) == "1"
    found = predict(menuset, goals(item), model=FakeModel(menuset), at=MONDAY_10).goals[0]
    assert (found.designed_menu, found.designed_key, found.route_keys) == ("day", "2", ("2",))
    assert found.first_menu == "day" and found.top_key == "2" and found.agrees is True
    night = predict(menuset, goals(item), model=FakeModel(menuset), at=SATURDAY_12).goals[0]
    assert (night.designed_menu, night.designed_key, night.agrees) == ("night", "1", True)


def test_a_goal_no_route_reaches_at_that_moment_is_not_compared():
    menuset = load("menus/callback-booking.yaml")
    item = goal("call me back tomorrow on this number", "next_morning_this_number")
    found = predict(menuset, goals(item, menu="menus/callback-booking.yaml"), at=MONDAY_10).goals[0]
    # On a Monday morning the caller hears offer_today, from which the next morning cannot be booked.
    assert found.first_menu == "offer_today"
    assert found.designed_key is None and found.agrees is None
    saturday = predict(menuset, goals(item, menu="menus/callback-booking.yaml"), at=SATURDAY_12).goals[0]
    assert (saturday.designed_menu, saturday.designed_key, saturday.first_menu) == (
        "offer_next_morning",
        "1",
        "offer_next_morning",
    )


def test_callers_deciding_in_another_menu_than_the_designed_route_are_not_counted_as_disagreeing():
    menuset = loads(
        DAY_AND_NIGHT.replace("closed: night", "closed: closed_menu").replace(
            "  night:",
            "  closed_menu:\n    type: menu\n    say: Closed.\n    options:\n"
            '      "1": {label: leave a message, goto: hours}\n'
            '      "2": {label: hear the opening hours, goto: night}\n'
            "  night:",
        ),
        "shop.yaml",
    )
    item = goal("leave a message", "booking")
    found = predict(menuset, goals(item), model=FakeModel(menuset), at=SATURDAY_12).goals[0]
    # The designed route passes closed_menu by 2, then night by 1; the caller decides in closed_menu (1).
    assert (found.designed_menu, found.designed_key, found.first_menu, found.top_key) == (
        "closed_menu",
        "2",
        "closed_menu",
        "1",
    )
    assert found.agrees is False


def test_an_extension_the_goal_names_is_a_key_of_the_designed_route():
    menuset = loads(
        """\
ivrkit: 1
name: switchboard
language: en
entry: main
nodes:
  main:
    type: menu
    say: Dial an extension, or press 9 for sales.
    options:
      "9": {label: sales, goto: sales}
    extensions: {min: 4, max: 4, goto: ext}
  sales: {type: transfer, number: "1"}
  ext: {type: transfer, number: "2"}
""",
        "shop.yaml",
    )
    found = predict(menuset, goals(goal("call extension 1000", "ext"))).goals[0]
    assert found.designed_key == "1000" and found.route_keys == ("1000",)
    assert found.top_key == "1000" and found.agrees is True


@pytest.mark.parametrize("name", ["aurora-pankki"])
def test_out_of_hours_no_goal_is_marked_against_a_menu_the_caller_never_hears(name):
    menuset = load(f"examples/{name}.yaml")
    from ivrkit.goals.check import load_goals_for

    prediction = predict(menuset, load_goals_for(menuset), at=SATURDAY_12)
    for found in prediction.goals:
        if found.agrees is not None and found.designed_key != "-":
            assert found.first_menu == found.designed_menu
        assert found.designed_menu != "paavalikko"  # the main menu is not played on a Saturday


def test_the_designed_keys_of_every_menu_on_the_route_at_a_moment():
    from ivrkit.engine.events import Arrive
    from ivrkit.engine.session import Session
    from ivrkit.predict.designed import designed_keys

    menuset = loads(DAY_AND_NIGHT, "shop.yaml")
    item = goal("book a visit", "booking")

    def arrival_at(node):
        return lambda events: next((e.at for e in events if isinstance(e, Arrive) and e.node == node), None)

    reached = arrival_at("booking")

    def at(moment):
        return lambda: Session(menuset, at=moment)

    assert designed_keys(menuset, item, at(MONDAY_10), reached) == (("day", "2"),)
    assert designed_keys(menuset, item, at(SATURDAY_12), reached) == (("night", "1"),)
    hours = goal("opening hours", "hours")
    assert designed_keys(menuset, hours, at(MONDAY_10), arrival_at("hours")) == (("day", "1"),)
    assert designed_keys(menuset, hours, at(SATURDAY_12), arrival_at("hours")) is None
