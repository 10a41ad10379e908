"""Property test: the linter never raises on any valid menu, and every finding is well formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from ivrkit.lint.config import LOCALES, LintConfig
from ivrkit.lint.finding import Level
from ivrkit.lint.runner import lint
from ivrkit.loader import loads
from ivrkit.rules import all_rules

from ..strategies import menu_yaml, valid_menus

CODES = {rule.code for rule in all_rules()}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus())
def test_linter_never_raises_on_valid_menus(menu):
    text = menu_yaml(menu)
    menuset = loads(text, "menu.yaml")
    lines = text.count("\n") + 1
    for locale in LOCALES:
        for finding in lint(menuset, LintConfig(select=("ALL",), locale=locale)):
            assert finding.code in CODES
            assert isinstance(finding.level, Level)
            assert finding.message
            assert finding.span.path == "menu.yaml"
            assert 1 <= finding.span.line <= lines and finding.span.col >= 1
            assert finding.node is None or finding.node in menuset.nodes
