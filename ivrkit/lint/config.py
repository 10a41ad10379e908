"""Linter configuration: which rules run, at what level, with which options, for which locale.

`LintConfig` is the resolved, validated form. It is read from `[tool.ivrkit]`
in pyproject.toml or from .ivrkit.yaml by `load_config` (see
`ivrkit.lint.config_file`), and from command-line flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .finding import Level

__all__ = ["LintConfig", "LOCALES"]

LOCALES = ("us", "eu", "fi")


@dataclass(frozen=True)
class LintConfig:
    """`select`/`ignore` hold rule codes, names or family prefixes (`ST`, `structure`)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: dict[str, Level] = field(default_factory=dict)  # rule code -> level
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule code -> option -> value
    locale: str = "eu"
    glossary: tuple[str, ...] = ()  # words the jargon rule accepts
    baseline: str | None = None  # path of a baseline file

    def enabled(self, rule) -> bool:
        """Selected (explicitly, by family, or by default) and not ignored."""
        if self._matches(rule, self.ignore):
            return False
        if self.select:
            return self._matches(rule, self.select)
        return rule.default_enabled

    def level_of(self, rule) -> Level:
        return self.levels.get(rule.code, rule.level)

    def option(self, rule, name: str) -> Any:
        own = self.options.get(rule.code, {})
        return own[name] if name in own else rule.options[name].default

    @staticmethod
    def _matches(rule, patterns) -> bool:
        from .registry import FAMILIES

        for pattern in patterns:
            text = pattern.strip()
            if text.upper() in ("ALL",):
                return True
            if text.upper() == rule.code or text.lower() == rule.name or text.lower() in rule.aliases:
                return True
            if text.upper() == rule.code[:2] or text.lower() == FAMILIES.get(rule.code[:2]):
                return True
        return False
