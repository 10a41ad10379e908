"""`candidate_pairs` finds the label pairs WD001 compares two ways: by trying each pair (a menu's few labels)
and through subset tables (a directory of many). Both must give every pair `compare` reports; trying each
pair gives exactly the pairs that share enough, the tables may give more."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.language import candidate_pairs, compare, concepts
from ivrkit.language.matching import _FEW, _pairs_by_index, _pairs_by_trying_each, is_lexical

_LABEL_WORDS = (
    "pay bill billing payment invoice account balance agent person adviser outage fault power cut "
    "report leak move meter reading complaint cancel order delivery support technical sales team "
    "the your to about speak with make new a b c d e f g h record recorded message play"
).split()

_labels = st.lists(st.lists(st.sampled_from(_LABEL_WORDS), min_size=1, max_size=11).map(" ".join), max_size=25)
_thresholds = st.sampled_from([-0.5, 0.0, 0.2, 0.34, 0.5, 0.6, 0.75, 1.0, 1.5])


def _close_enough(first, second, threshold) -> bool:
    shared = first.concepts & second.concepts
    if not shared:
        return False
    nested = first.concepts <= second.concepts or second.concepts <= first.concepts
    same_lexical_head = first.head == second.head and is_lexical(first.head)
    return len(shared) / len(first.concepts | second.concepts) >= threshold or (same_lexical_head and nested)


@given(labels=_labels, threshold=_thresholds)
def test_both_ways_give_every_pair_compare_reports(labels, threshold):
    found = [concepts(label, "en") for label in labels]
    pairs = [(i, j) for j in range(len(found)) for i in range(j)]
    reported = {(i, j) for i, j in pairs if compare(found[i], found[j], threshold) is not None}
    close = {(i, j) for i, j in pairs if _close_enough(found[i], found[j], threshold)}
    tried = _pairs_by_trying_each(found, threshold)
    assert reported <= close == tried
    assert tried <= _pairs_by_index(found, threshold)


def test_a_menus_labels_are_tried_pair_by_pair_and_a_directory_through_the_tables():
    twins = [concepts("pay your bill", "en"), concepts("pay the bill", "en")]
    sales = [concepts(f"person{i:04d} in sales", "en") for i in range(_FEW + 1)]
    assert candidate_pairs(twins, 0.5) == {(0, 1)}
    assert candidate_pairs(sales[:_FEW], 0.5) == set()  # each pair tried, none alike enough
    assert candidate_pairs(sales + twins, 0.5) == {(_FEW + 1, _FEW + 2)}  # through the tables
