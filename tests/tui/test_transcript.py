"""The transcript widget: lines wrap to its width, it keeps to the end of the call, and restyling a line
redraws it in place (it draws with Textual's line API, so these are checked on the widget itself)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from ivrkit.engine.events import Speak, SpeechCut
from ivrkit.tui.widgets.transcript import TranscriptView


class _One(App):
    def compose(self) -> ComposeResult:
        yield TranscriptView(id="transcript")


def _speak(text: str, at: float = 0.0) -> Speak:
    return Speak(at=at, node="main", text=text, language="en", duration=1.0, kind="prompt")


async def _with_lines(app: _One, pilot, count: int) -> TranscriptView:
    """The app's transcript with `count` one-row lines laid out and drawn."""
    view = app.query_one(TranscriptView)
    for n in range(count):
        view.note(f"line {n}")
    view.flush()
    await pilot.pause()
    return view


async def test_long_lines_wrap_and_the_view_follows_the_last_line():
    app = _One()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(TranscriptView)
        for n in range(12):
            view.note(f"note {n} " + "word " * 12)  # about 70 cells: two rows at this width
        view.flush()
        await pilot.pause()
        width = view.scrollable_content_region.width
        assert width < 70
        assert view.virtual_size.height >= 24
        last_row = view.virtual_size.height - 1
        assert view.entry_at_row(last_row) == 11
        assert view.entry_at_row(0) == 0
        assert view.entry_at_row(view.virtual_size.height) is None
        assert view.scroll_offset.y == view.max_scroll_y > 0  # at the end
        await pilot.resize_terminal(120, 12)
        await pilot.pause()
        assert view.virtual_size.height == 12  # one row each, once it is wide enough


async def test_the_line_being_spoken_is_current_until_it_is_cut():
    app = _One()
    async with app.run_test(size=(80, 12)) as pilot:
        view = app.query_one(TranscriptView)
        entry = view.add_event(_speak("To report a power cut, press 2."))
        view.flush()
        await pilot.pause()
        assert view.current is entry and entry.current
        view.highlight_word(3, len("report"))
        assert [entry.shown.plain[s.start : s.end] for s in entry.shown.spans if "reverse" in str(s.style)] == [
            "report"
        ]
        view.add_event(SpeechCut(at=0.8, node="main", heard=0.8))
        view.flush()
        await pilot.pause()
        assert view.current is None and not entry.current and entry.cut
        assert view.lines[0].endswith("✂")
        assert entry.highlighted is None


async def test_a_new_call_follows_its_lines_even_if_the_last_one_was_scrolled_up():
    app = _One()
    async with app.run_test(size=(60, 10)) as pilot:
        view = await _with_lines(app, pilot, 20)
        view.scroll_home(animate=False, immediate=True)  # the user reads back: following stops
        await pilot.pause()
        assert view.scroll_offset.y == 0
        view.clear()
        for n in range(20):
            view.note(f"new line {n}")
        view.flush()
        await pilot.pause()
        assert view.max_scroll_y > 0 and view.scroll_offset.y == view.max_scroll_y


async def test_a_cut_that_adds_a_row_moves_the_lines_after_it_even_after_a_style_update():
    app = _One()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(TranscriptView)
        width = view.scrollable_content_region.width
        spoken = view.add_event(_speak("y" * (width - 16 - 1)))  # one cell short of the edge: the ✂ wraps
        view.note("a line after the one being spoken")
        view.flush()
        await pilot.pause()
        assert view.entry_at_row(1) == 1
        view.notify_style_update()  # a theme change or a dialog closing empties the row cache
        view.add_event(SpeechCut(at=0.5, node="main", heard=0.5))
        view.flush()
        await pilot.pause()
        assert spoken.cut
        assert view.entry_at_row(1) == 0  # the ✂ row
        assert view.entry_at_row(2) == 1
        rows = sum(len(view._wrapped(index)) for index in range(len(view.lines)))
        assert view.virtual_size.height == rows


async def test_lines_added_to_a_scrolling_view_move_the_bar_and_follow_without_a_screen_layout():
    app = _One()
    async with app.run_test(size=(60, 10)) as pilot:
        view = await _with_lines(app, pilot, 20)
        assert view.show_vertical_scrollbar
        layouts = []
        app.screen.screen_layout_refresh_signal.subscribe(view, lambda screen: layouts.append(screen))
        for n in range(5):
            view.note(f"later line {n}")
            view.flush()
            await pilot.pause()
            assert view.virtual_size.height == 21 + n
            assert view.vertical_scrollbar.window_virtual_size == view.virtual_size.height
            assert view.scroll_offset.y == view.max_scroll_y  # still at the last line
            assert view.entry_at_row(view.scroll_offset.y + view.scrollable_content_region.height - 1) == 20 + n
        assert layouts == []  # the bar was there and stays: no layout of the whole screen
        view.scroll_home(animate=False, immediate=True)  # the user reads back: following stops
        await pilot.pause()
        view.note("one more")
        view.flush()
        await pilot.pause()
        assert view.scroll_offset.y == 0
        assert view.vertical_scrollbar.window_virtual_size == 26


async def test_the_scroll_bar_appears_when_the_lines_no_longer_fit():
    app = _One()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(TranscriptView)
        height = view.scrollable_content_region.height
        for n in range(height):
            view.note(f"line {n}")
            view.flush()
            await pilot.pause()
        assert not view.show_vertical_scrollbar and view.max_scroll_y == 0
        view.note("the line that does not fit")
        view.flush()
        await pilot.pause()
        assert view.show_vertical_scrollbar
        assert view.scroll_offset.y == view.max_scroll_y == 1
        assert view.entry_at_row(view.scroll_offset.y + view.scrollable_content_region.height - 1) == height


async def test_a_callback_waits_for_the_next_drawing_once_however_often_it_is_asked_for():
    app = _One()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(TranscriptView)
        calls = []

        def after():
            calls.append(len(view.lines))

        view.display = False  # not drawn while the requests come
        for n in range(5):
            view.note(f"line {n}")
            view.after_paint(after)
        view.flush()
        await pilot.pause()
        assert calls == []
        view.display = True
        await pilot.pause()
        await pilot.pause()
        assert calls == [5]  # once, after the view was drawn
