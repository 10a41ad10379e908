"""Whole calls driven through the app with a RecordingSpeaker: speech, barge-in, timeouts, destinations."""

from __future__ import annotations

from ivrkit.engine import Session, Speak
from ivrkit.loader import load
from ivrkit.speech.null import RecordingSpeaker, SilentSpeaker
from ivrkit.tui.screens import call as call_screen

from .conftest import DATA, REPO, SIZE, listening, make_app, speak_through, transcript, until

NORTHWIND = REPO / "examples" / "northwind-energy.yaml"


def engine_texts(path, *keys) -> list[str]:
    """What the engine itself says for a call: the reference the app must match."""
    session = Session(load(path))
    events = session.start()
    for key in keys:
        events += session.press(key)
    return [event.text for event in events if isinstance(event, Speak)]


async def test_the_app_says_every_segment_in_order():
    app, speaker = make_app(NORTHWIND)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: speaker.said, what="the first prompt")
        assert speaker.texts == ["Thank you for calling Northwind Energy."]
        assert speaker.current.language == "en"
        await speak_through(pilot, speaker)
        assert speaker.texts == engine_texts(NORTHWIND)
        assert app.call.session.node == "main"
        assert "waiting for a key" in app.call._state
        lines = transcript(app)
        assert any("ivr     To report a power cut, press 2." in line for line in lines)


async def test_a_key_during_a_prompt_stops_the_speech_at_once():
    app, speaker = make_app(NORTHWIND)
    async with app.run_test(size=SIZE) as pilot:
        await speak_through(
            pilot,
            speaker,
            stop_when=lambda: speaker.current is not None and speaker.current.text.startswith("To report a power cut"),
        )
        interrupted = speaker.current
        await pilot.press("2")
        assert interrupted.stopped and not interrupted.finished
        assert app.call.measure["press_to_stop"]
        await until(pilot, lambda: app.call.session.node == "power_cut", what="the power cut menu")
        lines = transcript(app)
        cut_line = next(line for line in lines if "To report a power cut, press 2." in line)
        assert cut_line.endswith("✂")
        assert any("(speech cut after" in line for line in lines)
        assert "To give us a meter reading, press 3." not in speaker.texts  # never said: the caller cut in
        assert speaker.current.text.startswith("If a power line is down")
        [(_, keys, after)] = [step for step in app.call.steps if step[0] == "press"]
        assert keys == "2" and after is not None  # saved as a barge-in step, 2@<seconds>


async def test_silence_times_out_into_the_no_input_reprompt_and_the_fallback():
    app, speaker = make_app(DATA / "tiny.yaml", speaker=RecordingSpeaker(auto_finish=True), timeouts=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.session is not None and app.call.session.ended, what="the call end")
        assert speaker.texts == [
            "Welcome to the tiny line.",
            "To speak to sales, press 1.",
            "To hear our opening hours, press 2.",
            "Sorry, I didn't hear a choice.",
            "Welcome to the tiny line.",
            "To speak to sales, press 1.",
            "To hear our opening hours, press 2.",
            "Connecting you to a person.",
        ]
        lines = transcript(app)
        assert any("says nothing (no input 1)" in line for line in lines)
        assert any("transfer to queue people" in line for line in lines)
        assert [step[0] for step in app.call.steps] == ["wait", "wait"]


async def test_keys_walk_to_a_destination_and_the_map_shows_the_path():
    app, speaker = make_app(NORTHWIND, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app), what="the main menu")
        assert app.call.session.node == "main"
        await pilot.press("2")
        await until(pilot, lambda: listening(app) and app.call.session.node == "power_cut")
        await pilot.press("1")
        await until(pilot, lambda: app.call.session.ended, what="the transfer")
        assert app.call.session.node == "faults"
        assert "Connecting you to our power cut team." in speaker.texts
        assert app.call.query_one("#menu-map").path[-3:] == ["main", "power_cut", "faults"]
        status = str(app.call.query_one("#status").render())
        assert "node faults" in status and "call ended" in status
        await pilot.press("3")  # after the end, keys do nothing (and do not crash)
        await pilot.press("r")
        await until(pilot, lambda: listening(app) and app.call.session.node == "main")
        assert app.call.steps == [] and app.call.query_one("#menu-map").path == [
            "welcome",
            "outage_check",
            "check_hours",
            "main",
        ]


