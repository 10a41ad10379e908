"""WD001's shortcuts held to the plain way: it groups a menu's labels by their concepts, and when no two labels
have the same concept set each label is a group of its own without building the table (held to the plain
grouping, a dict of every label); a menu whose labels share no concept is not compared at all (held to the
findings of comparing every menu)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.language import concepts
from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules import wd001_option_overlap as wd001
from ivrkit.rules.wd001_option_overlap import OptionOverlap, _groups

_WORDS = "pay bill billing payments invoice agent power cut outage the your report move home a b".split()


def _plain_groups(found):
    group_of, group_at, members = {}, [], []
    for index, label in enumerate(found):
        group = group_of.setdefault(label, len(members))
        if group == len(members):
            members.append([])
        members[group].append(index)
        group_at.append(group)
    return group_at, members


@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join), max_size=12))
def test_groups_are_the_plain_grouping(labels):
    found = [concepts(label, "en") for label in labels]
    assert _groups(found) == _plain_groups(found)


def test_labels_with_the_same_concepts_but_another_head_are_two_groups():
    # the same concept set, another order: the concept sets alone would merge them
    found = [concepts("pay bill", "en"), concepts("bill pay", "en"), concepts("pay bill", "en")]
    assert found[0].concepts == found[1].concepts and found[0] != found[1]
    assert _groups(found) == ([0, 1, 0], [[0, 2], [1]])


def _menu_set(labels: list[str]):
    options = "".join(f'      "{i + 1}": {{label: "{label}", goto: end}}\n' for i, label in enumerate(labels))
    text = (
        "ivrkit: 1\nname: t\nlanguage: en\nentry: main\nglobal_options:\n"
        '  "0": {label: speak to an agent about your bill, goto: end}\n'
        f"nodes:\n  main:\n    type: menu\n    options:\n{options}  end: {{type: hangup}}\n"
    )
    return loads(text, Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join), min_size=1, max_size=9))
def test_a_menu_whose_labels_share_no_concept_is_skipped_with_the_same_findings(labels):
    menuset = _menu_set(labels)
    rule = OptionOverlap()
    fast = [(v.span, v.message) for v in rule.check(Context(menuset, config=LintConfig()))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wd001, "_may_overlap", lambda found: True)  # every menu compared in full
        plain = [(v.span, v.message) for v in rule.check(Context(menuset, config=LintConfig()))]
    assert fast == plain
