"""Extension patterns (ivrkit.keypatterns): reading, matching against a brute-force reference, prefix waits."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.keypatterns import (
    MAX_EXTENSION_DIGITS,
    PatternProblem,
    accepted_strings,
    compile_pattern,
)

KEYS = "0123456789*#"


def reference(pattern: str) -> re.Pattern:
    """The pattern as a Python regex, written independently from the compiler (for digits up to 4 long)."""
    parts = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char in "Xx":
            parts.append("[0-9]")
        elif char in "Zz":
            parts.append("[1-9]")
        elif char in "Nn":
            parts.append("[2-9]")
        elif char == "[":
            end = pattern.index("]", index)
            parts.append("[" + pattern[index + 1 : end] + "]")
            index = end
        elif char == ".":
            parts.append("[0-9]+")
        elif char == "!":
            parts.append("[0-9]*")
        else:
            parts.append(re.escape(char))
        index += 1
    return re.compile("".join(parts))


elements = st.sampled_from(["0", "1", "7", "9", "*", "#", "X", "Z", "N", "x", "[1-5]", "[135]", "[0-36-9]", "[01]"])
patterns = st.builds(
    lambda body, tail: "".join(body) + tail,
    st.lists(elements, min_size=1, max_size=4),
    st.sampled_from(["", "", ".", "!"]),
)
typed = st.text(alphabet=KEYS, min_size=1, max_size=5)


@given(pattern=patterns, keys=typed)
def test_accepts_is_the_reference_regex(pattern, keys):
    compiled = compile_pattern(pattern)
    assert compiled.accepts(keys) == bool(reference(pattern).fullmatch(keys))


@given(pattern=patterns, keys=typed)
def test_wants_more_means_a_longer_accepted_string_starts_with_the_keys(pattern, keys):
    compiled = compile_pattern(pattern)
    regex = reference(pattern)
    # every element of these patterns allows one of 0, 1, 7, 9, *, #: a shortest witness uses only those
    longer = any(
        regex.fullmatch(keys + "".join(more))
        for n in range(1, max(2, 6 - len(keys)))
        for more in itertools.product("0179*#", repeat=n)
    )
    early = compiled.tail == "!" and compiled.accepts(keys)  # Asterisk's `!`: matched, so no wait of its own
    assert compiled.wants_more(keys) == (longer and not early)


@given(pattern=patterns)
def test_accepted_strings_are_accepted_and_shortest_first(pattern):
    compiled = compile_pattern(pattern)
    found = list(accepted_strings(compiled, limit=50))
    assert found and all(compiled.accepts(s) for s in found)
    assert [len(s) for s in found] == sorted(len(s) for s in found)
    assert len(found[0]) == compiled.shortest


def test_the_freeswitch_demo_pattern():
    compiled = compile_pattern("10[01]X")
    assert compiled.accepts("1000") and compiled.accepts("1019")
    assert not compiled.accepts("1099") and not compiled.accepts("100")
    assert compiled.wants_more("1") and compiled.wants_more("101")
    assert not compiled.wants_more("1000") and not compiled.wants_more("2")


def test_wildcards_stop_at_the_longest_extension():
    compiled = compile_pattern("7.")
    assert compiled.accepts("7" * MAX_EXTENSION_DIGITS)
    assert not compiled.accepts("7" * (MAX_EXTENSION_DIGITS + 1))
    assert not compiled.wants_more("7" * MAX_EXTENSION_DIGITS)


@pytest.mark.parametrize(
    "text, offset, message",
    [
        ("", 0, "an extension pattern cannot be empty"),
        ("_7XXX", 0, "write the pattern without Asterisk's leading `_`"),
        ("7A", 1, "`A` is not a pattern character"),
        ("7.1", 1, "`.` must be the last character of a pattern"),
        ("[1-5", 0, "`[` has no closing `]`"),
        ("[5-1]", 1, "the range `5-1` goes backwards"),
        ("[]", 0, "`[]` is an empty set: it matches no key"),
        ("[1a]", 2, "`a` cannot be in a `[...]` set: only digits and ranges such as 1-5"),
        ("[1-]", 2, "the range `1-` needs a digit after `-`"),
        ("!", 0, "`!` alone matches pressing nothing"),
        ("X" * 17, 16, "a pattern matches at most 16 digits"),
    ],
)
def test_bad_patterns_name_the_character_at_fault(text, offset, message):
    with pytest.raises(PatternProblem) as caught:
        compile_pattern(text)
    assert caught.value.message == message
    assert caught.value.offset == offset
