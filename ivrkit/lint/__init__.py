"""The clarity linter: rules (in `ivrkit.rules`, whose `all_rules()` and `get_rule()` list them) judged over a
loaded menu and its call graph.

`lint(menuset, config)` runs every enabled rule and returns the findings,
with suppressions applied (they stay in the result, marked). Nothing here
prints; files are read only for configuration (`config_file`), baselines
(`baseline`) and the menus' own text (`sources`: suppression comments and
fingerprints). `project.lint_files` lints many files for the CLI.
"""

from __future__ import annotations

from .finding import Finding, Level, Violation
from .registry import Rule, RuleOption

__all__ = ["Finding", "Level", "Violation", "Rule", "RuleOption", "lint"]


def lint(menuset, config=None, **options):
    """Run the enabled rules over `menuset`; see `ivrkit.lint.runner.lint`."""
    from .runner import lint as run

    return run(menuset, config, **options)
