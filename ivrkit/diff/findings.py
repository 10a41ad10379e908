"""Lint findings new in the new version, and those it fixed.

Both versions are linted with the linter's API (`ivrkit.lint.lint`), each
with the configuration that applies to its file (as `ivrkit lint` finds it;
baselines are left out: a diff compares the menus, not what was accepted).
GL001 judges both with the goals the diff uses (none with `--no-goals`),
predicted at the diff's moment, never with a goals file that happens to lie
beside one version only: identical menus give identical findings.
Suppressed findings do not count. Findings are matched by rule, node and
message, never by line (every edit above a finding moves it); the node is
compared by its identity across versions (`nodes.identities`), so a finding
about a sub-menu file's node matches wherever the two versions are checked
out. A finding that occurs more often in one version counts as many times. One whose message differs
only in its numbers is `changed` (a prompt that takes 41 s instead of 37 s), not new and fixed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..lint import Finding, lint
from ..lint.config import LintConfig
from ..lint.predictor import goals_given
from ..model import MenuSet
from .nodes import NodeMatch
from .result import FindingChange

__all__ = ["lint_menu", "finding_changes"]


def lint_menu(menuset: MenuSet, config: LintConfig | None, goals=None, predictor=None) -> list[Finding]:
    """The unsuppressed findings of `menuset` under `config` (its baseline dropped), GL001 judging `goals`
    (a `GoalSet` whose `reaches` name `menuset`'s nodes, or None: no goals) with `predictor`."""
    from dataclasses import replace

    config = replace(config, baseline=None) if config is not None else None
    with goals_given(goals, predictor):
        return [finding for finding in lint(menuset, config) if finding.suppressed is None]


def finding_changes(before: Iterable[Finding], after: Iterable[Finding], match: NodeMatch) -> list[FindingChange]:
    """Findings only in `after` (new), only in `before` (fixed), and those whose figures alone changed.

    A finding of the same rule and node whose message differs only in its numbers ("takes about 37 s" →
    "about 41 s") is the same problem, grown or shrunk: `changed`, with both messages, not new and fixed.
    """

    def old_identity(finding: Finding) -> tuple:
        node = match.new_key(finding.node) if finding.node else None
        return (finding.code, node or finding.node, finding.message)

    def new_identity(finding: Finding) -> tuple:
        return (finding.code, finding.node, finding.message)

    old_list, new_list = list(before), list(after)
    left = Counter(old_identity(finding) for finding in old_list)
    right = Counter(new_identity(finding) for finding in new_list)
    added = _unmatched(new_list, new_identity, right - left)
    gone = _unmatched(old_list, old_identity, left - right)
    waiting: dict[tuple, list[Finding]] = {}
    for finding in gone:
        waiting.setdefault(_figureless(old_identity(finding)), []).append(finding)
    changes = []
    for finding in added:
        earlier = waiting.get(_figureless(new_identity(finding)))
        if earlier:
            changes.append(_change(finding, "changed", message_before=earlier.pop(0).message))
        else:
            changes.append(_change(finding, "new"))
    changes += [_change(finding, "fixed") for remaining in waiting.values() for finding in remaining]
    return sorted(changes, key=lambda change: change.order)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _figureless(identity: tuple) -> tuple:
    code, node, message = identity
    return (code, node, _NUMBER.sub("#", message))


def _unmatched(findings: list[Finding], identity, extra: Counter) -> list[Finding]:
    """The last `extra[identity]` findings of each identity (the first ones are matched on the other side)."""
    result = []
    for finding in reversed(findings):
        key = identity(finding)
        if extra[key] > 0:
            extra[key] -= 1
            result.append(finding)
    return result[::-1]


def _change(finding: Finding, status: str, *, message_before: str | None = None) -> FindingChange:
    return FindingChange(
        status=status,
        code=finding.code,
        name=finding.name,
        level=str(finding.level),
        message=finding.message,
        node=finding.node,
        path=finding.span.path,
        line=finding.span.line,
        col=finding.span.col,
        hint=finding.hint,
        message_before=message_before,
    )
