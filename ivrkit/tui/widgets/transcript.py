"""The live transcript: one line per event as the call plays; the segment being spoken is highlighted.

It draws with Textual's line API (a `ScrollView` that renders only the rows on screen) instead of one
widget per line: a key press then redraws a few rows of one widget, where mounting a line widget made
the screen lay out and redraw every line and panel (bench/sim_latency.py measures the difference).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...engine.events import Event, Speak, SpeechCut
from ...engine.transcript import clock, transcript_lines

__all__ = ["TranscriptView", "TranscriptEntry", "speak_text", "wrapped_rows"]


def speak_text(event: Speak) -> str:
    return event.text if event.text is not None else f"[audio: {event.audio}, words unknown]"


def wrapped_rows(text: Text, width: int, console: Console, style: Style) -> list[Strip]:
    """`text` wrapped to `width` (long words folded), each row padded to the width and drawn in `style`."""
    plain = text.plain
    if "\n" in plain or "\t" in plain or text.cell_len > width:
        lines = list(text.wrap(console, width, overflow="fold"))
    else:  # one row as it is (most lines): what `wrap` gives, without its splitting, padding and copies
        lines = [text.copy()]
    rows = []
    for line in lines:
        line.rstrip()
        segments = [segment for segment in line.render(console) if segment.text != "\n"]
        strip = Strip(segments or [Segment("")], line.cell_len)
        rows.append(strip.extend_cell_length(width).apply_style(style))
    return rows or [Strip.blank(width, style)]


@dataclass(eq=False)
class TranscriptEntry:
    """One transcript line: its text, how it is shown (`current`: being spoken, `cut`: cut off by the
    caller, `note`: a remark of the simulator), and the word marked while it is spoken."""

    text: Text
    note: bool = False
    current: bool = False
    cut: bool = False
    words_from: int | None = None  # where the spoken words start in `text` (after the clock and "ivr")
    highlighted: tuple[int, int] | None = None  # (start, length) in the spoken words

    @property
    def shown(self) -> Text:
        """The text as drawn: with the word being spoken marked."""
        if self.highlighted is None or self.words_from is None:
            return self.text
        start, length = self.highlighted
        marked = self.text.copy()
        marked.stylize("reverse", self.words_from + start, self.words_from + start + length)
        return marked


class TranscriptView(ScrollView, can_focus=False):
    """The lines of one call. Lines added while the screen handles one thing (a key, the end of a segment)
    are laid out together when it is done (`flush`, which the call screen calls; the next turn of the event
    loop calls it too): one layout per screen update, not one per line. The view stays at the last line
    (anchored) unless the user scrolls up."""

    COMPONENT_CLASSES = {"transcript--current", "transcript--cut", "transcript--note"}
    DEFAULT_CSS = """
    TranscriptView { height: 1fr; border: round $primary; padding: 0 1; overflow-x: hidden; }
    TranscriptView > .transcript--current { background: $accent 40%; text-style: bold; }
    TranscriptView > .transcript--cut { color: $text-muted; }
    TranscriptView > .transcript--note { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: list[TranscriptEntry] = []
        self._current: TranscriptEntry | None = None
        self._laid_out = 0  # entries whose rows are counted in `_starts` (the rest await `flush`)
        self._starts: list[int] = []  # first row of each laid-out entry
        self._end = 0  # the row after the last laid-out entry
        self._rows: dict[int, list[Strip]] = {}  # entry index -> its wrapped rows at `_width`
        self._width = 0
        self._flush_pending = False
        self._after_paint: list[Callable[[], object]] = []  # run once the next frame with rows of this view is out

    def on_mount(self) -> None:
        self.border_title = "Transcript"
        self.anchor()  # kept at the last line as lines come, until the user scrolls up

    # -- what the call screen calls ------------------------------------------------------

    def clear(self) -> None:
        self._entries, self._current = [], None
        self._relayout()
        self.anchor()  # a new call follows its lines again, even if the user had scrolled up in the last

    def flush(self) -> None:
        """Lay out the lines added since the last flush, in one go, and scroll to the end."""
        self._flush_pending = False
        if self._laid_out == len(self._entries) or self._width == 0:
            return  # nothing new, or not on screen yet (the first resize lays every line out)
        first_row = self._total_rows()
        self._lay_out_from(self._laid_out)  # the layout that follows scrolls to the end (anchored)
        self.refresh_lines(first_row, self._total_rows() - first_row)

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Run `callback` once a frame that draws this view has gone to the terminal (for work that should not
        hold that frame back). Textual's `call_after_refresh` from the screen can run before the frame: the
        screen takes its own callbacks before the widgets' repaint requests reach it. A callback already waiting
        is not added again (a view that is not drawn for a while would gather one per event)."""
        if callback not in self._after_paint:
            self._after_paint.append(callback)

    def note(self, message: str) -> None:
        self._add(TranscriptEntry(Text(message), note=True))

    def add_event(self, event: Event) -> TranscriptEntry | None:
        """Add the line of `event` (None for events a reader does not need); a Speak line becomes current."""
        if isinstance(event, Speak):
            line = Text()
            line.append(f"{clock(event.at):>7}  ", style="dim")
            line.append("ivr     ", style="bold cyan")
            words_from = len(line)
            line.append(speak_text(event))
            entry = self._add(TranscriptEntry(line, words_from=words_from))
            self._set_current(entry)
            return entry
        if isinstance(event, SpeechCut) and self._current is not None:
            spoken = self._current
            cut = spoken.text.copy()
            cut.append("  ✂", style="bold red")
            spoken.text = cut
            spoken.cut = True
            self._set_current(None)  # redraws it, cut and no longer current: one wrap, not two
        lines = transcript_lines([event])
        if not lines:
            return None
        if isinstance(event, SpeechCut):
            self._set_current(None)
        return self._add(TranscriptEntry(Text(lines[0])))

    def speech_finished(self) -> None:
        self._set_current(None)

    def highlight_word(self, start: int, length: int) -> None:
        """Mark `text[start:start + length]` of the segment being spoken (word timings from the speaker)."""
        current = self._current
        if current is None or current.words_from is None:
            return
        current.highlighted = (start, length)
        self._changed(current)

    @property
    def current(self) -> TranscriptEntry | None:
        """The line being spoken, if any."""
        return self._current

    @property
    def entries(self) -> list[TranscriptEntry]:
        return list(self._entries)

    @property
    def lines(self) -> list[str]:
        """The transcript as plain text lines (for tests)."""
        return [entry.text.plain for entry in self._entries]

    def entry_at_row(self, row: int) -> int | None:
        """The index of the entry drawn on `row` of the whole transcript (not the screen), or None."""
        if row < 0 or row >= self._total_rows():
            return None
        return bisect_right(self._starts, row) - 1

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self._after_paint:
            # Drawing happens inside the screen's synchronous update; a posted callback runs after it,
            # once the frame has been handed to the driver.
            waiting, self._after_paint = self._after_paint, []
            for callback in waiting:
                self.call_later(callback)
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        self._fit(width)
        row = scroll_y + y
        index = self.entry_at_row(row)
        if index is None:
            return Strip.blank(width, self.rich_style)
        strip = self._wrapped(index)[row - self._starts[index]]
        return strip.crop(scroll_x, scroll_x + width) if scroll_x else strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    def on_resize(self) -> None:
        self._fit(self.scrollable_content_region.width)

    def _class_style(self, entry: TranscriptEntry) -> Style:
        style = Style()
        if entry.note:
            style += self.get_component_rich_style("transcript--note")
        if entry.cut:
            style += self.get_component_rich_style("transcript--cut")
        if entry.current:
            style += self.get_component_rich_style("transcript--current")
        return style

    def _wrapped(self, index: int) -> list[Strip]:
        rows = self._rows.get(index)
        if rows is None:
            rows = self._wrap(self._entries[index])
            self._rows[index] = rows
        return rows

    def _wrap(self, entry: TranscriptEntry) -> list[Strip]:
        """The rows of an entry as drawn: wrapped to the width, padded, in the style of its state (kept until
        the entry, the width or the styles change, so scrolling redraws from here)."""
        width = max(1, self._width)
        return wrapped_rows(entry.shown, width, self.app.console, self.rich_style + self._class_style(entry))

    # -- bookkeeping ---------------------------------------------------------------------

    def _add(self, entry: TranscriptEntry) -> TranscriptEntry:
        self._entries.append(entry)
        if not self._flush_pending:
            self._flush_pending = True
            self.call_later(self.flush)  # whoever added it forgets to flush: the next turn of the loop lays it out
        return entry

    def _set_current(self, entry: TranscriptEntry | None) -> None:
        previous = self._current
        if previous is not None and previous is not entry:
            previous.current = False
            previous.highlighted = None  # drop the word highlight
            self._changed(previous)
        if entry is not None:
            entry.current = True
        self._current = entry

    def _changed(self, entry: TranscriptEntry) -> None:
        """Redraw an entry already laid out (a later `flush` draws the others)."""
        index = self._index_of(entry)
        if index is None or index >= self._laid_out:
            return
        before = self._rows_of(index)  # from the layout: the row cache may have been emptied since
        self._rows.pop(index, None)
        if len(self._wrapped(index)) != before:
            self._lay_out_from(index)  # its rows moved the lines after it
            self.refresh()
        else:
            self.refresh_lines(self._starts[index], before)

    def _rows_of(self, index: int) -> int:
        """How many rows a laid-out entry takes in the layout."""
        following = self._starts[index + 1] if index + 1 < len(self._starts) else self._end
        return following - self._starts[index]

    def _index_of(self, entry: TranscriptEntry) -> int | None:
        # the entry changed is nearly always one of the last few
        for index in range(len(self._entries) - 1, -1, -1):
            if self._entries[index] is entry:
                return index
        return None

    def _fit(self, width: int) -> None:
        """Wrap every line again when the width changed."""
        if width != self._width and width > 0:
            self._width = width
            self._relayout()

    def _relayout(self) -> None:
        self._rows.clear()
        self._starts = []
        self._end = 0
        self._laid_out = 0
        if self._width > 0:
            self._lay_out_from(0)
        else:
            self.virtual_size = Size(0, 0)
        self.refresh()

    def _lay_out_from(self, index: int) -> None:
        row = self._starts[index] if index < len(self._starts) else self._end
        del self._starts[index:]
        for position in range(index, len(self._entries)):
            self._starts.append(row)
            row += len(self._wrapped(position))
        self._end = row
        self._laid_out = len(self._entries)
        self._set_virtual_size(Size(self._width, row))

    def _set_virtual_size(self, size: Size) -> None:
        """Set the size of the whole transcript. Textual lays the whole screen out again when a virtual size
        changes; unless the scroll bar comes or goes, the box does not change, so this does here what that
        layout would do for this view: move the bar and keep an anchored view at its last line."""
        following = self.is_anchored and getattr(self, "_anchor_released", None) is False
        needs_bar = size.height > self.scrollable_content_region.height
        if not (
            self.is_mounted
            and needs_bar == self.show_vertical_scrollbar
            and (following or not self.is_anchored)
            and size.width == self.virtual_size.width
        ):
            self.virtual_size = size  # a layout: the bar comes or goes, or the width changed
            return
        self.set_reactive(TranscriptView.virtual_size, size)
        if needs_bar:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = self.container_size.height - self.scrollbar_size_horizontal
            if following:
                self.scroll_target_y = self.scroll_y = self.max_scroll_y  # the end, as Textual's layout puts it
                bar.position = self.scroll_y
            bar.refresh()
        self.refresh()

    def _total_rows(self) -> int:
        return self._end
