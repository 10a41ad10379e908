"""Lint findings new in the new version, and those it fixed.

Both versions are linted with the linter's API (`ivrkit.lint.lint`), each
with the configuration that applies to its file (as `ivrkit lint` finds it;
baselines are left out: a diff compares the menus, not what was accepted).
Suppressed findings do not count. Findings are matched by rule, node and
message, never by line (every edit above a finding moves it); the node is
compared by its identity across versions (`nodes.identities`), so a finding
about a sub-menu file's node matches wherever the two versions are checked
out. A finding that occurs more often in one version counts as many times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..lint import Finding, lint
from ..lint.config import LintConfig
from ..model import MenuSet
from .nodes import NodeMatch
from .result import FindingChange

__all__ = ["lint_menu", "finding_changes"]


def lint_menu(menuset: MenuSet, config: LintConfig | None) -> list[Finding]:
    """The unsuppressed findings of `menuset` under `config` (its baseline dropped)."""
    from dataclasses import replace

    config = replace(config, baseline=None) if config is not None else None
    return [finding for finding in lint(menuset, config) if finding.suppressed is None]


def finding_changes(before: Iterable[Finding], after: Iterable[Finding], match: NodeMatch) -> list[FindingChange]:
    """Findings only in `after` (new) and only in `before` (fixed), the new ones first."""

    def old_identity(finding: Finding) -> tuple:
        node = match.new_key(finding.node) if finding.node else None
        return (finding.code, node or finding.node, finding.message)

    def new_identity(finding: Finding) -> tuple:
        return (finding.code, finding.node, finding.message)

    old_list, new_list = list(before), list(after)
    left = Counter(old_identity(finding) for finding in old_list)
    right = Counter(new_identity(finding) for finding in new_list)
    changes = _only(new_list, new_identity, right - left, "new") + _only(old_list, old_identity, left - right, "fixed")
    return sorted(changes, key=lambda change: change.order)


def _only(findings: list[Finding], identity, extra: Counter, status: str) -> list[FindingChange]:
    """The last `extra[identity]` findings of each identity (the first ones are matched on the other side)."""
    result = []
    for finding in reversed(findings):
        key = identity(finding)
        if extra[key] <= 0:
            continue
        extra[key] -= 1
        result.append(
            FindingChange(
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
            )
        )
    return result
