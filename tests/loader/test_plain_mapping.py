"""The options' quick mapping reader: where it answers, it answers as `FieldReader.mapping`, with nothing to report."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.loader.context import _plain_mapping
from ivrkit.yamlfields import FieldReader

_keys = st.sampled_from(["label", "goto", "say", "1", "'1'", "yes", "null", "<<", "[a]", "~", "3.5"])
_values = st.sampled_from(["x", "m1", "{a: 1}", "[1, 2]", "*base", "''", "true"])


@given(st.lists(st.tuples(_keys, _values), max_size=5), st.booleans())
def test_the_quick_reader_answers_as_the_field_reader(pairs, flow):
    anchor = "base: &base {label: b, goto: g}\n"
    body = "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}" if flow else "".join(f"\n  {k}: {v}" for k, v in pairs)
    text = anchor + "option: " + (body if pairs else "{}")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    node = root.value[1][1]
    problems: list = []
    expected = FieldReader("menu.yaml", problems).mapping(node, "option `1`")
    quick = _plain_mapping(node)
    if quick is not None:
        assert quick == expected and list(quick) == list(expected) and not problems


def test_it_leaves_merges_duplicates_and_other_keys_to_the_field_reader():
    for text in ("{<<: {a: 1}, b: 2}", "{a: 1, a: 2}", "{1: a}", "{yes: a}", "[a]", "a"):
        assert _plain_mapping(yaml.compose(text, Loader=yaml.SafeLoader)) is None, text
    assert list(_plain_mapping(yaml.compose("{label: x, '1': y}", Loader=yaml.SafeLoader)) or {}) == ["label", "1"]
