"""Snapshot tests (pytest-textual-snapshot) at a fixed terminal size; update with --snapshot-update and review the SVG diffs.

Deterministic by construction: a RecordingSpeaker (speech lasts until the test finishes it), no real
timeouts, the default simulated time, and a frozen cursor blink.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from .conftest import DATA, SIZE, listening, make_app, speak_through, until


@pytest.fixture(autouse=True)
def frozen_cursor(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


def test_main_screen_waiting_for_a_key(snap_compare):
    app, speaker = make_app(DATA / "tiny.yaml")

    async def run_before(pilot):
        await speak_through(pilot, speaker)
        await until(pilot, lambda: listening(app) and app.call.linted)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_main_screen_during_the_first_prompt(snap_compare):
    app, speaker = make_app(DATA / "tiny.yaml")

    async def run_before(pilot):
        await until(pilot, lambda: speaker.current is not None and app.call.linted)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare):
    app, speaker = make_app(DATA / "tiny.yaml")

    async def run_before(pilot):
        await until(pilot, lambda: speaker.current is not None and app.call.linted)
        await pilot.press("question_mark")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_load_error_screen(snap_compare):
    app, speaker = make_app(DATA / "broken.yaml")

    async def run_before(pilot):
        await until(pilot, lambda: app.call.query_one("#switcher").current == "error-view")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_save_dialog(snap_compare, tmp_path):
    import shutil

    shutil.copy(DATA / "tiny.yaml", tmp_path / "tiny.yaml")
    app, speaker = make_app(tmp_path / "tiny.yaml")

    async def run_before(pilot):
        await speak_through(pilot, speaker)
        await pilot.press("2")
        await speak_through(pilot, speaker)
        await until(pilot, lambda: app.call.session.ended and app.call.linted)
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "SaveDialog")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_goals_panel(snap_compare, monkeypatch):
    """The panel's layout, from a fixed view: the model's figures are pinned elsewhere (tests/tui/test_goals.py)."""
    from ivrkit.tui import goals
    from ivrkit.tui.goals import GoalRow, GoalsView

    view = GoalsView(
        file="shop.goals.yaml",
        on_route={
            "main": (
                GoalRow("where is my parcel", "1", 0.68, "1", 0.9),
                GoalRow("I want to send a jumper back", "wait", 0.7, "1", 0.2),
                GoalRow("what time do you open", "2", 0.98, "2", 1.0),
            )
        },
        success_rate=0.7,
    )
    monkeypatch.setattr(goals, "goals_view", lambda menuset, threshold, **moment: view)
    app, speaker = make_app(DATA / "shop.yaml")

    async def run_before(pilot):
        await speak_through(pilot, speaker)
        await until(pilot, lambda: listening(app) and app.call.linted and app.call.goals is not None)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
