"""Run the enabled rules over a menu: rules -> levels -> suppressions -> sorted findings. No I/O."""

from __future__ import annotations

from .. import graph as graphs
from ..model import MenuSet
from .config import LintConfig
from .context import Context
from .finding import Finding
from .registry import all_rules
from .suppress import apply_suppressions

__all__ = ["lint"]


def lint(menuset: MenuSet, config: LintConfig | None = None) -> list[Finding]:
    """Every finding of the enabled rules, suppressed ones included (marked), sorted by position."""
    config = config or LintConfig()
    context = Context(menuset, graphs.build(menuset), config)
    findings: dict[tuple, Finding] = {}
    for rule_class in all_rules():
        if not config.enabled(rule_class):
            continue
        rule = rule_class()
        context.rule = rule
        level = config.level_of(rule_class)
        for violation in rule.check(context):
            finding = Finding(
                code=rule.code,
                name=rule.name,
                level=violation.level if violation.level is not None and rule_class.code not in config.levels else level,
                message=violation.message,
                span=violation.span,
                node=violation.node,
                hint=violation.hint,
            )
            findings.setdefault((finding.code, finding.span, finding.message), finding)
    result = apply_suppressions(list(findings.values()), menuset, config)
    return sorted(result, key=Finding.sort_key)
