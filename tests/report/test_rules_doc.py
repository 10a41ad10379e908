"""docs/rules.md is generated from the registry, and the committed file is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ivrkit.lint.ruledoc import anchor, rule_markdown, rules_document
from ivrkit.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent.parent


def test_committed_rules_doc_is_up_to_date():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_document(), "docs/rules.md is stale: run `python scripts/gen_rules_doc.py`"


def test_generator_check_mode():
    result = subprocess.run(
        [sys.executable, "scripts/gen_rules_doc.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_every_rule_has_a_section_with_its_level_and_options():
    document = rules_document()
    for rule in all_rules():
        assert f"### {rule.code} {rule.name}\n" in document
        assert f"(#{anchor(rule)})" in document
        page = rule_markdown(rule, depth=3)
        assert f"**Level:** {rule.level}" in page and "#### What it does" in page
        for name in rule.options:
            assert f"| `{name}` |" in page
