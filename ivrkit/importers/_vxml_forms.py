"""The forms of a VoiceXML document as ivrkit nodes: a mixin of the importer's converter.

A `<form>`'s items in order become a chain of nodes (blocks → messages,
fields → inputs or menus, `<record>` → voicemail, `<transfer>` → transfer,
`<if>` that jumps → branch); see the mapping in `ivrkit.importers.vxml`.
"""

from __future__ import annotations

import re

from ._build import DTMF_KEY, seconds, whole_number
from ._vxml_choices import choice_text, enumerate_element
from ._vxml_common import _IGNORED, _describe, _wrap
from ._vxml_fields import (
    _choices_field,
    _dtmf_options,
    _field_keys,
    _jumps,
    _keyed_field,
    _segments,
    _tested_values,
)
from ._xml import XNode
from .base import ImportProblem

__all__ = ["FormsMixin"]

_DIGITS_TYPE = re.compile(r"digits(?:\?(.*))?\Z")


class FormsMixin:
    """Form, field, record, transfer and `<if>` conversion; `self` is the importer's `_Converter`."""

    def form(self, name: str, form: XNode) -> None:
        steps: list[tuple[str, object, XNode]] = []  # (kind, payload, element)
        self.steps(name, form, steps)
        specs: list[dict] = []
        pending: list = []
        pending_el: XNode | None = None
        for index, (kind, payload, element) in enumerate(steps):
            if kind == "prompt":
                pending.append(payload)
                pending_el = pending_el or element
                continue
            if kind in ("goto", "end") and not pending and specs and specs[-1]["kind"] in ("field", "condition"):
                # the field's <filled> (or the <if>) leads on at once: no empty message between
                specs[-1]["then"] = payload if kind == "goto" else self.hangup()
                break
            if kind in ("goto", "end"):
                specs.append(
                    {
                        "kind": "message" if kind == "goto" else "hangup",
                        "prompt": pending,
                        "element": pending_el or element,
                        "next": payload,
                    }
                )
                pending, pending_el = [], None
                break
            if kind == "branches" and specs and specs[-1]["kind"] == "field" and not pending:
                specs[-1]["branches"] = payload
                continue
            if kind == "branches":
                self.b.keep(self.b.node_id(name), "if", _describe(payload))
                self.b.remark(payload.line, "<if> has no ivrkit equivalent; kept under x-unmapped")
                continue
            if pending:
                specs.append({"kind": "message", "prompt": pending, "element": pending_el, "next": None})
                pending, pending_el = [], None
            specs.append({"kind": kind, "element": element, "payload": payload})
            segments = _segments(payload) if kind == "condition" else []
            if segments and segments[-1][0] is None and all(_jumps(children) for _, children in segments):
                break  # every way through the <if> leaves: nothing after it is reached
            if kind == "transfer":
                specs[-1]["after"] = [p for k, p, _ in steps[index + 1 :] if k == "goto"]
                break
            if kind == "record" and not steps[index + 1 :]:
                break  # nothing follows the recording: the document ends, and so does the call
        else:
            specs.append({"kind": "hangup", "prompt": pending, "element": pending_el or form, "next": None})
        ids = [self.b.node_id(name)] + [
            self.b.fresh_id(f"{self.b.node_id(name)}_{i + 1}") for i in range(1, len(specs))
        ]
        self.continuations.update(ids[1:])
        for index, spec in enumerate(specs):
            following = spec.get("then") or (ids[index + 1] if index + 1 < len(ids) else None)
            self.build(ids[index], spec, following, form)

    def steps(self, name: str, container: XNode, steps: list) -> None:
        """Flatten a form into prompt / goto / end / field / record / transfer steps."""
        owner = self.b.node_id(name)
        for item in container.content:
            if isinstance(item, str):
                if item.strip():
                    steps.append(("prompt", item, container))
                continue
            tag = item.tag
            if tag in ("block", "filled"):
                self.steps(name, item, steps)
            elif tag in ("prompt", "audio", "value"):
                steps.append(("prompt", item, item))
            elif tag == "goto" or (tag == "submit" and (item.get("next") or item.get("expr"))):
                target = self.jump(owner, _wrap(item))
                if target is not None:
                    steps.append(("goto", target, item))
            elif tag in ("disconnect", "exit"):
                steps.append(("end", None, item))
            elif tag in ("field", "record", "transfer"):
                steps.append((tag, item, item))
                inner_filled = item.find("filled")
                if inner_filled is not None and tag != "transfer":  # a transfer's is read by transfer_outcomes
                    self.steps(name, inner_filled, steps)
            elif tag in ("noinput", "nomatch", "catch", "help", "error", "property", "grammar"):
                continue  # read by the field the form holds
            elif tag in _IGNORED:
                continue
            elif tag == "if" and _choices_field(steps, self.dialogs.get(name)):
                steps.append(("branches", item, item))  # the field is a menu: its branches are the options' targets
            elif tag == "if" and any(_jumps(children) for _, children in _segments(item)):
                steps.append(("condition", item, item))  # a choice the call makes by itself: a branch node
            else:
                self.b.keep(owner, tag, _describe(item))
                if tag in ("if", "subdialog", "submit", "object", "initial"):
                    self.b.remark(item.line, f"<{tag}> has no ivrkit equivalent; kept under x-unmapped")

    def build(self, node_id: str, spec: dict, following: str | None, form: XNode) -> None:
        b = self.b
        element: XNode = spec["element"]
        kind = spec["kind"]
        if kind in ("message", "hangup"):
            prompt = self.prompt(node_id, spec["prompt"])
            target = spec.get("next") or following
            if kind == "message" and target is None:
                kind = "hangup"
            data: dict = {"type": kind, **prompt}
            if kind == "message":
                data["next"] = target
            b.add(node_id, data, element.line, element.col)
            return
        item: XNode = spec["payload"]
        if kind == "condition":
            self.condition(node_id, item, following)
            return
        if kind == "field" and (_dtmf_options(item) or _keyed_field(item, form)):
            self.field_menu(node_id, item, following, form, spec.get("branches"))
        elif kind == "field":
            self.field(node_id, item, following, form)
        elif kind == "record":
            data = {
                "type": "voicemail",
                **self.prompt(node_id, [c for c in item.children if c.tag in ("prompt", "audio")]),
            }
            maxtime = item.get("maxtime")
            if maxtime:
                b.timing(data, node_id, "max_length", seconds(maxtime), maxtime, item.line)
            for name in ("name", "beep", "finalsilence", "dtmfterm", "type"):
                if item.get(name):
                    b.keep(node_id, name, item.get(name))
            if following is not None:
                data["next"] = following  # what the form does after the recording (its <filled>, a <goto>)
            for handler in item.children:
                if handler.tag in ("noinput", "nomatch", "catch", "help", "error"):
                    b.keep(node_id, handler.tag, _describe(handler))
            b.add(node_id, data, item.line, item.col)
        elif kind == "transfer":
            data = {
                "type": "transfer",
                **self.prompt(node_id, [c for c in item.children if c.tag in ("prompt", "audio")]),
            }
            dest, expr = item.get("dest"), item.get("destexpr")
            if dest:
                data["number"] = dest[4:] if dest.startswith("tel:") else dest
            elif expr:
                match = re.fullmatch(r"\s*'([^']*)'\s*\+\s*([A-Za-z_][A-Za-z0-9_]*)\s*", expr)
                data["number"] = f"{match.group(1)}{{{match.group(2)}}}" if match else expr
                data["note"] = f"VoiceXML destexpr: {expr}"
            else:
                raise ImportProblem("a <transfer> without `dest` or `destexpr`", item.line, item.col)
            for name in ("bridge", "connecttimeout", "maxtime", "type", "transferaudio"):
                if item.get(name):
                    b.keep(node_id, name, item.get(name))
            b.add(node_id, data, item.line, item.col)
            self.transfer_outcomes(node_id, item, form, data)

    def field_settings(self, node_id: str, field: XNode, form: XNode, data: dict) -> None:
        """A field's properties (its own, then its form's), and what its prompts say about timeout and barge-in."""
        for container in (field, form):
            for child in container.children:
                if child.tag == "property":
                    self.property(child, data, node_id)
        prompts = [c for c in field.children if c.tag == "prompt"]
        self.prompt_timeout(node_id, prompts, data)
        self.prompt_bargein(node_id, prompts, data)

    def transfer_outcomes(self, node_id: str, transfer: XNode, form: XNode, data: dict) -> None:
        """`busy` / `no_answer` from the `<filled>` that tests the transfer's result: VoiceXML 2.0 2.3.7 sets
        the transfer's variable to `busy`, `network_busy` or `noanswer` (among others) when the call is not
        answered, and `<filled>` then runs. A jump in `<filled>` outside any `<if>` follows every result."""
        name = transfer.get("name")
        filled = transfer.find("filled")
        if filled is None and form is not None:
            filled = form.find("filled")
            if filled is not None and (
                any(node is transfer for node in filled.iter())
                or (filled.get("namelist") and name not in filled.get("namelist").split())
            ):
                filled = None
        if filled is None:
            return
        if any(child is filled for child in transfer.children):
            self.b.keep(node_id, "transfer filled", _describe(filled))
        found: dict[str | None, str] = {}
        branches = filled.find("if")
        if branches is not None and name:
            condition: str | None = branches.get("cond") or ""
            for child in branches.children:
                if child.tag in ("elseif", "else"):
                    condition = child.get("cond") if child.tag == "elseif" else None
                    continue
                if child.tag in ("goto", "submit", "disconnect", "exit") and (condition is None or name in condition):
                    target = self.jump(node_id, _wrap(child))
                    for value in [None] if condition is None else _tested_values(condition):
                        if target is not None:
                            found.setdefault(value, target)
        jumps = [c for c in filled.children if c.tag in ("goto", "submit", "disconnect", "exit")]
        always = self.jump(node_id, XNode("wrapper", {}, filled.line, filled.col, jumps)) if jumps else None
        busy = found.get("busy") or found.get("network_busy") or found.get(None) or always
        no_answer = found.get("noanswer") or found.get(None) or always
        if busy:
            data["busy"] = busy
        if no_answer:
            data["no_answer"] = no_answer
        if busy or no_answer:
            self.b.remark(
                filled.line,
                f"the transfer `{node_id}`'s <filled> says where callers go when the "
                f"line is busy or nobody answers (VoiceXML 2.0 2.3.7): imported as its "
                f"{' and '.join(f for f in ('busy', 'no_answer') if f in data)}",
            )

    def condition(self, node_id: str, branches: XNode, following: str | None) -> None:
        """An `<if>`/`<elseif>`/`<else>` that jumps (VoiceXML 2.0 5.3.4): a `branch` node on a variable whose
        values are the conditions as written (ivrkit cannot evaluate them; a simulation takes `else`, the way
        on when none holds, unless told otherwise with `--set`). A way without a jump goes on with what follows
        the `<if>`; one that speaks first says it in a message (a hang-up before `<disconnect/>`)."""
        b = self.b
        cases: dict[str, str] = {}
        for condition, children in _segments(branches):
            value = " ".join(condition.split()) if condition is not None else "else"
            if value in cases or not value:
                continue
            wrapper = XNode("wrapper", {}, branches.line, branches.col, children)
            target = self.jump(node_id, wrapper) or following or self.hangup()
            spoken = [
                c
                for c in children
                if (isinstance(c, str) and c.strip())
                or (isinstance(c, XNode) and c.tag in ("prompt", "audio", "value"))
            ]
            if spoken:
                said = b.fresh_id(f"{node_id}_{len(cases) + 1}_says")
                if target == self.hangup_id:  # its words are the call's last: a hang-up that says them
                    b.add(said, {"type": "hangup", **self.prompt(said, spoken)}, branches.line, branches.col)
                else:
                    b.add(
                        said,
                        {"type": "message", **self.prompt(said, spoken), "next": target},
                        branches.line,
                        branches.col,
                    )
                target = said
            cases[value] = target
        if "else" not in cases:
            cases["else"] = following or self.hangup()
        variable = f"{node_id}_condition"
        self.variables[variable] = {
            "values": list(cases),
            "default": "else",
            "description": f"which condition of the VoiceXML <if> at line {branches.line} holds when the call "
            f"runs; the import cannot tell, a simulation takes `else` (none holds) unless told",
        }
        b.add(node_id, {"type": "branch", "variable": variable, "cases": cases}, branches.line, branches.col)
        b.keep(node_id, "if", _describe(branches))
        b.remark(
            branches.line,
            f"the <if> of `{node_id}` is a choice the call makes by itself: imported as a "
            f"branch on the variable `{variable}`, one case per condition as written",
        )

    def field(self, node_id: str, field: XNode, following: str | None, form: XNode) -> None:
        b = self.b
        data: dict = {"type": "input"}
        b.add(node_id, data, field.line, field.col)
        data.update(self.prompt(node_id, [c for c in field.children if c.tag in ("prompt", "audio")]))
        low, high, terminator = self.digits(node_id, field, form)
        data["digits"] = {"min": low, "max": high, **({"terminator": terminator} if terminator != "#" else {})}
        if field.get("name"):
            name = re.sub(r"[^A-Za-z0-9_]", "_", field.get("name"))
            data["store"] = name if re.match(r"[A-Za-z_]", name) else "_" + name
        self.field_settings(node_id, field, form, data)
        self.handlers(
            node_id,
            field,
            data,
            field.children + [c for c in form.children if c.tag in ("noinput", "nomatch", "catch", "help", "error")],
        )
        if following is None:
            following = self.hangup()
            b.remark(field.line, "nothing follows the field in its form; the input ends the call")
        data["next"] = following

    def field_menu(
        self, node_id: str, field: XNode, following: str | None, form: XNode, branches: XNode | None
    ) -> None:
        """A field with DTMF `<option>`s is a menu; `<if cond="f == 'v'"><goto .../>` in `<filled>` gives the targets."""
        b = self.b
        data: dict = {"type": "menu"}
        b.add(node_id, data, field.line, field.col)
        prompts = [c for c in field.children if c.tag in ("prompt", "audio")]
        data.update(self.prompt(node_id, prompts))
        template = enumerate_element(prompts)
        listed: list[tuple[str, str]] = []  # (key, text) of the choices an <enumerate> in a handler lists
        targets: dict[str | None, str] = {}
        order: list[tuple[str, XNode]] = []  # the values the branches test, in order, with their element
        name = field.get("name") or ""
        if branches is not None:
            condition: str | None = branches.get("cond") or ""
            order += [(value, branches) for value in _tested_values(condition, name)]
            for child in branches.children:
                if child.tag in ("elseif", "else"):
                    condition = child.get("cond") if child.tag == "elseif" else None
                    order += [(value, child) for value in _tested_values(condition, name)]
                    continue
                if child.tag in ("goto", "submit", "disconnect", "exit"):
                    target = self.jump(node_id, _wrap(child))
                    values = [None] if condition is None else _tested_values(condition, name)
                    for value in values:
                        if target is not None:
                            targets.setdefault(value, target)
            b.keep(node_id, "filled if", _describe(branches))
        options: dict = {}
        keys = None if _dtmf_options(field) else _field_keys(field)
        if keys is not None:
            # An inline DTMF grammar of single keys: each alternative is an option, led where the branch testing
            # its value goes (`<else>` the rest; no branch: the form goes on, VoiceXML 2.0 2.1.6).
            for key, value, item in keys:
                if key in options:
                    continue
                target = targets.get(value) or targets.get(None) or following or self.hangup()
                options[key] = {"goto": target}
                element = next((element for tested, element in order if tested == value), item)
                b.option_at(node_id, key, element.line, element.col)
            b.remark(
                field.line,
                f"the field `{field.get('name')}` takes one of the keys {', '.join(options)} "
                f"({'a boolean: 1 yes, 2 no' if field.get('type') == 'boolean' else 'its DTMF grammar'})"
                f" and branches on it in <filled>: imported as a menu",
            )
        elif not _dtmf_options(field):
            # A one-digit field whose <filled> branches on the digit is a menu: each tested digit an option.
            # Another digit fills the field too; with no branch for it the form goes on (VoiceXML 2.0 2.1.6).
            for value, element in order:
                if not DTMF_KEY.match(value) or value in options:
                    continue
                target = targets.get(value) or targets.get(None) or following or self.hangup()
                options[value] = {"goto": target}
                b.option_at(node_id, value, element.line, element.col)
            b.remark(
                field.line,
                f"the one-digit field `{field.get('name')}` branches on the keys "
                f"{', '.join(options)} in its <filled>: imported as a menu with those options",
            )
        for choice in _dtmf_options(field):
            key = choice.get("dtmf")
            if not DTMF_KEY.match(key) or key in options:
                b.keep(node_id, f"option {key}", dict(choice.attrib))
                continue
            value = choice.get("value") or choice_text(choice)
            target = targets.get(value) or targets.get(None) or following
            if target is None:
                target = self.hangup()
                b.remark(choice.line, f"nothing follows the choice `{value}`; it ends the call")
            option = self.option(node_id, key, choice, template)
            listed.append((key, choice_text(choice)))
            option["goto"] = target
            options[key] = option
            b.option_at(node_id, key, choice.line, choice.col)
        self.announcement(node_id, data, options, prompts, template)
        self.field_settings(node_id, field, form, data)
        self.handlers(
            node_id,
            field,
            data,
            field.children + [c for c in form.children if c.tag in ("noinput", "nomatch", "catch", "help", "error")],
            listed,
        )
        data["options"] = options

    def digits(self, node_id: str, field: XNode, form: XNode) -> tuple[int, int, str | None]:
        b = self.b
        kind = field.get("type") or ""
        match = _DIGITS_TYPE.match(kind)
        params = match.group(1) or "" if match else ""
        grammar = field.find("grammar") or form.find("grammar")
        if grammar is not None:
            params += ";" + grammar.get("src", "").partition("?")[2] + ";" + grammar.own_text()
        values = dict(re.findall(r"(\w+)\s*=\s*([^;\s]+)", params))
        lower = {k.lower(): v for k, v in values.items()}
        low = lower.get("minlength") or lower.get("mindigits") or lower.get("length")
        high = lower.get("maxlength") or lower.get("maxdigits") or lower.get("length")
        terminator = lower.get("terminators") or lower.get("termchar")
        if terminator is None:
            # VoiceXML 2.0 6.3.3: the `termchar` property (of the field, else its form); empty: no terminator
            for container in (field, form):
                named = [c for c in container.children if c.tag == "property" and c.get("name") == "termchar"]
                if named:
                    terminator = (named[-1].get("value") or "").strip() or "none"
                    break
        if grammar is not None:
            b.keep(node_id, "grammar", " ".join(grammar.all_text().split()) or dict(grammar.attrib))
        if not (match or grammar is not None):
            b.keep(node_id, "type", kind or None)
        low_n = whole_number(low) if low else 1
        high_n = whole_number(high) if high else None
        if low_n is None:
            low_n, high_n = 1, None
        if high_n is None or not (1 <= low_n <= high_n <= 64):
            b.remark(
                field.line,
                "the number of digits the field takes is unknown; digits are 1 to 64 (the "
                "format's maximum), the grammar is kept under x-unmapped",
            )
            low_n, high_n = 1, 64
        term = terminator[0] if terminator and terminator[0] in "#*" else ("#" if terminator is None else None)
        return low_n, high_n, term
