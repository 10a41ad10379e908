"""WD003 `compound-option`: An option label bundles several tasks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ._wording_common import label_readings, language_tag, quote

__all__ = ["CompoundOption"]


_SPLIT = {
    "en": r"\s*(?:[,;/]|\band/or\b|\bor\b)\s*",
    "fi": r"\s*(?:[,;/]|\btai\b|\bja\b|\bsekä\b)\s*",
    "sv": r"\s*(?:[,;/]|\beller\b|\boch\b)\s*",
}


_SPLIT_ANY = r"\s*[,;/]\s*"


# Compiled per language when a label first holds a joiner (`_JOINERS`); cached, which is safe from the
# TUI's lint and goals workers at once.
@cache
def _split(base: str) -> re.Pattern[str]:
    pattern = _SPLIT.get(base)
    return re.compile(_SPLIT_ANY) if pattern is None else re.compile(pattern, re.IGNORECASE)


_serial_and = compiled_on_first_need(r"\s+and\s+", re.IGNORECASE)


_JOINERS = re.compile(r"[,;/]|\s(?:or|tai|ja|sekä|eller|och)\s", re.IGNORECASE)


def task_count(value: str, language: str) -> int:
    """How many tasks a label lists: parts joined by commas, "or" ("tai", "ja"); English "and" only in a
    serial list ("A, B and C")."""
    base = language.split("-")[0].lower()
    if not _JOINERS.search(value):
        return 1
    pattern = _split(base)
    parts = [p for p in pattern.split(value) if re.search(r"[^\W\d_]", p)]
    if base == "en" and "," in value and not re.search(r"\bor\b", value, re.IGNORECASE) and parts:
        parts = parts[:-1] + [p for p in _serial_and().split(parts[-1]) if p.strip()]
    return len(parts)


@register
class CompoundOption(Rule):
    """
    ## What it does
    Finds option labels that bundle several tasks: `min_tasks` (3) or more
    parts joined by commas or "or" (Finnish "tai", "ja"), such as "find out
    about your bill, pay a balance, or change how you pay".

    ## Why is this bad?
    A caller matches their goal against each label; a label listing three
    tasks is three options in one, harder to hold in memory and to compare
    with the rest. Split the tasks into their own options, even if they go
    to the same place [ACX-phr].

    ## Example
    ```yaml
    options:
      "1": {label: "set up billing, ask about a bill, or pay", goto: billing}
    ```

    ## Use instead
    ```yaml
    options:
      "1": {label: pay your bill, goto: billing}
      "2": {label: ask about your bill, goto: billing}
    ```

    ## Options
    - `min_tasks` (default `3`): the number of joined parts from which a
      label is reported.

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    """

    code = "WD003"
    name = "compound-option"
    summary = "An option label bundles several tasks"
    level = Level.INFO
    uses_text = True
    options = {"min_tasks": RuleOption(int, 3, "joined parts from which a label is reported")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        least = self.option("min_tasks")
        joiners = _JOINERS.search
        for key, _option, label, language, value, _lower, _ascii in label_readings(ctx):
            if least > 1 and not joiners(value):
                continue  # one task (`task_count`'s first look), too few to report
            count = task_count(value, language)
            if count >= least:
                yield Violation(
                    label.span,
                    f"{quote(value)}{language_tag(label, language)} bundles {count} tasks in one option",
                    node=key,
                    hint="give each task its own option (they may lead to the same place)",
                )
