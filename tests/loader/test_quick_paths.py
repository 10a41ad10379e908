"""The loader's quick paths (`FileContext.quick_option`, `NodeBuilder._quick_menu`) build what the general
readers build: the same model, spans included, and the same problems, in the same order, for any file."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.loader import LoadError, loads
from ivrkit.loader.context import FileContext
from ivrkit.model import MenuSet

_LABELS = ["pay your bill", '"quoted: text"', "'single'", "yes", "123", "[a, b]", "{en: x}", "!!str 5", "''", "~"]
_GOTOS = ["m1", "m0", "t0", "return", "nowhere", '"m2"', "other.yaml#x", "m 1", "~", "[m1]", "yes", "!!str m1"]
_ACTIONS = ["back", "repeat", "top", "jump", "~", "[back]"]
_OTHER_FIELDS = ["say: press it", "note: n", "share: 0.5", "then: m1", "announce: false", "language: fi", "bogus: 1"]
_KEYS = ['"1"', "2", '"*"', '"#"', '"10"', "01", "A", "yes", '"3"', "4"]

_field = st.one_of(
    st.sampled_from(_LABELS).map(lambda value: f"label: {value}"),
    st.sampled_from(_GOTOS).map(lambda value: f"goto: {value}"),
    st.sampled_from(_ACTIONS).map(lambda value: f"action: {value}"),
    st.sampled_from(_OTHER_FIELDS),
)


def _label_and(labels: list[str], gotos: list[str], actions: list[str]):
    """The fields of an option of the common shape, `label` and `goto` or `action`, in either order."""
    where = st.one_of(
        st.sampled_from(gotos).map(lambda value: f"goto: {value}"),
        st.sampled_from(actions).map(lambda value: f"action: {value}"),
    )
    pair = st.tuples(st.sampled_from(labels).map(lambda value: f"label: {value}"), where)
    return st.one_of(pair.map(list), pair.map(lambda fields: [fields[1], fields[0]]))


_common_option = _label_and(_LABELS[:3], _GOTOS[:3], _ACTIONS[:3])
_unlabelled = st.sampled_from(
    [["goto: m1"], ["action: back"], ["say: press it", "goto: t0"], ["goto: m0", "announce: false"]]
)
_option_fields = st.one_of(
    _common_option, _label_and(_LABELS, _GOTOS, _ACTIONS), _unlabelled, st.lists(_field, max_size=3)
)
_option = st.one_of(
    st.tuples(_option_fields, st.booleans()),  # (fields, written as a flow mapping)
    st.sampled_from(["m1", "[x]", "~", "*shared", "&anchored {label: a, goto: m1}"]),
)

_SAYS = ["Welcome", '"Hello: there"', "yes", "{en: Hi}", "~", "[a]"]
_TYPES = ["menu", '"menu"', "message", "Menu", "[menu]"]
_NODE_EXTRAS = ["note: n", "timeout: 3", "say: again", "type: menu", "announce_options: false", "next: t0"]


def _render_option(key: str, option, indent: str) -> str:
    if isinstance(option, str):
        return f"{indent}{key}: {option}\n"
    fields, flow = option
    if flow or not fields:
        return f"{indent}{key}: {{{', '.join(fields)}}}\n"
    return f"{indent}{key}:\n" + "".join(f"{indent}  {field}\n" for field in fields)


@st.composite
def _node(draw, tidy: bool) -> list[str]:
    """A node's lines; `tidy`: most likely a valid menu (so that models, not only problems, are compared)."""
    fields = [f"type: {draw(st.sampled_from(_TYPES[:2] if tidy else _TYPES))}"]
    if draw(st.booleans()):
        fields.append(f"say: {draw(st.sampled_from(_SAYS[:2] if tidy else _SAYS))}")
    fields.extend(draw(st.lists(st.sampled_from(_NODE_EXTRAS[:2] if tidy else _NODE_EXTRAS), max_size=2)))
    fields = draw(st.permutations(fields))
    lines = [f"    {field}\n" for field in fields]
    if tidy or draw(st.integers(0, 9)):
        keys = draw(st.lists(st.sampled_from(_KEYS[:5] if tidy else _KEYS), min_size=tidy, max_size=4, unique=tidy))
        option = st.tuples(_common_option, st.booleans()) if tidy else _option
        options = "".join(_render_option(key, draw(option), "      ") for key in keys)
        lines.insert(draw(st.integers(0, len(lines))), "    options:" + ("\n" + options if options else " {}\n"))
    return lines


