"""Suppressions: line comments, a node's `lint: {ignore: [...]}`, and a baseline file.

A comment ``# ivrkit: ignore[CODE, name]`` suppresses the named rules on the
line it ends, or, written alone on its own line, on the line below (like
``noqa`` placed above a long line). ``# ivrkit: ignore`` without brackets
suppresses every rule there. Rule patterns are codes, names, aliases or
families (see `ivrkit.lint.config`).

A suppressed finding is kept, marked with how it was suppressed ("comment",
"node" or "baseline"), so reports can still show it as ignored. A directive
naming an unknown rule, or a malformed one, is a warning (`directive_problems`),
never a reason for a lint run to fail.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, did_you_mean
from ..lazyregex import compiled_on_first_need
from ..model import MenuSet, Span, model_class, replace
from ..rules import all_rules
from .baseline import Baseline
from .config import LintConfig, is_known_pattern, known_patterns, pattern_matches
from .finding import Finding
from .sources import Sources

__all__ = ["apply_suppressions", "directive_problems", "node_problems", "Directive", "parse_directive"]

# A YAML comment starts at `#` at the start of a line or after whitespace.
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*ivrkit\s*:\s*(?P<body>.*?)\s*$")


# The body's patterns, compiled when a file first has an `# ivrkit:` comment (most have none).
_ignore = compiled_on_first_need(r"ignore(?:\s*\[(?P<codes>[^\]]*)\])?\Z")


_code = compiled_on_first_need(r"[^,\s]+")


@model_class  # a frozen dataclass, made without dataclasses' start-up cost
class Directive:
    """One `# ivrkit: ignore[...]` comment. `codes` is None for "every rule"."""

    codes: tuple[tuple[str, int], ...] | None  # (pattern, column of the pattern)
    own_line: bool  # the comment is alone on its line: it applies to the next line
    valid: bool = True
    col: int = 1

    def covers(self, finding: Finding) -> bool:
        if not self.valid:
            return False
        if self.codes is None:
            return True
        return any(pattern_matches(code, finding.code, finding.name) for code, _ in self.codes)


def parse_directive(line: str) -> Directive | None:
    """The ivrkit directive of a source line, if it has one."""
    if "ivrkit" not in line:
        return None
    found = _COMMENT.search(line)
    if found is None:
        return None
    own_line = not line[: found.start()].strip()
    ignore = _ignore().match(found.group("body"))
    if ignore is None:
        return Directive(None, own_line, valid=False, col=found.start() + 1)
    if ignore.group("codes") is None:
        return Directive(None, own_line, col=found.start() + 1)
    offset = found.start("body") + ignore.start("codes")
    codes = tuple((m.group(), offset + m.start() + 1) for m in _code().finditer(ignore.group("codes")))
    return Directive(codes, own_line, col=found.start() + 1)


def _comment_covers(finding: Finding, lines: list[str]) -> bool:
    """Whether a `# ivrkit:` comment on the finding's line, or alone on the line above, covers it."""
    number = finding.span.line
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if "ivrkit" in line:  # parse_directive's own first test, kept here: most lines have no comment
        own = parse_directive(line)
        if own is not None and own.covers(finding):
            return True
    above = lines[number - 2] if 0 < number - 1 <= len(lines) else ""
    if "ivrkit" not in above:
        return False
    directive = parse_directive(above)
    return directive is not None and directive.own_line and directive.covers(finding)


def _node_covers(finding: Finding, ignores: tuple[tuple[str, Span], ...]) -> bool:
    return any(pattern_matches(code, finding.code, finding.name) for code, _ in ignores)


def apply_suppressions(
    findings: list[Finding],
    menuset: MenuSet,
    config: LintConfig,
    sources: Sources | None = None,
    baseline: Baseline | None = None,
) -> list[Finding]:
    """Mark each finding with the first suppression that covers it: node, comment, then baseline."""
    sources = sources or Sources()
    ignoring = {key: node.lint_ignore for key, node in menuset.nodes.items() if node.lint_ignore}
    lines_of: dict[str, tuple[list[str], frozenset[int]]] = {}  # each file's lines and those that may hold a comment
    result = []
    for finding in findings:
        path = finding.span.path
        read = lines_of.get(path)
        if read is None:
            read = lines_of[path] = (sources.lines(path), sources.lines_holding(path, "ivrkit"))
        lines, marked = read
        number = finding.span.line
        ignores = ignoring.get(finding.node) if finding.node else None
        if ignores is not None and _node_covers(finding, ignores):
            finding = replace(finding, suppressed="node")
        elif (number in marked or number - 1 in marked) and _comment_covers(finding, lines):
            finding = replace(finding, suppressed="comment")
        elif baseline is not None and finding in baseline:
            finding = replace(finding, suppressed="baseline")
        result.append(finding)
    return result


# -- warnings about the directives themselves ------------------------------------------


def directive_problems(path: str, sources: Sources) -> list[Diagnostic]:
    """Malformed `# ivrkit:` comments and unknown rules named in them, as warnings."""
    problems = []
    lines = sources.lines(path)
    for number in sorted(sources.lines_holding(path, "ivrkit")):  # parse_directive's own first test
        line = lines[number - 1]
        directive = parse_directive(line)
        if directive is None:
            continue
        if not directive.valid:
            span = Span(path, number, directive.col, number, len(line) + 1)
            problems.append(
                Diagnostic(
                    span,
                    "not an ivrkit directive; it is ignored",
                    "write `# ivrkit: ignore[CODE]` or `# ivrkit: ignore`",
                    "warning",
                )
            )
            continue
        for code, col in directive.codes or ():
            problems += _unknown(code, Span(path, number, col, number, col + len(code)))
    return problems


def node_problems(menuset: MenuSet) -> list[Diagnostic]:
    """Unknown rules in the nodes' `lint: {ignore: [...]}`, as warnings."""
    problems = []
    for node in menuset.nodes.values():
        for code, span in node.lint_ignore:
            problems += _unknown(code, span)
    return problems


def _unknown(code: str, span: Span) -> list[Diagnostic]:
    rules = all_rules()
    if is_known_pattern(code, rules):
        return []
    return [
        Diagnostic(
            span,
            f"`{code}` is not an ivrkit rule, so this suppresses nothing",
            did_you_mean(code, known_patterns(rules)),
            "warning",
        )
    ]
