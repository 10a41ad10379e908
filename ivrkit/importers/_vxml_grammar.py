"""The keys an inline DTMF grammar of a VoiceXML `<field>` accepts, when each alternative is one key.

The common hand-written VoiceXML menu is a field with an inline SRGS grammar
(`<grammar mode="dtmf" root="r"><rule id="r"><one-of><item>1</item>
<item>2</item></one-of></rule></grammar>`, SRGS 1.0 2.3 and VoiceXML 2.0 3.1)
and a `<filled>` that branches on the field's value. Such a field is a menu:
each alternative is a key. An alternative's value is the key itself, or
what its `<tag>` says (`<item>1<tag>out="billing";</tag></item>`: SISR
1.0 `out`/`$` assignments, or a semantics/1.0-literals tag), which is what
`<filled>` then tests. The ABNF form of SRGS 1.0 (section 2 and appendix
A of https://www.w3.org/TR/speech-grammar/: `#ABNF 1.0; mode dtmf; root $r;
$r = 1 | 2 {out="billing"} | 3;`) is read the same way. A grammar with
anything else in it (rule references, repeats, sequences of keys) is not
read: the field stays an input.
"""

from __future__ import annotations

import re

from ._xml import XNode

__all__ = ["grammar_keys"]

_KEY_NAMES = {"star": "*", "pound": "#", "hash": "#"}
_ASSIGNED = re.compile(r"(?:\bout|\$)\s*=\s*(?:'([^']*)'|\"([^\"]*)\")")
_LITERAL = re.compile(r"[\w.-]+\Z")


def _key(token: str) -> str | None:
    """`1`, `*`, `#`, or the `dtmf-1` / `dtmf-star` spelling some platforms use; None for anything else."""
    word = token[5:] if token.lower().startswith("dtmf-") else token
    word = _KEY_NAMES.get(word.lower(), word)
    return word if re.fullmatch(r"[0-9*#]", word) else None


def _value(item: XNode, key: str) -> str:
    tags = item.findall("tag")
    if not tags:
        return key
    text = " ".join(tag.all_text() for tag in tags)
    assigned = _ASSIGNED.search(text)
    if assigned:
        return assigned.group(1) if assigned.group(1) is not None else assigned.group(2)
    text = text.strip().strip(";").strip()
    return text if _LITERAL.match(text) else key


_ABNF_RULE = re.compile(r"(?:public\s+|private\s+)?\$([\w.-]+)\s*=\s*([^;]*);")
_ABNF_TAG = re.compile(r"\{!?\{?(.*?)\}?!?\}")


def _abnf_keys(grammar: XNode) -> list[tuple[str, str, XNode]] | None:
    """The keys of an inline ABNF DTMF grammar whose root rule is a list of single keys, else None."""
    text = grammar.all_text()
    if grammar.children or not text.lstrip().startswith("#ABNF") or not re.search(r"\bmode\s+dtmf\s*;", text):
        return None
    rules = {name: body for name, body in _ABNF_RULE.findall(text)}
    root = re.search(r"\broot\s+\$([\w.-]+)\s*;", text)
    body = rules.get(root.group(1)) if root else next(iter(rules.values()), None)
    if body is None:
        return None
    found: list[tuple[str, str, XNode]] = []
    for alternative in body.split("|"):
        tag = _ABNF_TAG.search(alternative)
        tokens = _ABNF_TAG.sub(" ", alternative).split()
        key = _key(tokens[0]) if len(tokens) == 1 else None
        if key is None:
            return None
        value = key
        if tag:
            assigned = _ASSIGNED.search(tag.group(1))
            literal = tag.group(1).strip().strip(";").strip()
            if assigned:
                value = assigned.group(1) if assigned.group(1) is not None else assigned.group(2)
            elif _LITERAL.match(literal):
                value = literal
        found.append((key, value, grammar))
    return found or None


def grammar_keys(field: XNode) -> list[tuple[str, str, XNode]] | None:
    """(key, value, item) for every alternative of the field's inline DTMF grammar, in order; None when the
    field has none, or one whose alternatives are not all single keys."""
    for grammar in field.findall("grammar"):
        abnf = _abnf_keys(grammar)
        if abnf is not None:
            return abnf
        if grammar.get("src") or (grammar.get("mode") or "").lower() != "dtmf":
            continue
        found: list[tuple[str, str, XNode]] = []
        for element in grammar.iter():
            if element.tag in ("ruleref", "token") or (element.tag == "item" and element.get("repeat")):
                return None
            if element.tag != "item":
                continue
            if any(child.tag in ("item", "one-of") for child in element.children):
                continue  # a wrapper: its items are the alternatives
            tokens = element.own_text().split()
            key = _key(tokens[0]) if len(tokens) == 1 else None
            if key is None:
                return None
            found.append((key, _value(element, key), element))
        return found or None
    return None
