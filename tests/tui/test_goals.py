"""The goals panel of `ivrkit sim`: the current menu's caller goals, the key each caller would press there and
P(success) as `ivrkit predict` says, computed once per menu load in a worker thread; `g` toggles it; nothing
without a goals file."""

from __future__ import annotations

import shutil
import threading

import pytest

from ivrkit.goals import load_goals_for
from ivrkit.loader import load
from ivrkit.predict.predict import predict
from ivrkit.speech.null import RecordingSpeaker
from ivrkit.tui import goals as tui_goals
from ivrkit.tui.goals import GoalRow, GoalsView, goals_view
from ivrkit.tui.widgets.goals import goals_text

from .conftest import DATA, SIZE, listening, make_app, until
from .test_reload_and_save import edit

SHOP = DATA / "shop.yaml"


@pytest.fixture
def shop(tmp_path):
    """A private copy of the shop menu and its goals file, to edit."""
    for name in ("shop.yaml", "shop.goals.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / "shop.yaml"


def panel_text(app) -> str:
    return str(app.call.query_one("#goals").render())


# -- what the panel shows (no app) ---------------------------------------------------------------------------


def test_the_view_lists_the_goals_whose_route_passes_each_menu_with_predict_s_success():
    menuset = load(SHOP)
    view = goals_view(menuset)
    assert view.file is not None and view.file.endswith("shop.goals.yaml") and view.problem is None
    prediction = predict(menuset, load_goals_for(menuset))
    success = {p.goal.say: p.p_success for p in prediction.goals}
    main, passing = view.rows("main")
    assert passing and [row.say for row in main] == [p.goal.say for p in prediction.goals]  # every route starts there
    orders, passing = view.rows("orders")
    assert passing and [row.say for row in orders] == ["where is my parcel", "I want to send a jumper back"]
    for row in main + orders:
        assert row.p_success == success[row.say], "the figure `ivrkit predict` prints"
    assert {row.designed for row in orders} == {"1", "2"}
    assert view.success_rate == prediction.success_rate


def test_a_menu_no_route_passes_lists_every_goal_and_a_node_that_is_no_menu_lists_none():
    view = GoalsView(
        file="x.goals.yaml",
        on_route={"main": (GoalRow("a", "1", 0.9, "1", 0.8),)},
        elsewhere={"other": (GoalRow("a", "wait", 0.6, None, 0.8), GoalRow("b", "2", 0.5, None, 0.3))},
    )
    assert view.rows("other") == (view.elsewhere["other"], False)
    assert view.rows("hours") == ((), False)
    text = goals_text(view, "other").plain
    assert text.splitlines() == [
        "No goal's route passes here; every goal:",
        "a",
        "  wait 60% · success 80%",
        "b",
        "  2 50% · success 30%",
    ]
    assert goals_text(view, "hours").plain == "No goal's route passes hours."
    assert goals_text(view, None).plain == "The caller has not reached a menu yet."


def test_a_likely_key_off_the_designed_route_names_the_route_s_key():
    view = GoalsView(file="x", on_route={"main": (GoalRow("pay", "1", 0.7, "2", 0.25),)})
    assert goals_text(view, "main").plain.splitlines() == ["pay", "  1 70% · success 25% · route: 2"]


def test_a_goals_file_that_does_not_load_is_the_panel_s_message(shop):
    goals = shop.with_name("shop.goals.yaml")
    goals.write_text(goals.read_text(encoding="utf-8").replace("reaches: returns", "reaches: retrns"), "utf-8")
    view = goals_view(load(shop))
    assert view.problem is not None and "shop.goals.yaml:7:" in view.problem and "`retrns`" in view.problem
    assert goals_text(view, "main").plain == view.problem


def test_no_goals_file_no_view():
    view = goals_view(load(DATA / "tiny.yaml"))
    assert view == GoalsView() and view.file is None


# -- the app ---------------------------------------------------------------------------------------------------


async def test_the_panel_shows_the_current_menu_s_goals_and_follows_the_caller(shop):
    app, speaker = make_app(shop, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app) and app.call.goals is not None, what="the predictions")
        box = app.call.query_one("#goals-box")
        assert box.display
        assert box.border_title.startswith("Goals at main · ")
        text = panel_text(app)
        assert "what time do you open" in text and " · success " in text
        await pilot.press("1")
        await until(pilot, lambda: app.call.session.node == "orders" and listening(app), what="the orders menu")
        assert box.border_title.startswith("Goals at orders")
        text = panel_text(app)
        assert "where is my parcel" in text and "what time do you open" not in text
        await pilot.press("1")
        await until(pilot, lambda: app.call.session.ended, what="the end of the call")
        assert box.border_title.startswith("Goals at orders"), "a destination keeps the last menu's goals"


