"""Run the enabled rules over a menu: rules -> levels -> suppressions -> fingerprints -> sorted findings.

The only input besides the model is the menu files' text (`Sources`), read
back for `# ivrkit: ignore` comments and fingerprints; nothing is printed.
"""

from __future__ import annotations

from ..gcpause import gc_paused
from ..model import MenuSet
from ..rules import all_rules
from .baseline import Baseline, fingerprint
from .config import LintConfig
from .context import Context
from .finding import Finding, Violation
from .parallel import CHILD_FAMILIES, run_split, use_two_processes
from .registry import Rule
from .sources import Sources
from .suppress import apply_suppressions

__all__ = ["lint"]


def lint(
    menuset: MenuSet,
    config: LintConfig | None = None,
    *,
    sources: Sources | None = None,
    baseline: Baseline | None = None,
) -> list[Finding]:
    """Every finding of the enabled rules, suppressed ones included (marked), sorted by position.

    `sources` gives the files' text (default: read from disk when needed);
    `baseline` defaults to the file named by `config.baseline` (a missing or
    invalid one raises `ivrkit.lint.config_file.ConfigError`).
    """
    config = config or LintConfig()
    sources = sources or Sources()
    if baseline is None and config.baseline:
        baseline = Baseline.load(config.baseline)
    # Rules build many short-lived objects while the whole model is alive; a
    # collection then walks the model again and again (see ivrkit.gcpause).
    with gc_paused():
        findings = _run_rules(menuset, config, sources)
        result = apply_suppressions(findings, menuset, config, sources, baseline)
        return sorted(result, key=Finding.sort_key)


def _run_rules(menuset: MenuSet, config: LintConfig, sources: Sources) -> list[Finding]:
    context = Context(menuset, config=config)
    enabled = [rule_class for rule_class in all_rules() if config.enabled(rule_class)]

    def violations(rule_classes: list[type[Rule]]) -> list[list[Violation]]:
        found = []
        for rule_class in rule_classes:
            rule = rule_class(config.settings_of(rule_class))
            found.append(list(rule.check(context)))
        return found

    if use_two_processes(len(menuset.nodes)):
        per_rule = run_split(enabled, lambda rule_class: rule_class.code[:2] in CHILD_FAMILIES, violations)
    else:
        per_rule = violations(enabled)
    findings: dict[tuple, Finding] = {}
    for rule_class, found in zip(enabled, per_rule):
        level = config.level_of(rule_class)
        overridden = rule_class.code in config.levels
        for violation in found:
            identity = (rule_class.code, violation.span, violation.message)
            if identity in findings:
                continue
            findings[identity] = Finding(
                code=rule_class.code,
                name=rule_class.name,
                level=violation.level if violation.level is not None and not overridden else level,
                message=violation.message,
                span=violation.span,
                node=violation.node,
                hint=violation.hint,
                fingerprint=fingerprint(rule_class.code, violation.node, violation.span, sources),
            )
    return list(findings.values())
