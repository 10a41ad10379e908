"""Asterisk: one `extensions.conf` holding the whole menu set, one context per exported node.

The file starts with `[general]` and `[globals]` (asterisklint hints when they
are not the first two contexts), then one context per node instance (see
`ivrkit.exporters.plan`) named by its node id, the entry first. Every node is
entered at `s,1` (`Goto(ID,s,1)`). Facts in docs/dev/platform-facts.md §2.

- Prompts: `Background(sound)` in a menu (keys interrupt it), `Background(sound,m)`
  elsewhere (a key there would be looked up as an extension of a context that
  has none, and the call would end: `m` ignores it), `Playback` where `barge_in`
  is false. Asterisk has no standard TTS application, so a prompt is a sound
  file: with `--audio DIR` the WAV `ivrkit audio` rendered (`ivrkit/<file
  stem>`: copy DIR to the sounds folder's `ivrkit/`), else `ivrkit/<node id>`
  (record or render it). The words are written on the same line as a comment
  `; say: ...`, which `ivrkit import` reads back. A menu's prompt and its
  announced options are one sound (`announce_options: false` on import).
  With `--audio`, a menu plays the WAVs of its prompt and of each announced
  option joined with `&`. Background ends the call when a sound is missing
  (A1): a fidelity note says so.
- `menu` → `Set(IVR_TRIES=0)`, `Set(TIMEOUT(response)=..)`,
  `Set(TIMEOUT(digit)=..)`, `n(prompt),Background(..)`, `WaitExten(..)` as the
  last priority of `s` (A4: on a timeout it would go on with a next priority);
  one extension per option key (`Set(CHANNEL(language)=..)` for a language
  option) leading with `Goto(ID,s,1)`; `extensions` → patterns `_XXXX`
  (`_X` repeated from `min` to `max` digits, or the menu's own patterns) that
  keep the digits in `extension`. `i` and `t` count the tries with one counter
  (ivrkit counts wrong keys and silence together) in the form FreePBX writes
  and the importer folds back: `Set(IVR_TRIES=$[${IVR_TRIES}+1])`,
  `GotoIf($[${IVR_TRIES} > RETRIES]?final)`, the handler's sound,
  `Goto(s,prompt)`, then `n(final),Goto(FALLBACK,s,1)` (or `Hangup()`).
- `input` → `Read(VAR,sound,max)` on the channel's timeouts, then `GotoIf` on
  `${LEN(${VAR})}` (none: `t`, fewer than `min`: `i`); `confirm` → a context
  `ID__confirm` that says the digits with `SayDigits` (1 goes on, 2 enters
  them again).
- `message` → the sound, then `Goto`; `hangup` → the sound, `Hangup()`;
  `callback` → the same (lost: no booking).
- `branch` → on a schedule: `GotoIfTime` per holiday and per span of opening
  hours (`_asterisk_time`), else the `closed` way; on a variable: `GotoIf($["${VAR}" = "value"]?..)`
  per value, the default in `[globals]`.
- `transfer` → `hours`: the schedule check first; a queue → `Queue(name,,,,max_wait)`
  (the timeout is the 5th argument, A9) then `Goto(overflow,s,1)`; a number →
  `Dial(PJSIP/number@${IVRKIT_TRUNK})` (a `{var}` in it is `${var}`), then
  `GotoIf` on `${DIALSTATUS}` for `busy`/`no_answer`.
- `voicemail` → the sound, `VoiceMail(box@default,s)` (no mailbox: `${IVRKIT_MAILBOX}`),
  then `Goto(next,s,1)` or `Hangup()`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import (
    BranchNode,
    CallbackNode,
    Handler,
    HangupNode,
    InputNode,
    Interactive,
    MenuNode,
    MenuSet,
    MessageNode,
    Node,
    Span,
    Target,
    TransferNode,
    VoicemailNode,
)
from ..prompts import Segment, node_segments, text_in
from ._asterisk_time import holiday_specs, opening_specs
from .base import APPROXIMATED, LOST, ExportOptions, ExportResult, NoteTaker
from .plan import Instance, Plan

__all__ = ["EXPORTER", "AsteriskExporter", "MARKER", "COUNTER"]

MARKER = "; ivrkit export"  # the first line: `ivrkit import` reads the file back as ivrkit's own contexts
COUNTER = "IVR_TRIES"
_END = "ivrkit_end"  # the context that ends the call where a target leads nowhere (a `return` nobody called)
_RESERVED = {"general", "globals"}


def _seconds(value: float) -> str:
    return f"{value:g}"


def _variable(name: str) -> str:
    """An Asterisk variable name for an ivrkit one (letters, digits and `_`)."""
    clean = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return clean if re.match(r"[A-Za-z_]", clean) else "_" + clean


def _words(text: str) -> str:
    return " ".join(text.split())


class _Context:
    """One `[context]`: its extensions in order, each a list of (label, application, comment)."""

    def __init__(self, name: str, comment: str | None = None):
        self.name = name
        self.comment = comment
        self.extensions: dict[str, list[tuple[str | None, str, str | None]]] = {}

    def add(self, extension: str, application: str, label: str | None = None, comment: str | None = None) -> None:
        self.extensions.setdefault(extension, []).append((label, application, comment))

    def render(self) -> str:
        lines = [f"[{self.name}]"]
        if self.comment:
            lines.append(f"; {self.comment}")
        for extension, steps in self.extensions.items():
            for index, (label, application, comment) in enumerate(steps):
                head = f"exten => {extension},1" if index == 0 else f" same => n{f'({label})' if label else ''}"
                assert index or not label, "priority 1 carries no label"
                lines.append(f"{head},{application}" + (f" ; {comment}" if comment else ""))
        return "\n".join(lines) + "\n"


class AsteriskExporter:
    name = "asterisk"
    description = "Asterisk extensions.conf"
    suffix = ".conf"

    def export(self, menuset: MenuSet, options: ExportOptions) -> ExportResult:
        return _Writer(menuset, options).run()


class _Writer(NoteTaker):
    def __init__(self, menuset: MenuSet, options: ExportOptions):
        super().__init__()
        self.menuset = menuset
        self.options = options
        self.plan = Plan(menuset)
        self.language = menuset.root.language
        self.globals: dict[str, str] = {"IVRKIT_TRUNK": "trunk", "IVRKIT_MAILBOX": "100"}
        self.contexts: list[_Context] = []
        self.needs_end = False
        self.missing_sounds = False

    # -- the file ------------------------------------------------------------------------------------

    def run(self) -> ExportResult:
        for instance in self.plan.ids:
            self.context(instance)
        if self.needs_end:
            end = _Context(_END, "where a `return` leads when no file entered this one: the call ends")
            end.add("s", "Hangup()")
            self.contexts.append(end)
        self.speech_settings()
        if self.missing_sounds:
            self.note(
                self.file_span(),
                APPROXIMATED,
                "Asterisk has no standard text-to-speech application: each prompt is a sound file "
                "`ivrkit/<node id>` with its words in a `; say:` comment; render them with `ivrkit audio` "
                "and export with --audio, or record them (Background() ends the call when a sound is missing)",
            )
        root = self.menuset.root
        head = [
            f"{MARKER} of {Path(root.key).name}: {_words(root.name)}",
            f"; entry: {self.context_name(self.plan.id(self.plan.entry))}",
            f"; language: {self.language}",
            "; generated by ivrkit; deploy: #include this file from /etc/asterisk/extensions.conf, then",
            ';   asterisk -rx "dialplan reload"; send calls to the entry context at s,1',
            "",
            "[general]",
            "static=yes",
            "writeprotect=no",
            "",
            "[globals]",
        ]
        head += [f"{name}={value}" for name, value in self.globals.items()]
        text = "\n".join(head) + "\n\n" + "\n".join(context.render() for context in self.contexts)
        return ExportResult("asterisk", text, self.notes, self.plan.ids_by_key(), {})

    def file_span(self) -> Span | None:
        """Where a note about the whole export points: the root file's settings, else its entry."""
        return self.menuset.root.settings.span or self.menuset.root.entry.span

    def speech_settings(self) -> None:
        for menu_file in self.menuset.files.values():
            if menu_file.settings.rate != 165.0 or menu_file.settings.voice is not None:
                self.note(
                    menu_file.settings.span,
                    LOST,
                    "`rate` and `voice` are not written: Asterisk plays sound files (render them with ivrkit audio)",
                )

    def target(self, instance: Instance | None) -> str:
        if instance is None:
            self.needs_end = True
            return _END
        return self.context_name(self.plan.id(instance))

    def goto(self, instance: Instance, target: Target | None, then: Target | None = None) -> str:
        """`Goto(ID,s,1)` for where `target` leads from `instance`."""
        found = self.plan.go(instance, target, then)
        if found is None and target is not None:
            self.note(target.span, LOST, "`return` with no file that entered this one: the call ends here")
        return f"Goto({self.target(found)},s,1)"

    def context(self, instance: Instance) -> None:
        node = self.plan.node(instance)
        name = self.plan.id(instance)
        if name.lower() in _RESERVED:
            self.note(
                node.span, LOST, f"`{name}` is a reserved context name in extensions.conf: written `ivrkit_{name}`"
            )
        context = _Context(self.context_name(name), _words(node.note) if node.note else None)
        self.contexts.append(context)
        if isinstance(node, MenuNode):
            self.menu(context, instance, node)
        elif isinstance(node, InputNode):
            self.input(context, instance, node)
        elif isinstance(node, MessageNode):
            self.sound(context, "s", instance, node)
            context.add("s", self.goto(instance, node.next, node.then))
        elif isinstance(node, BranchNode):
            self.branch(context, instance, node)
        elif isinstance(node, TransferNode):
            self.transfer(context, instance, node)
        elif isinstance(node, VoicemailNode):
            self.voicemail(context, instance, node)
        elif isinstance(node, (HangupNode, CallbackNode)):
            self.sound(context, "s", instance, node)
            context.add("s", "Hangup()")
            if isinstance(node, CallbackNode):
                self.note(
                    node.span,
                    LOST,
                    "Asterisk's dialplan cannot book a call back: the caller hears the message and the call "
                    "ends (ivrkit import reads it back as a hang-up)",
                )

    @staticmethod
    def context_name(name: str) -> str:
        return f"ivrkit_{name}" if name.lower() in _RESERVED else name

    # -- sounds --------------------------------------------------------------------------------------

    def found_sound(self, instance: Instance, segment: Segment, kind: str, key: str | None) -> str | None:
        """The sound of one segment: the WAV `ivrkit audio` rendered for it (`--audio`), else its recording."""
        rendered = self.options.audio
        if rendered is not None and segment.text is not None:
            found = rendered.find(instance.key, kind, key, segment.language, segment.text)
            if found is not None:
                return f"ivrkit/{found.stem}"
            self.note(segment.span, APPROXIMATED, f"no WAV in {rendered.folder} for this {kind} [{segment.language}]")
        if segment.audio is not None:
            return f"ivrkit/{Path(segment.audio).stem}"
        return None

    def named_sound(self, instance: Instance, suffix: str = "") -> str:
        """The sound named after the node, for words nothing rendered (see the note on text-to-speech)."""
        self.missing_sounds = True
        return f"ivrkit/{self.context_name(self.plan.id(instance))}{suffix}"

    def sound_name(self, instance: Instance, node: Node, segment: Segment, key: str) -> str:
        """A handler's sound (`key` as `ivrkit audio` names it: `no-match-1`)."""
        return self.found_sound(instance, segment, "handler", key) or self.named_sound(instance, f"-{key}")

    def sound(
        self, context: _Context, extension: str, instance: Instance, node: Node, label: str | None = None
    ) -> bool:
        """The node's prompt (and for a menu its announced options): the sounds of its segments joined with `&`
        when each has one, else one sound named after the node; False when it says nothing."""
        segments = node_segments(self.menuset, node, instance.language)
        if not segments:
            return False
        texts = [segment.text for segment in segments if segment.text]
        words = _words(" ".join(texts)) if texts else None
        found = [
            self.found_sound(instance, segment, "option" if segment.kind == "option" else "prompt", segment.key)
            for segment in segments
        ]
        sound = "&".join(name for name in found if name) if all(found) else self.named_sound(instance)
        barge_in = node.setting("barge_in", self.menuset.settings_of(node))
        # Outside a menu a key would start an extension the context does not have, and Asterisk hangs up (A6):
        # `m` breaks only on a one-digit extension of the context, of which there are none, so keys are ignored.
        waits = isinstance(node, MenuNode)
        application = f"Background({sound}{'' if waits else ',m'})" if barge_in else f"Playback({sound})"
        if barge_in and isinstance(node, MessageNode):  # type-ahead matters where a menu follows
            self.note(
                self.file_span(),
                APPROXIMATED,
                "keys pressed during a message are ignored (Background's `m` option): "
                "Asterisk keeps no type-ahead for the next menu",
            )
        context.add(extension, application, label, f"say: {words}" if words else None)
        return True

    # -- menus and inputs ----------------------------------------------------------------------------

    def timing(self, context: _Context, node: Interactive) -> tuple[float, float]:
        settings = self.menuset.settings_of(node)
        timeout = node.setting("timeout", settings)
        digit = node.setting("inter_digit_timeout", settings)
        context.add("s", f"Set({COUNTER}=0)")
        context.add("s", f"Set(TIMEOUT(response)={_seconds(timeout)})")
        context.add("s", f"Set(TIMEOUT(digit)={_seconds(digit)})")
        return timeout, digit

    def menu(self, context: _Context, instance: Instance, node: MenuNode) -> None:
        timeout, _ = self.timing(context, node)
        if not self.sound(context, "s", instance, node, "prompt"):
            context.add("s", "Wait(0)", "prompt")
        context.add("s", f"WaitExten({_seconds(timeout)})")
        for option in self.plan.options(instance):
            target = self.plan.option_target(instance, option)
            if option.action == "back":
                self.note(
                    option.span,
                    APPROXIMATED,
                    f"`action: back` leads to `{self.plan.id(target) if target else _END}` (the first menu that "
                    f"leads here): the dialplan keeps no call history",
                )
            if option.language:
                context.add(option.key, f"Set(CHANNEL(language)={option.language})")
            context.add(option.key, f"Goto({self.target(target)},s,1)")
        if node.extensions is not None:
            self.extensions(context, instance, node)
        if node.max_digits is not None:
            self.note(node.span, APPROXIMATED, f"`max_digits: {node.max_digits}`: Asterisk matches the extensions")
        self.handlers(context, instance, node)

    def extensions(self, context: _Context, instance: Instance, node: MenuNode) -> None:
        assert node.extensions is not None
        low, high, target = node.extensions
        patterns = list(node.extension_patterns) or ["X" * length for length in range(low, high + 1)]
        leads = self.goto(instance, target)
        for pattern in patterns:
            extension = f"_{pattern}"
            if extension in context.extensions:
                continue
            context.add(extension, "Set(extension=${EXTEN})")
            context.add(extension, leads)
        if not node.extension_patterns:
            self.note(
                node.extensions_span or node.span,
                APPROXIMATED,
                f"the extensions of `{node.id}` are the patterns {', '.join('_' + p for p in patterns)}: Asterisk "
                f"waits TIMEOUT(digit) after an option key that could begin one (no 'options win')",
            )

    def handlers(self, context: _Context, instance: Instance, node: Interactive) -> None:
        """`t` and `i` with one counter of tries (the engine counts silence and wrong keys together and picks
        the handler by that count): FreePBX's form when one sound re-prompts every time, else one labelled
        step per handler (`GotoIf($[${IVR_TRIES} >= N]?tryN)`), which ivrkit import alone reads back."""
        settings = self.menuset.settings_of(node)
        retries = int(node.setting("retries", settings))
        fallback = self.plan.go(instance, self.plan.fallback(instance))
        for extension, handlers, kind in (("t", node.no_input, "no-input"), ("i", node.no_match, "no-match")):
            context.add(extension, f"Set({COUNTER}=$[${{{COUNTER}}}+1])")
            context.add(extension, f"GotoIf($[${{{COUNTER}}} > {retries}]?final)")
            used = list(handlers[:retries])
            if len({self.handler_words(h, instance, node) for h in used}) > 1 or any(h.goto for h in used):
                for count in range(len(used), 1, -1):
                    context.add(extension, f"GotoIf($[${{{COUNTER}}} >= {count}]?try{count})")
            else:
                used = used[:1]
            for count, handler in enumerate(used, 1):
                label = None if count == 1 else f"try{count}"
                if handler.prompt is not None:
                    words = self.handler_words(handler, instance, node)
                    segment = Segment("handler", words[0], words[1], handler.prompt.span, audio=words[2])
                    sound = self.sound_name(instance, node, segment, f"{kind}-{count}")
                    context.add(
                        extension, f"Background({sound})", label, f"say: {_words(words[0])}" if words[0] else None
                    )
                    label = None
                leads = (
                    self.goto(instance, handler.goto, handler.then) if handler.goto is not None else "Goto(s,prompt)"
                )
                context.add(extension, leads, label)
            if not used:
                context.add(extension, "Goto(s,prompt)")
            context.add(extension, "Hangup()" if fallback is None else f"Goto({self.target(fallback)},s,1)", "final")

    def handler_words(self, handler: Handler, instance: Instance, node: Node) -> tuple[str | None, str, str | None]:
        """(text, its language, recording) of a handler's message in the call's language."""
        if handler.prompt is None:
            return None, instance.language, None
        default = self.menuset.file_of(node).language
        text, language, _ = text_in(handler.prompt.text, instance.language, default)
        audio, _, _ = text_in(handler.prompt.audio, instance.language, default)
        return text, language if text is not None else instance.language, audio

    def input(self, context: _Context, instance: Instance, node: InputNode) -> None:
        self.timing(context, node)
        name = self.plan.id(instance)
        variable = _variable(node.store) if node.store else f"{_variable(name)}_digits"
        segments = node_segments(self.menuset, node, instance.language)
        words = _words(" ".join(s.text for s in segments if s.text)) if segments else None
        if segments:
            first = segments[0]
            sound = self.found_sound(instance, first, "prompt", None) or self.named_sound(instance)
        else:
            sound = ""
        context.add("s", f"Read({variable},{sound},{node.max_digits})", "prompt", f"say: {words}" if words else None)
        context.add("s", f"GotoIf($[${{LEN(${{{variable}}})}} = 0]?t,1)")
        context.add("s", f"GotoIf($[${{LEN(${{{variable}}})}} < {node.min_digits}]?i,1)")
        if node.confirm:
            confirm = self.plan.extra_id(f"{name}__confirm")
            context.add("s", f"Goto({confirm},s,1)")
            self.confirmation(instance, node, confirm, variable)
        else:
            context.add("s", self.goto(instance, node.next, node.then))
        self.handlers(context, instance, node)
        if node.terminator != "#":
            self.note(node.span, APPROXIMATED, f"`terminator` of `{node.id}`: Read() always ends on #")
        if node.store and _variable(node.store) != node.store:
            self.note(node.span, APPROXIMATED, f"`store: {node.store}` is the channel variable `{variable}`")
        if node.secret:
            self.note(
                node.span,
                APPROXIMATED,
                "`secret`: the digits are a channel variable, which Asterisk's own logs (verbose, CDR) may show",
            )

    def confirmation(self, instance: Instance, node: InputNode, name: str, variable: str) -> None:
        """The read-back of `confirm: true`: SayDigits, then 1 goes on, 2 enters the digits again."""
        from ..engine.phrases import read_back

        context = _Context(name, f"the read-back of {self.plan.id(instance)}")
        self.contexts.append(context)
        before, _, after = read_back("\x00", instance.language).partition("\x00")
        self.timing(context, node)
        context.add("s", f"Playback(ivrkit/{name}-before)", "prompt", f"say: {_words(before)}")
        context.add("s", f"SayDigits(${{{variable}}})")
        context.add("s", f"Background(ivrkit/{name}-after)", None, f"say: {_words(after)}" if after.strip() else None)
        context.add("s", f"WaitExten({_seconds(node.setting('timeout', self.menuset.settings_of(node)))})")
        context.add("1", self.goto(instance, node.next, node.then))
        context.add("2", f"Goto({self.target(instance)},s,1)")
        self.handlers(context, instance, node)
        self.missing_sounds = True

    # -- branches, transfers, voicemail --------------------------------------------------------------

    def schedule_check(
        self,
        context: _Context,
        instance: Instance,
        node: Node,
        name: str,
        open_way: str,
        closed_way: str,
        holiday_way: str,
    ) -> None:
        schedule = self.menuset.file_of(node).schedules[name]
        # schedules are per file: one of another file than the root is named after its file, as its nodes are
        stem = re.sub(r"\.ya?ml\Z", "", node.file.rsplit("/", 1)[-1])
        mark = f"schedule: {name if node.file == self.menuset.root.key else f'{stem}__{name}'}"
        for spec, day in holiday_specs(schedule):
            context.add("s", f"GotoIfTime({spec}?{holiday_way})", None, f"{mark} holiday {day}")
        for spec in opening_specs(schedule):
            context.add("s", f"GotoIfTime({spec}?{open_way})", None, f"{mark} open")
        context.add("s", closed_way, None, f"{mark} closed")
        if schedule.closed_on:
            self.note(
                schedule.span,
                APPROXIMATED,
                f"the holidays of `{name}` are GotoIfTime days and months: Asterisk has no year, so each recurs "
                f"every year",
            )

    def branch(self, context: _Context, instance: Instance, node: BranchNode) -> None:
        cases = dict(node.cases)

        def way(value: str) -> str:
            return self.goto(instance, cases.get(value, node.default))[len("Goto(") : -1]

        if node.schedule is not None:
            closed = way("closed")
            holiday = way("holiday") if ("holiday" in cases or node.default is not None) else closed
            self.schedule_check(context, instance, node, node.schedule, way("open"), f"Goto({closed})", holiday)
            return
        assert node.variable is not None
        variable = self.menuset.file_of(node).variables[node.variable]
        name = _variable(variable.name)
        self.globals[name] = variable.default
        for value in variable.values:
            if value != variable.default and (value in cases or node.default is not None):
                context.add(
                    "s", f'GotoIf($["${{{name}}}" = "{value}"]?{way(value)})', None, f"variable: {variable.name}"
                )
        context.add("s", f"Goto({way(variable.default)})")
        if name != variable.name:
            self.note(node.span, APPROXIMATED, f"the variable `{variable.name}` is the channel variable `{name}`")

    def transfer(self, context: _Context, instance: Instance, node: TransferNode) -> None:
        if node.hours is not None and node.closed is not None:
            closed = self.goto(instance, node.closed)
            self.schedule_check(context, instance, node, node.hours, "transfer", closed, closed[len("Goto(") : -1])
        label = "transfer" if node.hours is not None and node.closed is not None else None
        if self.sound(context, "s", instance, node, label):
            label = None
        if node.queue is not None:
            queue = re.sub(r"[^A-Za-z0-9_-]", "_", node.queue)
            if queue != node.queue:
                self.note(node.span, APPROXIMATED, f"the queue `{node.queue}` is the Asterisk queue `{queue}`")
            wait = f",,,,{_seconds(node.max_wait)}" if node.max_wait is not None else ""
            context.add("s", f"Queue({queue}{wait})", label, f"queue: {node.queue}")
            context.add("s", self.goto(instance, node.overflow) if node.overflow is not None else "Hangup()")
            self.note(node.span, APPROXIMATED, f"the queue `{queue}` must exist in queues.conf (members, strategy)")
            if node.announce_wait:
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"`announce_wait` of `{node.id}`: set announce-position and "
                    f"announce-holdtime on the queue in queues.conf",
                )
            if node.callback is not None:
                self.note(
                    node.span, LOST, f"the call-back offer of `{node.id}`: Asterisk's Queue() has no call-back booking"
                )
        else:
            number = re.sub(
                r"\{(?:var\.)?([A-Za-z_][A-Za-z0-9_-]*)\}",
                lambda m: "${" + _variable(m.group(1)) + "}",
                node.number or "",
            )
            ring = f",{_seconds(node.max_wait)}" if node.max_wait is not None else ""  # Dial's timeout
            context.add("s", f"Dial(PJSIP/{number}@${{IVRKIT_TRUNK}}{ring})", label, f"number: {node.number}")
            for status, target in (("BUSY", node.busy), ("NOANSWER", node.no_answer)):
                if target is not None:
                    context.add("s", f'GotoIf($["${{DIALSTATUS}}" = "{status}"]?{self.goto(instance, target)[5:-1]})')
            context.add("s", self.goto(instance, node.overflow) if node.overflow is not None else "Hangup()")
            if node.overflow is not None and node.no_answer is not None:
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"`max_wait` of `{node.id}` is Dial's timeout, which ends as "
                    f"NOANSWER: `no_answer` takes it before `overflow`",
                )

    def voicemail(self, context: _Context, instance: Instance, node: VoicemailNode) -> None:
        self.sound(context, "s", instance, node)
        box = re.sub(r"[^A-Za-z0-9_-]", "", node.mailbox) if node.mailbox else "${IVRKIT_MAILBOX}"
        context.add("s", f"VoiceMail({box}@default,s)")
        context.add("s", self.goto(instance, node.next, node.then) if node.next is not None else "Hangup()")
        if node.max_length is not None:
            self.note(
                node.span, LOST, f"`max_length` of `{node.id}`: the message length is `maxsecs` in voicemail.conf"
            )
        if node.mailbox is None:
            self.note(node.span, APPROXIMATED, "no mailbox: the message goes to ${IVRKIT_MAILBOX} ([globals])")


EXPORTER = AsteriskExporter()
