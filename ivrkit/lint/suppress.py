"""Suppressions: a node's `lint: {ignore: [...]}`. Line comments and the baseline file come next.

A suppressed finding is kept, marked with how it was suppressed, so reports
can still show it as ignored.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import MenuSet
from .config import LintConfig
from .finding import Finding

__all__ = ["apply_suppressions"]


def _matches(finding: Finding, pattern: str) -> bool:
    text = pattern.strip()
    return text.upper() in (finding.code, finding.code[:2]) or text.lower() == finding.name


def apply_suppressions(findings: list[Finding], menuset: MenuSet, config: LintConfig) -> list[Finding]:
    result = []
    for finding in findings:
        node = menuset.nodes.get(finding.node) if finding.node else None
        if node is not None and any(_matches(finding, code) for code, _ in node.lint_ignore):
            finding = replace(finding, suppressed="node")
        result.append(finding)
    return result
