"""`ivrkit rules`: list the lint rules, or print one rule's documentation (rich on a terminal, lazily)."""

from __future__ import annotations

import os
import sys

from .common import EXIT_OK, error

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    rules = commands.add_parser(
        "rules",
        help="list the lint rules, or show one rule's documentation",
        description="Without an argument, list every rule (code, name, level, family, summary); "
        "with a code or name, print that rule's documentation.",
    )
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a rule code (ST001) or name (dead-end)")
    rules.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="rich output (default: auto, on a terminal only)",
    )
    rules.set_defaults(run=run)


def run(args) -> int:
    from ..rules import all_rules, get_rule

    rich = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    if not args.rule:
        _rules_table(all_rules(), rich)
        return EXIT_OK
    rule = get_rule(args.rule)
    if rule is None:
        from ..diagnostics import did_you_mean

        names = [word for r in all_rules() for word in (r.code, r.name)]
        return error(f"no rule `{args.rule}`", did_you_mean(args.rule, names) or "`ivrkit rules` lists every rule")
    _rule_page(rule, rich)
    return EXIT_OK


def _rule_rows(rules) -> list[tuple[str, ...]]:
    from ..lint.finding import FAMILIES

    return [(r.code, r.name, str(r.level), FAMILIES[r.code[:2]], r.summary) for r in rules]


_HEADER = ("code", "name", "level", "family", "summary")


def _rules_table(rules, rich: bool) -> None:
    rows = _rule_rows(rules)
    if rich:
        from rich.table import Table

        table = Table(*_HEADER, box=None, header_style="bold")
        for row in rows:
            table.add_row(*row)
        _console().print(table)
        return
    widths = [max(len(row[i]) for row in [_HEADER, *rows]) for i in range(len(_HEADER) - 1)]
    for row in [_HEADER, *rows]:
        sys.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] + "\n")


def _rule_page(rule, rich: bool) -> None:
    from ..lint.ruledoc import rule_markdown

    text = rule_markdown(rule)
    if rich:
        from rich.markdown import Markdown

        _console().print(Markdown(text))
    else:
        sys.stdout.write(text)


def _console():
    from rich.console import Console

    return Console(force_terminal=True, highlight=False, no_color=os.environ.get("NO_COLOR", "") != "")
