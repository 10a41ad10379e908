"""ST006 follows a failure route through any number of nodes without running out of Python's stack.

A route through thousands of menus, each failing into the next, once ended the lint with "internal error:
RecursionError"; so did a fallback into two messages that lead to each other (tests/rules/cases).
"""

from __future__ import annotations

from ivrkit.lint.config import LintConfig
from ivrkit.lint.runner import lint
from ivrkit.loader import loads


def _chain(menus: int) -> str:
    lines = ["ivrkit: 1", "name: Chain", "language: en", "entry: m0", "nodes:"]
    for index in range(menus):
        after = f"m{index + 1}" if index < menus - 1 else "bye"
        lines.append(
            f'  m{index}: {{type: menu, say: Menu {index}., fallback: {after}, options: {{"1": {{label: pay, goto: q}}}}}}'
        )
    lines += ["  q: {type: transfer, queue: billing}", "  bye: {type: hangup, say: Goodbye.}"]
    return "\n".join(lines) + "\n"


def test_a_route_through_thousands_of_menus_is_followed_to_its_end():
    menus = 3000  # well past Python's recursion limit of 1,000 frames
    findings = lint(loads(_chain(menus), "chain.yaml"), LintConfig(select=("ST006",)))
    assert len(findings) == menus  # every menu's fallback leads on to the bare goodbye
    assert all("hangs up at `bye` without offering a person" in finding.message for finding in findings)