async def test_clicking_the_keypad_presses_keys():
    app, speaker = make_app(DATA / "tiny.yaml", speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app))
        await pilot.click("#key-2")
        await until(pilot, lambda: app.call.session.ended)
        assert app.call.session.node == "hours"
        assert speaker.texts[-1] == "We are open every day from nine to five. Goodbye."


async def test_hang_up_ends_the_call():
    app, speaker = make_app(DATA / "tiny.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: speaker.current is not None)
        # a hang-up within the first hundredth of a second comes before any speech was heard
        await until(pilot, lambda: app.call.simulated_now() >= 0.05, what="some speech heard")
        playing = speaker.current
        await pilot.press("h")
        assert playing.stopped
        await until(pilot, lambda: app.call.session.ended)
        assert any("call ends (caller)" in line for line in transcript(app))
        # the call ends where the caller hung up, mid-prompt: not after speech nobody heard
        events = app.call.session.events
        first_index, first = next((i, event) for i, event in enumerate(events) if isinstance(event, Speak))
        assert first.at <= events[-1].at <= first.at + first.duration
        assert [type(event).__name__ for event in events[first_index + 1 :]] in (
            ["SpeechCut", "HangupEvent"],
            ["HangupEvent"],
        )  # cut, or (a stalled test machine) just finished
        [(action, _, after)] = app.call.steps
        assert action == "hangup" and after is not None


async def test_muted_speech_is_timed_and_the_reason_is_shown_calmly():
    app, _ = make_app(DATA / "tiny.yaml", speaker=SilentSpeaker(reason="no audio device"), speed=2000, timeouts=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.session and app.call.session.ended, what="the call end")
        status = str(app.call.query_one("#status").render())
        assert "speech: no audio device" in status
        assert any("Sorry, I didn't hear a choice." in line for line in transcript(app))


async def test_the_caller_language_and_time_are_passed_to_the_session():
    import datetime as dt

    path = REPO / "examples" / "kaupunki-bilingual.yaml"
    app, speaker = make_app(
        path, speaker=RecordingSpeaker(auto_finish=True), language="en", at=dt.datetime(2026, 11, 23, 10, 0)
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app))
        assert app.call.session.language == "en"
        expected = [(e.text, e.language) for e in Session(load(path), language="en").start() if isinstance(e, Speak)]
        assert [(u.text, u.language) for u in speaker.said] == expected
        assert "en" in {u.language for u in speaker.said}


async def test_help_screen_lists_the_keys():
    app, speaker = make_app(DATA / "tiny.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: speaker.said)
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ == "CallScreen"


async def test_a_timeout_can_be_driven_by_the_test():
    app, speaker = make_app(DATA / "tiny.yaml", speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app))
        status = str(app.call.query_one("#status").render())
        assert "node main" in status and "attempts left 2" in status and "waiting for a key (5 s)" in status
        app.call.time_out()
        await until(pilot, lambda: listening(app))
        assert speaker.texts[3] == "Sorry, I didn't hear a choice."
        assert "attempts left 1" in str(app.call.query_one("#status").render())
        await pilot.press("1")
        await until(pilot, lambda: app.call.session.ended)
        assert app.call.session.node == "sales"


async def test_the_findings_panel_shows_the_findings_of_the_current_node():
    app, speaker = make_app(DATA / "tiny.yaml", speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app) and app.call.linted)
        panel = str(app.call.query_one("#findings").render())
        assert "HD002" in panel and "KY003" in panel and "SV003" not in panel  # SV003 is about `sales`
        assert all(f.node for f in app.call.findings)
        await pilot.press("1")
        await until(pilot, lambda: app.call.session.ended)
        panel = str(app.call.query_one("#findings").render())
        assert "SV003" in panel and "HD002" not in panel


class _BrokenVoice(RecordingSpeaker):
    def say(self, *args, **kwargs):
        raise OSError("no audio device")


async def test_a_speaker_that_fails_falls_back_to_timed_text_calmly():
    app, _ = make_app(DATA / "tiny.yaml", speaker=_BrokenVoice(), timeouts=True, speed=2000)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.call.session and app.call.session.ended, what="the call end")
        assert "speech: failed (OSError)" in str(app.call.query_one("#status").render())
        assert any("Connecting you to a person." in line for line in transcript(app))


