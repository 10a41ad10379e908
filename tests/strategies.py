"""Hypothesis strategies: random valid menus (as Python data and as YAML) and arbitrary YAML-ish data."""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

__all__ = ["valid_menus", "menu_yaml", "yaml_values", "worded_texts", "TERMINAL_TYPES"]

TERMINAL_TYPES = ("transfer", "voicemail", "callback", "hangup")
WORDS = (
    "pay",
    "your",
    "bill",
    "report",
    "a",
    "fault",
    "move",
    "home",
    "maksaa",
    "lasku",
    "agent",
    "meter",
    "reading",
    "äiti",
    "Ö",
    "'quoted'",
    'say "hi"',
    "#hash",
    "*star",
    "no",
    "yes",
)

_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


def _text(languages: tuple[str, ...]):
    if len(languages) == 1:
        return _words
    return st.fixed_dictionaries({lang: _words for lang in languages})


@st.composite
def valid_menus(draw, max_nodes: int = 12) -> dict:
    """A menu file as Python data that the loader must accept."""
    languages = draw(st.sampled_from([("en",), ("fi",), ("en", "fi"), ("fi", "en")]))
    text = _text(languages)
    n_inner = draw(st.integers(1, max_nodes))
    n_terminal = draw(st.integers(1, 4))
    inner = [f"n{i}" for i in range(n_inner)]
    terminals = [f"t{i}" for i in range(n_terminal)]
    everyone = inner + terminals
    target = st.sampled_from(everyone)
    nodes: dict = {}
    has_schedule = draw(st.booleans())
    for name in terminals:
        kind = draw(st.sampled_from(TERMINAL_TYPES))
        node: dict = {"type": kind}
        if draw(st.booleans()):
            node["say"] = draw(text)
        if kind == "transfer":
            if draw(st.booleans()):
                node["queue"] = draw(st.sampled_from(["general", "billing", "10"]))
            else:
                node["number"] = draw(st.sampled_from(["+358401234567", "0401234567", "{extension}"]))
            if has_schedule and draw(st.booleans()):
                node["hours"] = "office"
                node["closed"] = draw(target)
            if draw(st.booleans()):
                node["max_wait"] = draw(st.integers(1, 900))
                node["overflow"] = draw(target)
            node["announce_wait"] = draw(st.booleans())
        elif kind == "callback":
            node["confirm"] = draw(st.sampled_from(["sms", "call", "email", "none"]))
        nodes[name] = node
    for name in inner:
        kind = draw(
            st.sampled_from(
                ["menu", "menu", "message", "input", "branch"] if has_schedule else ["menu", "menu", "message", "input"]
            )
        )
        node = {"type": kind}
        if kind == "menu":
            keys = draw(
                st.lists(
                    st.sampled_from(["1", "2", "3", "4", "5", "6", "7", "8", "9", "#", "1000"]),
                    min_size=1,
                    max_size=6,
                    unique=True,
                )
            )
            options = {}
            for key in keys:
                option: dict = {"label": draw(text)}
                if draw(st.integers(0, 5)) == 0:
                    option["action"] = draw(st.sampled_from(["repeat", "back", "top"]))
                else:
                    option["goto"] = draw(target)
                options[key] = option
            node["options"] = options
            node["say"] = draw(text)
            if draw(st.booleans()):
                node["no_input"] = [{"say": draw(text)} for _ in range(draw(st.integers(1, 3)))]
            if draw(st.booleans()):
                node["no_match"] = {"say": draw(text)}
            if draw(st.booleans()):
                node["retries"] = draw(st.integers(0, 4))
                node["timeout"] = draw(st.sampled_from([3, 5, 7.5]))
        elif kind == "message":
            node["say"] = draw(text)
            node["next"] = draw(target)
        elif kind == "input":
            low = draw(st.integers(1, 6))
            node["say"] = draw(text)
            node["digits"] = {"min": low, "max": low + draw(st.integers(0, 4)), "terminator": "#"}
            node["next"] = draw(target)
            node["confirm"] = draw(st.booleans())
        else:
            node["schedule"] = "office"
            node["cases"] = {"open": draw(target), "closed": draw(target)}
        nodes[name] = node
    menu: dict = {
        "ivrkit": 1,
        "name": "Generated menu",
        "language": languages[0],
        "languages": list(languages),
        "entry": draw(st.sampled_from(inner)),
        "nodes": nodes,
    }
    if draw(st.booleans()):
        menu["settings"] = {"fallback": draw(st.sampled_from(terminals)), "retries": draw(st.integers(0, 3))}
    if draw(st.booleans()):
        menu["global_options"] = {
            "0": {"label": draw(text), "goto": draw(st.sampled_from(terminals))},
            "*": {"label": draw(text), "action": "repeat"},
        }
    if has_schedule:
        menu["schedules"] = {
            "office": {"timezone": "Europe/Helsinki", "hours": {"mon-fri": "08:00-16:00"}, "closed_on": ["2026-12-24"]}
        }
    return menu


def menu_yaml(menu: dict) -> str:
    """Dump a menu as YAML the way a designer would write it (keys and booleans quoted safely)."""
    return yaml.safe_dump(menu, allow_unicode=True, sort_keys=False)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["menu", "hangup", "transfer", "goto", "options", "#", "*", "no"]),
)
_keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["ivrkit", "name", "entry", "nodes", "type", "options", "say", "goto", "next", "label", "1", "#", "<<"]
    ),
)

yaml_values = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(_keys, children, max_size=6)),
    max_leaves=30,
)


_WORD_PARTS = ("ab", "Z9", "c", "ä", "\u212a")  # the Kelvin sign lowers to an ASCII k
_BETWEEN = (" ", "  ", ".", ",", ";", ":", "!", "?", "\t", "\n", "-", "'", "’", "_", "/", "#", '"', "*", "")


def worded_texts(max_parts: int, max_size: int):
    """Texts for a word splitter's fast path: ASCII and non-ASCII words between separators of every kind,
    or any text at all."""
    words = st.lists(st.tuples(st.sampled_from(_WORD_PARTS), st.sampled_from(_BETWEEN)), max_size=max_parts)
    return words.map(lambda parts: "".join(word + between for word, between in parts)) | st.text(max_size=max_size)