@st.composite
def menu_files(draw) -> str:
    head = ["ivrkit: 1\n", "name: quick\n", "entry: m0\n"]
    head += draw(st.sampled_from([[], ["language: fi\n"], ["languages: [en, fi]\n"]]))
    if draw(st.booleans()):
        head.append("global_options:\n" + _render_option('"0"', draw(_option), "  "))
    head.append("x-shared: &shared {label: shared, goto: m1}\n")
    nodes = ["nodes:\n"]
    tidy = draw(st.booleans())
    for index in range(draw(st.integers(1, 3))):
        nodes.append(f"  m{index}:\n")
        nodes.extend(draw(_node(tidy)))
    nodes.append("  t0:\n    type: hangup\n")
    return "".join(head + nodes)


def _outcome(text: str, quick: bool):
    FileContext.quick = quick
    try:
        return loads(text, "menu.yaml")
    except LoadError as error:
        return error
    finally:
        FileContext.quick = True


def _same(text: str) -> None:
    quick, general = _outcome(text, True), _outcome(text, False)
    assert type(quick) is type(general), text
    if isinstance(general, MenuSet):
        assert quick == general, text
        assert repr(quick) == repr(general), text  # every field, spans included, and each class
        for key, node in general.nodes.items():
            assert type(quick.nodes[key]) is type(node)
    else:
        assert [(d.span, d.message, d.hint) for d in quick.diagnostics] == [
            (d.span, d.message, d.hint) for d in general.diagnostics
        ], text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(menu_files())
def test_the_quick_paths_build_what_the_general_readers_build(text):
    _same(text)


_TYPICAL = """\
ivrkit: 1
name: typical
entry: m0
global_options:
  "0": {label: speak with an agent, goto: t0}
nodes:
  m0:
    type: menu
    say: "Welcome. Choose one."
    options:
      "1":
        label: pay a bill
        goto: m1
      "2": {goto: t0, label: 'report a fault'}
      "9":
        label: go back
        action: back
  m1:
    options:
      "1": {label: agent, goto: t0}
      "2": {label: start again, goto: return}
    type: menu
  t0:
    type: transfer
    queue: agents
"""


def test_the_quick_paths_answer_for_the_common_shapes(monkeypatch):
    built: list[str] = []
    quick_option = FileContext.quick_option

    def counting(self, key, key_node, node, is_global):
        option = quick_option(self, key, key_node, node, is_global)
        built.append(key if option is not None else "-")
        return option

    monkeypatch.setattr(FileContext, "quick_option", counting)
    menu_set = loads(_TYPICAL, "menu.yaml")
    # `return` is left to the general reader (the resolver answers it)
    assert built == ["0", "1", "2", "9", "1", "-"]
    assert [option.key for option in menu_set.nodes["m1"].options] == ["1", "2"]
    _same(_TYPICAL)


@pytest.mark.parametrize(
    "option",
    [
        "{label: pay, goto: nowhere}",
        "{label: pay, action: jump}",
        "{label: yes, goto: m0}",
        "{label: pay, goto: m0, label: again}",
        "{label: pay, goto: m0, note: n}",
        "{label: [pay], goto: m0}",
        "{goto: m0}",
        "{say: pay, goto: m0}",
    ],
)
def test_near_misses_of_the_common_shape_report_as_before(option):
    text = f'ivrkit: 1\nname: x\nentry: m0\nnodes:\n  m0:\n    type: menu\n    options:\n      "1": {option}\n'
    _same(text)
