"""Every lint rule, and the catalogue of them: `RULE_MODULES`, `all_rules()` and `get_rule()`.

One module per rule, named by its code and name (`st001_dead_end.py` holds
ST001 `dead-end`): its class carries the rule's metadata, options and
documentation, and its fixture cases are `tests/rules/cases/<module>.yaml`.
Helpers several rules share live in the `_`-prefixed modules beside them
(`_keys_common.py`, ...); graph facts come from `ivrkit.analysis` through
``ctx.facts``.

Adding a rule: write `ivrkit/rules/<code>_<name>.py` with one `@register`ed
`Rule` subclass (code, name, summary, level, `options` as `RuleOption`s, the
documentation in the class docstring's sections, `check(ctx)` yielding
`Violation`s and reading its options with `self.option(...)`); add its
failing and passing cases as `tests/rules/cases/<code>_<name>.yaml`; list
the module in `RULE_MODULE_NAMES` below; regenerate docs/rules.md (`scripts/gen_rules_doc.py`).

The rule modules are listed here explicitly by name (as in yamllint), so the
full set of rules is greppable and importing this package registers them all. Each rule
registers itself with `ivrkit.lint.registry.register`, which sits below the
rules and does not know which rules exist; the catalogue lives here, above
them, so imports run one way (docs/architecture.md).

Which structure rule owns which problem, so that one problem is reported once:

- ST003 `loop-without-exit` owns every loop a call can never leave for a
  destination (one finding per loop, at its first node), and the nodes that
  can only lead into such a loop.
- ST001 `dead-end` owns the other stuck nodes: those whose every way on ends
  nowhere (a node with no way on at all, such as a ``return`` that nothing
  returns to, and the nodes that only lead there).
- ST002 `unreachable-node` owns nodes no call reaches; ST001 and ST003 only
  judge reachable nodes.
- ST005 `human-reachable` and ST006 `failure-exit` skip nodes that ST001 or
  ST003 already report, since a node that reaches no destination reaches no
  person either.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from ..lint.registry import Rule, registered

__all__ = ["RULE_MODULE_NAMES", "RULE_MODULES", "all_rules", "get_rule"]

RULE_MODULE_NAMES = (
    "au001_unknown_prompt_text",
    "gl001_goal_success",
    "hd001_no_input_handler",
    "hd002_no_match_handler",
    "hd003_retry_limit",
    "hd004_escalating_reprompt",
    "hd005_invalid_input_to_business",
    "hd006_timeout_range",
    "hd007_timeout_alert",
    "hd008_wrong_key_hangup",
    "ky001_duplicate_destination",
    "ky002_key_order",
    "ky003_zero_is_agent",
    "ky004_star_conventions",
    "ky005_hash_conventions",
    "ky006_key_consistency",
    "ky007_prefix_collision",
    "ky008_yes_no_keys",
    "ky009_repeat_available",
    "ky010_mixed_key_length",
    "ln001_max_options",
    "ln002_prompt_duration",
    "ln003_time_to_first_option",
    "ln004_time_to_destination",
    "ln005_menu_barge_in",
    "st001_dead_end",
    "st002_unreachable_node",
    "st003_loop_without_exit",
    "st004_max_depth",
    "st005_human_reachable",
    "st006_failure_exit",
    "st007_pointless_menu",
    "st008_silent_hangup",
    "sv001_callback_confirmation",
    "sv002_callback_when",
    "sv003_queue_wait_announce",
    "sv004_queue_max_wait",
    "sv005_language_placement",
    "sv006_missing_translation",
    "sv007_unanswered_transfer",
    "wd001_option_overlap",
    "wd002_vague_label",
    "wd003_compound_option",
    "wd004_long_labels",
    "wd005_jargon",
    "wd006_goal_then_action",
    "wd007_prompt_key_mismatch",
    "wd008_placeholder_text",
    "wd009_spelling",
    "wd010_verb_consistency",
    "wd011_label_contradicts_destination",
    "wd012_foreign_organisation",
    "wd013_navigation_label_mismatch",
)

# importing a rule module registers its rule
RULE_MODULES: tuple[ModuleType, ...] = tuple(import_module(f"{__name__}.{name}") for name in RULE_MODULE_NAMES)


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
