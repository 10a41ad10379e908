"""Terminal output for the CLI: rich on a terminal, plain text when piped, `NO_COLOR` honoured.

rich is imported only when the output is a terminal, so piped runs (CI) pay
nothing for it. Control characters and undecodable bytes in paths, messages
and source lines are spelled out (`ivrkit.report.printable`): a diagnostic
is always one `path:line:col` line (plus its hint), and never an escape
sequence for the reader's terminal.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ..diagnostics import Diagnostic, format_diagnostic
from ..report.printable import printable

__all__ = ["Output"]


class Output:
    """Writes diagnostics and summaries to a stream in the style the stream can show."""

    def __init__(self, stream: TextIO | None = None, *, color: str = "auto"):
        self.stream = stream or sys.stdout
        self.rich = color == "always" or (color == "auto" and _is_terminal(self.stream))
        self._console = None
        self._lines: dict[str, list[str]] = {}

    @property
    def console(self):
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.stream,
                highlight=False,
                no_color="NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "",
                force_terminal=self.rich,
                soft_wrap=True,  # never break a `path:line:col` line at the console width
            )
        return self._console

    def diagnostic(self, diagnostic: Diagnostic) -> None:
        source_path = diagnostic.span.path
        diagnostic = _printable(diagnostic)
        if not self.rich:
            self.stream.write(format_diagnostic(diagnostic) + "\n")
            return
        from rich.markup import escape

        span = diagnostic.span
        colour = "red" if diagnostic.severity == "error" else "yellow"
        self.console.print(
            f"[bold]{escape(span.path)}:{span.line}:{span.col}:[/] "
            f"[bold {colour}]{diagnostic.severity}:[/] {escape(diagnostic.message)}"
        )
        line = self._source_line(source_path, span.line)
        if line is not None:
            gutter = f"{span.line:>4} | "
            width = max(1, (span.end_col - span.col) if span.end_line == span.line else 1)
            width = min(width, max(1, len(line) - span.col + 1))
            self.console.print(f"[dim]{gutter}[/]{escape(printable(line))}")
            self.console.print(" " * (len(gutter) + span.col - 1) + f"[bold {colour}]{'^' * width}[/]")
        if diagnostic.hint:
            self.console.print(f"  [cyan]hint:[/] {escape(diagnostic.hint)}")

    def line(self, text: str = "", *, style: str | None = None) -> None:
        if self.rich and style:
            from rich.markup import escape

            self.console.print(f"[{style}]{escape(printable(text))}[/]")
        else:
            self.stream.write(printable(text) + "\n")

    def _source_line(self, path: str, number: int) -> str | None:
        if path not in self._lines:
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    self._lines[path] = handle.read().splitlines()
            except OSError:
                self._lines[path] = []
        lines = self._lines[path]
        return lines[number - 1].expandtabs(1) if 0 < number <= len(lines) else None


def _printable(diagnostic: Diagnostic) -> Diagnostic:
    from ..model import replace

    span = diagnostic.span
    return replace(
        diagnostic,
        span=span._replace(path=printable(span.path)),
        message=printable(diagnostic.message),
        hint=printable(diagnostic.hint) if diagnostic.hint else diagnostic.hint,
    )


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
