"""ivrkit's own JSON limits: every hostile text is a JsonProblem at its position, every ordinary one parses."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.jsonfile import JsonProblem, loads


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("[" * 101 + "]" * 101, (1, 101), "the JSON is nested more than 100 levels deep"),
        ('{"a": [\n  {"b": ' + "[" * 5000, (2, 106), "the JSON is nested more than 100 levels deep"),
        ('{"n":\n 1' + "0" * 4300 + "}", (2, 2), "a number of 4301 digits is too long (at most 100)"),
        ('["x", -' + "9" * 101 + "]", (1, 7), "a number of 101 digits is too long (at most 100)"),
        ('"ok",\n"\\ud800"', (2, 2), "`\\ud800` is half of a surrogate pair, not a character"),
        ('"\\udc00"', (1, 2), "`\\udc00` is half of a surrogate pair, not a character"),
        ('{"a":\n  NaN}', (2, 3), "`NaN` is not a JSON number"),
        ("[1, -Infinity]", (1, 5), "`-Infinity` is not a JSON number"),
        ('{"a": 1,}', (1, 9), "not valid JSON: Expecting property name enclosed in double quotes"),
    ],
)
def test_hostile_json_is_a_positioned_problem(text, where, message):
    with pytest.raises(JsonProblem) as caught:
        loads(text)
    assert (caught.value.line, caught.value.col) == where
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize(
    "text, value",
    [
        ('"\\\\ud800"', "\\ud800"),  # an escaped backslash, then the letters: plain text
        ('"\\ud83d\\ude00"', "\U0001f600"),  # a whole surrogate pair
        ('"NaN [[[ 123"', "NaN [[[ 123"),  # inside a string nothing counts
    ],
)
def test_ordinary_json_parses(text, value):
    assert loads(text) == value


def test_exactly_the_limit_parses():
    value = loads("[" * 100 + "]" * 100)
    for _ in range(99):
        assert len(value) == 1
        value = value[0]
    assert value == []


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


@given(_JSON)
def test_whatever_json_writes_within_the_limits_reads_back(value):
    assert loads(json.dumps(value)) == value


@given(st.text(max_size=200))
def test_any_text_parses_or_is_a_problem_never_another_error(text):
    try:
        loads(text)
    except JsonProblem as problem:
        assert problem.line >= 1 and problem.col >= 1
