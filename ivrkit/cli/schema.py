"""`ivrkit schema [menu|goals]`: print the JSON Schema (draft 2020-12) of the menu format or of goals files, for editors."""

from __future__ import annotations

import sys

from .common import EXIT_OK

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the menu format (or of caller goals files)",
        description="Print the JSON Schema (draft 2020-12) of the menu format, for editors: "
        "`ivrkit schema > ivrkit.schema.json`, then add "
        "`# yaml-language-server: $schema=ivrkit.schema.json` to the top of a menu. "
        "`ivrkit schema goals` prints the schema of caller goals files (`*.goals.yaml`, docs/goals.md).",
    )
    schema.add_argument(
        "format",
        nargs="?",
        choices=("menu", "goals"),
        default="menu",
        help="menu (the default): menu files; goals: caller goals files",
    )
    schema.set_defaults(run=run)


def run(args) -> int:
    from ..schema import goals_schema_text, schema_text

    text = goals_schema_text() if getattr(args, "format", "menu") == "goals" else schema_text()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK
