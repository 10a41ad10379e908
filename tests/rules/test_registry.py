"""Rule metadata and documentation: unique codes and names, every doc section present, sources cited."""

from __future__ import annotations

import re
from pathlib import Path

from ivrkit.lint.registry import DOC_SECTIONS, FAMILIES
from ivrkit.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent.parent

# A citation tag such as [ISO], [ACX-dtmf], [508].
TAG = re.compile(r"\[([A-Z0-9]+(?:-[A-Za-z0-9]+)*)\]")
# What makes a References entry a primary source a reader can find: a URL, a DOI, a standard's
# number, a regulation, or an author (or organisation) with a year.
PRIMARY = re.compile(
    r"https?://\S+"
    r"|\bdoi 10\.\d+/"
    r"|\b(?:ISO|ISO/IEC|IEC|ETSI (?:ETR|ES|EN|TS)|AS/NZS|ITU-T [A-Z])[ .]?\d+"
    r"|\b\d+ CFR \d+"
    r"|\b[A-Z][A-Za-z&.' -]+ (?:19|20)\d\d\b"
)
# Notes that live outside this repository, which a reader of docs/rules.md cannot open.
OUTSIDE = re.compile(r"clarity-guidelines|more-sources|shared/design|\.\./|/work/|~/")
URL = re.compile(r"https?://\S+")


def _sections(rule) -> dict[str, str]:
    doc = rule.doc()
    headings = re.findall(r"^## (.+)$", doc, re.MULTILINE)
    bodies = re.split(r"^## .+$", doc, flags=re.MULTILINE)[1:]
    return dict(zip(headings, bodies))


def _prose(text: str) -> str:
    """Text without code blocks and inline code, where brackets are YAML, not citations."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", text, flags=re.DOTALL))


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
        assert TAG.search(_prose(why)), f"{rule.code}: 'Why is this bad?' cites no source"
        assert "```yaml" in sections[DOC_SECTIONS.index("Example")], rule.code
        for name in rule.options:
            assert f"`{name}`" in sections[DOC_SECTIONS.index("Options")], (rule.code, name)


def test_every_rule_cites_a_primary_source_for_each_tag_it_uses():
    for rule in all_rules():
        sections = _sections(rule)
        entries = {}
        for line in sections["References"].splitlines():
            match = re.match(r"\s*- \[([^\]]+)\] (.+)", line)
            if match:
                assert match.group(1) not in entries, f"{rule.code}: [{match.group(1)}] listed twice"
                entries[match.group(1)] = match.group(2)
        assert entries, f"{rule.code}: no tagged References entry"
        for tag, text in entries.items():
            assert PRIMARY.search(text), f"{rule.code}: [{tag}] gives no URL or bibliographic entry: {text!r}"
        used = set()
        for heading, body in sections.items():
            if heading != "References":
                used |= set(TAG.findall(_prose(body)))
        assert used - set(entries) == set(), f"{rule.code}: cited but not in References: {sorted(used - set(entries))}"
        assert set(entries) - used == set(), (
            f"{rule.code}: in References but never cited: {sorted(set(entries) - used)}"
        )


def test_no_rule_doc_points_to_a_file_outside_this_repository():
    for rule in all_rules():
        doc = rule.doc()
        assert not OUTSIDE.search(doc), f"{rule.code}: mentions {OUTSIDE.search(doc).group(0)!r}"
        for name in re.findall(r"[\w./-]+\.md\b", URL.sub("", doc)):
            assert (ROOT / name).is_file(), f"{rule.code}: cites {name}, which is not a file of this repository"
