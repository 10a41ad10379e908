"""The eight node builders: one node's fields, checked for its type, into a model node.

`NodeBuilder.node` reads the fields every node shares (prompt, note, lint,
setting overrides, handlers) and hands the rest to the builder of its type
(`_menu`, `_message`, ...), which returns the type's own fields or None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from ..diagnostics import Diagnostic, did_you_mean, shown
from ..keypatterns import PatternProblem, compile_pattern
from ..model import NODE_TYPES, MenuNode, Option, Prompt, Span, Text, maker
from ..yamlfields import TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NULL, TAG_STR
from .context import FileContext
from .fields import FIELDS_OF, ID, NODE_FIELDS, belongs_to, read_choice, read_number

__all__ = ["NodeBuilder"]

# A type's builder, called with the NodeBuilder: (builder, node id, key node, fields) -> the type's own fields or None.
_Builder = Callable[["NodeBuilder", str, yaml.Node, dict], "dict | None"]


class NodeBuilder:
    """Builds the nodes of one file; shares the file's `FileContext` with the file's parser."""

    def __init__(self, ctx: FileContext):
        self.ctx = ctx
        self.f = ctx.f
        self.make_menu = maker(MenuNode)  # `MenuNode(...)`, quicker

    def node(self, node_id: str, key_node: yaml.Node, value: yaml.Node):
        if self.ctx.quick:
            built = self._quick_menu(node_id, key_node, value)
            if built is not _NOT_QUICK:
                return built
        f = self.f
        fields = f.mapping(value, f"node `{node_id}`")
        if fields is None:
            return None
        if "type" not in fields:
            f.error(key_node, f"node `{node_id}` needs a `type`", f"one of: {', '.join(NODE_TYPES)}")
            return None
        kind = f.scalar_text(fields["type"][1], "`type`")
        if kind is None:
            return None
        if kind not in NODE_TYPES:
            f.error(
                fields["type"][1],
                f"unknown node type `{shown(kind)}`",
                did_you_mean(kind, NODE_TYPES) or f"the types are: {', '.join(NODE_TYPES)}",
            )
            return None
        allowed = NODE_FIELDS[kind]
        f.unknown_fields(fields, allowed, f"{kind} node `{node_id}`", belongs_to)
        before = self.ctx.errors()
        common: dict[str, Any] = dict(  # the keyword arguments of every node class
            id=node_id,
            key=self.ctx.header.prefix + node_id,
            file=self.ctx.header.key,
            span=f.span(key_node),
            prompt=self.ctx.prompt(fields, value) if kind != "branch" else None,
            note=f.scalar_text(fields["note"][1], "`note`") if "note" in fields else None,
            lint_ignore=self._lint(fields["lint"][1]) if "lint" in fields else (),
        )
        if kind != "branch":
            common.update(
                {
                    k: v
                    for k, v in self.ctx.overrides(fields, waiting=kind in ("menu", "input")).items()
                    if v is not None
                }
            )
        if kind in ("menu", "input"):
            if "fallback" in fields:
                common["fallback"] = self.ctx.target(fields["fallback"][1], "fallback")
            if "no_input" in fields:
                common["no_input"] = self.ctx.handlers(fields["no_input"][1], "no_input")
            if "no_match" in fields:
                common["no_match"] = self.ctx.handlers(fields["no_match"][1], "no_match")
        specific = _BUILDERS[kind](self, node_id, key_node, fields)
        if specific is None or self.ctx.errors() != before:
            return None
        return maker(NODE_TYPES[kind])(**common, **specific)

    def _quick_menu(self, node_id: str, key_node: yaml.Node, value: yaml.Node) -> Any:
        """The menu most files are made of, `{type: menu, say: text, options: ...}` (`say` optional) with plain
        text values, built straight from its YAML nodes (its options through `FileContext.options`): the node,
        or None when its options had problems, as `node` returns them; `_NOT_QUICK` for any other shape, which
        `node` reads (the same node and problems, for the same shape: tests/loader/test_quick_paths.py)."""
        if value.__class__ is not _MAPPING:
            return _NOT_QUICK
        kind = say = options = None
        for key, item in value.value:
            if key.__class__ is not _SCALAR or key.tag != TAG_STR:
                return _NOT_QUICK
            name = key.value
            if name == "type" and kind is None:
                kind = item
            elif name == "options" and options is None:
                options = item
            elif name == "say" and say is None:
                say = item
            else:
                return _NOT_QUICK  # another field, or a duplicate
        if (
            kind is None
            or options is None
            or kind.__class__ is not _SCALAR
            or kind.tag != TAG_STR
            or kind.value != "menu"
            or (say is not None and (say.__class__ is not _SCALAR or say.tag != TAG_STR))
        ):
            return _NOT_QUICK
        ctx, f = self.ctx, self.f
        prompt = None
        if say is not None:
            text = Text(((ctx.language, say.value),), f.span(say))
            prompt = Prompt(text, None, text.span)
        before = ctx.errors()
        built = ctx.options(options, "options")
        ctx.require_labels(built)
        if ctx.errors() != before:
            return None
        return self.make_menu(
            id=node_id,
            key=ctx.header.prefix + node_id,
            file=ctx.header.key,
            span=f.span(key_node),
            prompt=prompt,
            options=built,
        )

    def _lint(self, node: yaml.Node) -> tuple[tuple[str, Span], ...]:
        fields = self.f.mapping(node, "`lint`")
        if fields is None:
            return ()
        self.f.unknown_fields(fields, FIELDS_OF["lint"], "`lint`")
        if "ignore" not in fields:
            return ()
        codes = []
        for item in self.f.sequence(fields["ignore"][1], "`ignore`") or []:
            code = self.f.scalar_text(item, "a rule code or name")
            if code is not None:
                codes.append((code, self.f.span(item)))
        return tuple(codes)

    def _next(self, node_id: str, key_node: yaml.Node, fields: dict, kind: str) -> dict | None:
        if "next" not in fields:
            self.f.error(key_node, f"{kind} node `{node_id}` needs `next`: where the call goes afterwards")
            return None
        target = self.ctx.target(fields["next"][1], "next")
        return {"next": target, "then": self.ctx.then(fields, target, "next")} if target is not None else None

    def _menu(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result: dict = {}
        if "options" in fields:
            result["options"] = self.ctx.options(fields["options"][1], "options")
        elif "extensions" not in fields:
            f.error(key_node, f"menu `{node_id}` needs `options`")
            return None
        if "announce_options" in fields:
            result["announce_options"] = f.boolean(fields["announce_options"][1], "`announce_options`")
        if "global_options" in fields:
            result["global_options"] = self._menu_globals(fields["global_options"][1])
        if "extensions" in fields:
            extension = self._extensions(fields["extensions"][1])
            if extension is not None:
                result["extensions"], result["extension_patterns"] = extension
                result["extensions_span"] = f.span(fields["extensions"][1])
        if "max_digits" in fields:
            result["max_digits"] = self._max_digits(fields["max_digits"][1], result.get("options", ()))
            if result["max_digits"] is not None and result.get("extensions") is not None:
                self._extensions_within(result["max_digits"], result, fields["extensions"][1])
        if result.get("announce_options", True) is not False:
            self.ctx.require_labels(result.get("options", ()))
        return result

    def _menu_globals(self, node: yaml.Node):
        f = self.f
        if isinstance(node, yaml.ScalarNode) and node.tag == TAG_BOOL:
            return f.boolean(node, "`global_options`")
        items = f.sequence(node, "`global_options` (true, false, or a list of keys)")
        if items is None:
            return None
        keys = []
        for item in items:
            key = f.scalar_text(item, "a global option key")
            if key is None:
                continue
            if key not in self.ctx.global_keys:
                f.error(
                    item,
                    f"`{key}` is not one of the file's global options ({', '.join(self.ctx.global_keys) or 'none'})",
                )
                continue
            keys.append(key)
        return tuple(keys)

    def _extensions(self, node: yaml.Node):
        """`((min, max, goto), patterns)`; with `patterns`, `min` and `max` default to the lengths they take."""
        f = self.f
        fields = f.mapping(node, "`extensions`")
        if fields is None:
            return None
        f.unknown_fields(fields, FIELDS_OF["extensions"], "`extensions`")
        needed = ("goto",) if "patterns" in fields else ("min", "max", "goto")
        missing = [name for name in needed if name not in fields]
        if missing:
            f.error(
                node,
                f"`extensions` needs {', '.join(f'`{m}`' for m in missing)}",
                "for example: extensions: {min: 4, max: 4, goto: dial_extension}, "
                'or extensions: {patterns: ["10[01]X"], goto: dial_extension}',
            )
            return None
        patterns = self._patterns(fields["patterns"][1]) if "patterns" in fields else ()
        low = read_number(f, fields["min"][1], "extensions", "min") if "min" in fields else None
        high = read_number(f, fields["max"][1], "extensions", "max") if "max" in fields else None
        goto = self.ctx.target(fields["goto"][1], "goto")
        if patterns is None or goto is None or ("min" in fields and low is None) or ("max" in fields and high is None):
            return None
        if patterns:
            low = min(p.shortest for p in patterns) if low is None else low
            high = max(p.longest for p in patterns) if high is None else high
        if low is None or high is None:  # without patterns both are required, and were read
            return None
        if high < low:
            if "max" not in fields:
                f.error(fields["min"][1], f"the patterns take at most {high} digits, fewer than `min` ({low})")
            elif "min" not in fields:
                f.error(fields["max"][1], f"the patterns take at least {low} digits, more than `max` ({high})")
            else:
                f.error(fields["max"][1], f"`max` ({high}) is smaller than `min` ({low})")
            return None
        for pattern, item in zip(patterns, fields["patterns"][1].value if patterns else ()):
            if max(low, pattern.shortest) > min(high, pattern.longest):
                f.error(
                    item,
                    f"the pattern `{pattern.text}` takes no extension of {low}-{high} digits",
                    "change `min`/`max`, or remove them: patterns give their own lengths",
                )
                return None
        return (low, high, goto), tuple(p.text for p in patterns)

    def _patterns(self, node: yaml.Node):
        """The compiled patterns of `extensions.patterns`, each problem positioned at its character."""
        f = self.f
        items = f.sequence(node, '`patterns` (a list of patterns such as "10[01]X")')
        if items is None:
            return None
        if not items:
            f.error(node, "`patterns` is empty", 'list at least one pattern, such as "10[01]X"')
            return None
        compiled, seen, ok = [], set(), True
        for item in items:
            text = f.scalar_text(item, "a pattern")
            if text is None:
                ok = False
                continue
            try:
                pattern = compile_pattern(text)
            except PatternProblem as problem:
                self.ctx.diagnostics.append(
                    Diagnostic(
                        _inside(f.span(item), item, problem.offset),
                        f"extension pattern `{shown(text)}`: {problem.message}",
                        problem.hint,
                    )
                )
                ok = False
                continue
            if text in seen:
                f.error(item, f"the pattern `{text}` is listed twice")
                ok = False
            seen.add(text)
            compiled.append(pattern)
        return tuple(compiled) if ok else None

    def _max_digits(self, node: yaml.Node, options: tuple[Option, ...]) -> int | None:
        value = read_number(self.f, node, "menu", "max_digits")
        if value is None:
            return None
        for option in options or ():
            if len(option.key) > value:
                self.ctx.diagnostics.append(
                    Diagnostic(
                        option.key_span,
                        f"option `{option.key}` is longer than `max_digits` ({value})",
                        "the menu stops listening after `max_digits` keys: raise it, or shorten the key",
                    )
                )
        return int(value)

    def _extensions_within(self, keys: int, result: dict, node: yaml.Node) -> None:
        """With `max_digits` the menu acts after that many keys and `#` only ends them early: an extension that
        needs more keys, or a `#` inside a pattern, can never be dialled."""
        f = self.f
        low = result["extensions"][0]
        if low > keys:
            f.error(
                node,
                f"every extension takes at least {low} digits, but the menu acts after `max_digits` "
                f"({keys}) keys: none can be dialled",
                "raise `max_digits`, or shorten the extensions",
            )
            return
        items = {}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "patterns" and isinstance(value, yaml.SequenceNode):
                    items = {item.value: item for item in value.value if isinstance(item, yaml.ScalarNode)}
        for text in result.get("extension_patterns", ()):
            if "#" in text or compile_pattern(text).shortest > keys:
                why = (
                    "`#` ends the keys in a menu with `max_digits`"
                    if "#" in text
                    else f"it needs more than `max_digits` ({keys}) keys"
                )
                f.error(
                    items.get(text, node),
                    f"the pattern `{text}` can never be dialled: {why}",
                    "change the pattern, or `max_digits`",
                )

    def _message(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        return self._next(node_id, key_node, fields, "message")

    def _input(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result = self._next(node_id, key_node, fields, "input") or {}
        if "digits" not in fields:
            f.error(key_node, f"input node `{node_id}` needs `digits`", "for example: digits: {min: 8, max: 8}")
            return None
        digits = f.mapping(fields["digits"][1], "`digits`")
        if digits is None:
            return None
        f.unknown_fields(digits, FIELDS_OF["digits"], "`digits`")
        if "max" not in digits:
            f.error(fields["digits"][0], "`digits` needs `max`: the most digits a caller can enter")
            return None
        high = read_number(f, digits["max"][1], "digits", "max")
        low = read_number(f, digits["min"][1], "digits", "min") if "min" in digits else 1
        if high is not None and low is not None and high < low:
            f.error(digits["max"][1], f"`max` ({high}) is smaller than `min` ({low})")
        result.update(min_digits=low, max_digits=high)
        if "terminator" in digits:
            node = digits["terminator"][1]
            if isinstance(node, yaml.ScalarNode) and node.tag == TAG_NULL:
                result["terminator"] = None
            else:
                result["terminator"] = read_choice(f, node, "digits", "terminator")
        if "store" in fields:
            result["store"] = f.string(fields["store"][1], "`store`", pattern=ID, expect="a variable name")
        for flag in ("confirm", "secret"):
            if flag in fields:
                result[flag] = f.boolean(fields[flag][1], f"`{flag}`")
        if result.get("confirm") and result.get("secret"):
            f.error(
                fields["confirm"][0],
                "a `secret` entry cannot be read back with `confirm`",
                "remove `confirm`, or the entry is not secret",
            )
        return result if "next" in result else None

    def _branch(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result: dict = {}
        if ("schedule" in fields) == ("variable" in fields):
            f.error(key_node, f"branch `{node_id}` needs exactly one of `schedule` or `variable`")
            return None
        if "schedule" in fields:
            name = f.scalar_text(fields["schedule"][1], "`schedule`")
            if name is not None and name not in self.ctx.schedules:
                if name not in self.ctx.declared("schedules"):
                    f.error(
                        fields["schedule"][1],
                        f"there is no schedule `{name}`",
                        did_you_mean(name, self.ctx.declared("schedules")) or "define it under `schedules`",
                    )
                return None
            result["schedule"] = name
            allowed: tuple[str, ...] = ("open", "closed", "holiday")
            complete = {"open", "closed"}
        else:
            name = f.scalar_text(fields["variable"][1], "`variable`")
            if name is not None and name not in self.ctx.variables:
                if name not in self.ctx.declared("variables"):
                    f.error(
                        fields["variable"][1],
                        f"there is no variable `{name}`",
                        did_you_mean(name, self.ctx.declared("variables")) or "define it under `variables`",
                    )
                return None
            result["variable"] = name
            allowed = self.ctx.variables[name].values if name else ()
            complete = set(allowed)
        if "cases" not in fields:
            f.error(key_node, f"branch `{node_id}` needs `cases`")
            return None
        cases = []
        for value, (case_key, target_node) in (f.mapping(fields["cases"][1], "`cases`") or {}).items():
            if value not in allowed:
                f.error(
                    case_key,
                    f"`{value}` is not a case of this branch",
                    did_you_mean(value, allowed) or f"the cases are: {', '.join(allowed)}",
                )
                continue
            target = self.ctx.target(target_node, f"case {value}")
            if target is not None:
                cases.append((value, target))
        result["cases"] = tuple(cases)
        if "default" in fields:
            result["default"] = self.ctx.target(fields["default"][1], "default")
        elif not complete <= {value for value, _ in cases}:
            missing = sorted(complete - {value for value, _ in cases})
            f.error(
                key_node,
                f"branch `{node_id}` has no case for {', '.join(f'`{m}`' for m in missing)} and no `default`",
                "add the missing cases, or `default:`",
            )
        return result

    def _transfer(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result: dict = {}
        if ("queue" in fields) == ("number" in fields):
            f.error(key_node, f"transfer `{node_id}` needs exactly one of `queue` or `number`")
        if "queue" in fields:
            result["queue"] = f.scalar_text(fields["queue"][1], "`queue`")
        if "number" in fields:
            result["number"] = self._phone_number(fields["number"][1])
        if "person" in fields:
            node = fields["person"][1]
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and node.value == "unknown":
                # an importer's (or a designer's) "cannot tell": counted as maybe a person, shown as unknown
                result["person"], result["person_known"] = True, False
            elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool"):
                result["person"] = f.boolean(node, "`person`")
            else:
                value = shown(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.id}"
                f.error(
                    node,
                    f"`person` must be `true`, `false` or `unknown`, not `{value}`",
                    "write `unknown` when it is not known whether a person answers (another system's flow)",
                )
        if "hours" in fields:
            name = f.scalar_text(fields["hours"][1], "`hours`")
            if name is not None and name not in self.ctx.declared("schedules"):
                f.error(
                    fields["hours"][1],
                    f"there is no schedule `{name}`",
                    did_you_mean(name, self.ctx.declared("schedules")) or "define it under `schedules`",
                )
            result["hours"] = name
            if "closed" not in fields:
                f.error(fields["hours"][0], "a transfer with `hours` needs `closed`: where callers go outside them")
        elif "closed" in fields:
            f.error(fields["closed"][0], "`closed` needs `hours`: the schedule that says when the transfer is closed")
        for name in ("closed", "busy", "no_answer", "overflow"):
            if name in fields:
                result[name] = self.ctx.target(fields[name][1], name)
        if "announce_wait" in fields:
            result["announce_wait"] = f.boolean(fields["announce_wait"][1], "`announce_wait`")
        if "max_wait" in fields:
            result["max_wait"] = read_number(f, fields["max_wait"][1], "transfer", "max_wait")
        if ("max_wait" in fields) != ("overflow" in fields):
            present, missing = ("max_wait", "overflow") if "max_wait" in fields else ("overflow", "max_wait")
            f.error(
                fields[present][0],
                f"`{present}` needs `{missing}`",
                "`max_wait` is how long callers wait in the queue; `overflow` is where they go then",
            )
        if "callback" in fields:
            offer = f.mapping(fields["callback"][1], "`callback`")
            if offer is not None:
                f.unknown_fields(offer, FIELDS_OF["callback offer"], "`callback`")
                if "offer_after" not in offer or "goto" not in offer:
                    f.error(
                        fields["callback"][1], "`callback` needs `offer_after` (seconds) and `goto` (a callback node)"
                    )
                else:
                    result["callback_offer_after"] = read_number(
                        f, offer["offer_after"][1], "callback offer", "offer_after"
                    )
                    result["callback"] = self.ctx.target(offer["goto"][1], "goto")
        return result

    def _phone_number(self, node: yaml.Node) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.style == "" and node.tag in (TAG_INT, TAG_FLOAT):
            self.f.error(
                node,
                f"write the number `{node.value}` in quotes",
                f'YAML reads unquoted numbers as numbers (a leading 0 even as octal, a + is dropped): number: "{node.value}"',
            )
            return None
        return self.f.scalar_text(node, "`number`")

    def _voicemail(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        result: dict = {}
        if "next" in fields:
            result = self._next(node_id, key_node, fields, "voicemail") or {}
        elif "then" in fields:
            self.f.error(fields["then"][0], "`then` needs `next`: where the call goes after the recording")
        if "mailbox" in fields:
            result["mailbox"] = self.f.scalar_text(fields["mailbox"][1], "`mailbox`")
        if "max_length" in fields:
            result["max_length"] = read_number(self.f, fields["max_length"][1], "voicemail", "max_length")
        return result

    def _callback(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        result: dict = {}
        if "number" in fields:
            result["number"] = read_choice(self.f, fields["number"][1], "callback", "number")
        if "confirm" in fields:
            result["confirm"] = read_choice(self.f, fields["confirm"][1], "callback", "confirm")
        return result

    def _hangup(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        return {}


_NOT_QUICK: Any = object()  # `_quick_menu`: not the common shape
_SCALAR = yaml.ScalarNode
_MAPPING = yaml.MappingNode

# The functions, not bound methods: a NodeBuilder holding its own bound methods would be a reference cycle,
# which keeps the file's composed YAML alive until the cyclic GC runs (it is paused while files load).
_BUILDERS: dict[str, _Builder] = {kind: getattr(NodeBuilder, f"_{kind}") for kind in NODE_TYPES}


def _inside(span: Span, node: yaml.Node, offset: int) -> Span:
    """The position of character `offset` of a one-line scalar (after its opening quote, if any)."""
    if span.line != span.end_line:
        return span
    col = span.col + offset + (1 if getattr(node, "style", None) in ("'", '"') else 0)
    return Span(span.path, span.line, col, span.line, col + 1)
