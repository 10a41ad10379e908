"""Run the enabled rules over a menu: rules -> levels -> suppressions -> fingerprints -> sorted findings.

The only input besides the model is the menu files' text (`Sources`), read
back for `# ivrkit: ignore` comments and fingerprints; nothing is printed.
"""

from __future__ import annotations

from ..gcpause import gc_paused
from ..model import MenuSet, Span, maker
from ..rules import all_rules
from .baseline import Baseline, words_fingerprint
from .config import LintConfig
from .context import Context
from .finding import Finding, Level, Violation
from .parallel import CHILD_FAMILIES, run_split, use_two_processes
from .registry import Rule
from .sources import Sources
from .suppress import apply_suppressions

__all__ = ["lint", "sorted_findings"]

_new_span = tuple.__new__  # Span is a NamedTuple; tuple.__new__ skips its Python-level __new__


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
        return sorted_findings(result)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """`sorted(findings, key=Finding.sort_key)`, the keys made in one comprehension instead of a call each."""
    keys = [(f.span.path, f.span.line, f.span.col, f.code, f.message) for f in findings]
    return [findings[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]


def _plain_violations(per_rule: list[list[Violation]]) -> list[list[tuple]]:
    """Violations as tuples of plain values, to cross the pipe from the child (`_violations_again` turns them back)."""
    return [
        [(tuple(v.span), v.message, v.node, v.hint, None if v.level is None else int(v.level)) for v in found]
        for found in per_rule
    ]


def _violations_again(per_rule: list[list[tuple]]) -> list[list[Violation]]:
    levels = {int(level): level for level in Level}
    return [
        [
            Violation(_new_span(Span, span), message, node, hint, None if level is None else levels[level])
            for span, message, node, hint, level in found
        ]
        for found in per_rule
    ]


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
        per_rule = run_split(
            enabled,
            lambda rule_class: rule_class.code[:2] in CHILD_FAMILIES,
            violations,
            encode=_plain_violations,
            decode=_violations_again,
        )
    else:
        per_rule = violations(enabled)
    findings: dict[tuple, Finding] = {}
    # Each file's lines, read once for every finding in it, and each line's words as its fingerprints
    # join them (`baseline.line_fingerprint`), joined once for every finding on it.
    lines_of: dict[str, tuple[list[str], dict[int, str]]] = {}
    make_finding = maker(Finding)  # `Finding(...)`, quicker: a big lint makes 100,000s (made on first use)
    for rule_class, found in zip(enabled, per_rule):
        code, name = rule_class.code, rule_class.name
        level = config.level_of(rule_class)
        overridden = code in config.levels
        for violation in found:
            span, message = violation.span, violation.message
            identity = (code, span, message)
            if identity in findings:
                continue
            read = lines_of.get(span.path)
            if read is None:
                read = lines_of[span.path] = (sources.lines(span.path), {})
            lines, words_of = read
            number = span.line
            words = words_of.get(number)
            if words is None:
                words = words_of[number] = " ".join(lines[number - 1].split()) if 0 < number <= len(lines) else ""
            findings[identity] = make_finding(
                code,
                name,
                violation.level if violation.level is not None and not overridden else level,
                message,
                span,
                violation.node,
                violation.hint,
                None,
                words_fingerprint(code, violation.node, words),
            )
    return list(findings.values())
