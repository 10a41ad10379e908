"""The live transcript: one line per event as the call plays; the segment being spoken is highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...engine.events import Event, Speak, SpeechCut
from ...engine.transcript import clock, transcript_lines

__all__ = ["TranscriptView", "speak_text"]


def speak_text(event: Speak) -> str:
    return event.text if event.text is not None else f"[audio: {event.audio}, words unknown]"


class TranscriptLine(Static):
    DEFAULT_CSS = """
    TranscriptLine { height: auto; }
    TranscriptLine.-current { background: $accent 40%; text-style: bold; }
    TranscriptLine.-cut { color: $text-muted; }
    TranscriptLine.-note { color: $text-muted; text-style: italic; }
    """


class TranscriptView(VerticalScroll):
    """Lines are kept few (one call), so each is a widget and the current one can be restyled.

    The lines added while the screen handles one thing (a key, the end of a segment) are mounted together
    when it is done (`flush`, which the call screen calls; a refresh calls it too): one layout and one
    scroll to the end per screen update, not one per line."""

    DEFAULT_CSS = """
    TranscriptView { height: 1fr; border: round $primary; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.border_title = "Transcript"
        self.can_focus = False
        self._current: TranscriptLine | None = None
        # the lines of this call, in order: removing widgets from the DOM finishes later, so the DOM
        # may still hold the previous call's lines for a moment after clear()
        self._lines: list[TranscriptLine] = []
        self._unmounted: list[TranscriptLine] = []  # added, not mounted yet (see `flush`)

    def clear(self) -> None:
        self._current = None
        self._lines = []
        self._unmounted = []
        self.remove_children()

    def flush(self) -> None:
        """Mount the lines added since the last flush, in one go, and scroll to the end."""
        if not self._unmounted:
            return
        widgets, self._unmounted = self._unmounted, []
        self.mount_all(widgets)
        self.scroll_end(animate=False)

    def note(self, message: str) -> None:
        self._add(Text(message), "-note")

    def add_event(self, event: Event) -> TranscriptLine | None:
        """Add the line of `event` (None for events a reader does not need); a Speak line becomes current."""
        if isinstance(event, Speak):
            line = Text()
            line.append(f"{clock(event.at):>7}  ", style="dim")
            line.append("ivr     ", style="bold cyan")
            widget_prefix = len(line)
            line.append(speak_text(event))
            widget = self._add(line, "-current")
            widget.words_from = widget_prefix
            self._set_current(widget)
            return widget
        if isinstance(event, SpeechCut) and self._current is not None:
            cut = self._current.visual_text.copy()
            cut.append("  ✂", style="bold red")
            self._current.visual_text = cut
            self._current.update(cut)
            self._current.add_class("-cut")
        lines = transcript_lines([event])
        if not lines:
            return None
        if isinstance(event, SpeechCut):
            self._set_current(None)
        return self._add(Text(lines[0]), "")

    def speech_finished(self) -> None:
        self._set_current(None)

    def highlight_word(self, start: int, length: int) -> None:
        """Mark `text[start:start + length]` of the segment being spoken (word timings from the speaker)."""
        current = self._current
        if current is None or not hasattr(current, "words_from"):
            return
        marked = current.visual_text.copy()
        begin = current.words_from + start
        marked.stylize("reverse", begin, begin + length)
        current.highlighted = (start, length)
        current.update(marked)

    def _set_current(self, widget: TranscriptLine | None) -> None:
        previous = self._current
        if previous is not None and previous is not widget:
            previous.remove_class("-current")
            if getattr(previous, "highlighted", None) is not None:
                previous.highlighted = None
                previous.update(previous.visual_text)  # drop the word highlight
        self._current = widget

    def _add(self, text: Text, classes: str) -> TranscriptLine:
        widget = TranscriptLine(text, classes=classes)
        widget.visual_text = text
        self._lines.append(widget)
        if not self._unmounted:
            self.call_later(self.flush)  # whoever added it forgets to flush: the next turn of the loop mounts it
        self._unmounted.append(widget)
        return widget

    @property
    def lines(self) -> list[str]:
        """The transcript as plain text lines (for tests)."""
        return [line.visual_text.plain for line in self._lines]