async def test_g_hides_and_shows_the_panel_and_the_help_and_footer_name_it(shop):
    app, speaker = make_app(shop, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.goals is not None, what="the predictions")
        box = app.call.query_one("#goals-box")
        assert box.display
        await pilot.press("g")
        assert not box.display
        await pilot.press("g")
        assert box.display
        assert any(b.key == "g" and b.show and b.description == "Goals" for b in app.call.BINDINGS)
        await pilot.press("question_mark")
        help_text = str(app.screen.query_one("Static").render())
        assert "show or hide the caller goals" in help_text


async def test_without_a_goals_file_there_is_no_panel_and_g_says_why(tiny):
    app, speaker = make_app(tiny, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app) and app.call.goals is not None, what="the goals worker")
        box = app.call.query_one("#goals-box")
        assert not box.display
        await pilot.press("g")
        await pilot.pause()
        assert not box.display
        messages = [notification.message for notification in app._notifications]
        assert any("tiny.goals.yaml" in message for message in messages), messages


async def test_predictions_are_computed_once_per_load_off_the_ui_thread_and_again_when_the_goals_change(
    shop, monkeypatch
):
    calls: list[str] = []

    def recording(menuset, threshold, **moment):
        calls.append(threading.current_thread().name)
        return goals_view(menuset, threshold, **moment)

    monkeypatch.setattr(tui_goals, "goals_view", recording)
    app, speaker = make_app(shop, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.goals is not None, what="the predictions")
        assert len(calls) == 1 and calls[0] != threading.main_thread().name
        await pilot.press("1")
        await until(pilot, lambda: app.call.session.node == "orders" and listening(app), what="the orders menu")
        assert len(calls) == 1, "moving through the menus computes nothing"
        goals = shop.with_name("shop.goals.yaml")
        edit(goals, goals.read_text(encoding="utf-8").replace("what time do you open", "are you open on Sunday"))
        await until(pilot, lambda: len(calls) == 2 and app.call.goals is not None, what="the new predictions")
        await until(pilot, lambda: "are you open on Sunday" in panel_text(app), what="the new goal in the panel")


async def test_the_panel_predicts_at_the_sim_s_moment_and_in_its_language(shop, monkeypatch):
    import datetime as dt

    asked: list[dict] = []

    def recording(menuset, threshold, **moment):
        asked.append(moment)
        return goals_view(menuset, threshold, **moment)

    monkeypatch.setattr(tui_goals, "goals_view", recording)
    saturday = dt.datetime(2026, 11, 28, 12, 0)
    app, speaker = make_app(shop, speaker=RecordingSpeaker(auto_finish=True), at=saturday, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.goals is not None, what="the predictions")
        assert asked == [{"at": saturday, "language": "en"}]


async def test_a_failing_prediction_is_shown_in_the_panel_not_raised(shop, monkeypatch):
    def failing(menuset, threshold, **moment):
        raise RuntimeError("model exploded")

    monkeypatch.setattr(tui_goals, "goals_view", failing)
    app, speaker = make_app(shop, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.goals is not None, what="the worker")
        assert "predictions unavailable: RuntimeError: model exploded" in panel_text(app)


async def test_under_ivrkit_sim_the_lint_findings_include_gl001(shop):
    from ivrkit.cli.common import predict_goals
    from ivrkit.lint.predictor import goal_predictor, predict_goals_with

    goals = shop.with_name("shop.goals.yaml")
    goals.write_text(
        goals.read_text(encoding="utf-8") + "  - say: the weather forecast for my wedding\n    reaches: returns\n",
        encoding="utf-8",
    )
    before = goal_predictor()
    predict_goals_with(predict_goals)  # as `ivrkit sim` runs the app: inside the command, with its predictor
    try:
        app, speaker = make_app(shop, speaker=RecordingSpeaker(auto_finish=True))
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.call.linted, what="the lint")
            gl001 = [f for f in app.call.findings if f.code == "GL001"]
            assert any("the weather forecast for my wedding" in f.message for f in gl001), gl001
    finally:
        predict_goals_with(before)


