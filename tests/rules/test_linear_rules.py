"""Rules that used to compare every pair (WD001, KY007) give what the plain pairwise definition gives,
and long outputs (WD001's similar labels, LN004's key sequences) stay short.

No timings here: bench/bench_linear.py measures the growth.
"""

from __future__ import annotations

from types import SimpleNamespace

import yaml
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.language import compare, concepts
from ivrkit.lint.config import LintConfig
from ivrkit.lint.runner import lint
from ivrkit.loader import loads
from ivrkit.rules.ky007_prefix_collision import _may_wait

WORDS = "pay bill billing payment account balance agent person adviser outage fault report leak move the your".split()
GLOBAL_KEYS = ("0", "*")


def _menu(labels: list[str], global_labels: list[str]) -> str:
    menu = {
        "ivrkit": 1,
        "name": "t",
        "language": "en",
        "entry": "main",
        "nodes": {
            "main": {
                "type": "menu",
                "say": "Hello.",
                "options": {str(10 + i): {"label": label, "goto": "agent"} for i, label in enumerate(labels)},
            },
            "agent": {"type": "transfer", "queue": "general"},
        },
    }
    if global_labels:
        menu["global_options"] = {
            key: {"label": label, "goto": "agent"} for key, label in zip(GLOBAL_KEYS, global_labels)
        }
    return yaml.safe_dump(menu, sort_keys=False)


def _pairwise_wd001(labels: list[str], global_labels: list[str]) -> list[str]:
    """WD001's messages by its definition: every pair compared (the menu's options, then the global ones)."""
    heard = [(label, False) for label in labels] + [(label, True) for label in global_labels]
    found: dict[int, list[tuple[int, str]]] = {}
    for j in range(len(heard)):
        for i in range(j):
            result = compare(concepts(heard[i][0], "en"), concepts(heard[j][0], "en"), 0.5)
            if result is None:
                continue
            anchor, other = (i, j) if heard[j][1] and not heard[i][1] else (j, i)
            found.setdefault(anchor, []).append((other, result.describe()))
    messages = []
    for anchor, others in sorted(found.items()):
        named = others if len(others) <= 5 else others[:4]
        names = " and ".join(f'"{heard[i][0]}"' for i, _ in named)
        if len(named) < len(others):
            names += f" and {len(others) - len(named)} more labels"
        shared = ", ".join(dict.fromkeys(s for _, s in named if s))
        about = f" ({'both' if len(others) == 1 else 'all'} about: {shared})" if shared else ""
        messages.append(f'"{heard[anchor][0]}" is too similar to {names}{about}')
    return messages


_LABEL = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@given(labels=st.lists(_LABEL, min_size=2, max_size=14), global_labels=st.lists(_LABEL, max_size=2))
def test_wd001_reports_what_comparing_every_pair_reports(tmp_path_factory, labels, global_labels):
    root = tmp_path_factory.mktemp("wd001")
    menuset = loads(_menu(labels, global_labels), root / "m.yaml", root=root)
    found = [f.message for f in lint(menuset, LintConfig(select=("WD001",)))]
    assert sorted(found) == sorted(_pairwise_wd001(labels, global_labels))


def test_wd001_names_five_similar_labels_at_most(tmp_path):
    menuset = loads(_menu(["pay your bill"] * 40, []), tmp_path / "m.yaml", root=tmp_path)
    found = [f.message for f in lint(menuset, LintConfig(select=("WD001",)))]
    assert len(found) == 39  # every copy after the first
    assert found[-1] == (
        '"pay your bill" is too similar to "pay your bill" and "pay your bill" and "pay your bill" '
        'and "pay your bill" and 35 more labels (all about: bill)'
    )


def _keys_menu(keys: list[str]) -> str:
    options = "\n".join(f'      "{key}": {{label: team {i}, goto: agent}}' for i, key in enumerate(keys))
    return (
        f"ivrkit: 1\nname: t\nentry: main\nnodes:\n  main:\n    type: menu\n    say: Hello.\n"
        f"    options:\n{options}\n  agent: {{type: transfer, queue: general}}\n"
    )


@given(st.lists(st.text("0129", min_size=1, max_size=4), min_size=1, max_size=15, unique=True))
def test_ky007_names_the_first_longer_key(tmp_path_factory, keys):
    root = tmp_path_factory.mktemp("ky007")
    menuset = loads(_keys_menu(keys), root / "m.yaml", root=root)
    found = sorted(f.message.split(":")[0] for f in lint(menuset, LintConfig(select=("KY007",))))
    expected = []
    for key in keys:
        longer = [k for k in keys if k != key and k.startswith(key)]
        if longer:
            digits = "digits" if len(key) > 1 else "digit"
            expected.append(f"key {key} in `main` is also the first {digits} of key {longer[0]}")
    assert found == sorted(expected)


def test_ln004_shortens_a_long_key_sequence(tmp_path):
    depth = 30
    nodes = [
        f"  m{i}:\n    type: menu\n    say: Step {i} of the way.\n    options:\n"
        f'      "1": {{label: go on, goto: {f"m{i + 1}" if i + 1 < depth else "agent"}}}\n'
        for i in range(depth)
    ]
    text = "ivrkit: 1\nname: t\nentry: m0\nnodes:\n" + "".join(nodes) + "  agent: {type: transfer, queue: general}\n"
    menuset = loads(text, tmp_path / "m.yaml", root=tmp_path)
    [finding] = [f for f in lint(menuset, LintConfig(select=("LN004",))) if f.node == "agent"]
    assert finding.message.endswith(f"(keys: {' '.join(['1'] * 12)} … {' '.join(['1'] * 12)}; 30 keys)")


@given(st.lists(st.text("0129*#", max_size=3), max_size=12))
def test_ky007_first_look_clears_only_menus_where_no_key_starts_a_longer_one(keys):
    menu = SimpleNamespace(max_digits=None, extension_patterns=())
    options = tuple(SimpleNamespace(key=key) for key in keys)
    starts_longer = any(other.startswith(key) and len(other) > len(key) for key in keys for other in keys)
    assert _may_wait(menu, options) is starts_longer
