"""Every lint rule, and the catalogue of them: `all_rules()` and `get_rule()`.

The rule modules are listed here explicitly (as in yamllint), so the full set
of rules is greppable and importing this package registers them all. Each rule
registers itself with `ivrkit.lint.registry.register`, which sits below the
rules and does not know which rules exist; the catalogue lives here, above
them, so imports run one way (docs/architecture.md).
"""

from __future__ import annotations

from ..lint.registry import Rule, registered
from . import audio, handlers, keys, length, service, structure, wording  # noqa: F401
from . import barge_in, contradiction, menu_shape, navigation_label, organisation, silent_end, unanswered  # noqa: F401  (issue 11 rules)

__all__ = ["RULE_MODULES", "all_rules", "get_rule"]

RULE_MODULES = (
    audio, barge_in, contradiction, handlers, keys, length, menu_shape, navigation_label, organisation, service,
    silent_end, structure, unanswered, wording,
)


def all_rules() -> list[type[Rule]]:
    """Every rule, by code."""
    return registered()


def get_rule(code_or_name: str) -> type[Rule] | None:
    """A rule by code (`ST001`), name (`dead-end`) or alias."""
    wanted = code_or_name.strip()
    for rule in all_rules():
        if wanted.upper() == rule.code or wanted.lower() == rule.name or wanted.lower() in rule.aliases:
            return rule
    return None
