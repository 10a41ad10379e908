"""One menu file while it is parsed, and the readers all its parts share.

A `FileContext` holds what the parts of one file need from each other (its
header, languages, schedules, variables and global option keys) and reads the
values that occur in many places: texts, prompts, targets (resolved through
the `Resolver`, which loads the files they name), setting overrides, options
and no-input/no-match handlers.
"""

from __future__ import annotations

import yaml

from ..diagnostics import Diagnostic, shown
from ..model import ACTIONS, RETURN, Handler, Option, Prompt, Schedule, Span, Target, Text, Variable, maker
from ..yamlfields import TAG_BOOL, TAG_INT, TAG_STR, FieldReader
from .fields import DTMF, HANDLER_FIELDS, LANGUAGE, OPTION_FIELDS, read_choice, read_number
from .header import FileHeader, Resolver, file_type

__all__ = ["FileContext"]

_OPTION_FIELD_SET = frozenset(OPTION_FIELDS)
_SCALAR = yaml.ScalarNode
_MAPPING = yaml.MappingNode
_ONE_KEY = frozenset("0123456789*#")
_ACTION_SET = frozenset(ACTIONS)
_new_tuple = tuple.__new__  # a Span without its Python-level __new__ (as FieldReader.span makes it)


def _plain_mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
    """`FieldReader.mapping` of a mapping whose keys are all distinct strings (most are); None for any other node."""
    if node.__class__ is not _MAPPING:
        return None
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for pair in node.value:
        key_node = pair[0]
        if key_node.__class__ is not _SCALAR or key_node.tag != TAG_STR or key_node.value in fields:
            return (
                None  # merge keys, other keys (a list tagged !!str too), duplicates: FieldReader.mapping reports them
            )
        fields[key_node.value] = pair
    return fields


