"""Twilio Studio: one flow definition (JSON) holding the whole menu set, one group of widgets per exported node.

The flow starts at the `trigger` widget, whose `incomingCall` leads to the
entry. Every node instance (see `ivrkit.exporters.plan`) is a widget named by
its node id (Studio's widget names: letters, digits, `_` and `-`, facts T14);
helper widgets are `<id>__<role>`. Facts in docs/dev/platform-facts.md §4.

- `menu` → a `set-variables` `<id>__enter` that zeroes the try counter
  (`flow.variables.ivrkit_tries`; every transition to the node goes there), the
  `gather-input-on-call` `<id>` (the prompt and its announced options as `say`
  with `language` and `voice`, `loop` 1, `timeout`), its keypress to a
  `split-based-on` `<id>__keys` on `{{widgets.<id>.Digits}}` with one `match`
  transition per key (`equal_to`), whose `noMatch` counts a wrong key.
- Retries: silence (the gather's `timeout`) and wrong keys (the split's
  `noMatch`) each lead to a `set-variables` `<id>__no_input` / `<id>__no_match`
  adding 1 to the counter, then a split `<id>__no_input_check` on it: `greater_than
  RETRIES` goes to the fallback; `greater_than N-1` to the N-th handler (a
  `say-play` `<id>__no_input_N`, then its goto or back to the gather), `noMatch`
  to the first. One counter for both, as the engine counts tries. `ivrkit
  import` folds this pattern back into `retries`, `fallback` and the handlers.
- `input` → the same gather with `number_of_digits` and `finish_on_key`; its
  keypress leads on.
- `message` → `say-play` (its audioComplete leads on); `hangup` and `callback`
  → a `say-play` whose audioComplete has no `next` (the call ends).
- `transfer` → a queue: `enqueue-call` with `queue_name` (Studio finds or makes
  the queue by name, so no id is baked in; a value given for `QUEUE_<NAME>`,
  a TaskRouter workflow SID, is written as `workflow_sid`); a number:
  `connect-call-to` (`noun` number, `timeout` = max_wait) and, for `busy` /
  `no_answer`, a split `<id>__status` on `DialCallStatus`.
- `voicemail` → `record-voicemail` (`max_length`).
- The words of a transfer or voicemail: a `say-play` `<id>__say` before it
  (transitions to the node name it), folded back by the importer.
- `branch` on a variable → a split on `{{flow.variables.NAME}}`; on a schedule →
  Studio has no hours check (it needs a Function): the `open` way is written, and
  noted.
"""

from __future__ import annotations

import json
import re

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
from ..prompts import node_segments, text_in
from .base import (
    APPROXIMATED,
    LOST,
    ExportOptions,
    ExportProblem,
    ExportResult,
    NoteTaker,
    Substitutions,
    placeholder_name,
)
from .plan import Instance, Plan

__all__ = ["EXPORTER", "StudioExporter", "COUNTER", "MARKER", "MAX_STATES", "TRIGGER"]

COUNTER = "ivrkit_tries"  # the flow variable counting the tries of the node the call is in
MAX_STATES = 1000  # Studio's limit of states per flow (facts T2)
TRIGGER = "Trigger"
MARKER = "ivrkit export:"  # the description begins so: `ivrkit import` keeps the widget names as node ids
_COUNT = "{{flow.variables." + COUNTER + "}}"


def _words(text: str) -> str:
    return " ".join(text.split())


def _seconds(value: float) -> int | str:
    return int(value) if float(value).is_integer() else f"{value:g}"


class StudioExporter:
    name = "studio"
    description = "Twilio Studio flow definition (JSON)"
    suffix = ".json"

    def export(self, menuset: MenuSet, options: ExportOptions) -> ExportResult:
        return _Writer(menuset, options).run()


