"""WD001 groups a menu's labels by their concepts; when no two labels have the same concept set, each label is
a group of its own without building the table. Held to the plain grouping (a dict of every label)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.language import concepts
from ivrkit.rules.wd001_option_overlap import _groups

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