class FileContext:
    """One file's shared state and value readers; every problem goes to the resolver's diagnostics."""

    def __init__(self, loader: Resolver, header: FileHeader):
        self.loader = loader
        self.header = header
        self.diagnostics = loader.diagnostics
        self.f = FieldReader(header.display, loader.diagnostics)
        self.language = "en"
        self.languages: tuple[str, ...] = ("en",)
        self.schedules: dict[str, Schedule] = {}
        self.variables: dict[str, Variable] = {}
        self.global_keys: list[str] = []
        self.make_option = maker(Option)  # `Option(...)`, quicker

    def errors(self) -> int:
        """How many problems the load has found so far (compare before and after reading a part)."""
        return len(self.diagnostics)

    def text(self, node: yaml.Node, what: str) -> Text | None:
        """A string in the file's language, or a mapping language → string."""
        if node.__class__ is _SCALAR and node.tag == TAG_STR:  # the common case, kept fast
            return Text(((self.language, node.value),), self.f.span(node))
        if isinstance(node, yaml.MappingNode):
            pairs = self.f.mapping(node, what)
            if pairs is None:
                return None
            values = []
            for lang, (key_node, value_node) in pairs.items():
                if key_node.tag == TAG_BOOL:
                    continue  # reported by mapping(): `no:` is a boolean to YAML
                if not LANGUAGE.match(lang):
                    self.f.error(key_node, f"`{lang}` is not a language code", "use codes such as `en`, `fi`, `sv`")
                    continue
                if lang not in self.languages:
                    self.f.error(
                        key_node,
                        f"`{lang}` is not one of this file's languages ({', '.join(self.languages)})",
                        "add it to `languages`, or fix the code",
                    )
                    continue
                value = self.f.scalar_text(value_node, f"the `{lang}` text of {what}")
                if value is not None:
                    values.append((lang, value))
            if not values:
                if not pairs:
                    self.f.error(node, f"{what} is empty")
                return None
            return Text(tuple(values), self.f.span(node))
        value = self.f.scalar_text(node, what)
        if value is None:
            return None
        return Text(((self.language, value),), self.f.span(node))

    def prompt(self, fields: dict, owner: yaml.Node) -> Prompt | None:
        say = self.text(fields["say"][1], "`say`") if "say" in fields else None
        audio = self.text(fields["audio"][1], "`audio`") if "audio" in fields else None
        if audio is not None and not self._audio_files_ok(fields["audio"][1]):
            audio = None
        if say is not None:
            return Prompt(say, audio, say.span)
        return Prompt(None, audio, audio.span) if audio is not None else None

    def _audio_files_ok(self, node: yaml.Node) -> bool:
        """Audio paths stay inside the project like targets; one that exists must be a regular file."""
        values = [value for _, value in node.value] if isinstance(node, yaml.MappingNode) else [node]
        ok = True
        for value in values:
            if not isinstance(value, yaml.ScalarNode):
                continue
            span = self.f.span(value)
            path = self.loader.confine(value.value, self.header, span)
            kind = file_type(path) if path is not None else None
            if path is None:
                ok = False
            elif kind not in (None, "file"):
                self.f.error(
                    value,
                    f"the audio file `{shown(value.value)}` is not a regular file: it is {kind}",
                    "name a recording (a .wav file)",
                )
                ok = False
        return ok

    # -- targets -----------------------------------------------------------

    def target(self, node: yaml.Node, field: str) -> Target | None:
        raw = (
            node.value if node.__class__ is _SCALAR and node.tag == TAG_STR else self.f.scalar_text(node, f"`{field}`")
        )
        if raw is None:
            return None
        span = self.f.span(node)
        key, _, ok = self.loader.resolve(raw, self.header, span, field)
        if not ok:
            return None
        return Target(raw, key, span)

    def then(self, fields: dict, goto: Target | None, goto_field: str) -> Target | None:
        if "then" not in fields:
            return None
        then = self.target(fields["then"][1], "then")
        if then is None:
            return None
        if goto is None and goto_field in fields:  # its target was refused, and that was reported
            return None
        if goto is None or goto.is_return or goto.node_key is None or not self._enters_other_file(goto):
            self.f.error(
                fields["then"][0],
                f"`then` only applies when `{goto_field}` enters another file",
                "`then` says where to continue when that file reaches `return`",
            )
            return None
        return then

    def _enters_other_file(self, target: Target) -> bool:
        return "#" in target.raw or target.raw.endswith((".yaml", ".yml"))

    def overrides(self, fields: dict, *, waiting: bool) -> dict[str, float | Text | bool | Target | None]:
        """Setting fields shared by `settings` and nodes (fallback is read by the caller)."""
        f = self.f
        values: dict[str, float | Text | bool | Target | None] = {}
        if waiting:
            if "timeout" in fields:
                values["timeout"] = read_number(f, fields["timeout"][1], "settings", "timeout")
            if "inter_digit_timeout" in fields:
                values["inter_digit_timeout"] = read_number(
                    f, fields["inter_digit_timeout"][1], "settings", "inter_digit_timeout"
                )
            if "retries" in fields:
                values["retries"] = read_number(f, fields["retries"][1], "settings", "retries")
        if "rate" in fields:
            values["rate"] = read_number(f, fields["rate"][1], "settings", "rate")
        if "voice" in fields:
            values["voice"] = self.text(fields["voice"][1], "`voice`")
        if "barge_in" in fields:
            values["barge_in"] = f.boolean(fields["barge_in"][1], "`barge_in`")
        return values

    # -- options and handlers ---------------------------------------------

    quick = True
    """Whether `options` builds the common option shape through `quick_option` (tests compare both ways)."""

    def options(self, node: yaml.Node, what: str, *, is_global: bool = False) -> tuple[Option, ...]:
        f = self.f
        pairs = f.mapping(node, f"`{what}`")
        if pairs is None:
            return ()
        if not pairs:
            f.error(node, f"`{what}` has no options")
        options = []
        total_share = 0.0
        quick = self.quick_option if self.quick else None
        for key, (key_node, value_node) in pairs.items():
            if not (len(key) == 1 and key in _ONE_KEY) and not self._key_ok(key, key_node):
                continue
            option = quick(key, key_node, value_node, is_global) if quick is not None else None
            if option is not None:
                options.append(option)  # no share
                continue
            option = self._option(key, key_node, value_node, is_global)
            if option is not None:
                options.append(option)
                total_share += option.share or 0.0
        if total_share > 1.0 + 1e-9:
            f.error(
                node,
                f"the shares in `{what}` add up to {total_share:.2f}",
                "a share is the fraction of callers at this menu who choose the option; together at most 1",
            )
        return tuple(options)

    def _key_ok(self, key: str, node: yaml.Node) -> bool:
        if len(key) == 1 and key in _ONE_KEY:
            return True  # the common case: a digit (quoted or not), "*" or "#"
        if node.tag == TAG_BOOL:
            return False  # reported by mapping()
        if (
            isinstance(node, yaml.ScalarNode)
            and node.style == ""
            and node.tag == TAG_INT
            and len(key) > 1
            and key.startswith("0")
        ):
            self.f.error(
                node,
                f"the key `{key}` is read as the number {int(key, 8) if set(key) <= set('01234567') else key} by YAML 1.1 tools",
                f'quote keys with leading zeros: "{key}":',
            )
            return False
        if not DTMF.match(key):
            hint = 'keys are 0-9, "*" and "#" (quoted), or digit strings such as "1000"'
            if key.upper() in ("A", "B", "C", "D"):
                hint = "the A-D DTMF keys are not on phone keypads; " + hint
            self.f.error(node, f"`{key}` is not a DTMF key", hint)
            return False
        return True

    def quick_option(self, key: str, key_node: yaml.Node, node: yaml.Node, is_global: bool) -> Option | None:
        """The option most menus are made of, `{label: text, goto: node}` or `{label: text, action: back}`
        with plain text values and a node of this file, built straight from its YAML nodes; None for any
        other shape, which `_option` reads (the same option, for the same shape: tests/loader/test_quick_paths.py).

        It is the same reading as `_option`'s, minus what cannot happen for this shape: no unknown, duplicate,
        merged or missing field, nothing to report, and a target that `Resolver.resolve` answers without
        looking further (a node id of this file other than `return`).
        """
        if node.__class__ is not _MAPPING:
            return None
        pairs = node.value
        if len(pairs) != 2:
            return None
        (first_key, first), (second_key, second) = pairs
        if (
            first_key.__class__ is not _SCALAR
            or second_key.__class__ is not _SCALAR
            or first.__class__ is not _SCALAR
            or second.__class__ is not _SCALAR
            or first_key.tag != TAG_STR
            or second_key.tag != TAG_STR
            or first.tag != TAG_STR
            or second.tag != TAG_STR
        ):
            return None
        name = first_key.value
        if name == "label":
            label, name, where = first, second_key.value, second
        elif second_key.value == "label":
            label, where = second, first
        else:
            return None
        raw = where.value
        goto = action = None
        display = self.f.display
        if name == "goto":
            if raw == RETURN or raw not in self.header.valid_ids:
                return None
            start, end = where.start_mark, where.end_mark
            span = _new_tuple(Span, (display, start.line + 1, start.column + 1, end.line + 1, end.column + 1))
            goto = Target(raw, self.header.prefix + raw, span)
        elif name == "action" and raw in _ACTION_SET:
            action = raw
        else:
            return None
        start, end = label.start_mark, label.end_mark
        span = _new_tuple(Span, (display, start.line + 1, start.column + 1, end.line + 1, end.column + 1))
        text = Text(((self.language, label.value),), span)
        start, end = key_node.start_mark, key_node.end_mark
        key_span = _new_tuple(Span, (display, start.line + 1, start.column + 1, end.line + 1, end.column + 1))
        start, end = node.start_mark, node.end_mark
        span = _new_tuple(Span, (display, start.line + 1, start.column + 1, end.line + 1, end.column + 1))
        # key, key_span, span, label, say, goto, then, action, language, share, announce, is_global, note
        return self.make_option(key, key_span, span, text, None, goto, None, action, None, None, True, is_global, None)

    def _option(self, key: str, key_node: yaml.Node, node: yaml.Node, is_global: bool) -> Option | None:
        # The hottest reader of a big file (one call per key of every menu): each field is looked up once.
        f = self.f
        fields = _plain_mapping(node)
        if fields is None:
            fields = f.mapping(node, f"option `{key}`")
            if fields is None:
                return None
        before = len(self.diagnostics)
        if not fields.keys() <= _OPTION_FIELD_SET:
            for name in fields:
                if name not in _OPTION_FIELD_SET:
                    f.unknown_fields({name: fields[name]}, OPTION_FIELDS, f"option `{key}`")
        get = fields.get
        label_field, say_field, goto_field, action_field = get("label"), get("say"), get("goto"), get("action")
        label = self.text(label_field[1], "`label`") if label_field is not None else None
        say = self.text(say_field[1], "`say`") if say_field is not None else None
        goto = self.target(goto_field[1], "goto") if goto_field is not None else None
        action = read_choice(f, action_field[1], "option", "action") if action_field is not None else None
        if goto_field is not None and action_field is not None:
            f.error(action_field[0], f"option `{key}` has both `goto` and `action`", "keep one of them")
        elif goto_field is None and action_field is None:
            f.error(key_node, f"option `{key}` needs `goto` (where the key leads) or `action` ({', '.join(ACTIONS)})")
        then = self.then(fields, goto, "goto") if "then" in fields else None
        language = None
        language_field = get("language")
        if language_field is not None:
            language = f.string(language_field[1], "`language`", pattern=LANGUAGE, expect="a language code")
            if language is not None and language not in self.languages:
                f.error(
                    language_field[1], f"`{language}` is not one of this file's languages ({', '.join(self.languages)})"
                )
        share_field, announce_field, note_field = get("share"), get("announce"), get("note")
        share = read_number(f, share_field[1], "option", "share") if share_field is not None else None
        announce = f.boolean(announce_field[1], "`announce`") if announce_field is not None else True
        note = f.scalar_text(note_field[1], "`note`") if note_field is not None else None
        if len(self.diagnostics) != before:
            return None
        return self.make_option(
            key=key,
            key_span=f.span(key_node),
            span=f.span(node),
            label=label,
            say=say,
            goto=goto,
            then=then,
            action=action,
            language=language,
            share=share,
            announce=announce is not False,
            is_global=is_global,
            note=note,
        )

    def handlers(self, node: yaml.Node, what: str) -> tuple[Handler, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if isinstance(node, yaml.SequenceNode) and not items:
            self.f.error(node, f"`{what}` is an empty list", "give one handler, or a list of them")
        handlers = []
        for item in items:
            fields = self.f.mapping(item, f"a `{what}` handler")
            if fields is None:
                continue
            self.f.unknown_fields(fields, HANDLER_FIELDS, f"a `{what}` handler")
            goto = self.target(fields["goto"][1], "goto") if "goto" in fields else None
            handler = Handler(self.f.span(item), self.prompt(fields, item), goto, self.then(fields, goto, "goto"))
            if handler.prompt is None and goto is None and not set(fields) - set(HANDLER_FIELDS):
                self.f.error(item, f"this `{what}` handler does nothing", "give it `say` (or `audio`) and/or `goto`")
            handlers.append(handler)
        return tuple(handlers)

    def require_labels(self, options: tuple[Option, ...]) -> None:
        for option in options:
            if option.announce and option.label is None and option.say is None:
                self.diagnostics.append(
                    Diagnostic(
                        option.key_span,
                        f"option `{option.key}` is announced but has no `label`",
                        'add `label:` (it is read as "To {label}, press ' + option.key + '."), or `announce: false`',
                    )
                )

    def declared(self, section: str) -> list[str]:
        node = self.header.top.get(section)
        if node is None or not isinstance(node[1], yaml.MappingNode):
            return []
        return [key.value for key, _ in node[1].value if isinstance(key, yaml.ScalarNode)]
