"""`yamlsource.cannot_nest_past`: the cheap bound that lets compose skip walking the tree for MAX_DEPTH.

The bound must be sound: whenever it says a text cannot nest past a limit, no
collection in the composed tree is deeper than that limit.
"""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.yamlsource import cannot_nest_past


def depth(root: yaml.Node) -> int:
    """The deepest collection of a composed tree (the root collection is level 1, a scalar root 0)."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, yaml.MappingNode):
            deepest = max(deepest, level)
            stack.extend((item, level + 1) for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            deepest = max(deepest, level)
            stack.extend((item, level + 1) for item in node.value)
    return deepest


scalars = st.one_of(st.integers(0, 9), st.sampled_from(["a", "b c", "[x]", "- y", "? z", ": w", ""]))
data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("abc"), inner, max_size=3)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(data, st.sampled_from([False, None, True]), st.integers(2, 4), st.sampled_from(["\n", "\r", "\r\n"]))
def test_the_bound_never_lets_a_deeper_tree_through(value, flow, indent, line_break):
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent, line_break=line_break)
    actual = depth(yaml.compose(text, Loader=yaml.SafeLoader))
    for limit in range(0, 24):
        if cannot_nest_past(text, limit):
            assert actual <= limit, (limit, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["- ", "-\t", "? ", "k:\n", "k:\n  "]), min_size=1, max_size=30))
def test_compact_block_nesting_is_bounded_too(steps):
    """Hand-written nesting: "- - - x", a sequence at its key's column, tabs after indicators."""
    text, column = "", 0
    for step in steps:
        if step.startswith("k:"):  # a key at the current column, its value on the next line
            text += "k:\n" + " " * column + ("  " if step.endswith("  ") else "")
            column += 2 if step.endswith("  ") else 0
        else:
            text += step
            column += len(step)
    text += "x\n"
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    actual = depth(root)
    for limit in range(0, 64):
        if cannot_nest_past(text, limit):
            assert actual <= limit, (limit, text)


def test_a_long_indent_or_many_brackets_is_walked():
    assert cannot_nest_past("a:\n  b: 1\n", 100)
    assert not cannot_nest_past("a:\n" + " " * 50 + "b: 1\n", 100)
    assert not cannot_nest_past("a:\r" + " " * 50 + "b: 1\r", 100)  # a file whose lines end in \r alone
    assert not cannot_nest_past("a:\u2028" + " " * 50 + "b: 1", 100)
    assert not cannot_nest_past("\ufeff" + " " * 50 + "- 1\n", 100)  # the first line, after a byte order mark
    assert not cannot_nest_past("x: " + "[" * 99 + "]" * 99, 100)