async def test_a_prompt_without_barge_in_plays_on_and_ignores_the_key(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(
        (DATA / "tiny.yaml").read_text().replace("    type: menu\n", "    type: menu\n    barge_in: false\n", 1)
    )
    app, speaker = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: speaker.current is not None)
        playing = speaker.current
        await pilot.press("1")
        assert not playing.stopped
        assert any("presses 1 (ignored: this prompt cannot be interrupted)" in line for line in transcript(app))
        await speak_through(pilot, speaker)
        assert listening(app) and app.call.session.node == "main"


async def test_the_word_being_spoken_is_highlighted_when_the_speaker_gives_word_timings():
    app, speaker = make_app(NORTHWIND)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: speaker.said, what="the first prompt")
        text = speaker.current.text  # "Thank you for calling Northwind Energy."
        start = text.index("Northwind")
        speaker.word(4, start, len("Northwind"))
        view = app.call.query_one("#transcript")
        current = view.current
        assert current is not None and current.text.plain.endswith(text)
        await until(pilot, lambda: current.highlighted == (start, len("Northwind")), what="the word highlight")
        shown = current.shown  # the rich Text the line now displays
        marked = [shown.plain[span.start : span.end] for span in shown.spans if "reverse" in str(span.style)]
        assert marked == ["Northwind"]
        speaker.finish()
        await until(pilot, lambda: not current.current, what="the end of the segment")
        assert not [span for span in current.shown.spans if "reverse" in str(span.style)]


async def test_a_key_during_the_welcome_message_is_typed_ahead_and_shown():
    app, speaker = make_app(NORTHWIND)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: speaker.current is not None, what="the welcome message")
        welcome = speaker.current
        assert welcome.text == "Thank you for calling Northwind Energy."
        await pilot.press("1")
        assert welcome.stopped and not welcome.finished
        await until(
            pilot,
            lambda: app.call.session.node == "menus/account-number.yaml#enter_account",
            what="the account number entry",
        )
        lines = transcript(app)
        assert any("caller  presses 1 (kept for main: type-ahead)" in line for line in lines)
        assert any("ivr     main takes the typed-ahead 1" in line for line in lines)
        assert "How can we help you today?" not in speaker.texts  # skipped: the caller had already chosen


async def test_the_frame_that_shows_a_key_comes_before_the_side_panels_follow_it(monkeypatch):
    monkeypatch.setattr(call_screen, "PANELS_AT_LATEST", 60.0)  # a slow machine must not meet the fallback timer
    app, speaker = make_app(NORTHWIND)
    async with app.run_test(size=SIZE) as pilot:
        menu_map = app.call.query_one("#menu-map")
        for _ in range(3):  # a few times: which comes first can depend on the order Textual runs things in
            await speak_through(
                pilot,
                speaker,
                stop_when=lambda: speaker.current is not None and speaker.current.text.startswith("To report"),
            )
            await until(pilot, lambda: menu_map.path[-1:] == ["main"], what="the map at the main menu")
            frames: list[tuple[bool, str]] = []  # per frame sent: the key's line is in it, the map's node
            display = app._display

            def recording(screen, update, display=display, frames=frames):
                display(screen, update)
                frames.append((any("presses 2" in line for line in transcript(app)), menu_map.path[-1]))

            app._display = recording
            await pilot.press("2")  # a barge-in, as in bench/sim_latency.py
            await until(pilot, lambda: menu_map.path[-1:] == ["power_cut"], what="the map at power_cut")
            await pilot.pause()
            app._display = display
            shown = [node for has_line, node in frames if has_line]
            assert shown[0] == "main"  # the key's line went out first, with the map as it was
            assert "power_cut" in shown  # then a later frame moved the map
            await pilot.press("r")


async def test_the_side_panels_follow_even_when_the_transcript_is_not_drawn():
    app, speaker = make_app(NORTHWIND, speaker=RecordingSpeaker(auto_finish=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listening(app), what="the main menu")
        menu_map = app.call.query_one("#menu-map")
        await until(pilot, lambda: menu_map.path[-1:] == ["main"], what="the map at the main menu")
        app.call.query_one("#transcript").display = False  # never drawn: no frame of it to wait for
        await pilot.press("2")
        await until(pilot, lambda: menu_map.path[-1:] == ["power_cut"], timeout=5, what="the map at power_cut")
