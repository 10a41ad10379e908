"""Amazon Connect: one flow-language document (Version 2019-10-30) holding the whole menu set.

Facts in docs/dev/platform-facts.md §5 (C1-C16). Each node instance (see
`ivrkit.exporters.plan`) is one action, or a short run of them, whose first
action's `Identifier` is the node id (ids are letters, digits, `_` and `-`: a
Connect Identifier allows them, C4); helper actions are `<id>--<role>`. Every
action also carries `Metadata.ActionMetadata[Identifier].ivrkit = {node, role}`
and the document `Metadata.ivrkit` (the marker `ivrkit import` reads the flow
back by, the entry and the schedules the hours resources must match).

- `menu` → `GetParticipantInput` (single keys, C7; the words of the prompt and
  the announced options as `Text`), a Condition `Equals` per key, the errors
  `InputTimeLimitExceeded` / `NoMatchingCondition` through the first handler's
  words (`<id>--no-input` / `<id>--no-match`) to one `Loop` (`<id>--retries`,
  `LoopCount` = retries, C12: one counter for both, as ivrkit counts them):
  `ContinueLooping` back to the menu, `DoneLooping` to the fallback;
  `NoMatchingError` to the fallback. `retries: 0`: both errors go to the fallback.
- `input` → `GetParticipantInput` with `StoreInput` (digits in
  `$.StoredCustomerInput`), its maximum in `InputValidation`.
- `message` → `MessageParticipant`; `hangup` (and the lost `voicemail`,
  `callback`) → its words, then `DisconnectParticipant`.
- `branch` on a schedule → `CheckHoursOfOperation` (`HoursOfOperationId`
  `${HOURS_<NAME>}`), True → open, False → closed; on a variable → `Compare`
  on `$.Attributes.<name>`.
- `transfer` to a queue → `UpdateContactTargetQueue` (`QueueId`
  `${QUEUE_<NAME>}`), then `TransferContactToQueue` (no parameters, C11;
  `QueueAtCapacity` → overflow); to a number → `TransferParticipantToThirdParty`.
  `hours` + `closed` → a `CheckHoursOfOperation` first.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import (
    BranchNode,
    CallbackNode,
    Handler,
    InputNode,
    Interactive,
    MenuNode,
    MenuSet,
    MessageNode,
    Node,
    Schedule,
    Span,
    Target,
    TransferNode,
    VoicemailNode,
)
from ..prompts import node_segments, text_in
from .base import (
    APPROXIMATED,
    LOST,
    PLACEHOLDER,
    ExportOptions,
    ExportProblem,
    ExportResult,
    NoteTaker,
    Substitutions,
    placeholder_name,
)
from .plan import Instance, Plan

__all__ = ["EXPORTER", "ConnectExporter", "MARKER", "MAX_ACTIONS"]

MARKER = "ivrkit export"  # Metadata.ivrkit.generator: `ivrkit import` reads the flow back as ivrkit's own
MAX_ACTIONS = 250  # C2
_END = "ivrkit-end"
_RESERVED = {
    "__proto__",
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "toString",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "valueOf",
}
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _seconds(value: float) -> str:
    return f"{value:g}"


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule_metadata(schedule: Schedule) -> dict[str, Any]:
    """A schedule as ivrkit's format writes it (what the Connect hours resource must say)."""
    hours = {
        _DAYS[day]: ", ".join(f"{_clock(start)}-{_clock(end)}" for start, end in spans) if spans else "closed"
        for day, spans in enumerate(schedule.hours)
    }
    found: dict[str, Any] = {"timezone": schedule.timezone, "hours": hours}
    if schedule.closed_on:
        found["closed_on"] = [day.isoformat() for day in schedule.closed_on]
    return found


class ConnectExporter:
    name = "connect"
    description = "Amazon Connect flow language JSON"
    suffix = ".json"

    def export(self, menuset: MenuSet, options: ExportOptions) -> ExportResult:
        return _Writer(menuset, options).run()


