"""LN001 counts the words of a menu's longest label only where they can change the level (more than
`warn_above_long` options but not more than `warn_above`): there a long label makes the info a warning."""

from __future__ import annotations

import pytest

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.lint.finding import Level
from ivrkit.loader import loads
from ivrkit.rules.ln001_max_options import MaxOptions


def _menu(labels: list[str]) -> str:
    options = "\n".join(f'      "{i}": {{label: "{label}", goto: done}}' for i, label in enumerate(labels, 1))
    return f"""ivrkit: 1
name: x
entry: main
nodes:
  main:
    type: menu
    say: Choose.
    options:
{options}
  done: {{type: hangup}}
"""


@pytest.mark.parametrize(
    ("labels", "level", "message"),
    [
        (["pay", "report a fault", "move home", "meter reading"], None, None),
        (["pay", "report a fault", "move home", "tell us about your meter problem"], None, None),
        (
            ["pay", "report a fault", "move home", "tell us about a problem with meters"],
            Level.WARNING,
            "`main` offers 4 options (more than 3 with a label of 7 words); callers forget the first ones by the last",
        ),
        (
            ["pay", "a", "b", "c", "tell us about a problem with your meter"],
            Level.WARNING,
            "`main` offers 5 options (more than 3 with a label of 8 words); callers forget the first ones by the last",
        ),
        (
            ["pay", "a", "b", "c", "d"],
            Level.INFO,
            "`main` offers 5 options (more than 4); callers forget the first ones by the last",
        ),
        (
            ["pay", "a", "b", "c", "d", "tell us about a problem with your meter"],
            Level.WARNING,
            "`main` offers 6 options (more than 5); callers forget the first ones by the last",
        ),
    ],
)
def test_a_long_label_makes_a_few_options_too_many(labels, level, message):
    found = list(MaxOptions().check(Context(loads(_menu(labels)), config=LintConfig())))
    assert [(v.level, v.message) for v in found] == ([] if level is None else [(level, message)])
