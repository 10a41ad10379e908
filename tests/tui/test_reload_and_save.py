"""Editing the menu while the app runs (good and broken edits), and saving calls as call-script cases."""

from __future__ import annotations

import os

from ivrkit.engine.callscript import load_script, run_script
from ivrkit.speech.null import RecordingSpeaker

from .conftest import SIZE, listening, make_app, speak_through, transcript, until


def edit(path, text: str) -> None:
    """Write `text` and move the mtime on, so the change is seen even on coarse-mtime filesystems."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


async def test_an_edit_on_disk_reloads_the_menu_and_restarts_the_call(tiny):
    app, speaker = make_app(tiny, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app))
        good = tiny.read_text(encoding="utf-8")
        edit(tiny, good.replace("Welcome to the tiny line.", "Welcome to the renamed line."))
        await until(pilot, lambda: "Welcome to the renamed line." in speaker.texts, what="the reload")
        assert "menu reloaded from disk" in transcript(app)[0]


async def test_a_broken_edit_shows_the_load_errors_and_the_app_recovers(tiny):
    app, speaker = make_app(tiny, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app))
        good = tiny.read_text(encoding="utf-8")
        edit(tiny, good.replace("goto: sales", "goto: salse"))
        switcher = app.call.query_one("#switcher")
        await until(pilot, lambda: switcher.current == "error-view", what="the error view")
        errors = str(app.call.query_one("#errors").render())
        assert "tiny.yaml:14:" in errors and "salse" in errors and "did you mean `sales`?" in errors
        assert "the menu does not load" in str(app.call.query_one("#status").render())
        await pilot.press("1", "r", "s")  # keys on a broken menu do nothing, calmly
        assert app.screen is app.call
        edit(tiny, "ivrkit: 1\nnodes: [\n")  # broken YAML too
        await until(
            pilot,
            lambda: (
                "tiny.yaml:" in str(app.call.query_one("#errors").render())
                and "salse" not in str(app.call.query_one("#errors").render())
            ),
        )
        edit(tiny, good)
        await until(pilot, lambda: switcher.current == "call-view" and listening(app), what="the recovery")
        assert app.call.session.node == "main"
        await pilot.press("2")
        await until(pilot, lambda: app.call.session.ended)
        assert app.call.session.node == "hours"


async def test_a_menu_that_does_not_load_at_launch_is_shown_not_raised(tmp_path):
    path = tmp_path / "missing-node.yaml"
    path.write_text("ivrkit: 1\nname: x\nlanguage: en\nentry: nowhere\nnodes: {}\n", encoding="utf-8")
    app, speaker = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.query_one("#switcher").current == "error-view")
        assert "missing-node.yaml:" in str(app.call.query_one("#errors").render())
        assert speaker.said == []


async def test_saved_calls_become_a_passing_call_script_and_earlier_calls_are_kept(tiny):
    script = tiny.with_name("tiny.calls.yaml")
    app, speaker = make_app(tiny)
    async with app.run_test(size=SIZE) as pilot:
        # call 1: wait for the options, press 1
        await speak_through(pilot, speaker)
        await pilot.press("1")
        await speak_through(pilot, speaker)
        await until(pilot, lambda: app.call.session.ended)
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "SaveDialog")
        await pilot.press("enter")
        await until(pilot, lambda: script.exists())
        first = script.read_text(encoding="utf-8")
        assert 'press: "1"' in first and 'reaches: "sales"' in first

        # call 2: barge in with 2 during the second option
        await pilot.press("r")
        await speak_through(
            pilot,
            speaker,
            stop_when=lambda: (
                speaker.current is not None and speaker.current.text.startswith("To hear our opening hours")
            ),
        )
        interrupted = speaker.current
        await pilot.press("2")
        assert interrupted.stopped
        await speak_through(pilot, speaker)
        await until(pilot, lambda: app.call.session.ended)
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "SaveDialog")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        assert script.read_text(encoding="utf-8") == first  # nothing written before the answer
        await pilot.press("y")
        await until(pilot, lambda: script.read_text(encoding="utf-8") != first)

        # the same name again is refused in the dialog
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "SaveDialog")
        assert app.screen.query_one("#save-name").value == "reach hours (2)"  # a free name by default
        app.screen.query_one("#save-name").value = "reach sales"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveDialog"
        assert "already has a call named" in str(app.screen.query_one("#save-error").render())
        await pilot.press("escape")

    text = script.read_text(encoding="utf-8")
    assert text.startswith(first.rstrip("\n"))  # the first call and the header comment are untouched
    loaded = load_script(script)
    assert [call.name for call in loaded.calls] == ["reach sales", "reach hours"]
    assert loaded.calls[1].press.startswith("2@")
    results = run_script(loaded)
    assert all(result.passed for result in results), [result.failures for result in results]


async def test_saving_into_an_existing_hand_written_script_keeps_its_comments(tiny):
    script = tiny.with_name("tiny.calls.yaml")
    original = (
        '# hand-written\nmenu: tiny.yaml\ncalls:\n  # the sales line\n  - name: sales\n    press: "1"\n'
        "    expect: {reaches: sales}   # keep me\n\n# trailing note\n"
    )
    script.write_text(original, encoding="utf-8")
    app, speaker = make_app(tiny, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app))
        app.call.time_out()
        await until(pilot, lambda: listening(app))
        await pilot.press("2")
        await until(pilot, lambda: app.call.session.ended)
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "SaveDialog")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("n")  # no: the file stays as it is
        await pilot.pause()
        assert script.read_text(encoding="utf-8") == original
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "SaveDialog")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("y")
        await until(pilot, lambda: script.read_text(encoding="utf-8") != original)
    text = script.read_text(encoding="utf-8")
    for line in original.splitlines():
        assert line in text.splitlines()
    loaded = load_script(script)
    assert [call.press for call in loaded.calls] == ["1", "wait 2"]
    assert all(result.passed for result in run_script(loaded))


def _deep_script(levels: int) -> str:
    """A call script whose first call holds `levels` nested lists (issue 10: 600 crashed the app)."""
    return (
        'menu: tiny.yaml\ncalls:\n  - name: deep\n    press: "1"\n    expect: {reaches: sales}\n'
        f"    x-notes: {'[' * levels}{']' * levels}\n"
    )


async def test_saving_onto_a_script_nested_600_levels_deep_is_a_calm_error(tiny):
    script = tiny.with_name("tiny.calls.yaml")
    original = _deep_script(600)
    script.write_text(original, encoding="utf-8")
    app, speaker = make_app(tiny, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app))
        await pilot.press("1")
        await until(pilot, lambda: app.call.session.ended)
        await pilot.press("s")
        await until(pilot, lambda: list(app._notifications), what="the notification")
        messages = [notification.message for notification in app._notifications]
        assert len(messages) == 1, messages
        # the loader's own limit and position (column 111: the list opened at depth 101)
        assert messages[0].startswith("tiny.calls.yaml cannot be read: line 6, column 111: ")
        assert "nested more than 100 levels" in messages[0] and messages[0].endswith("; it is left as it is.")
        assert app.screen is app.call and app.is_running  # no traceback, no exit
    assert script.read_text(encoding="utf-8") == original