class _Writer(NoteTaker):
    def __init__(self, menuset: MenuSet, options: ExportOptions):
        super().__init__()
        self.menuset = menuset
        self.plan = Plan(menuset)
        self.substitutions = Substitutions(options.substitutions)
        self.actions: list[dict[str, Any]] = []
        self.meta: dict[str, dict[str, Any]] = {}
        self.names: dict[Instance, str] = {}
        self.schedules: dict[str, dict[str, Any]] = {}
        self.needs_end = False

    def file_span(self) -> Span | None:
        return self.menuset.root.settings.span or self.menuset.root.entry.span

    # -- the document --------------------------------------------------------------------------------

    def run(self) -> ExportResult:
        for instance in self.plan.ids:
            self.names[instance] = self.identifier(instance)
        for instance in self.plan.ids:
            self.node(instance)
        if self.needs_end:
            self.action(_END, "DisconnectParticipant", {}, {}, None, "end")
        if len(self.actions) > MAX_ACTIONS:
            raise ExportProblem(
                f"the flow needs {len(self.actions)} actions; Amazon Connect allows at most {MAX_ACTIONS} per flow",
                "split the menu set into building blocks exported as flows of their own, or lower `retries` "
                "and handler messages (each menu costs up to 4 actions)",
            )
        for name, used in self.substitutions.used.items():
            if used is None:
                self.note(
                    self.file_span(),
                    PLACEHOLDER,
                    f"`${{{name}}}` is left as a placeholder: fill it with "
                    f"--set-id {name}=ARN or a substitutions file before uploading the flow",
                )
        root = self.menuset.root
        document = {
            "Version": "2019-10-30",
            "StartAction": self.names[self.plan.entry],
            "Metadata": {
                "name": _words(root.name),
                "ivrkit": {
                    "generator": MARKER,
                    "file": root.key.rsplit("/", 1)[-1],
                    "language": self.menuset.root.language,
                    "schedules": self.schedules,
                },
                "ActionMetadata": self.meta,
            },
            "Actions": self.actions,
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        return ExportResult("connect", text, self.notes, self.plan.ids_by_key(), dict(self.substitutions.used))

    def identifier(self, instance: Instance) -> str:
        name = self.plan.id(instance)
        if name in _RESERVED or len(name) > 38:  # room for a `--set-queue` suffix within 50 characters (C4)
            short = self.plan.extra_id(f"n{name[:34]}" if name in _RESERVED else name[:34])
            self.note(
                self.plan.node(instance).span,
                APPROXIMATED,
                f"the action of `{name}` is `{short}` (Connect Identifiers: at most 50 characters, no "
                f"JavaScript member names); its node id is kept in the metadata",
            )
            return short
        return name

    def action(
        self,
        identifier: str,
        kind: str,
        params: dict[str, Any],
        transitions: dict[str, Any],
        instance: Instance | None,
        role: str,
        **meta: Any,
    ) -> None:
        self.actions.append({"Identifier": identifier, "Type": kind, "Parameters": params, "Transitions": transitions})
        node = self.plan.id(instance) if instance is not None else None
        self.meta[identifier] = {"ivrkit": {"node": node, "role": role}, **meta}

    def target(self, instance: Instance | None) -> str:
        if instance is None:
            self.needs_end = True
            return _END
        return self.names[instance]

    def go(self, instance: Instance, target: Target | None, then: Target | None = None) -> str:
        found = self.plan.go(instance, target, then)
        if found is None and target is not None:
            self.note(target.span, LOST, "`return` with no file that entered this one: the call ends here")
        return self.target(found)

    def words(self, instance: Instance, node: Node) -> str:
        segments = node_segments(self.menuset, node, instance.language)
        return _words(" ".join(segment.text for segment in segments if segment.text))

    # -- nodes ---------------------------------------------------------------------------------------

    def node(self, instance: Instance) -> None:
        node = self.plan.node(instance)
        name = self.names[instance]
        if instance.language != self.menuset.root.language:
            self.note(
                node.span,
                APPROXIMATED,
                f"`{name}` speaks {instance.language}: set the voice with "
                f"UpdateContactTextToSpeechVoice in Connect (the words are written as they are)",
            )
        if isinstance(node, MenuNode):
            self.menu(instance, node, name)
        elif isinstance(node, InputNode):
            self.input(instance, node, name)
        elif isinstance(node, MessageNode):
            self.action(
                name,
                "MessageParticipant",
                {"Text": self.words(instance, node)},
                {"NextAction": self.go(instance, node.next, node.then), "Errors": []},
                instance,
                "node",
            )
        elif isinstance(node, BranchNode):
            self.branch(instance, node, name)
        elif isinstance(node, TransferNode):
            self.transfer(instance, node, name)
        else:
            if isinstance(node, VoicemailNode):
                self.note(
                    node.span,
                    LOST,
                    "Amazon Connect has no voicemail action: the caller hears the message "
                    "and the call ends (ivrkit import reads it back as a hang-up)",
                )
            elif isinstance(node, CallbackNode):
                self.note(
                    node.span,
                    LOST,
                    "a call-back is a separate Connect setup (a callback queue): the caller "
                    "hears the message and the call ends (read back as a hang-up)",
                )
            self.ending(instance, node, name)

    def ending(self, instance: Instance, node: Node, name: str) -> None:
        words = self.words(instance, node)
        end = f"{name}--end" if words else name
        if words:
            self.action(name, "MessageParticipant", {"Text": words}, {"NextAction": end, "Errors": []}, instance, "say")
        self.action(end, "DisconnectParticipant", {}, {}, instance, "node")

    # -- menus and inputs ----------------------------------------------------------------------------

    def handler_words(self, handler: Handler, instance: Instance, node: Node) -> str | None:
        if handler.prompt is None:
            return None
        text, _, _ = text_in(handler.prompt.text, instance.language, self.menuset.file_of(node).language)
        return _words(text) or None

    def failures(self, instance: Instance, node: Interactive, name: str) -> list[dict[str, Any]]:
        """The error routes of a GetParticipantInput: handler words, one Loop for the retries, the fallback."""
        settings = self.menuset.settings_of(node)
        retries = int(node.setting("retries", settings))
        fallback = self.target(self.plan.go(instance, self.plan.fallback(instance)))
        if retries > 100:
            self.note(node.span, APPROXIMATED, f"`retries: {retries}`: a Connect Loop counts to 100 at most")
            retries = 100
        ways: dict[str, str] = {}
        loop = f"{name}--retries"
        for error, handlers, kind in (
            ("InputTimeLimitExceeded", node.no_input, "no-input"),
            ("NoMatchingCondition", node.no_match, "no-match"),
        ):
            if retries == 0:
                ways[error] = fallback
                continue
            used = list(handlers[:retries])
            first = used[0] if used else None
            if len({self.handler_words(h, instance, node) for h in used}) > 1 or any(h.goto for h in used[1:]):
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"the {kind} handlers of `{node.id}` after the first are not "
                    f"written: Connect plays the first one's words at every failure",
                )
            way = self.go(instance, first.goto, first.then) if first and first.goto else loop
            if first and first.goto:
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"the first {kind} handler of `{node.id}` leads on at once: its goto is the error route",
                )
            words = self.handler_words(first, instance, node) if first else None
            if words:
                helper = f"{name}--{kind}"
                self.action(
                    helper, "MessageParticipant", {"Text": words}, {"NextAction": way, "Errors": []}, instance, kind
                )
                way = helper
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"the {kind} words of `{node.id}` are said at every failure, "
                    "the last one too (before the fallback)",
                )
            ways[error] = way
        if retries:
            self.action(
                loop,
                "Loop",
                {"LoopCount": str(retries)},
                {
                    "Conditions": [
                        {"NextAction": name, "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}},
                        {"NextAction": fallback, "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}},
                    ],
                },
                instance,
                "retries",
            )
        errors = [{"NextAction": way, "ErrorType": error} for error, way in ways.items()]
        errors.append({"NextAction": fallback, "ErrorType": "NoMatchingError"})
        return errors

    def menu(self, instance: Instance, node: MenuNode, name: str) -> None:
        settings = self.menuset.settings_of(node)
        conditions = []
        for option in self.plan.options(instance):
            if len(option.key) != 1:
                self.note(
                    option.span, LOST, f"the key `{option.key}`: Connect's Get customer input takes single keys only"
                )
                continue
            target = self.plan.option_target(instance, option)
            if option.action == "back":
                self.note(
                    option.span,
                    APPROXIMATED,
                    "`action: back` leads to the first menu that leads here: a flow keeps no call history",
                )
            conditions.append(
                {"NextAction": self.target(target), "Condition": {"Operator": "Equals", "Operands": [option.key]}}
            )
        if node.extensions is not None:
            self.note(
                node.extensions_span or node.span,
                LOST,
                f"the extensions of `{node.id}`: Connect's menu takes "
                "single keys (dialling an extension needs a Store customer input of its own)",
            )
        if not conditions:
            self.note(node.span, LOST, f"`{node.id}` has no single-key option: any key goes on")
        position = len(self.actions)
        errors = self.failures(instance, node, name)
        parameters = {
            "Text": self.words(instance, node),
            "InputTimeLimitSeconds": _seconds(node.setting("timeout", settings)),
            "StoreInput": "False",
        }
        self.actions.insert(
            position,
            {
                "Identifier": name,
                "Type": "GetParticipantInput",
                "Parameters": parameters,
                "Transitions": {"Conditions": conditions, "Errors": errors} if conditions else {"Errors": errors},
            },
        )
        self.meta[name] = {"ivrkit": {"node": self.plan.id(instance), "role": "node"}}

    def input(self, instance: Instance, node: InputNode, name: str) -> None:
        settings = self.menuset.settings_of(node)
        dtmf: dict[str, str] = {"InterdigitTimeLimitSeconds": _seconds(node.setting("inter_digit_timeout", settings))}
        if node.terminator in ("#", "*"):
            dtmf["FinishOnKey"] = node.terminator
        parameters = {
            "Text": self.words(instance, node),
            "InputTimeLimitSeconds": _seconds(node.setting("timeout", settings)),
            "StoreInput": "True",
            "InputValidation": {"CustomValidation": {"MaximumLength": str(node.max_digits)}},
            "DTMFConfiguration": dtmf,
        }
        if node.min_digits > 1:
            self.note(
                node.span,
                LOST,
                f"`min_digits: {node.min_digits}` of `{node.id}`: Connect stores any "
                "number of digits up to the maximum",
            )
        if node.store:
            self.note(
                node.span,
                APPROXIMATED,
                f"`store: {node.store}`: the digits are $.StoredCustomerInput (copy them with UpdateContactAttributes)",
            )
        position = len(self.actions)
        errors = self.failures(instance, node, name)
        errors = [error for error in errors if error["ErrorType"] != "NoMatchingCondition"]
        following = self.go(instance, node.next, node.then)
        if node.confirm:
            following = self.confirmation(instance, node, name, following, errors)
        self.actions.insert(
            position,
            {
                "Identifier": name,
                "Type": "GetParticipantInput",
                "Parameters": parameters,
                "Transitions": {"NextAction": following, "Errors": errors},
            },
        )
        self.meta[name] = {"ivrkit": {"node": self.plan.id(instance), "role": "node"}}

    def confirmation(
        self, instance: Instance, node: InputNode, name: str, following: str, errors: list[dict[str, Any]]
    ) -> str:
        """The read-back of `confirm: true`: a GetParticipantInput saying $.StoredCustomerInput, 1 goes on, 2
        enters the digits again; its errors are the input's."""
        from ..engine.phrases import read_back

        helper = f"{name}--confirm"
        settings = self.menuset.settings_of(node)
        before, _, after = read_back("\x00", instance.language).partition("\x00")
        words = _words(f"{before}$.StoredCustomerInput{after}")
        self.action(
            helper,
            "GetParticipantInput",
            {
                "Text": words,
                "InputTimeLimitSeconds": _seconds(node.setting("timeout", settings)),
                "StoreInput": "False",
            },
            {
                "Conditions": [
                    {"NextAction": following, "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                    {"NextAction": name, "Condition": {"Operator": "Equals", "Operands": ["2"]}},
                ],
                "Errors": [dict(error) for error in errors]
                + [{"NextAction": name, "ErrorType": "NoMatchingCondition"}],
            },
            instance,
            "confirm",
        )
        self.note(
            node.span,
            APPROXIMATED,
            f"the read-back of `{node.id}` says $.StoredCustomerInput as Connect speaks a number (use SSML "
            "say-as digits in the console for one digit at a time); a wrong key there enters the digits again",
        )
        return helper

    # -- branches and transfers ----------------------------------------------------------------------

    def hours(self, node: Node, schedule_name: str) -> tuple[str, str]:
        """(the `${HOURS_…}` reference, the schedule's name as read back) of a schedule of `node`'s file."""
        schedule = self.menuset.file_of(node).schedules[schedule_name]
        stem = re.sub(r"\.ya?ml\Z", "", node.file.rsplit("/", 1)[-1])
        named = schedule_name if node.file == self.menuset.root.key else f"{stem}__{schedule_name}"
        self.schedules[named] = schedule_metadata(schedule)
        self.note(
            schedule.span,
            APPROXIMATED,
            f"the schedule `{schedule_name}` is an Hours of operation resource "
            f"in Connect (`${{{placeholder_name('HOURS', named)}}}`): give it these hours and holidays",
        )
        return self.substitutions.get(placeholder_name("HOURS", named)), named

    def check_hours(
        self, identifier: str, instance: Instance, node: Node, schedule: str, open_way: str, closed_way: str, role: str
    ) -> None:
        reference, named = self.hours(node, schedule)
        self.action(
            identifier,
            "CheckHoursOfOperation",
            {"HoursOfOperationId": reference},
            {
                "Conditions": [
                    {"NextAction": open_way, "Condition": {"Operator": "Equals", "Operands": ["True"]}},
                    {"NextAction": closed_way, "Condition": {"Operator": "Equals", "Operands": ["False"]}},
                ],
                "Errors": [{"NextAction": closed_way, "ErrorType": "NoMatchingError"}],
            },
            instance,
            role,
            schedule=named,
        )

    def branch(self, instance: Instance, node: BranchNode, name: str) -> None:
        cases = dict(node.cases)

        def way(value: str) -> str:
            return self.go(instance, cases.get(value, node.default))

        if node.schedule is not None:
            if way("holiday") != way("closed") and ("holiday" in cases):
                self.note(
                    node.span,
                    LOST,
                    f"the holiday way of `{node.id}`: Connect's hours check is open or "
                    "closed (holidays are closed hours)",
                )
            self.check_hours(name, instance, node, node.schedule, way("open"), way("closed"), "node")
            return
        assert node.variable is not None
        variable = self.menuset.file_of(node).variables[node.variable]
        conditions = [
            {"NextAction": way(value), "Condition": {"Operator": "Equals", "Operands": [value]}}
            for value in variable.values
            if value in cases or node.default is not None
        ]
        self.action(
            name,
            "Compare",
            {"ComparisonValue": f"$.Attributes.{variable.name}"},
            {
                "Conditions": conditions,
                "Errors": [{"NextAction": way(variable.default), "ErrorType": "NoMatchingCondition"}],
            },
            instance,
            "node",
            variable={"name": variable.name, "default": variable.default, "values": list(variable.values)},
        )

    def transfer(self, instance: Instance, node: TransferNode, name: str) -> None:
        first = name
        words = self.words(instance, node)
        steps = []
        if node.hours is not None and node.closed is not None:
            steps.append("hours")
        if words:
            steps.append("say")
        if node.queue is not None:
            steps.append("set-queue")
        steps.append("node")
        ids = {step: (first if index == 0 else f"{name}--{step}") for index, step in enumerate(steps)}
        ids["node"] = first if len(steps) == 1 else f"{name}--transfer"
        following = {step: ids[steps[index + 1]] for index, step in enumerate(steps[:-1])}
        if "hours" in steps:
            assert node.hours is not None
            self.check_hours(
                ids["hours"], instance, node, node.hours, following["hours"], self.go(instance, node.closed), "hours"
            )
        if "say" in steps:
            self.action(
                ids["say"],
                "MessageParticipant",
                {"Text": words},
                {"NextAction": following["say"], "Errors": []},
                instance,
                "say",
            )
        if node.queue is not None:
            reference = self.substitutions.get(placeholder_name("QUEUE", node.queue))
            self.action(
                ids["set-queue"],
                "UpdateContactTargetQueue",
                {"QueueId": reference},
                {"NextAction": following["set-queue"], "Errors": []},
                instance,
                "set-queue",
                parameters={"QueueId": {"displayName": node.queue}},
            )
            overflow = self.go(instance, node.overflow) if node.overflow is not None else self.target(None)
            errors = [
                {"NextAction": overflow, "ErrorType": "QueueAtCapacity"},
                {"NextAction": overflow, "ErrorType": "NoMatchingError"},
            ]
            self.action(
                ids["node"],
                "TransferContactToQueue",
                {},
                {"Errors": errors},
                instance,
                "node",
                parameters={"QueueId": {"displayName": node.queue}},
            )
            if node.max_wait is not None:
                self.note(
                    node.span,
                    LOST,
                    f"`max_wait` of `{node.id}`: the queue's own flow decides how long a "
                    "caller waits (QueueAtCapacity leads to the overflow)",
                )
            if node.callback is not None:
                self.note(
                    node.span,
                    LOST,
                    f"the call-back offer of `{node.id}`: a queue call-back is a separate Connect setup",
                )
            if node.announce_wait:
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"`announce_wait` of `{node.id}`: the customer queue flow says the position and wait",
                )
        else:
            number = re.sub(r"\{(?:var\.)?([A-Za-z_][A-Za-z0-9_-]*)\}", r"$.Attributes.\1", node.number or "")
            parameters: dict[str, Any] = {"ThirdPartyPhoneNumber": number}
            if node.max_wait is not None:
                parameters["ThirdPartyConnectionTimeLimitSeconds"] = _seconds(node.max_wait)
            errors = []
            if node.no_answer is not None:
                errors.append(
                    {"NextAction": self.go(instance, node.no_answer), "ErrorType": "ConnectionTimeLimitExceeded"}
                )
            if node.busy is not None or node.overflow is not None:
                self.note(
                    node.span,
                    LOST,
                    f"`busy` / `overflow` of `{node.id}`: a third-party transfer has one failure route (no_answer)",
                )
            self.action(
                ids["node"], "TransferParticipantToThirdParty", parameters, {"Errors": errors}, instance, "node"
            )


EXPORTER = ConnectExporter()