async def test_the_panel_marks_the_goals_below_gl001_s_configured_threshold(shop):
    shop.with_name(".ivrkit.yaml").write_text("lint:\n  rules:\n    GL001: {threshold: 0.95}\n", encoding="utf-8")
    (shop.parent / ".git").mkdir()
    assert tui_goals.gl001_threshold(str(shop)) == 0.95
    app, speaker = make_app(shop, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.goals is not None, what="the predictions")
        assert app.call.goals.threshold == 0.95


def test_the_threshold_is_gl001_s_default_without_a_configuration_or_with_a_broken_one(tmp_path):
    (tmp_path / ".git").mkdir()
    menu = tmp_path / "menu.yaml"
    assert tui_goals.gl001_threshold(str(menu)) == 0.5
    (tmp_path / ".ivrkit.yaml").write_text("lint:\n  rules:\n    GL001: {threshold: lots}\n", encoding="utf-8")
    assert tui_goals.gl001_threshold(str(menu)) == 0.5


async def test_at_main_the_panel_shows_every_northwind_goal_with_ivrkit_predict_s_top_key(capsys):
    """Every goal, not the first alone: ties (0 and silence at 50% each) are broken as predict's `top_key`."""
    import json

    from ivrkit.cli import main

    from .conftest import REPO

    northwind = REPO / "examples" / "northwind-energy.yaml"
    assert main(["predict", str(northwind), "--json"]) == 0
    predicted = json.loads(capsys.readouterr().out)["goals"]
    assert any(goal["first_key"].get("wait") == goal["first_key"][goal["top_key"]] for goal in predicted), (
        "northwind has a goal whose first key ties with silence"
    )
    app, _ = make_app(northwind, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app) and app.call.goals is not None, what="the predictions")
        assert app.call.session.node == "main"
        rows, passing = app.call.goals.rows("main")
        assert passing and [row.say for row in rows] == [goal["say"] for goal in predicted]
        lines = panel_text(app).splitlines()
        for goal, row in zip(predicted, rows):
            assert goal["first_menu"] == "main"
            key = goal["top_key"]
            assert (row.key, round(row.key_share, 6)) == (key, goal["first_key"][key]), goal["say"]
            shown = f"  {key} {100 * goal['first_key'][key]:.0f}% · success {100 * goal['p_success']:.0f}%"
            assert lines[lines.index(goal["say"]) + 1].startswith(shown), goal["say"]


def test_the_panel_marks_a_goal_as_gl001_compares_it_by_the_printed_figure():
    """0.926 against 0.93 prints 93%: not marked (GL001 does not report it); 0.924 prints 92%: marked."""

    def marked(p_success: float) -> bool:
        view = GoalsView(file="x", on_route={"main": (GoalRow("pay", "1", 0.9, "1", p_success),)}, threshold=0.93)
        text = goals_text(view, "main")
        figure = text.plain.index(f"success {100 * p_success:.0f}%") + len("success ")
        return any(span.style == "bold red" and span.start == figure for span in text.spans)

    assert not marked(0.926)
    assert marked(0.924)


def test_the_view_takes_the_moment_of_the_sim_the_designed_route_as_predict_meets_it():
    """Review item 1, the panel's side: out of hours the designed route does not pass the main menu, which the
    caller never hears; the success is predict's at that moment."""
    import datetime as _dt

    from .conftest import REPO

    aurora = load(REPO / "examples" / "aurora-pankki.yaml")
    saturday = _dt.datetime(2026, 11, 28, 12, 0)
    weekday_view, saturday_view = goals_view(aurora), goals_view(aurora, at=saturday)
    assert "paavalikko" in weekday_view.on_route
    assert "paavalikko" not in saturday_view.on_route
    prediction = predict(aurora, load_goals_for(aurora), at=saturday)
    assert saturday_view.success_rate == prediction.success_rate != weekday_view.success_rate
