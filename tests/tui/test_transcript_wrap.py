"""`wrapped_rows`: its shortcut for a line that fits on one row draws exactly what Rich's full wrap draws."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ivrkit.tui.widgets.transcript import wrapped_rows

CONSOLE = Console(width=200, color_system="truecolor", force_terminal=True)
STYLES = [Style(), Style(bold=True), Style(dim=True), Style(color="cyan", bold=True), Style(reverse=True)]


def _by_full_wrap(text: Text, width: int, style: Style) -> list[Strip]:
    """The transcript's rows as drawn before the shortcut: every line through `Text.wrap`."""
    rows = []
    for line in text.wrap(CONSOLE, width, overflow="fold"):
        line.rstrip()
        segments = [segment for segment in line.render(CONSOLE) if segment.text != "\n"]
        strip = Strip(segments or [Segment("")], line.cell_len)
        rows.append(strip.extend_cell_length(width).apply_style(style))
    return rows or [Strip.blank(width, style)]


@st.composite
def styled_texts(draw) -> Text:
    alphabet = st.sampled_from(list("abc xyzÄö✂ 12.:,界\t\n"))
    pieces = draw(st.lists(st.tuples(st.text(alphabet, max_size=12), st.sampled_from(STYLES)), max_size=6))
    text = Text()
    for piece, style in pieces:
        text.append(piece, style=style)
    if draw(st.booleans()) and text.plain:
        start = draw(st.integers(0, len(text.plain) - 1))
        text.stylize("reverse", start, draw(st.integers(start, len(text.plain))))
    return text


@settings(max_examples=300, deadline=None)
@given(text=styled_texts(), width=st.integers(1, 50), style=st.sampled_from(STYLES))
def test_rows_equal_those_of_the_full_wrap(text: Text, width: int, style: Style) -> None:
    expected = _by_full_wrap(text.copy(), width, style)
    rows = wrapped_rows(text, width, CONSOLE, style)
    assert [list(row) for row in rows] == [list(row) for row in expected]
    assert all(row.cell_length == width for row in rows)


def test_the_text_given_is_left_as_it_was() -> None:
    text = Text("a line that fits   ")
    wrapped_rows(text, 40, CONSOLE, Style())
    assert text.plain == "a line that fits   "
