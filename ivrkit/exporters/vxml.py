"""VoiceXML 2.1: one document holding the whole menu set, valid against the W3C 2.1 XML Schema.

Mapping (VoiceXML 2.0 section numbers; 2.1 adds `<transfer type>`). Each exported
node instance (see `ivrkit.exporters.plan`) is one dialog whose `id` is the node
id, the entry first (the interpreter starts at the first dialog):

- `menu` → `<menu id>`: the prompt (with `timeout` and `bargein` on the
  `<prompt>`, 4.1.7), `<choice dtmf next="#id">` per option, global options
  included. When every option is announced, the prompt ends with
  `<enumerate/>` and each choice's text is ivrkit's composed sentence ("To pay
  your bill, press 1."), so the platform says exactly what ivrkit says; else
  the announced sentences are written into the prompt and the choices hold the
  labels. Properties `timeout`, `interdigittimeout`, `bargein`.
  `action: repeat` → the menu itself, `top` → the entry, `back` → the first
  menu that leads here (approximated: no call history). `extensions` → a
  `<choice>` with a DTMF digits grammar (approximated).
- `no_input` / `no_match` → `<noinput count>` / `<nomatch count>`: handler n at
  count n (up to `retries`; the last one repeats, 5.2.4), each saying its text
  then `<reprompt/>` or `<goto>`; `count = retries + 1` is the fallback: a bare
  `<goto>` (or `<disconnect/>` without a fallback). VoiceXML counts no-input
  and no-match apart, ivrkit together (approximated).
- `input` → `<form id><field name=store type="digits?minlength=..;maxlength=..">`
  with `termchar`; `<filled>` keeps the digits in a document variable and goes
  on. `confirm` → a menu `ID__confirm` that reads the digits back (1 goes on, 2
  enters them again).
- `message` → `<block>` prompt + `<goto>`; `hangup` → prompt + `<disconnect/>`;
  `callback` → the same (lost: no booking).
- `branch` → `<if>`/`<elseif>`/`<else>` in a `<block>`: on a document `<var>`
  for a variable, on `ivrkit_schedule(name)` (`_vxml_script`) for a schedule,
  the platform's clock standing for the schedule's time zone (approximated).
- `transfer` → `<transfer dest type>` (`tel:` for a number, `${QUEUE_X}` or its
  substitution for a queue); `busy`/`no_answer` from its result in `<filled>`
  (a bridge transfer); `hours` → the schedule check before it; queue waits,
  overflow and call-backs are lost.
- `voicemail` → `<record maxtime>` then a `<goto>` to `next`.
- Text in the call's language; a language other than the document's has
  `xml:lang` on its prompts. Audio: `<audio src>` with the transcript as its
  fallback text (4.1.3); `--audio DIR` uses the WAVs `ivrkit audio` rendered.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

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
from ..prompts import Segment, node_segments, option_sentence, text_in
from ._vxml_script import FUNCTION, schedule_script
from .base import (
    APPROXIMATED,
    LOST,
    PLACEHOLDER,
    ExportOptions,
    ExportResult,
    NoteTaker,
    Substitutions,
    placeholder_name,
)
from .plan import Instance, Plan

__all__ = ["EXPORTER", "VoiceXmlExporter", "VXML_NAMESPACE"]

VXML_NAMESPACE = "http://www.w3.org/2001/vxml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_END = "ivrkit_end"  # the dialog that ends the call where a target leads nowhere (a `return` nobody called)
ET.register_namespace("", VXML_NAMESPACE)


def _seconds(value: float) -> str:
    return f"{value:g}s"


def _variable(name: str) -> str:
    """An ECMAScript identifier for an ivrkit name (`-` is no identifier character)."""
    clean = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return clean if re.match(r"[A-Za-z_]", clean) else "_" + clean


def _element(tag: str, parent: ET.Element | None = None, text: str | None = None, **attributes: str) -> ET.Element:
    name = f"{{{VXML_NAMESPACE}}}{tag}"
    made = ET.Element(name, attributes) if parent is None else ET.SubElement(parent, name, attributes)
    if text:
        made.text = text
    return made


def _comment(text: str) -> ET.Element[Any]:
    """An XML comment (a designer's note, the menu's name): `--` may not occur in one."""
    return ET.Comment(" " + " ".join(text.split()).replace("--", "- -") + " ")


class VoiceXmlExporter:
    name = "vxml"
    description = "VoiceXML 2.1"
    suffix = ".vxml"

    def export(self, menuset: MenuSet, options: ExportOptions) -> ExportResult:
        return _Writer(menuset, options).run()


class _Writer(NoteTaker):
    def __init__(self, menuset: MenuSet, options: ExportOptions):
        super().__init__()
        self.menuset = menuset
        self.options = options
        self.plan = Plan(menuset)
        self.language = menuset.root.language
        self.substitutions = Substitutions(options.substitutions)
        self.variables: dict[str, str | None] = {}  # document variables: name -> initial ECMAScript expression
        self.schedules: dict[str, tuple[str, str]] = {}  # name in the script -> (a node of its file, its name)
        self.placeholder_spans: dict[str, Span] = {}
        self.extra: list[ET.Element] = []  # dialogs made beside the instances (confirmations, the end)
        self.needs_end = False

    # -- notes ---------------------------------------------------------------------------------------

    # -- the document --------------------------------------------------------------------------------

    def speech_settings(self) -> None:
        """Speaking rate and TTS voice are not written: the voice browser's own are used."""
        for menu_file in self.menuset.files.values():
            settings = menu_file.settings
            if settings.rate != 165.0 or settings.voice is not None:
                self.note(
                    settings.span,
                    LOST,
                    "`rate` and `voice` are not written: the voice browser speaks with "
                    "its own voice and rate (SSML <prosody> and <voice> are relative "
                    "and platform-dependent)",
                )
        for node in self.menuset.nodes.values():
            if node.rate is not None or node.voice is not None:
                self.note(
                    node.span,
                    LOST,
                    f"the `rate`/`voice` of `{node.id}` are not written: the voice browser speaks with its own",
                )

    def run(self) -> ExportResult:
        root = _element("vxml", version="2.1")
        root.set(_XML_LANG, self.language)
        described = self.menuset.root.name + (
            f": {self.menuset.root.description}" if self.menuset.root.description else ""
        )
        root.append(_comment(described))
        _element("meta", root, name="generator", content="ivrkit")
        self.speech_settings()
        _element("property", root, name="inputmodes", value="dtmf")
        dialogs = [self.dialog(instance) for instance in self.plan.ids]
        for name, expression in self.variables.items():
            attributes = {"name": name} if expression is None else {"name": name, "expr": expression}
            _element("var", root, **attributes)
        if self.schedules:
            _element(
                "script",
                root,
                schedule_script(
                    {
                        qualified: self.menuset.file_of(key).schedules[name]
                        for qualified, (key, name) in self.schedules.items()
                    }
                ),
            )
        for instance, dialog in zip(self.plan.ids, dialogs):
            note = self.plan.node(instance).note
            if note:
                root.append(_comment(note))
            root.append(dialog)
        root.extend(self.extra)
        if self.needs_end:
            form = _element("form", root, id=_END)
            _element("disconnect", _element("block", form))
        ET.indent(root, space="  ")
        text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
        for name, value in self.substitutions.used.items():
            if value is None:
                self.note(
                    self.placeholder_spans.get(name),
                    PLACEHOLDER,
                    f"`${{{name}}}` has no value: give one with --set-id {name}=VALUE "
                    f"or a substitutions file before the document is deployed",
                )
        return ExportResult("vxml", text, self.notes, self.plan.ids_by_key(), dict(self.substitutions.used))

    def next_of(self, instance: Instance | None) -> str:
        if instance is None:
            self.needs_end = True
            return f"#{_END}"
        return f"#{self.plan.id(instance)}"

    def goto(
        self,
        parent: ET.Element,
        instance: Instance,
        target: Target | None,
        then: Target | None = None,
        span: Span | None = None,
    ) -> None:
        found = self.plan.go(instance, target, then)
        if found is None and target is not None:
            self.note(span or target.span, LOST, "`return` with no file that entered this one: the call ends here")
        _element("goto", parent, next=self.next_of(found))

    def dialog(self, instance: Instance) -> ET.Element:
        node = self.plan.node(instance)
        if isinstance(node, MenuNode):
            return self.menu(instance, node)
        form = _element("form", id=self.plan.id(instance))
        if isinstance(node, InputNode):
            self.input(form, instance, node)
        elif isinstance(node, MessageNode):
            block = _element("block", form)
            self.prompt(block, instance, node)
            self.goto(block, instance, node.next, node.then)
        elif isinstance(node, BranchNode):
            self.branch(_element("block", form), instance, node)
        elif isinstance(node, TransferNode):
            self.transfer(form, instance, node)
        elif isinstance(node, VoicemailNode):
            self.voicemail(form, instance, node)
        elif isinstance(node, (HangupNode, CallbackNode)):
            block = _element("block", form)
            self.prompt(block, instance, node)
            _element("disconnect", block)
            if isinstance(node, CallbackNode):
                self.note(
                    node.span,
                    LOST,
                    "VoiceXML cannot book a call back: the caller hears the message and "
                    "the call ends (ivrkit import reads it back as a hang-up)",
                )
        return form

    # -- prompts -------------------------------------------------------------------------------------

    def segments(self, instance: Instance, node: Node) -> list[Segment]:
        return list(node_segments(self.menuset, node, instance.language))

    def prompt(
        self,
        parent: ET.Element,
        instance: Instance,
        node: Node,
        *,
        extra: list[Segment] = (),  # type: ignore[assignment]
        enumerate_options: bool = False,
        timing: Interactive | None = None,
    ) -> ET.Element | None:
        """The node's `<prompt>` (its own prompt segment and `extra` sentences); None when it says nothing."""
        own = [segment for segment in self.segments(instance, node) if segment.kind == "prompt"]
        spoken = own + list(extra)
        if not spoken and not enumerate_options and timing is None:
            return None
        prompt = _element("prompt", parent)
        if instance.language != self.language:
            prompt.set(_XML_LANG, instance.language)
        if timing is not None:
            settings = self.menuset.settings_of(timing)
            prompt.set("timeout", _seconds(timing.setting("timeout", settings)))
        if not node.setting("barge_in", self.menuset.settings_of(node)):
            prompt.set("bargein", "false")
        for segment in spoken:
            self.speak(prompt, instance, node, segment)
        if enumerate_options:
            _element("enumerate", prompt)
        return prompt

    def speak(
        self, prompt: ET.Element, instance: Instance, node: Node, segment: Segment, key: str | None = None
    ) -> None:
        """One segment into `prompt`: its text, or `<audio src>` with the text as the fallback (4.1.3)."""
        source = self.audio_source(instance, node, segment, key)
        if source is None:
            self.append_text(prompt, segment.text or "")
            return
        audio = _element("audio", prompt, segment.text, src=source)
        audio.tail = " "
        if segment.text:
            self.note(
                segment.span,
                APPROXIMATED,
                "the transcript of a recording is written as the <audio> "
                "fallback text (VoiceXML 2.0 4.1.3); ivrkit import reads the "
                "words back as unknown",
            )

    @staticmethod
    def append_text(element: ET.Element, text: str) -> None:
        if not text:
            return
        if len(element):
            last = element[-1]
            last.tail = ((last.tail or "") + " " + text).strip() + " "
        else:
            element.text = ((element.text or "") + " " + text).strip() + " "

    def audio_source(self, instance: Instance, node: Node, segment: Segment, key: str | None) -> str | None:
        rendered = self.options.audio
        if rendered is not None and segment.text is not None:
            kind = "option" if segment.kind == "option" else ("handler" if segment.kind == "handler" else "prompt")
            found = rendered.find(
                instance.key, kind, key if key is not None else segment.key, segment.language, segment.text
            )
            if found is not None:
                return self.relative(found)
            self.note(
                segment.span,
                APPROXIMATED,
                f"no WAV in {rendered.folder} for this {kind} [{segment.language}]: spoken by the voice browser's TTS",
            )
        if segment.audio is None:
            return None
        menu_dir = Path(self.menuset.project_root) / Path(node.file).parent
        return self.relative(menu_dir / segment.audio)

    def relative(self, path: Path) -> str:
        base = self.options.output_dir or Path(self.menuset.project_root) / Path(self.menuset.root.key).parent
        return Path(os.path.relpath(path, base)).as_posix()

    # -- menus and inputs ----------------------------------------------------------------------------

    def properties(self, parent: ET.Element, node: Interactive) -> None:
        settings = self.menuset.settings_of(node)
        _element("property", parent, name="timeout", value=_seconds(node.setting("timeout", settings)))
        _element(
            "property", parent, name="interdigittimeout", value=_seconds(node.setting("inter_digit_timeout", settings))
        )
        if not node.setting("barge_in", settings):
            _element("property", parent, name="bargein", value="false")

    def menu(self, instance: Instance, node: MenuNode) -> ET.Element:
        menu = _element("menu", id=self.plan.id(instance))
        self.properties(menu, node)
        options = self.plan.options(instance)
        if any(option.key == "#" for option in options):
            _element("property", menu, name="termchar", value="")  # `#` is a key here, not the end of input
        settings = self.menuset.settings_of(node)
        default = self.menuset.file_of(node).language
        sentences = [segment for segment in self.segments(instance, node) if segment.kind == "option"]
        # <enumerate/> speaks each choice's text by TTS: with rendered WAVs the sentences go into the prompt
        enumerate_all = (
            node.announce_options
            and bool(options)
            and all(option.announce for option in options)
            and self.options.audio is None
        )
        self.prompt(
            menu, instance, node, extra=[] if enumerate_all else sentences, enumerate_options=enumerate_all, timing=node
        )
        for option in options:
            target = self.plan.option_target(instance, option)
            if option.action == "back" and target is not None:
                self.note(
                    option.span,
                    APPROXIMATED,
                    f"`action: back` in `{node.id}` goes to "
                    f"`{self.plan.id(target)}` (the nearest menu that leads here): "
                    f"VoiceXML keeps no call history",
                )
            text: str | None
            if enumerate_all:
                text, _, _ = option_sentence(option, instance.language, settings, default)
            else:
                text, _, _ = text_in(option.label or option.say, instance.language, default)
            _element("choice", menu, text or None, dtmf=option.key, next=self.next_of(target))
        if node.extensions is not None:
            self.extensions(menu, instance, node)
        if node.max_digits is not None:
            self.note(
                node.span,
                APPROXIMATED,
                f"`max_digits: {node.max_digits}`: VoiceXML waits "
                f"`interdigittimeout` only while more keys could still match a choice",
            )
        self.handlers(menu, instance, node)
        return menu

    def extensions(self, menu: ET.Element, instance: Instance, node: MenuNode) -> None:
        assert node.extensions is not None
        low, high, target = node.extensions
        choice = _element("choice", menu, next=self.next_of(self.plan.go(instance, target)))
        rule_id = self.plan.extra_id(f"{self.plan.id(instance)}__extension")  # rule ids are document-wide XML IDs
        grammar = _element("grammar", choice, mode="dtmf", version="1.0", root=rule_id)
        rule = _element("rule", grammar, id=rule_id)
        item = _element("item", rule, repeat=f"{low}-{high}")
        alternatives = _element("one-of", item)
        for digit in "0123456789":
            _element("item", alternatives, digit)
        what = f"patterns {', '.join(node.extension_patterns)}" if node.extension_patterns else f"{low}-{high} digits"
        self.note(
            node.extensions_span or node.span,
            APPROXIMATED,
            f"the extensions of `{node.id}` ({what}) are a <choice> with a DTMF grammar of any {low}-{high} "
            f"digits (no 'options win', no patterns, the digits are not kept in `extension`); ivrkit "
            f"import does not read such a choice back",
        )

    def handlers(self, parent: ET.Element, instance: Instance, node: Interactive) -> None:
        settings = self.menuset.settings_of(node)
        retries = int(node.setting("retries", settings))
        fallback = self.plan.fallback(instance)
        for tag, handlers in (("noinput", node.no_input), ("nomatch", node.no_match)):
            written = min(len(handlers), retries) if handlers else min(retries, 1)
            for count in range(1, written + 1):
                element = _element(tag, parent, count=str(count))
                handler = handlers[count - 1] if handlers else None
                # the key `ivrkit audio` gives the handler's WAV (ivrkit.engine.measured)
                key = f"{'no-input' if tag == 'noinput' else 'no-match'}-{count}"
                self.handler(element, instance, node, handler, key)
            final = _element(tag, parent, count=str(retries + 1))
            if fallback is None:
                _element("disconnect", final)
            else:
                self.goto(final, instance, fallback)
        if retries:
            self.note(
                node.span,
                APPROXIMATED,
                f"VoiceXML counts no-input and no-match apart: a caller who mixes "
                f"silence and wrong keys in `{node.id}` gets up to {2 * retries + 1} "
                f"tries instead of {retries + 1}, and each kind's handlers escalate "
                f"on their own count",
            )

    def handler(
        self, element: ET.Element, instance: Instance, node: Interactive, handler: Handler | None, key: str
    ) -> None:
        if handler is not None and handler.prompt is not None:
            default = self.menuset.file_of(node).language
            text, used, _ = text_in(handler.prompt.text, instance.language, default)
            audio, _, _ = text_in(handler.prompt.audio, instance.language, default)
            segment = Segment(
                "handler", text, used if text is not None else instance.language, handler.prompt.span, audio=audio
            )
            prompt = _element("prompt", element)
            if instance.language != self.language:
                prompt.set(_XML_LANG, instance.language)
            self.speak(prompt, instance, node, segment, key)
        if handler is not None and handler.goto is not None:
            self.goto(element, instance, handler.goto, handler.then, handler.span)
        else:
            _element("reprompt", element)

    def input(self, form: ET.Element, instance: Instance, node: InputNode) -> None:
        name = (
            _variable(node.store)
            if node.store
            else (f"{_variable(self.plan.id(instance))}_entry" if node.confirm else None)
        )
        attributes = {"type": f"digits?minlength={node.min_digits};maxlength={node.max_digits}"}
        field = _element("field", form, **({"name": name} if name else {}), **attributes)
        self.properties(field, node)
        if node.terminator != "#":
            _element("property", field, name="termchar", value=node.terminator or "")
        self.prompt(field, instance, node, timing=node)
        self.handlers(field, instance, node)
        filled = _element("filled", field)
        if name is not None:
            self.variables.setdefault(name, None)
            _element("assign", filled, name=f"document.{name}", expr=name)
        if node.store and _variable(node.store) != node.store:
            self.note(node.span, APPROXIMATED, f"`store: {node.store}` is the ECMAScript variable `{name}`")
        if node.secret:
            self.note(
                node.span,
                APPROXIMATED,
                "`secret`: nothing in the export reads the digits back, but the voice browser's own logs may keep them",
            )
        if node.confirm:
            confirm = self.confirmation(instance, node, name or "")
            _element("goto", filled, next=f"#{confirm}")
        else:
            self.goto(filled, instance, node.next, node.then)

    def confirmation(self, instance: Instance, node: InputNode, name: str) -> str:
        """The read-back of `confirm: true` as a menu of its own: 1 goes on, 2 enters the digits again."""
        from ..engine.phrases import read_back

        dialog_id = self.plan.extra_id(f"{self.plan.id(instance)}__confirm")
        menu = _element("menu", id=dialog_id)
        self.properties(menu, node)
        before, _, after = read_back("\x00", instance.language).partition("\x00")
        prompt = _element(
            "prompt",
            menu,
            before.rstrip() + " ",
            timeout=_seconds(node.setting("timeout", self.menuset.settings_of(node))),
        )
        if instance.language != self.language:
            prompt.set(_XML_LANG, instance.language)
        value = _element("say-as", prompt, **{"interpret-as": "characters"})
        _element("value", value, expr=name)
        value.tail = after
        _element("choice", menu, dtmf="1", next=self.next_of(self.plan.go(instance, node.next, node.then)))
        _element("choice", menu, dtmf="2", next=f"#{self.plan.id(instance)}")
        self.handlers(menu, instance, node)
        self.extra.append(menu)
        self.note(
            node.span,
            APPROXIMATED,
            f"`confirm` is the menu `{dialog_id}` after the field: its read-back "
            f"says the digits with <value>, which ivrkit import reads back as "
            f"computed words (…)",
        )
        return dialog_id

    # -- branches, transfers, voicemail --------------------------------------------------------------

    def schedule_call(self, node: Node, name: str) -> str:
        # schedules are per file: one of another file than the root is named with its file
        qualified = name if node.file == self.menuset.root.key else f"{node.file}#{name}"
        self.schedules.setdefault(qualified, (node.key, name))
        schedule = self.menuset.file_of(node).schedules[name]
        self.note(
            schedule.span,
            APPROXIMATED,
            f"the schedule `{name}` is checked by ECMAScript on the voice "
            f"browser's clock: set its time zone to {schedule.timezone} "
            f"(ECMAScript 3 has no named time zones); ivrkit import reads the "
            f"check back as a branch on a condition it cannot evaluate",
        )
        return f"{FUNCTION}('{qualified}')"

    def branch(self, block: ET.Element, instance: Instance, node: BranchNode) -> None:
        cases = dict(node.cases)
        if node.schedule is not None:
            state = self.schedule_call(node, node.schedule)
            values = ["open", "closed", "holiday"]
            first = "open"
            conditions = {value: f"{state} == '{value}'" for value in values}
            if "holiday" not in cases and "closed" in cases:
                conditions["closed"] = f"{state} != 'open'"
                values.remove("holiday")
        else:
            assert node.variable is not None
            variable = self.menuset.file_of(node).variables[node.variable]
            name = _variable(variable.name)
            self.variables[name] = f"'{variable.default}'"
            values = list(variable.values)
            first = variable.default
            conditions = {value: f"{name} == '{value}'" for value in values}
            self.note(
                node.span,
                APPROXIMATED,
                f"the variable `{variable.name}` is the document variable `{name}` "
                f"(default '{variable.default}'); ivrkit import reads the branch back "
                f"as a choice on its condition, not on the variable",
            )
        # The way the call goes by default (open, the variable's default) is the <else>: a simulation of the
        # imported document, which cannot evaluate the conditions, takes it.
        ways: list[tuple[str, Target]] = []
        for value in values:
            target = cases.get(value, node.default)
            if target is not None and value != first:
                ways.append((conditions[value], target))
        otherwise = cases.get(first, node.default)
        container = block
        for index, (condition, target) in enumerate(ways):
            if index == 0:
                container = _element("if", block, cond=condition)
            else:
                _element("elseif", container, cond=condition)
            self.goto(container, instance, target)
        if otherwise is not None:
            if ways:
                _element("else", container)
            self.goto(container, instance, otherwise)

    def transfer(self, form: ET.Element, instance: Instance, node: TransferNode) -> None:
        if node.hours is not None and node.closed is not None:
            block = _element("block", form)
            check = _element("if", block, cond=f"{self.schedule_call(node, node.hours)} != 'open'")
            self.goto(check, instance, node.closed)
        name = f"{_variable(self.plan.id(instance))}_result"
        attributes = {"name": name, "type": "bridge" if (node.busy or node.no_answer) else "blind"}
        if node.queue is not None:
            placeholder = placeholder_name("QUEUE", node.queue)
            attributes["dest"] = self.substitutions.get(placeholder)
            self.placeholder_spans.setdefault(placeholder, node.span)
            self.note(
                node.span,
                APPROXIMATED,
                f"the queue `{node.queue}` is a transfer to `${{{placeholder}}}` "
                f"(VoiceXML has no queues; give the address that answers for it); "
                f"ivrkit import reads it back as a number",
            )
        else:
            number = node.number or ""
            computed = re.fullmatch(r"([^{}$]*)\$?\{(?:var\.)?([A-Za-z_][A-Za-z0-9_-]*)\}", number)
            if computed:
                variable = _variable(computed.group(2))
                self.variables.setdefault(variable, None)
                prefix = computed.group(1).replace("'", "")
                attributes["destexpr"] = f"'{prefix}' + {variable}"
            elif re.fullmatch(r"\+?[0-9*#]+", number):
                attributes["dest"] = f"tel:{number}"
            else:
                attributes["dest"] = number
                self.note(
                    node.span, APPROXIMATED, f"the number `{number}` is written as the transfer's address as it stands"
                )
        transfer = _element("transfer", form, **attributes)
        self.prompt(transfer, instance, node)
        if node.busy is not None or node.no_answer is not None:
            filled = _element("filled", transfer)
            container = None
            for value, target in (("busy", node.busy), ("noanswer", node.no_answer)):
                if target is None:
                    continue
                condition = f"{name} == '{value}'" + (f" || {name} == 'network_busy'" if value == "busy" else "")
                if container is None:
                    container = _element("if", filled, cond=condition)
                else:
                    _element("elseif", container, cond=condition)
                self.goto(container, instance, target)
        if node.max_wait is not None or node.overflow is not None:
            self.note(
                node.span,
                LOST,
                f"`max_wait` and `overflow` of `{node.id}`: VoiceXML has no queue wait; "
                f"the platform that answers the transfer decides",
            )
        if node.announce_wait:
            self.note(node.span, LOST, f"`announce_wait` of `{node.id}`: VoiceXML has no queue to announce")
        if node.callback is not None:
            self.note(node.span, LOST, f"the call-back offer of `{node.id}`: VoiceXML has no queue to offer it in")

    def voicemail(self, form: ET.Element, instance: Instance, node: VoicemailNode) -> None:
        attributes = {"name": f"{_variable(self.plan.id(instance))}_message", "beep": "true", "dtmfterm": "true"}
        if node.max_length is not None:
            attributes["maxtime"] = _seconds(node.max_length)
        record = _element("record", form, **attributes)
        self.prompt(record, instance, node)
        if node.mailbox is not None:
            self.note(
                node.span,
                LOST,
                f"the mailbox `{node.mailbox}`: <record> keeps the message in a variable; "
                f"send it to your server with a <submit> where it belongs",
            )
        else:
            self.note(
                node.span,
                APPROXIMATED,
                "<record> keeps the message in a variable; send it to your server with a <submit> where it belongs",
            )
        if node.next is not None:
            self.goto(_element("block", form), instance, node.next, node.then)


EXPORTER = VoiceXmlExporter()
