"""WD013 navigation-label-mismatch, run directly on English and Finnish menus (its YAML cases: cases/wd013_navigation_label_mismatch.yaml).

The cases pin the exact (line, col) of every finding, like tests/rules/cases/*.yaml.
"""

from __future__ import annotations

import pytest

from ivrkit import graph as graphs
from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules.wd013_navigation_label_mismatch import NavigationLabelMismatch

HEADER = "ivrkit: 1\nname: t\nlanguage: {language}\nentry: main\nnodes:\n"
AGENT = "  agent: {type: transfer, queue: general}\n"

CASES = [
    pytest.param(
        "en",
        "  main:\n    type: menu\n    options:\n"
        '      "1": {label: pay a bill, goto: agent}\n'
        '      "*": {label: hear these options again, goto: agent}\n',
        [(10, 20, 'key * in `main` says "hear these options again" but does not repeat the menu')],
        id="repeat-label-transfers",
    ),
    pytest.param(
        "fi",
        "  main:\n    type: menu\n    options:\n"
        '      "1": {label: laskuasiat, goto: laskut}\n'
        '      "0": {label: asiakaspalvelija, goto: agent}\n'
        "  laskut:\n    type: menu\n    options:\n"
        '      "1": {label: laskun maksaminen, goto: agent}\n'
        '      "*": {label: paluu edelliseen valikkoon, goto: agent}\n',
        [(15, 20, 'key * in `laskut` says "paluu edelliseen valikkoon" but leads to no menu above `laskut`')],
        id="finnish-back-label-transfers",
    ),
    pytest.param(
        "fi",
        "  main:\n    type: menu\n    options:\n"
        '      "1": {label: laskuasiat, goto: laskut}\n'
        '      "9": {label: kuuntele vaihtoehdot uudelleen, goto: agent}\n'
        "  laskut:\n    type: menu\n    options:\n"
        '      "1": {label: laskun maksaminen, goto: agent}\n'
        '      "*": {label: takaisin päävalikkoon, goto: main}\n',
        [(10, 20, 'key 9 in `main` says "kuuntele vaihtoehdot uudelleen" but does not repeat the menu')],
        id="finnish-repeat-wrong-back-right",
    ),
    pytest.param(
        "en",
        "  main:\n    type: menu\n    options:\n"
        '      "1": {label: order a repeat prescription, goto: agent}\n'
        '      "2": {label: report a fault, goto: faults}\n'
        '      "*": {label: hear these options again, action: repeat}\n'
        "  faults:\n    type: menu\n    options:\n"
        '      "1": {label: report a power cut, goto: agent}\n'
        '      "8": {label: hear the options again, goto: sorry}\n'
        '      "9": {label: go back to the main menu, goto: main}\n'
        '      "*": {label: go back, action: back}\n'
        "  sorry: {type: message, say: Here they are again., next: faults}\n",
        [],
        id="labels-that-keep-their-promises",
    ),
]


@pytest.mark.parametrize(("language", "nodes", "expected"), CASES)
def test_navigation_label_cases(language, nodes, expected, tmp_path):
    text = HEADER.format(language=language) + nodes + AGENT
    menuset = loads(text, tmp_path / "menu.yaml", root=tmp_path)
    ctx = Context(menuset, graphs.build(menuset), LintConfig())
    rule = NavigationLabelMismatch()
    found = [(v.span.line, v.span.col, v.message) for v in rule.check(ctx)]
    assert found == expected


def test_the_rule_is_registered():
    from ivrkit.rules import get_rule

    assert get_rule("WD013") is NavigationLabelMismatch
    assert get_rule("navigation-label-mismatch") is NavigationLabelMismatch


def test_its_documentation_has_every_section():
    import re

    from ivrkit.lint.registry import DOC_SECTIONS

    headings = re.findall(r"^## (.+)$", NavigationLabelMismatch.doc(), re.MULTILINE)
    assert tuple(headings) == DOC_SECTIONS
