"""Rule metadata and documentation: unique codes and names, every doc section present."""

from __future__ import annotations

import re

from ivrkit.lint.registry import DOC_SECTIONS, FAMILIES, all_rules


def test_codes_and_names_are_unique_and_well_formed():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.code) and rule.code[:2] in FAMILIES
        assert re.fullmatch(r"[a-z][a-z0-9-]{3,40}", rule.name)
        assert rule.summary and not rule.summary.endswith(".")


def test_every_rule_documents_every_section_in_order():
    for rule in all_rules():
        doc = rule.doc()
        headings = re.findall(r"^## (.+)$", doc, re.MULTILINE)
        assert tuple(headings) == DOC_SECTIONS, (rule.code, headings)
        sections = re.split(r"^## .+$", doc, flags=re.MULTILINE)[1:]
        for heading, body in zip(headings, sections):
            assert body.strip(), f"{rule.code}: empty section {heading!r}"
        why = sections[DOC_SECTIONS.index("Why is this bad?")]
        assert "clarity-guidelines" in why or re.search(r"\[[A-Z0-9-]+\]", why), f"{rule.code} cites no source"
        assert "```yaml" in sections[DOC_SECTIONS.index("Example")], rule.code
        for name in rule.options:
            assert f"`{name}`" in sections[DOC_SECTIONS.index("Options")], (rule.code, name)
