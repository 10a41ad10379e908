"""Linter configuration: which rules run, at what level, with which options, for which locale.

`LintConfig` is the resolved, validated form. It is read from
`[tool.ivrkit.lint]` in pyproject.toml or the `lint:` mapping of .ivrkit.yaml
by `ivrkit.lint.config_file`, and adjusted by command-line flags.

A *rule pattern* (in `select`, `ignore`, `# ivrkit: ignore[...]` comments and
a node's `lint: {ignore: [...]}`) is a rule code (`ST001`), name
(`dead-end`), alias, family code (`ST`), family name (`structure`) or `ALL`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ..model import field, model_class
from .finding import FAMILIES, Level

__all__ = ["LintConfig", "LOCALES", "RuleNames", "pattern_matches", "is_known_pattern", "known_patterns"]

LOCALES = ("us", "eu", "fi")


class RuleNames(Protocol):
    """What configuration knows of a rule (a `Rule` class): its code, name, aliases, level and options."""

    code: str
    name: str
    aliases: tuple[str, ...]
    level: Level
    default_enabled: bool


def pattern_matches(pattern: str, code: str, name: str, aliases: Iterable[str] = ()) -> bool:
    """Whether a rule pattern names the rule with this code, name and aliases."""
    text = pattern.strip()
    upper, lower = text.upper(), text.lower()
    if upper == "ALL" or upper == code or lower == name or lower in aliases:
        return True
    family = FAMILIES.get(code[:2], "")
    return upper == code[:2] or lower in (family, family.replace(" ", "-"))


def known_patterns(rules: Iterable[RuleNames]) -> list[str]:
    """Every spelling a pattern can take for these rules (for "did you mean" hints)."""
    words = ["ALL", *FAMILIES, *FAMILIES.values()]
    for rule in rules:
        words += [rule.code, rule.name, *rule.aliases]
    return words


def is_known_pattern(pattern: str, rules: Iterable[RuleNames]) -> bool:
    """Whether a pattern names at least one of these rules (or a family)."""
    text = pattern.strip()
    if text.upper() in FAMILIES or text.lower() in FAMILIES.values():
        return True
    return any(pattern_matches(text, r.code, r.name, r.aliases) for r in rules)


@model_class
class LintConfig:
    """`select`/`ignore` hold rule patterns; `levels` and `options` are keyed by rule code."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: dict[str, Level] = field(default_factory=dict)  # rule code -> level
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule code -> option -> value
    locale: str | None = None  # us, eu or fi; None: unknown (the menus' language tags may name it)
    glossary: tuple[str, ...] = ()  # words the jargon rule accepts
    baseline: str | None = None  # path of a baseline file
    source: str | None = None  # the configuration file this came from, if any
    exclude: tuple[str, ...] = ()  # absolute glob patterns skipped when searching folders

    def excludes(self, path) -> bool:
        """Whether directory search skips `path`: it, or a folder above it, matches an `exclude` pattern."""
        from fnmatch import fnmatchcase
        from pathlib import Path

        target = Path(path).resolve()
        candidates = [target.as_posix(), *(parent.as_posix() for parent in target.parents)]
        return any(fnmatchcase(candidate, pattern.rstrip("/")) for pattern in self.exclude for candidate in candidates)

    def enabled(self, rule: RuleNames) -> bool:
        """Selected (explicitly, by family, or by default) and not ignored."""
        if self._matches(rule, self.ignore):
            return False
        if self.select:
            return self._matches(rule, self.select)
        return rule.default_enabled

    def level_of(self, rule: RuleNames) -> Level:
        return self.levels.get(rule.code, rule.level)

    def settings_of(self, rule: RuleNames) -> dict[str, Any]:
        """The options configured for a rule (by code); the rule fills in its defaults for the others."""
        return self.options.get(rule.code, {})

    @staticmethod
    def _matches(rule: RuleNames, patterns: Iterable[str]) -> bool:
        return any(pattern_matches(p, rule.code, rule.name, rule.aliases) for p in patterns)