class _Writer(NoteTaker):
    def __init__(self, menuset: MenuSet, options: ExportOptions):
        super().__init__()
        self.menuset = menuset
        self.options = options
        self.plan = Plan(menuset)
        self.states: list[dict] = []
        self.substitutions = Substitutions(options.substitutions)

    def file_span(self) -> Span | None:
        return self.menuset.root.settings.span or self.menuset.root.entry.span

    # -- the flow ------------------------------------------------------------------------------------

    def run(self) -> ExportResult:
        trigger = self.plan.extra_id(TRIGGER)  # `Trigger`, unless a node has that id
        self.state(trigger, "trigger", {}, [self.transition("incomingCall", self.ref(self.plan.entry))])
        for instance in self.plan.ids:
            self.widgets(instance)
        if self.options.audio is not None:
            self.note(
                self.file_span(),
                APPROXIMATED,
                "Studio plays audio from public URLs: the WAVs of --audio are not referenced (upload them and "
                "set each widget's `play`); the prompts are written as `say` text",
            )
        if len({instance.language for instance in self.plan.ids}) > 1:
            self.note(
                self.file_span(),
                APPROXIMATED,
                "each language is its own set of widgets (`<id>__<language>`), each with its `language`; "
                "`ivrkit import` reads them back as nodes of one file and keeps the other languages under x-unmapped",
            )
        for menu_file in self.menuset.files.values():
            if menu_file.settings.rate != 165.0:
                self.note(menu_file.settings.span, LOST, "`rate` is not written: Studio's `say` has no speaking rate")
        if len(self.states) > MAX_STATES:
            raise ExportProblem(
                f"the Studio flow would have {len(self.states)} states; Studio allows {MAX_STATES} per flow",
                "split the menu into several files and export each, or use fewer retries and handlers",
            )
        flow = {
            "description": f"{MARKER} {_words(self.menuset.root.name)}",
            "states": self.states,
            "initial_state": trigger,
            "flags": {"allow_concurrent_calls": True},
        }
        return ExportResult(
            "studio",
            json.dumps(flow, indent=2, ensure_ascii=False) + "\n",
            self.notes,
            self.plan.ids_by_key(),
            self.substitutions.used,
        )

    @staticmethod
    def transition(event: str, next_name: str | None, conditions: list[dict] | None = None) -> dict:
        found: dict = {"event": event}
        if next_name is not None:
            found["next"] = next_name
        if conditions is not None:
            found["conditions"] = conditions
        return found

    @staticmethod
    def condition(argument: str, kind: str, value: str) -> list[dict]:
        return [{"friendly_name": f"{kind} {value}", "arguments": [argument], "type": kind, "value": value}]

    def state(self, name: str, kind: str, properties: dict, transitions: list[dict]) -> None:
        self.states.append({"name": name, "type": kind, "transitions": transitions, "properties": properties})

    def ref(self, instance: Instance | None) -> str | None:
        """The widget a transition to `instance` names (None: the call ends)."""
        if instance is None:
            return None
        name = self.plan.id(instance)
        node = self.plan.node(instance)
        if isinstance(node, (TransferNode, VoicemailNode)) and node.prompt is not None:
            return f"{name}__say"  # its words first
        return f"{name}__enter" if isinstance(node, Interactive) else name

    def go(self, instance: Instance, target: Target | None, then: Target | None = None) -> str | None:
        found = self.plan.go(instance, target, then)
        if found is None and target is not None:
            self.note(target.span, LOST, "`return` with no file that entered this one: the call ends here")
        return self.ref(found)

    def speech(self, instance: Instance, node: Node) -> dict:
        """`say` (the node's words, and a menu's announced options), `language`, `voice`."""
        segments = node_segments(self.menuset, node, instance.language)
        texts = [segment.text for segment in segments if segment.text]
        found: dict = {}
        if texts:
            found["say"] = _words(" ".join(texts))
        elif any(segment.audio for segment in segments):
            found["play"] = next(segment.audio for segment in segments if segment.audio)
        voice = self.menuset.settings_of(node).voice
        if voice:
            found["voice"] = voice
        found["language"] = instance.language
        return found

    # -- the widgets of one node ---------------------------------------------------------------------

    def widgets(self, instance: Instance) -> None:
        node = self.plan.node(instance)
        name = self.plan.id(instance)
        if isinstance(node, (MenuNode, InputNode)):
            self.interactive(instance, node, name)
        elif isinstance(node, MessageNode):
            self.state(
                name,
                "say-play",
                self.speech(instance, node),
                [self.transition("audioComplete", self.go(instance, node.next, node.then))],
            )
        elif isinstance(node, (HangupNode, CallbackNode)):
            self.state(name, "say-play", self.speech(instance, node), [self.transition("audioComplete", None)])
            if isinstance(node, CallbackNode):
                self.note(node.span, LOST, "Studio books no call back: the caller hears the message and the call ends")
        elif isinstance(node, BranchNode):
            self.branch(instance, node, name)
        elif isinstance(node, (TransferNode, VoicemailNode)) and node.prompt is not None:
            self.state(
                f"{name}__say", "say-play", self.speech(instance, node), [self.transition("audioComplete", name)]
            )
        if isinstance(node, TransferNode):
            self.transfer(instance, node, name)
        elif isinstance(node, VoicemailNode):
            properties: dict = {"play_beep": True}
            if node.max_length is not None:
                properties["max_length"] = _seconds(node.max_length)
            self.state(name, "record-voicemail", properties, [self.transition("recordingComplete", None)])
            if node.next is not None:
                self.note(node.span, LOST, f"`next` of `{node.id}`: the call ends after the recording")

    def interactive(self, instance: Instance, node: Interactive, name: str) -> None:
        settings = self.menuset.settings_of(node)
        timeout = node.setting("timeout", settings)
        self.state(
            f"{name}__enter",
            "set-variables",
            {"variables": [{"key": COUNTER, "value": "0"}]},
            [self.transition("next", name)],
        )
        properties = self.speech(instance, node)
        properties.update({"loop": 1, "timeout": _seconds(timeout)})
        if not node.setting("barge_in", settings):
            self.note(
                node.span, APPROXIMATED, f"`barge_in: false` of `{node.id}`: the gather takes keys during its prompt"
            )
        if isinstance(node, MenuNode):
            properties["number_of_digits"] = 1
            properties["finish_on_key"] = ""
            keypress: str | None = f"{name}__keys"
        else:
            assert isinstance(node, InputNode)
            properties["number_of_digits"] = node.max_digits
            properties["finish_on_key"] = node.terminator or ""
            keypress = self.go(instance, node.next, node.then)
            if node.min_digits != node.max_digits:
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"`digits.min` of `{node.id}`: Studio's gather takes up to {node.max_digits} digits and does not check fewer",
                )
            if node.confirm:
                keypress = f"{name}__confirm"
            if node.secret:
                self.note(node.span, APPROXIMATED, f"`secret` of `{node.id}`: Studio's execution logs keep the digits")
        self.state(
            name,
            "gather-input-on-call",
            properties,
            [self.transition("keypress", keypress), self.transition("timeout", f"{name}__no_input")],
        )
        if isinstance(node, MenuNode):
            self.keys(instance, node, name)
            if node.extensions is not None:
                self.note(
                    node.extensions_span or node.span, LOST, f"the extensions of `{node.id}`: the gather takes one key"
                )
        if settings.inter_digit_timeout != 3.0 and isinstance(node, InputNode):
            self.note(
                settings.span, APPROXIMATED, "`inter_digit_timeout`: Studio's gather `timeout` also runs between keys"
            )
        self.handlers(instance, node, name, isinstance(node, MenuNode))
        if isinstance(node, InputNode) and node.confirm:
            self.confirmation(instance, node, name)

    def confirmation(self, instance: Instance, node: InputNode, name: str) -> None:
        """The read-back of `confirm: true`: a gather `<id>__confirm` saying the digits, 1 goes on, 2 enters
        them again (`<id>__confirm__keys`), with the node's retries."""
        from ..engine.phrases import read_back

        confirm = f"{name}__confirm"
        before, _, after = read_back("\x00", instance.language).partition("\x00")
        words = _words(f"{before} {{{{widgets.{name}.Digits}}}} {after}")
        properties: dict = {"say": words, "language": instance.language, "loop": 1}
        properties["timeout"] = _seconds(node.setting("timeout", self.menuset.settings_of(node)))
        properties.update({"number_of_digits": 1, "finish_on_key": ""})
        self.state(
            confirm,
            "gather-input-on-call",
            properties,
            [self.transition("keypress", f"{confirm}__keys"), self.transition("timeout", f"{confirm}__no_input")],
        )
        digits = f"{{{{widgets.{confirm}.Digits}}}}"
        self.state(
            f"{confirm}__keys",
            "split-based-on",
            {"input": digits},
            [
                self.transition(
                    "match", self.go(instance, node.next, node.then), self.condition(digits, "equal_to", "1")
                ),
                self.transition("match", f"{name}__enter", self.condition(digits, "equal_to", "2")),
                self.transition("noMatch", f"{confirm}__no_match"),
            ],
        )
        self.handlers(instance, node, confirm, True)

    def keys(self, instance: Instance, node: MenuNode, name: str) -> None:
        transitions = []
        for option in self.plan.options(instance):
            target = self.plan.option_target(instance, option)
            if option.action == "back":
                self.note(
                    option.span,
                    APPROXIMATED,
                    "`action: back` leads to the first menu that leads here: Studio keeps no call history",
                )
            if len(option.key) > 1:
                self.note(option.span, LOST, f"the key `{option.key}`: the gather takes one key, so it never matches")
            if option.action == "repeat":
                next_name: str | None = name
            else:
                next_name = self.ref(target)
            if option.language and option.language != instance.language:
                pass  # the target instance speaks the other language (plan)
            transitions.append(
                self.transition(
                    "match", next_name, self.condition(f"{{{{widgets.{name}.Digits}}}}", "equal_to", option.key)
                )
            )
        transitions.append(self.transition("noMatch", f"{name}__no_match"))
        self.state(f"{name}__keys", "split-based-on", {"input": f"{{{{widgets.{name}.Digits}}}}"}, transitions)

    def handlers(self, instance: Instance, node: Interactive, name: str, wrong_keys: bool) -> None:
        """The counter of tries, shared by silence and wrong keys, and the handler a count plays."""
        settings = self.menuset.settings_of(node)
        retries = int(node.setting("retries", settings))
        fallback = self.ref(self.plan.go(instance, self.plan.fallback(instance)))
        kinds = [("no_input", node.no_input)]
        if wrong_keys:
            kinds.append(("no_match", node.no_match))
        for kind, handlers in kinds:
            count_name, check = f"{name}__{kind}", f"{name}__{kind}_check"
            value = "{{flow.variables." + COUNTER + " | plus: 1}}"
            self.state(
                count_name,
                "set-variables",
                {"variables": [{"key": COUNTER, "value": value}]},
                [self.transition("next", check)],
            )
            used = list(handlers[:retries])
            ways = [self.handler(instance, node, name, kind, handler, count) for count, handler in enumerate(used, 1)]
            transitions = [self.transition("match", fallback, self.condition(_COUNT, "greater_than", str(retries)))]
            for count in range(len(ways), 1, -1):
                transitions.append(
                    self.transition("match", ways[count - 1], self.condition(_COUNT, "greater_than", str(count - 1)))
                )
            transitions.append(self.transition("noMatch", ways[0] if ways else name))
            self.state(check, "split-based-on", {"input": _COUNT}, transitions)

    def handler(self, instance: Instance, node: Interactive, name: str, kind: str, handler: Handler, count: int) -> str:
        """The widget the `count`-th handler starts at: its say-play, else where it leads (the gather again)."""
        way = self.go(instance, handler.goto, handler.then) if handler.goto is not None else name
        if handler.prompt is None:
            return way or name
        default = self.menuset.file_of(node).language
        text, language, _ = text_in(handler.prompt.text, instance.language, default)
        if not text:
            return way or name
        said = f"{name}__{kind}_{count}"
        properties: dict = {"say": _words(text), "language": language or instance.language}
        voice = self.menuset.settings_of(node).voice
        if voice:
            properties["voice"] = voice
        self.state(said, "say-play", properties, [self.transition("audioComplete", way)])
        return said

    # -- branches, transfers -------------------------------------------------------------------------

    def branch(self, instance: Instance, node: BranchNode, name: str) -> None:
        cases = dict(node.cases)
        if node.schedule is not None:
            target = cases.get("open", node.default)
            self.note(
                node.span,
                APPROXIMATED,
                f"the schedule `{node.schedule}` of `{node.id}`: Studio has no hours check (it needs a Function, "
                "`run-function`, which is not portable); the `open` way is written",
            )
            self.state(
                name, "split-based-on", {"input": "open"}, [self.transition("noMatch", self.go(instance, target))]
            )
            return
        assert node.variable is not None
        variable = self.menuset.file_of(node).variables[node.variable]
        expression = f"{{{{flow.variables.{variable.name}}}}}"
        transitions = []
        for value in variable.values:
            if value in cases:
                transitions.append(
                    self.transition(
                        "match", self.go(instance, cases[value]), self.condition(expression, "equal_to", value)
                    )
                )
        default = cases.get(variable.default, node.default)
        transitions.append(self.transition("noMatch", self.go(instance, default)))
        self.state(name, "split-based-on", {"input": expression}, transitions)
        self.note(
            node.span,
            APPROXIMATED,
            f"the variable `{variable.name}` is the flow variable `flow.variables.{variable.name}` (set it before the flow, default `{variable.default}`)",
        )

    def transfer(self, instance: Instance, node: TransferNode, name: str) -> None:
        if node.hours is not None and node.closed is not None:
            self.note(
                node.span,
                APPROXIMATED,
                f"the hours `{node.hours}` of `{node.id}`: Studio has no hours check; the transfer is always made",
            )
        if node.queue is not None:
            queued: dict[str, str] = {"queue_name": node.queue}
            workflow = placeholder_name("QUEUE", node.queue)
            if self.substitutions.filled(workflow):  # a TaskRouter workflow SID given for the queue: enqueue by it
                queued["workflow_sid"] = self.substitutions.get(workflow)
            self.state(name, "enqueue-call", queued, [self.transition("callComplete", None)])
            if node.overflow is not None or node.max_wait is not None:
                self.note(node.span, LOST, f"`max_wait` and `overflow` of `{node.id}`: enqueue-call has no wait limit")
            if node.announce_wait:
                self.note(node.span, LOST, f"`announce_wait` of `{node.id}`: enqueue-call announces nothing by itself")
            if node.callback is not None:
                self.note(node.span, LOST, f"the call-back offer of `{node.id}`: enqueue-call has no call-back booking")
            return
        number = re.sub(r"\{(?:var\.)?([A-Za-z_][A-Za-z0-9_-]*)\}", r"{{flow.variables.\1}}", node.number or "")
        properties: dict = {"noun": "number", "to": number}
        if node.max_wait is not None:
            properties["timeout"] = _seconds(node.max_wait)
        ways = [(status, target) for status, target in (("busy", node.busy), ("no-answer", node.no_answer)) if target]
        if node.overflow is not None:
            ways.append(("no-answer,busy,failed", node.overflow))
        status = f"{name}__status" if ways else None
        self.state(
            name,
            "connect-call-to",
            properties,
            [self.transition("callCompleted", status), self.transition("hangup", None)],
        )
        if status is not None:
            expression = f"{{{{widgets.{name}.DialCallStatus}}}}"
            transitions = [
                self.transition(
                    "match",
                    self.go(instance, target),
                    self.condition(expression, "matches_any_of" if "," in value else "equal_to", value),
                )
                for value, target in ways
            ]
            transitions.append(self.transition("noMatch", None))
            self.state(status, "split-based-on", {"input": expression}, transitions)


EXPORTER = StudioExporter()
