"""`ivrkit schema`: print the JSON Schema (draft 2020-12) of the menu format, for editors."""

from __future__ import annotations

import sys

from .common import EXIT_OK

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the menu format",
        description="Print the JSON Schema (draft 2020-12) of the menu format, for editors: "
        "`ivrkit schema > ivrkit.schema.json`, then add "
        "`# yaml-language-server: $schema=ivrkit.schema.json` to the top of a menu.",
    )
    schema.set_defaults(run=run)


def run(args) -> int:
    from ..schema import schema_text

    text = schema_text()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK
