"""FirstTimeCaller: the moves it makes at each kind of waiting state, and what it reads from the session."""

from __future__ import annotations

import pytest

from ivrkit.engine.session import Session
from ivrkit.loader import loads
from ivrkit.predict.policy import HANG_UP, WAIT, FirstTimeCaller, Move, call_facts, sample_digits
from ivrkit.predict.routes import GoalRoutes, is_language_menu

from .fake_model import FakeModel, FakeParams
from .menus import goal, shop


def started(menuset, **kwargs) -> Session:
    session = Session(menuset, **kwargs)
    session.start()
    return session


def test_a_barge_in_key_is_pressed_reaction_seconds_after_its_option_is_heard():
    menuset = shop()
    caller = FirstTimeCaller(menuset, goal("track my order", "tracking"), FakeModel(menuset))
    session = started(menuset)
    moves = dict((move.keys, (p, move)) for p, move in caller.moves(session))
    heard = session.option_heard_at("1")
    assert heard is not None
    probability, move = moves["1"]
    assert move.after == pytest.approx(heard + 0.5, abs=0.01)
    assert move.after >= heard + 0.5  # rounded up to 0.01 s, never before the reaction
    assert move.token() == f"1@{move.after:g}"


def test_probabilities_sum_to_one_and_silence_is_a_wait():
    menuset = shop()
    caller = FirstTimeCaller(menuset, goal("track my order", "tracking"), FakeModel(menuset))
    moves = caller.moves(started(menuset))
    assert sum(p for p, _ in moves) == pytest.approx(1.0)
    assert (pytest.approx(0.1), WAIT) in [(p, m) for p, m in moves]


def test_no_barge_in_menu_presses_after_the_speech():
    menuset = loads(shop_text_with("settings: {timeout: 5, retries: 2, fallback: agent, barge_in: false}"), "shop.yaml")
    caller = FirstTimeCaller(menuset, goal("track my order", "tracking"), FakeModel(menuset))
    moves = [m for _, m in caller.moves(started(menuset)) if m.kind == "press"]
    assert moves and all(m.after is None for m in moves)
    assert moves[0].token() == "1"


def shop_text_with(settings: str) -> str:
    from .menus import SHOP

    return SHOP.replace("settings: {timeout: 5, retries: 2, fallback: agent}", settings)


def test_attempt_counts_earlier_plays_of_the_menu():
    menuset = shop()
    model = FakeModel(menuset)
    caller = FirstTimeCaller(menuset, goal("track my order", "tracking"), model)
    session = started(menuset)
    assert call_facts(session).plays == {"main": 1}
    caller.moves(session)
    session.wait()  # no input: the menu plays again
    caller.moves(session)
    assert [(node, attempt) for node, attempt, _ in model.calls] == [("main", 0), ("main", 1)]
    assert call_facts(session).moves == 1


def test_lost_after_a_wrong_turn_and_back_recovers():
    menuset = shop()
    model = FakeModel(menuset)
    caller = FirstTimeCaller(menuset, goal("track my order", "tracking"), model)
    session = started(menuset)
    assert caller.on_route(session)
    session.press("2")  # returns: no route on to tracking without turning back
    assert not caller.on_route(session)
    moves = caller.moves(session)
    assert model.calls[-1] == ("returns", 0, True)
    assert [m.keys for _, m in moves] == ["*"]  # the fake model goes back when lost
    session.press("*")
    assert session.node == "main" and caller.on_route(session)


def test_lost_caller_out_of_patience_hangs_up_instead_of_waiting():
    menuset = shop()
    model = FakeModel(menuset, FakeParams(patience=1), fixed={"returns": ({}, 1.0)})
    caller = FirstTimeCaller(menuset, goal("track my order", "tracking"), model)
    session = started(menuset)
    session.press("2")
    assert caller.moves(session) == [(1.0, WAIT)]  # first hearing: still listening
    session.wait()
    assert caller.moves(session) == [(1.0, HANG_UP)]


def test_the_caller_gives_up_after_max_moves():
    menuset = shop()
    caller = FirstTimeCaller(menuset, goal("zzz", "agent"), FakeModel(menuset, fixed={"main": ({"9": 1.0}, 0.0)}))
    caller.MAX_MOVES = 2
    session = started(menuset)
    session.press("9")
    assert caller.moves(session)[0][1].kind == "press"
    session.press("9")
    assert caller.moves(session) == [(1.0, HANG_UP)]


def test_input_confirm_and_pending_keys():
    text = """\
ivrkit: 1
name: input
language: en
entry: number
nodes:
  number: {type: input, say: Your number., digits: {min: 4, max: 6}, confirm: true, next: done}
  done: {type: hangup, say: Thanks.}
"""
    menuset = loads(text, "input.yaml")
    caller = FirstTimeCaller(menuset, goal("x", "done"), FakeModel(menuset))
    session = started(menuset)
    assert caller.moves(session) == [(1.0, Move("press", "1234#"))]
    session.press("1234#")
    assert session.mode == "confirm"
    assert caller.moves(session) == [(1.0, Move("press", "1"))]
    session.press("1")
    assert caller.reached(session) is not None
    node = menuset.nodes["number"]
    assert sample_digits(node) == "1234#"


def test_routes_follow_then_and_return():
    import ivrkit
    from ivrkit.model import Target

    menuset = ivrkit.load("examples/northwind-energy.yaml")
    routes = GoalRoutes(menuset, ["card_payment"])
    block = "menus/account-number.yaml#enter_account"
    assert routes.on_route("main")
    assert not routes.on_route(block)  # nothing on the stack: its `return` leads nowhere
    then = Target("billing", "billing", None)  # type: ignore[arg-type]
    assert routes.on_route(block, stack=[then])
    assert routes.on_route("billing", history=["main"])  # billing leads on to card_payment
    assert not routes.on_route("power_cut", history=["main"])  # only its way back to main would lead there
    assert routes.designed_keys("welcome") == (("main", "1"), ("billing", "1"))


def test_a_language_menu_is_not_a_decision_menu():
    import ivrkit

    menuset = ivrkit.load("examples/kaupunki-bilingual.yaml")
    languages = [key for key in menuset.nodes if is_language_menu(menuset, key)]
    assert languages == ["menus/language-select.yaml#choose_language"]
    assert not is_language_menu(menuset, "paavalikko")
