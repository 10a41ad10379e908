"""Which VoiceXML `<field>`s are menus, and what their `<filled>` branches test (VoiceXML 2.0 2.3.1, 2.4, 5.3.4).

A field is a menu when it has DTMF `<option>`s (2.3.1.3), takes one digit
(`digits?length=1`) or one key of an inline DTMF grammar (see
`_vxml_grammar`), or is a `boolean` (appendix P: 1 yes, 2 no), and its
`<filled>` branches on the value.
"""

from __future__ import annotations

import re

from ._build import DTMF_KEY
from ._vxml_grammar import grammar_keys
from ._xml import XNode

__all__ = [
    "_branches",
    "_choices_field",
    "_dtmf_options",
    "_field_keys",
    "_jumps",
    "_keyed_field",
    "_segments",
    "_tested_values",
]


def _dtmf_options(field: XNode) -> list[XNode]:
    return [option for option in field.findall("option") if option.get("dtmf")]


def _tested_values(condition: str | None, name: str = "") -> list[str]:
    """The values a branch condition tests (`f == '1' || f == '2'`); for a boolean field also `true` for
    `f`, `f == true` and `false` for `!f`, `f == false`, `f != true`."""
    if not condition:
        return []
    found = re.findall(r"==\s*['\"]([^'\"]*)['\"]", condition)
    if name and not found:
        plain = " ".join(condition.split())
        word = re.escape(name)
        if re.fullmatch(rf"{word}(?:\s*===?\s*true)?|{word}\s*!==?\s*false", plain):
            found = ["true"]
        elif re.fullmatch(rf"!\s*{word}|{word}\s*===?\s*false|{word}\s*!==?\s*true", plain):
            found = ["false"]
    return found


def _field_keys(field: XNode) -> list[tuple[str, str, XNode]] | None:
    """The keys a field takes, with the value each gives: its inline DTMF grammar's, or for `type="boolean"`
    1 (true) and 2 (false) (VoiceXML 2.0 appendix P: "DTMF 1 is affirmative and 2 is negative")."""
    keys = grammar_keys(field)
    grammar = field.find("grammar")
    builtin = grammar.get("src", "") if grammar is not None else ""
    if keys is None and (
        (field.get("type") == "boolean" and grammar is None) or re.fullmatch(r"builtin:(?:dtmf/)?boolean", builtin)
    ):
        return [("1", "true", field), ("2", "false", field)]
    return keys


def _keyed_field(field: XNode, form: XNode | None = None) -> bool:
    """A field taking exactly one DTMF key whose <filled> tests it: `<if cond="f == '1'">`. The key is one
    digit (`digits?length=1`) or one of the alternatives of an inline DTMF grammar (see `_vxml_grammar`),
    whose values the branches test."""
    grammar = field.find("grammar")
    spec = (field.get("type") or "") + " " + (grammar.get("src", "") if grammar is not None else "")
    keys = _field_keys(field)
    if keys is None and not re.search(r"digits\?(?:[^ ]*[;&])?(?:max)?length=1\b", spec):
        return False
    branches = _branches(field, form)
    if branches is None:
        return False
    conditions = [branches.get("cond")] + [c.get("cond") for c in branches.children if c.tag == "elseif"]
    tested = [value for condition in conditions for value in _tested_values(condition, field.get("name") or "")]
    if keys is not None:
        return any(value in {v for _, v, _ in keys} for value in tested)
    return any(DTMF_KEY.match(value) for value in tested)


def _branches(field: XNode, form: XNode | None) -> XNode | None:
    """The `<if>` of the `<filled>` inside the field, or else of the form's own `<filled>`."""
    for container in (field, form):
        filled = container.find("filled") if container is not None else None
        branches = filled.find("if") if filled is not None else None
        if branches is not None:
            return branches
    return None


def _choices_field(steps: list, form: XNode | None = None) -> bool:
    """True when the last step made so far is a field with DTMF options (a menu in disguise)."""
    for kind, payload, _ in reversed(steps):
        if kind == "field":
            return bool(_dtmf_options(payload)) or _keyed_field(payload, form)
        if kind != "prompt":
            return False
    return False


def _segments(branches: XNode) -> list[tuple[str | None, list]]:
    """The ways through an `<if>`: (condition, content) for the `<if>` and each `<elseif>`, (None, content)
    for an `<else>`."""
    found: list[tuple[str | None, list]] = [(branches.get("cond") or "", [])]
    for item in branches.content:
        if isinstance(item, XNode) and item.tag in ("elseif", "else"):
            found.append((item.get("cond") or "" if item.tag == "elseif" else None, []))
        else:
            found[-1][1].append(item)
    return found


def _jumps(content: list) -> bool:
    return any(
        isinstance(item, XNode)
        and (
            item.tag in ("goto", "disconnect", "exit")
            or (item.tag == "submit" and (item.get("next") or item.get("expr")))
        )
        for item in content
    )
