"""What crosses the pipe from the child of a split lint: plain tuples, turned back into the same violations."""

from __future__ import annotations

import os
import pickle
import sys

import pytest

from ivrkit.lint import parallel, runner
from ivrkit.lint.finding import Level, Violation
from ivrkit.model import Span


def test_violations_cross_as_plain_values_and_come_back_equal():
    per_rule = [
        [
            Violation(Span("a.yaml", 1, 2, 3, 4), "m", "main", "h", Level.ERROR),
            Violation(Span("b.yaml", 5, 6, 7, 8), "n"),
        ],
        [],
    ]
    encoded = runner._plain_violations(per_rule)
    assert all(type(item) is tuple and type(item[0]) is tuple for found in encoded for item in found)
    back = runner._violations_again(pickle.loads(pickle.dumps(encoded)))
    assert back == per_rule
    assert type(back[0][0].span) is Span and back[0][0].level is Level.ERROR and back[0][1].level is None


@pytest.mark.skipif(not hasattr(os, "fork") or not sys.platform.startswith("linux"), reason="fork only")
def test_only_the_childs_results_are_encoded_and_decoded():
    parent = os.getpid()
    result = parallel.run_split(
        range(6),
        lambda item: item % 2 == 0,
        lambda items: [(item, os.getpid() == parent) for item in items],
        encode=lambda results: [("encoded", value) for value in results],
        decode=lambda data: [value for tag, value in data if tag == "encoded"],
    )
    assert result == [(item, item % 2 == 1) for item in range(6)]
