"""`yamlsource` composes with a quicker tag resolver: every value must get the tag PyYAML's safe loader gives it."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit import yamlsource

# Words YAML 1.1 reads as something other than text, and near misses.
SPECIAL = [
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "0",
    "-1",
    "+12",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "0b101",
    "1:30",
    "190:20:30",
    "1.5",
    ".5",
    "-.inf",
    ".NaN",
    "1e3",
    "6.8523015e+5",
    "2002-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "=",
    "<<",
    "a",
    "-",
    ".",
    "+",
    "1.2.3",
    "0x",
    "yes please",
]
values = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=8))
data = st.recursive(
    values,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(values, inner, max_size=3)),
    max_leaves=20,
)


def tags(root: yaml.Node | None) -> list[tuple[str, str | None]]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        found.append((node.tag, node.value if isinstance(node, yaml.ScalarNode) else None))
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found


def same_tags(text: str) -> None:
    base = yamlsource._BaseLoader
    assert yamlsource._Loader is not base
    assert tags(yaml.compose(text, Loader=yamlsource._Loader)) == tags(yaml.compose(text, Loader=base))


@settings(max_examples=300, deadline=None)
@given(data, st.sampled_from([False, None, True]))
def test_dumped_values_get_the_safe_loaders_tags(value, flow):
    same_tags(yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=6))
def test_plain_words_get_the_safe_loaders_tags(words):
    """Unquoted, as a designer writes them (a dump would quote the special ones)."""
    text = "".join(f"k{index}: {word}\n" for index, word in enumerate(words) if not word.startswith(("-", "<", "=")))
    same_tags(text + "list: [" + ", ".join(w for w in words if w not in ("-", "", "=", "<<")) + "]\n")


def test_the_tags_that_matter_here():
    root = yaml.compose("a: yes\nb: 010\nc: 1:30\nd: ~\ne: 2026-12-24\nf: x\n", Loader=yamlsource._Loader)
    assert [value.tag.rsplit(":", 1)[1] for _, value in root.value] == [
        "bool",
        "int",
        "int",
        "null",
        "timestamp",
        "str",
    ]


@settings(max_examples=200, deadline=None)
@given(data, st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=6))
def test_remembered_tags_are_the_safe_loaders_tags(value, words):
    """The second compose of a text answers its short plain scalars from `_PLAIN_TAGS`: still the same tags."""
    yamlsource._PLAIN_TAGS.clear()
    plain = "".join(f"k{index}: {word}\n" for index, word in enumerate(words) if not word.startswith(("-", "<", "=")))
    text = plain + "more: " + yaml.safe_dump(value, default_flow_style=True, allow_unicode=True)
    same_tags(text)
    same_tags(text)


def test_plain_tags_are_remembered_within_bounds(monkeypatch):
    monkeypatch.setattr(yamlsource, "_PLAIN_TAGS", {})
    monkeypatch.setattr(yamlsource, "_REMEMBERED_TEXTS", 3)
    long_text = "x" * (yamlsource._REMEMBERED_LENGTH + 1)
    yaml.compose(f"a: yes\nb: 010\n{long_text}: ~\nc: d\ne: f\n", Loader=yamlsource._Loader)
    assert yamlsource._PLAIN_TAGS == {
        "a": yamlsource._STR_TAG,
        "yes": "tag:yaml.org,2002:bool",
        "b": yamlsource._STR_TAG,
    }


@settings(max_examples=100, deadline=None)
@given(data)
def test_the_pure_python_composer_takes_the_quicker_resolver_too(value):
    """PyYAML without libyaml composes with `SafeLoader`: the same resolver methods give it the same tags."""
    methods = {
        name: yamlsource._ResolvingLoader.__dict__[name] for name in ("resolve", "descend_resolver", "ascend_resolver")
    }
    pure = type("PureResolvingLoader", (yaml.SafeLoader,), methods)
    text = yaml.safe_dump(value, default_flow_style=None, allow_unicode=True)
    assert tags(yaml.compose(text, Loader=pure)) == tags(yaml.compose(text, Loader=yaml.SafeLoader))
