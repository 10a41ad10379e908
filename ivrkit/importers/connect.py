"""Amazon Connect contact flows: the flow language (`Version` 2019-10-30, `Actions`) and the legacy export (`modules`).

Both are read into one list of actions (the legacy modules are translated to
the flow language's action types, transitions and parameters), then mapped:

- MessageParticipant (legacy PlayPrompt) -> `message`;
- GetParticipantInput (legacy GetUserInput) with `Equals` DTMF conditions ->
  `menu` with unannounced options (Connect prompts name the keys themselves:
  `announce_options: false`) labelled from the prompt's words where it names
  them ("Press 1 to ...", "2 to ..."), `InputTimeLimitSeconds` -> `timeout`.
  Connect never re-prompts: the errors InputTimeLimitExceeded /
  NoMatchingCondition leading to one place are the `fallback` after one try
  (`retries: 0`); leading to two places they are `no_input` / `no_match`
  handlers with a `goto` (`retries: 1`, so the first failure takes it, as the
  flow does); NoMatchingError is the `fallback`;
- GetParticipantInput with `StoreInput` (legacy StoreUserInput) -> `input`;
- Compare (legacy CheckAttribute), CheckHoursOfOperation and any other action
  with conditions -> `branch` on a declared variable whose values are the
  compared values;
- TransferContactToQueue / TransferToFlow / TransferParticipantToThirdParty
  (legacy Transfer) -> `transfer` (QueueAtCapacity -> `busy`, the Error route
  -> `no_answer`). A flow is `person: false` only when its name says no agent
  answers; one whose name says it queues for an agent is a person; any other
  is `person: unknown`, and the note says why;
- DisconnectParticipant (legacy Disconnect) -> `hangup`;
- actions the caller does not hear (attributes, Lambda calls, event hooks,
  queue and recording settings, tasks, unknown types with one way on) are
  passed through: jumps to them go to where they lead, and their data is
  kept under `x-unmapped`. One whose Error route leads elsewhere than its
  next action is a `branch` on a declared `<id>_result` variable (`success`
  by default, or the error type), so both are paths. CreateTask gets a
  remark: it makes a task for an agent, the caller hears nothing.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..language.keyphrases import labels_from_prompt
from ._audio import confine_audio
from ._jsonflow import (
    DTMF_KEY,
    Ids,
    Output,
    as_dict,
    as_list,
    as_str,
    number,
    parse,
    seconds,
    strip_ssml,
    truthy,
    words,
)
from .base import Imported, ImportProblem, SourceMap

__all__ = ["IMPORTER", "ConnectImporter"]

Pos = tuple[int, int]

# Action types whose effect the caller does not hear and that have one way on: passed through.
PASS_THROUGH = frozenset(
    {
        "UpdateContactAttributes",
        "InvokeLambdaFunction",
        "UpdateContactEventHooks",
        "UpdateContactTargetQueue",
        "UpdateContactRecordingBehavior",
        "UpdateFlowLoggingBehavior",
        "UpdateContactTextToSpeechVoice",
        "CreateTask",
        "UpdateContactData",
        "UpdateContactCallbackNumber",
        "UpdateContactRoutingBehavior",
        "UpdateContactMediaStreamingBehavior",
        "UpdateContactRecordingAndAnalyticsBehavior",
        "UpdatePreviousContactParticipantState",
        "InvokeFlowModule",
        "TagContact",
        "UnTagContact",
        "UpdateRoutingCriteria",
        "UpdateContactMediaProcessing",
        "SetAttributes",
        "InvokeExternalResource",
        "SetEventHook",
        "SetQueue",
        "SetRecordingBehavior",
        "SetLoggingBehavior",
        "SetVoice",
        "SetCallbackNumber",
        "SetWhisperFlow",
        "SetHoldFlow",
        "SetCustomerQueueFlow",
        "SetDisconnectFlow",
        "SetContactFlow",
        "SetRoutingCriteria",
        "StartMediaStreaming",
        "StopMediaStreaming",
        "SetContactData",
    }
)
TRANSFERS = frozenset(
    {"TransferContactToQueue", "TransferToFlow", "TransferParticipantToThirdParty", "TransferContactToAgent"}
)
ENDS = frozenset({"DisconnectParticipant", "EndFlowExecution"})
IVRKIT_MARKER = "ivrkit export"  # Metadata.ivrkit.generator of a flow ivrkit.exporters.connect wrote
_IVRKIT_META = ("schedule", "variable")
# Roles of the helper actions ivrkit's exporter writes around a node (its words, queue, hours, retries).
_HELPER_ROLES = frozenset({"say", "set-queue", "hours", "no-input", "no-match", "retries", "confirm"})
OTHER_VALUE = "(any other value)"


@dataclass
class Action:
    """One action of either format, in flow-language terms."""

    id: str
    type: str
    params: dict
    pos: Pos
    raw: Any
    next: str | None = None
    next_pos: Pos | None = None
    conditions: list[tuple[str, list[str], str | None, Pos]] = field(default_factory=list)
    errors: list[tuple[str, str | None, Pos]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # display names from the metadata
    source_type: str = ""  # the type as the source writes it (legacy modules have their own names)
    source_params: Any = None  # the parameters as the source writes them
    ivrkit: dict = field(default_factory=dict)  # {node, role, ...} in a flow `ivrkit export` wrote, else empty

    def __post_init__(self) -> None:
        self.source_type = self.source_type or self.type
        if self.source_params is None:
            self.source_params = self.params

    def error(self, kind: str) -> tuple[str | None, Pos] | None:
        for error_type, target, pos in self.errors:
            if error_type == kind:
                return target, pos
        return None


class ConnectImporter:
    name = "connect"
    description = "Amazon Connect contact flow JSON (flow language 2019-10-30, or the legacy modules export)"

    def detect(self, text: str, path: Path) -> bool:
        if not text.lstrip("\ufeff \t\r\n").startswith("{"):
            return False
        if '"Actions"' in text and ('"StartAction"' in text or '"Version"' in text):
            return True
        return '"modules"' in text and '"branches"' in text

    def convert(self, text: str, path: Path) -> Imported:
        data, positions = parse(text)
        if not isinstance(data, dict):
            raise ImportProblem(
                "an Amazon Connect flow is a JSON object",
                1,
                1,
                'expected {"Version": ..., "Actions": [...]} or {"modules": [...]}',
            )
        if "Actions" in data:
            actions, start, start_pos, info = _read_current(data, positions)
        elif "modules" in data:
            actions, start, start_pos, info = _read_legacy(data, positions)
        else:
            raise ImportProblem(
                "this JSON has neither `Actions` (flow language) nor `modules` (legacy export)",
                1,
                1,
                "is it an Amazon Connect flow?",
            )
        return _Converter(actions, start, start_pos, positions, path, info).run()


IMPORTER = ConnectImporter()


# -- reading the two formats --------------------------------------------------


def _read_current(data: dict, positions) -> tuple[list[Action], str | None, Pos, dict]:
    at = positions.of
    items = data["Actions"]
    if not isinstance(items, list):
        raise ImportProblem("`Actions` must be a list of actions", *at(("Actions",)))
    metadata = as_dict(data.get("Metadata"))
    action_meta = as_dict(metadata.get("ActionMetadata"))
    own = as_dict(metadata.get("ivrkit"))
    marked = own.get("generator") == IVRKIT_MARKER  # written by `ivrkit export --to connect`: read back as such
    actions: list[Action] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = ("Actions", i)
        if not isinstance(item, dict):
            raise ImportProblem("an action must be a JSON object", *at(where))
        ident = as_str(item.get("Identifier"))
        if ident is None:
            raise ImportProblem("this action has no `Identifier`", *at(where), "every action needs a unique Identifier")
        if ident in seen:
            raise ImportProblem(f"the Identifier `{ident}` is used twice", *at(where + ("Identifier",)))
        seen.add(ident)
        transitions = as_dict(item.get("Transitions"))
        action = Action(
            id=ident,
            type=as_str(item.get("Type")) or "(no Type)",
            params=as_dict(item.get("Parameters")),
            pos=at(where + ("Identifier",), where),
            raw=item,
            next=as_str(transitions.get("NextAction")),
            next_pos=at(where + ("Transitions", "NextAction"), where),
        )
        for j, cond in enumerate(as_list(transitions.get("Conditions"))):
            cond = as_dict(cond)
            inner = as_dict(cond.get("Condition"))
            operands = [text for text in (as_str(o) for o in as_list(inner.get("Operands"))) if text is not None]
            action.conditions.append(
                (
                    as_str(inner.get("Operator")) or "Equals",
                    operands,
                    as_str(cond.get("NextAction")),
                    at(
                        where + ("Transitions", "Conditions", j, "NextAction"),
                        where + ("Transitions", "Conditions", j),
                        where,
                    ),
                )
            )
        for j, error in enumerate(as_list(transitions.get("Errors"))):
            error = as_dict(error)
            action.errors.append(
                (
                    as_str(error.get("ErrorType")) or "NoMatchingError",
                    as_str(error.get("NextAction")),
                    at(where + ("Transitions", "Errors", j, "NextAction"), where + ("Transitions", "Errors", j), where),
                )
            )
        meta = as_dict(action_meta.get(ident))
        meta_params = as_dict(meta.get("parameters"))
        if marked:
            action.ivrkit = {**as_dict(meta.get("ivrkit")), **{k: v for k, v in meta.items() if k in _IVRKIT_META}}
        for key, sources in (
            (
                "flow",
                (
                    as_dict(meta.get("ContactFlow")).get("text"),
                    as_dict(meta_params.get("ContactFlowId")).get("displayName"),
                ),
            ),
            ("queue", (as_dict(meta.get("queue")).get("text"), as_dict(meta_params.get("QueueId")).get("displayName"))),
            (
                "hours",
                (
                    as_dict(meta.get("Hours")).get("text"),
                    as_dict(meta_params.get("HoursOfOperationId")).get("displayName"),
                ),
            ),
            ("prompt", (meta.get("promptName"), as_dict(meta_params.get("PromptId")).get("displayName"))),
        ):
            for source in sources:
                if as_str(source):
                    action.names[key] = as_str(source)
                    break
        actions.append(action)
    info = {
        "format": f"Amazon Connect flow language (Version {as_str(data.get('Version')) or 'not given'})",
        "name": as_str(metadata.get("name")),
        "description": as_str(metadata.get("description")),
    }
    if marked:
        info["ivrkit"] = own
    return actions, as_str(data.get("StartAction")), at(("StartAction",), (1, 1)), info


_LEGACY_TYPES = {
    "PlayPrompt": "MessageParticipant",
    "GetUserInput": "GetParticipantInput",
    "StoreUserInput": "GetParticipantInput",
    "Disconnect": "DisconnectParticipant",
    "CheckAttribute": "Compare",
    "CheckHoursOfOperation": "CheckHoursOfOperation",
    "SetQueue": "UpdateContactTargetQueue",
    "SetAttributes": "UpdateContactAttributes",
    "InvokeExternalResource": "InvokeLambdaFunction",
}
_LEGACY_ERRORS = {
    "Timeout": "InputTimeLimitExceeded",
    "NoMatch": "NoMatchingCondition",
    "Error": "NoMatchingError",
    "AtCapacity": "QueueAtCapacity",
}
_NAMESPACES = {"User Defined": "Attributes", "System": "", "External": "External", "Lex": "Lex.Slots"}


def _read_legacy(data: dict, positions) -> tuple[list[Action], str | None, Pos, dict]:
    at = positions.of
    items = data["modules"]
    if not isinstance(items, list):
        raise ImportProblem("`modules` must be a list of modules", *at(("modules",)))
    actions: list[Action] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = ("modules", i)
        if not isinstance(item, dict):
            raise ImportProblem("a module must be a JSON object", *at(where))
        ident = as_str(item.get("id"))
        if ident is None:
            raise ImportProblem("this module has no `id`", *at(where), "every module needs a unique id")
        if ident in seen:
            raise ImportProblem(f"the module id `{ident}` is used twice", *at(where + ("id",)))
        seen.add(ident)
        legacy_type = as_str(item.get("type")) or "(no type)"
        target = as_str(item.get("target")) or ""
        raw_params: dict[str, Any] = {}
        resources: dict[str, str] = {}
        for param in as_list(item.get("parameters")):
            param = as_dict(param)
            name = as_str(param.get("name"))
            if name is None:
                continue
            raw_params.setdefault(name, param.get("value"))
            if as_str(param.get("resourceName")):
                resources.setdefault(name, as_str(param["resourceName"]))
            if name == "Attribute" and as_str(param.get("key")):
                raw_params.setdefault("Attribute key", as_str(param["key"]))
        params, kind = _legacy_params(legacy_type, target, raw_params, resources)
        action = Action(
            id=ident,
            type=kind,
            params=params,
            pos=at(where + ("id",), where),
            raw=item,
            source_type=legacy_type,
            source_params=item.get("parameters"),
        )
        for key, name in (
            ("flow", "ContactFlowId"),
            ("queue", "Queue"),
            ("queue", "QueueId"),
            ("hours", "Hours"),
            ("prompt", "AudioPrompt"),
        ):
            if name in resources and key not in action.names:
                action.names[key] = resources[name]
        flow_meta = as_dict(as_dict(item.get("metadata")).get("ContactFlow"))
        if "flow" not in action.names and as_str(flow_meta.get("text")):
            action.names["flow"] = as_str(flow_meta["text"])
        for j, branch in enumerate(as_list(item.get("branches"))):
            branch = as_dict(branch)
            condition = as_str(branch.get("condition")) or "Success"
            goto = as_str(branch.get("transition"))
            pos = at(where + ("branches", j, "transition"), where + ("branches", j), where)
            if condition == "Success":
                if action.next is None:
                    action.next, action.next_pos = goto, pos
            elif condition == "Evaluate":
                value = as_str(branch.get("conditionValue"))
                action.conditions.append(
                    (as_str(branch.get("conditionType")) or "Equals", [value] if value is not None else [], goto, pos)
                )
            elif condition in ("True", "False"):
                action.conditions.append(("Equals", [condition], goto, pos))
            else:
                action.errors.append((_LEGACY_ERRORS.get(condition, condition), goto, pos))
        actions.append(action)
    metadata = as_dict(data.get("metadata"))
    info = {
        "format": f"Amazon Connect legacy flow export (version {as_str(data.get('version')) or 'not given'}, modules)",
        "name": as_str(metadata.get("name")),
        "description": as_str(metadata.get("description")),
    }
    return actions, as_str(data.get("start")), at(("start",), (1, 1)), info


def _legacy_params(kind: str, target: str, raw: dict, resources: dict) -> tuple[dict, str]:
    """Legacy module parameters in flow-language terms, and the flow-language action type."""
    params: dict[str, Any] = {}
    new_kind = _LEGACY_TYPES.get(kind, kind)
    text = raw.get("Text")
    if as_str(text):
        if str(raw.get("TextToSpeechType", "")).lower() == "ssml":
            params["SSML"] = text
        else:
            params["Text"] = text
    if as_str(raw.get("AudioPrompt")):
        params["PromptId"] = raw["AudioPrompt"]
    if kind in ("GetUserInput", "StoreUserInput"):
        if "Timeout" in raw:
            params["InputTimeLimitSeconds"] = raw["Timeout"]
        if kind == "StoreUserInput":
            params["StoreInput"] = "True"
            if "MaxDigits" in raw:
                params["InputValidation"] = {"CustomValidation": {"MaximumLength": raw["MaxDigits"]}}
            if str(raw.get("CustomerInputType", "")).lower() == "phone":
                params["InputValidation"] = {"PhoneNumberValidation": {"NumberFormat": "Local"}}
            if "TerminatorDigits" in raw:
                params["DTMFConfiguration"] = {"InputTerminationSequence": raw["TerminatorDigits"]}
            if truthy(raw.get("EncryptEntry")):
                params["InputEncryption"] = {"EncryptEntry": raw["EncryptEntry"]}
        elif "MaxDigits" in raw:
            params["MaxDigits"] = raw["MaxDigits"]
        if target.lower() == "lex":
            new_kind = "ConnectParticipantWithLexBot"
    if kind == "Transfer":
        lowered = target.lower()
        if lowered == "flow":
            new_kind = "TransferToFlow"
            params["ContactFlowId"] = raw.get("ContactFlowId")
        elif lowered == "queue":
            new_kind = "TransferContactToQueue"
        elif lowered in ("phonenumber", "thirdparty", "number"):
            new_kind = "TransferParticipantToThirdParty"
            params["ThirdPartyPhoneNumber"] = raw.get("PhoneNumber", raw.get("ThirdPartyPhoneNumber"))
        else:
            new_kind = f"Transfer ({target or 'no target'})"
    if kind == "CheckAttribute":
        namespace = _NAMESPACES.get(str(raw.get("Namespace", "")), str(raw.get("Namespace", "")))
        attribute = as_str(raw.get("Attribute")) or "attribute"
        params["ComparisonValue"] = "$." + ".".join(p for p in (namespace, attribute) if p)
    if kind == "SetQueue":
        params["QueueId"] = raw.get("Queue", raw.get("QueueId"))
    if kind == "CheckHoursOfOperation" and "Hours" in raw:
        params["HoursOfOperationId"] = raw["Hours"]
    for name, value in raw.items():  # keep everything else as written
        if not (name == "Text" and "SSML" in params):
            params.setdefault(name, value)
    return params, new_kind


# -- the conversion -----------------------------------------------------------


class _Converter:
    def __init__(self, actions: list[Action], start: str | None, start_pos: Pos, positions, path: Path, info: dict):
        self.actions = actions
        self.by_id = {action.id: action for action in actions}
        self.start = start
        self.start_pos = start_pos
        self.path = path
        self.info = info
        self.source_map = SourceMap()
        self.ids = Ids()
        self.out = Output(self.ids, self.source_map, positions)
        self.node_of: dict[str, str] = {}  # action id -> node (or x-unmapped) id
        self.own = info.get("ivrkit")  # Metadata.ivrkit of a flow ivrkit exported, else None
        self.helpers: dict[tuple[str, str], Action] = {}  # (node id, role) -> helper action, in such a flow
        if self.own is not None:
            for action in actions:
                node = as_str(action.ivrkit.get("node"))
                if node is not None and action.ivrkit.get("role") == "node":
                    self.ids.used.add(node)
                elif node is not None:
                    self.helpers[(node, str(action.ivrkit.get("role")))] = action
        self.passed: dict[str, str] = {}  # pass-through action id -> the node it leads to

    # ids and targets

    def kind(self, action: Action) -> str:
        if action.ivrkit.get("role") in _HELPER_ROLES:
            return "pass"
        if action.type == "MessageParticipant":
            return "message"
        if action.type == "GetParticipantInput" and not ("LexV2Bot" in action.params or "LexBot" in action.params):
            return "input" if truthy(action.params.get("StoreInput")) else "menu"
        if action.type in TRANSFERS:
            return "transfer"
        if action.type in ENDS:
            return "hangup"
        if action.conditions:
            return "branch"
        if action.next is not None or action.type in PASS_THROUGH or any(t for _, t, _ in action.errors):
            if action.next is not None and any(t is not None and t != action.next for _, t, _ in action.errors):
                return "outcome"  # success and error lead to different places: both are paths
            return "pass"
        return "hangup"

    def hint(self, action: Action, kind: str) -> str:
        text = _prompt_words(action.params) or words(action.names.get("prompt", ""))
        if kind == "message":
            return f"message {text}" if text else "message"
        if kind in ("menu", "input"):
            return f"{kind} {words(text, 3)}" if text else kind
        if kind == "transfer":
            if action.type == "TransferToFlow":
                return f"flow {action.names.get('flow', '')}"
            if action.type == "TransferParticipantToThirdParty":
                return f"transfer {as_str(action.params.get('ThirdPartyPhoneNumber')) or ''}"
            return f"queue {self.queue_name(action)[0]}" if self.queue_name(action)[0] else "queue"
        if kind == "hangup":
            return "disconnect" if action.type in ENDS else words(action.type, 3)
        if kind == "branch":
            return f"check {self.variable_name(action)}"
        return action.type

    def target(self, ref: str | None, pos: Pos | None, where: str) -> str:
        """The node a transition leads to; pass-through actions are followed, missing ones stand in as hangups."""
        seen: list[str] = []
        on_path: set[str] = set()
        while True:  # where a run of pass-through actions leads is remembered for each: one walk for thousands
            if ref is None:
                result = self.out.end(pos)
                break
            if ref in self.passed:
                result = self.passed[ref]
                break
            action = self.by_id.get(ref)
            if action is None:
                result = self.out.missing(ref, where, pos or (1, 1))
                break
            if self.kind(action) != "pass":
                result = self.node_of[ref]
                break
            if ref in on_path:
                shown = [f"`{self.node_of[s]}`" for s in seen[:10]]
                more = f" and {len(seen) - 10} more" if len(seen) > 10 else ""
                self.out.remark(
                    action.pos, f"the actions {', '.join(shown)}{more} lead only to each other; the call ends there"
                )
                result = self.out.end(action.pos)
                break
            seen.append(ref)
            on_path.add(ref)
            where, pos, ref = f"`{action.type}` `{action.id}`", action.next_pos, _pass_next(action)
        for passed in seen:
            self.passed[passed] = result
        return result

    # the run

    def run(self) -> Imported:
        if not self.actions:
            raise ImportProblem("the flow has no actions", *self.start_pos)
        for action in self.actions:
            kind = self.kind(action)
            own = as_str(action.ivrkit.get("node")) if action.ivrkit.get("role") == "node" else None
            self.node_of[action.id] = own or self.ids.new(self.hint(action, kind))
        entry = self.target(self.start, self.start_pos, "the start of the flow")
        if self.start is None:
            self.out.remark(self.start_pos, "the flow names no start action; the call ends at once")
        for action in self.actions:
            node_id = self.node_of[action.id]
            kind = self.kind(action)
            if kind == "pass":
                if action.ivrkit.get("role") not in _HELPER_ROLES:
                    self.pass_through(action, node_id)
                continue
            self.source_map.record(node_id, *action.pos)
            node = getattr(self, f"_{kind}")(action, node_id)
            note = f"Amazon Connect {action.source_type} `{action.id}`"
            if node.get("note"):
                note = f"{note}. {node['note']}"
            node["note"] = note
            self.out.nodes[node_id] = node
        name = self.info.get("name") or self.path.stem or "Imported Amazon Connect flow"
        menu = self.out.menu(
            name=name,
            description=self.info.get("description"),
            entry=entry,
            imported_from={"importer": "connect", "format": self.info["format"], "file": self.path.name},
        )
        if self.own is not None:
            used = {node["schedule"] for node in self.out.nodes.values() if "schedule" in node}
            used |= {node["hours"] for node in self.out.nodes.values() if "hours" in node}
            schedules = as_dict(self.own.get("schedules"))
            if used:
                menu["schedules"] = {name: schedules[name] for name in sorted(used) if name in schedules}
            language = as_str(self.own.get("language"))
            if language:
                menu = {**{k: v for k, v in menu.items() if k != "nodes"}, "language": language, "nodes": menu["nodes"]}
        return confine_audio(Imported(menu=menu, source_map=self.source_map, remarks=self.out.remarks))

    def pass_through(self, action: Action, node_id: str) -> None:
        self.source_map.record(node_id, *action.pos)
        self.task_remark(action)
        known = action.type in PASS_THROUGH
        if not known:
            self.out.remark(
                action.pos,
                f"`{action.source_type}` (`{action.id}`) is not an action type ivrkit knows; "
                f"passed through and kept under x-unmapped.{node_id}",
            )
        self.out.unmap(
            node_id,
            type=action.source_type,
            identifier=action.id,
            why="the caller does not hear this step; calls pass through it"
            if known
            else "unknown action type; calls pass through it",
            continues_at=self.target(_pass_next(action), action.next_pos, f"`{action.type}` `{action.id}`"),
            parameters=action.source_params,
            **self.unmapped_errors(action, ()),
        )

    def task_remark(self, action: Action) -> None:
        if action.type == "CreateTask":
            name = as_str(action.params.get("Name"))
            self.out.remark(
                action.pos,
                f"CreateTask `{action.id}`{f' ({name})' if name else ''} creates a task for an "
                "agent to work on later; the caller hears nothing and the flow goes on at its "
                "next action",
            )

    def _outcome(self, action: Action, node_id: str) -> dict:
        """A step the caller does not hear whose success and errors lead to different places: a branch on its result.

        Whether the step succeeds is only known when the flow runs, so the result is a declared variable
        (`success` by default, so a simulated call takes the path the flow is built for).
        """
        self.task_remark(action)
        name = Ids.slug(f"{node_id} result")
        cases = {"success": self.target(action.next, action.next_pos, f"the next action of `{action.id}`")}
        for error_type, ref, pos in action.errors:
            if ref is not None and error_type not in cases:
                cases[error_type] = self.target(ref, pos, f"the {error_type} error of `{action.id}`")
        self.out.variable(
            name,
            list(cases),
            f"whether {action.source_type} `{action.id}` succeeds (success) or "
            "fails with the named error; only known when the flow runs",
            default="success",
        )
        self.out.unmap(node_id, type=action.source_type, identifier=action.id, parameters=action.source_params)
        return {
            "type": "branch",
            "variable": name,
            "cases": cases,
            "note": "The caller hears nothing here; the step succeeds or fails, and each leads on as in the "
            "source (its parameters are under x-unmapped).",
        }

    def unmapped_errors(self, action: Action, mapped: tuple[str, ...]) -> dict:
        errors = {}
        for error_type, ref, pos in action.errors:
            if error_type in mapped or error_type in errors:
                continue
            errors[error_type] = self.target(ref, pos, f"the {error_type} error of `{action.id}`")
        return {"errors": errors} if errors else {}

    # node builders

    def prompt(self, action: Action, node_id: str) -> dict:
        said = self.helpers.get((node_id, "say")) if self.own is not None else None
        params, fields = (said or action).params, {}
        text, ssml = as_str(params.get("Text")), as_str(params.get("SSML"))
        if text is not None:
            fields["say"] = text.strip()
            if re.fullmatch(r"\$\.\S+", fields["say"]):
                fields["note"] = "The prompt text is read at run time from " + fields["say"] + "."
        elif ssml is not None:
            spoken = strip_ssml(ssml)
            if spoken:
                fields["say"] = spoken
            fields["note"] = "The source prompt is SSML; its tags are removed here (the SSML is under x-unmapped)."
            self.out.unmap(node_id, ssml=ssml)
        prompt_id = as_str(params.get("PromptId"))
        media = as_str(as_dict(params.get("Media")).get("Uri"))
        if "say" not in fields and (prompt_id or media):
            fields["audio"] = action.names.get("prompt") or prompt_id or media
            if prompt_id and action.names.get("prompt"):
                self.out.unmap(node_id, prompt_id=prompt_id)
        elif prompt_id or media:
            self.out.unmap(node_id, prompt_id=prompt_id, media=params.get("Media"))
        return fields

    def _message(self, action: Action, node_id: str) -> dict:
        node = {"type": "message", **self.prompt(action, node_id)}
        node["next"] = self.target(action.next, action.next_pos or action.pos, f"the message `{action.id}`")
        self.out.unmap(node_id, **self.unmapped_errors(action, ()))
        return node

    def _hangup(self, action: Action, node_id: str) -> dict:
        node = {"type": "hangup", **self.prompt(action, node_id)}
        if action.type not in ENDS:
            self.out.remark(
                action.pos,
                f"`{action.source_type}` (`{action.id}`) is not an action type ivrkit knows and "
                "leads nowhere; imported as a hangup, its data is under x-unmapped",
            )
            self.out.unmap(node_id, type=action.source_type, parameters=action.source_params)
            node["note"] = "Unknown action type with no next action: the call ends here."
        elif action.type == "EndFlowExecution":
            node["note"] = "EndFlowExecution: this flow ends here."
        return node

    def timeout(self, action: Action, node_id: str, node: dict, param: str = "InputTimeLimitSeconds") -> None:
        raw = action.params.get(param)
        if raw is None:
            return
        value = seconds(raw, 0.5, 120)
        if value is None:
            self.out.remark(
                action.pos,
                f"`{param}` {raw!r} of `{action.id}` is not a timeout ivrkit can use "
                "(0.5-120 seconds); kept under x-unmapped",
            )
            self.out.unmap(node_id, **{param: raw})
        else:
            node["timeout"] = value

    def handlers(self, action: Action, node: dict) -> None:
        for error_type, field_name in (("InputTimeLimitExceeded", "no_input"), ("NoMatchingCondition", "no_match")):
            found = action.error(error_type)
            if found is not None:
                node[field_name] = {"goto": self.target(found[0], found[1], f"the {error_type} error of `{action.id}`")}

    def _menu(self, action: Action, node_id: str) -> dict:
        node: dict = {"type": "menu", **self.prompt(action, node_id)}
        options: dict[str, dict] = {}
        unmapped_conditions = []
        for operator, operands, ref, pos in action.conditions:
            key = operands[0] if len(operands) == 1 else None
            if operator != "Equals" or key is None or not DTMF_KEY.match(key):
                unmapped_conditions.append(
                    {
                        "operator": operator,
                        "operands": operands,
                        "goes_to": self.target(ref, pos, f"a condition of `{action.id}`"),
                    }
                )
                self.out.remark(
                    pos,
                    f"the condition {operator} {operands} of `{action.id}` is not a DTMF key; kept under x-unmapped",
                )
                continue
            if key in options:
                self.out.remark(
                    pos,
                    f"the key {key} of `{action.id}` has a second condition; "
                    "the first one wins, the second is under x-unmapped",
                )
                unmapped_conditions.append(
                    {
                        "operator": operator,
                        "operands": operands,
                        "goes_to": self.target(ref, pos, f"key {key} of `{action.id}`"),
                    }
                )
                continue
            options[key] = {"goto": self.target(ref, pos, f"key {key} of `{action.id}`")}
            self.source_map.record(f"{node_id} options {key}", *pos)
        if unmapped_conditions:
            self.out.unmap(node_id, conditions=unmapped_conditions)
        if not options:
            return self._input(action, node_id, keys_only=True)
        labels = labels_from_prompt(node.get("say", ""), "en") if "say" in node else {}
        for key, label in labels.items():
            if key in options and label:
                options[key]["label"] = label
        node["options"] = options
        node["announce_options"] = False
        self.timeout(action, node_id, node)
        if self.own is not None:
            self.own_failures(action, node_id, node)
            node["note"] = " ".join(filter(None, [node.get("note"), "Written by ivrkit export."]))
            return node
        self.handlers(action, node)
        if "no_match" not in node and action.next is not None:
            node["no_match"] = {"goto": self.target(action.next, action.next_pos, f"the default of `{action.id}`")}
        elif action.next is not None:
            default = self.target(action.next, action.next_pos, f"the default of `{action.id}`")
            if default != node["no_match"]["goto"]:
                self.out.unmap(node_id, next_action=default)
        mapped = ("InputTimeLimitExceeded", "NoMatchingCondition")
        notes = [
            node.get("note"),
            "Option labels are read from the prompt, which names the keys (announce_options: false)."
            if any("label" in option for option in options.values())
            else "The source has no option labels: its prompt names the keys (announce_options: false).",
        ]
        notes.append(self.failure_routes(action, node))
        if "fallback" in node and action.error("NoMatchingError") is not None:
            mapped += ("NoMatchingError",)
        self.out.unmap(node_id, **self.unmapped_errors(action, mapped))
        node["note"] = " ".join(filter(None, notes))
        return node

    def own_failures(self, action: Action, node_id: str, node: dict) -> None:
        """The error routes ivrkit's exporter writes: each through its first handler's words (a helper
        MessageParticipant) to the node's Loop (`retries`: ContinueLooping back here, DoneLooping the fallback)
        or to the handler's goto; both straight to the fallback with `retries: 0`."""
        error = action.error("NoMatchingError")
        fallback = self.target(error[0], error[1], f"the NoMatchingError error of `{action.id}`") if error else None
        retries = 0
        for error_type, field_name in (("InputTimeLimitExceeded", "no_input"), ("NoMatchingCondition", "no_match")):
            found = action.error(error_type)
            if found is None:
                continue
            ref, pos = found
            handler: dict = {}
            helper = self.by_id.get(ref or "")
            if helper is None or helper.ivrkit.get("role") not in ("no-input", "no-match"):
                helper = None
            else:
                handler["say"] = as_str(helper.params.get("Text")) or ""
                ref, pos = helper.next, helper.next_pos or helper.pos
            loop = self.by_id.get(ref or "")
            if loop is not None and loop.ivrkit.get("role") == "retries":
                retries = int(number(loop.params.get("LoopCount")) or 0)
                for _, operands, target, where in loop.conditions:
                    if operands == ["DoneLooping"]:
                        fallback = self.target(target, where, f"the DoneLooping of `{loop.id}`")
            elif helper is not None or ref != (error[0] if error else None):
                handler["goto"] = self.target(ref, pos, f"the {error_type} error of `{action.id}`")
            if handler:
                node[field_name] = [handler]
        if retries == 0 and any(
            "goto" in handlers[0] for name in ("no_input", "no_match") if (handlers := node.get(name))
        ):
            retries = 1
        node["retries"] = retries
        if fallback is not None:
            node["fallback"] = fallback

    def failure_routes(self, action: Action, node: dict) -> str:
        """Silence and a wrong key leave a Connect menu by the flow's own transitions: it never re-prompts.

        GetParticipantInput takes one try: on InputTimeLimitExceeded or NoMatchingCondition the flow goes on at
        that error's transition. Both leading to one place is a `fallback` after the one try (retries: 0).
        Leading to two places needs the handlers' `goto`, which the simulation takes while tries are left:
        retries: 1, and every failure leaves the menu at once. The NoMatchingError route is the fallback.
        """
        gotos = {node[name]["goto"] for name in ("no_input", "no_match") if name in node}
        error = action.error("NoMatchingError")
        error_goto = self.target(error[0], error[1], f"the NoMatchingError error of `{action.id}`") if error else None
        if len(gotos) == 1 and error_goto in (None, *gotos):
            node["retries"] = 0
            node["fallback"] = gotos.pop()
            node.pop("no_input", None)
            node.pop("no_match", None)
            return (
                "Connect does not re-prompt: silence and a wrong key both go on at the flow's own transition "
                "(retries: 0, fallback)."
            )
        if not gotos:
            node["retries"] = 0
            if error_goto is not None:
                node["fallback"] = error_goto
            return "Connect does not re-prompt (retries: 0)."
        node["retries"] = 1
        if error_goto is not None:
            node["fallback"] = error_goto
        return (
            "Connect does not re-prompt: silence and a wrong key each leave the menu at once by the flow's own "
            "transition (the no_input / no_match goto; retries: 1 only so the first failure takes it)"
            + ("; the fallback is the NoMatchingError route." if error_goto is not None else ".")
        )

    def _input(self, action: Action, node_id: str, keys_only: bool = False) -> dict:
        params = action.params
        node: dict = {"type": "input", **self.prompt(action, node_id)}
        validation = as_dict(params.get("InputValidation"))
        dtmf = as_dict(params.get("DTMFConfiguration"))
        notes = [node.pop("note")] if "note" in node else []
        maximum = number(as_dict(validation.get("CustomValidation")).get("MaximumLength"))
        if maximum is None:
            maximum = number(params.get("MaxDigits"))
        if keys_only:
            maximum = maximum or 1
            notes.append("GetParticipantInput without DTMF conditions: any key goes on.")
        if maximum is not None and 1 <= maximum <= 64 and float(maximum).is_integer():
            max_digits = int(maximum)
        else:
            max_digits = 64
            notes.append("The source sets no usable maximum number of digits; 64 (ivrkit's limit) is assumed.")
            if maximum is not None:
                self.out.unmap(node_id, maximum_length=maximum)
        node["digits"] = {"max": max_digits}
        terminator = dtmf.get("InputTerminationSequence")
        if keys_only:
            node["digits"]["terminator"] = None
        elif terminator is not None:
            if terminator in ("#", "*"):
                node["digits"]["terminator"] = terminator
            else:
                node["digits"]["terminator"] = None
                self.out.unmap(node_id, InputTerminationSequence=terminator)
                self.out.remark(
                    action.pos, f"the terminator {terminator!r} of `{action.id}` is not # or *; kept under x-unmapped"
                )
        if "PhoneNumberValidation" in validation:
            self.out.unmap(node_id, PhoneNumberValidation=validation["PhoneNumberValidation"])
            notes.append("The source validates a phone number (see x-unmapped).")
        self.timeout(action, node_id, node)
        inter = dtmf.get("InterdigitTimeLimitSeconds")
        if inter is not None:
            value = seconds(inter, 0.5, 60)
            if value is None:
                self.out.unmap(node_id, InterdigitTimeLimitSeconds=inter)
            else:
                node["inter_digit_timeout"] = value
        if not keys_only:
            node["store"] = "StoredCustomerInput"
        if "InputEncryption" in params:
            node["secret"] = True
            self.out.unmap(node_id, InputEncryption=params["InputEncryption"])
        if self.own is not None:
            node.pop("store", None)
            ref, pos = action.next, action.next_pos
            confirm = self.by_id.get(ref or "")
            if confirm is not None and confirm.ivrkit.get("role") == "confirm":  # the read-back: 1 goes on
                node["confirm"] = True
                ref, pos = next(((t, p) for _, keys, t, p in confirm.conditions if keys == ["1"]), (None, pos))
            node["next"] = self.target(ref, pos, f"the next action of `{action.id}`")
            self.own_failures(action, node_id, node)
            node["note"] = " ".join(notes + ["Written by ivrkit export."])
            return node
        self.handlers(action, node)
        invalid = action.error("InvalidPhoneNumber")
        if invalid is not None and "no_match" not in node:
            node["no_match"] = {
                "goto": self.target(invalid[0], invalid[1], f"the InvalidPhoneNumber error of `{action.id}`")
            }
        ref, pos = action.next, action.next_pos
        if ref is None:
            found = action.error("NoMatchingCondition")
            ref, pos = found if found is not None else (None, action.pos)
        node["next"] = self.target(ref, pos, f"the next action of `{action.id}`")
        notes.append(self.failure_routes(action, node))
        mapped = ("InputTimeLimitExceeded", "NoMatchingCondition", "InvalidPhoneNumber")
        if "fallback" in node and action.error("NoMatchingError") is not None:
            mapped += ("NoMatchingError",)
        self.out.unmap(node_id, **self.unmapped_errors(action, mapped))
        node["note"] = " ".join(notes)
        return node

    def queue_name(self, action: Action) -> tuple[str | None, list[str]]:
        """The queue a TransferContactToQueue uses: the one set by the UpdateContactTargetQueue actions before it."""
        if action.type == "TransferContactToAgent":
            return "agent", []
        if not hasattr(self, "_parents"):
            self._parents: dict[str, set[str]] = {}
            for other in self.actions:
                refs = [other.next] + [t for _, _, t, _ in other.conditions] + [t for _, t, _ in other.errors]
                for ref in refs:
                    if ref is not None:
                        self._parents.setdefault(ref, set()).add(other.id)
        names: list[str] = []
        seen, todo = {action.id}, deque([action.id])
        while todo:
            for parent in sorted(self._parents.get(todo.popleft(), ())):
                if parent in seen:
                    continue
                seen.add(parent)
                setter = self.by_id[parent]
                if setter.type == "UpdateContactTargetQueue":
                    name = (
                        setter.names.get("queue")
                        or as_str(setter.params.get("QueueId"))
                        or as_str(setter.params.get("AgentId"))
                    )
                    if name and name not in names:
                        names.append(name)
                else:
                    todo.append(parent)
        return (names[0] if len(names) == 1 else None), names

    def _transfer(self, action: Action, node_id: str) -> dict:
        node: dict = {"type": "transfer", **self.prompt(action, node_id)}
        notes = [node.pop("note")] if "note" in node else []
        mapped: tuple[str, ...] = ()
        if action.type == "TransferToFlow":
            flow = as_str(action.params.get("ContactFlowId"))
            name = action.names.get("flow")
            node["number"] = flow or name or "(flow not given)"
            person = flow_reaches_person(name)
            if person is False:
                node["person"] = False
                notes.append(f"Transfers to another contact flow ({name}), whose name says no agent takes the call.")
            elif person:
                notes.append(f"Transfers to another contact flow ({name}), whose name says it queues for an agent.")
            else:
                node["person"] = "unknown"
                notes.append(
                    f"Transfers to another contact flow{f' ({name})' if name else ''}; whether a person "
                    "takes the call there is unknown (that flow is not in this file)."
                )
            found = action.error("NoMatchingError")
            if found is not None:
                node["no_answer"] = self.target(found[0], found[1], f"the NoMatchingError error of `{action.id}`")
                notes.append("no_answer is the source's Error route: the transfer to the flow failed.")
            mapped = ("NoMatchingError",)
        elif action.type == "TransferParticipantToThirdParty":
            number_ = as_str(action.params.get("ThirdPartyPhoneNumber"))
            if number_ is not None and self.own is not None:  # ivrkit writes `{name}` as a contact attribute
                number_ = re.sub(r"\$\.Attributes\.([A-Za-z_][A-Za-z0-9_-]*)", r"{\1}", number_)
            node["number"] = number_ or "(number not given)"
            if number_ is None:
                self.out.remark(action.pos, f"the transfer `{action.id}` names no phone number")
            for error_type, field_name in (("ConnectionTimeLimitExceeded", "no_answer"),):
                found = action.error(error_type)
                if found is not None:
                    node[field_name] = self.target(found[0], found[1], f"the {error_type} error of `{action.id}`")
            mapped = ("ConnectionTimeLimitExceeded",)
            if action.next is not None:
                self.out.unmap(node_id, after_call=self.target(action.next, action.next_pos, f"`{action.id}`"))
        else:
            queue, candidates = self.queue_name(action)
            if queue is not None:
                node["queue"] = queue
            else:
                node["queue"] = "working queue"
                notes.append(
                    "The working queue is set "
                    + (
                        f"by one of several earlier steps: {', '.join(candidates)}."
                        if candidates
                        else "outside this flow."
                    )
                )
            found = action.error("QueueAtCapacity")
            if self.own is not None:
                self.own_hours(node_id, node)
            if found is not None:
                node["busy"] = self.target(found[0], found[1], f"the QueueAtCapacity error of `{action.id}`")
            failed = action.error("NoMatchingError")
            if failed is not None:
                node["no_answer"] = self.target(failed[0], failed[1], f"the NoMatchingError error of `{action.id}`")
                notes.append("no_answer is the source's Error route: the contact could not be queued.")
            mapped = ("QueueAtCapacity", "NoMatchingError")
            if action.next is not None:
                self.out.unmap(node_id, next_action=self.target(action.next, action.next_pos, f"`{action.id}`"))
        self.out.unmap(node_id, **self.unmapped_errors(action, mapped))
        destination = node.get("number") or node.get("queue")
        if isinstance(destination, str) and is_variable(destination) and self.own is None:
            # Kept verbatim: the value is only known when the flow runs (a contact attribute, a Terraform
            # variable, a JSONPath). It is a name, never a template ivrkit fills in.
            notes.append(f"The destination depends on a variable: `{destination}` is only known when the flow runs.")
            self.out.remark(
                action.pos,
                f"the destination of `{action.id}` is `{destination}`, set by a variable "
                "when the flow runs; kept verbatim, so the simulation shows it as written",
            )
        if notes:
            node["note"] = " ".join(notes)
        return node

    def own_hours(self, node_id: str, node: dict) -> None:
        """`hours` and `closed` of a transfer ivrkit exported: the CheckHoursOfOperation written before it."""
        check = self.helpers.get((node_id, "hours"))
        if check is None:
            return
        node["hours"] = as_str(check.ivrkit.get("schedule"))
        for _, operands, target, where in check.conditions:
            if operands == ["False"]:
                node["closed"] = self.target(target, where, f"the closed way of `{check.id}`")

    def variable_name(self, action: Action) -> str:
        if action.type == "CheckHoursOfOperation":
            hours = action.names.get("hours")
            return Ids.slug(f"open {hours}") if hours else "open"
        value = as_str(action.params.get("ComparisonValue"))
        if action.type == "Compare" and value:
            return Ids.slug(value.removeprefix("$."))
        return Ids.slug(f"{self.node_of.get(action.id, action.type)} result")

    def _branch(self, action: Action, node_id: str) -> dict:
        if self.own is not None and (action.ivrkit.get("schedule") or action.ivrkit.get("variable")):
            return self.own_branch(action)
        name = self.variable_name(action)
        cases: dict[str, str] = {}
        values: list[str] = []
        for operator, operands, ref, pos in action.conditions:
            value = ", ".join(operands) if operator == "Equals" else f"{operator} {', '.join(operands)}".strip()
            value = value or "(empty)"
            if value not in values:
                values.append(value)
            goto = self.target(ref, pos, f"the condition {value} of `{action.id}`")
            if value in cases:
                self.out.remark(
                    pos, f"`{action.id}` tests {value} twice; the first wins, the second is under x-unmapped"
                )
                self.out.unmap(node_id, duplicate_conditions={value: goto})
                continue
            cases[value] = goto
        node: dict = {"type": "branch", "variable": name, "cases": cases}
        mapped: tuple[str, ...] = ("NoMatchingCondition",)
        if action.type == "CheckHoursOfOperation":
            description = (
                f"Amazon Connect CheckHoursOfOperation"
                f"{' (hours: ' + action.names['hours'] + ')' if 'hours' in action.names else ''}: "
                "True while open"
            )
            self.out.variable(name, values, description, default=values[0])
            complete = {"True", "False"} <= set(cases)
        else:
            what = as_str(action.params.get("ComparisonValue")) or f"the result of {action.type} `{action.id}`"
            description = (
                f"{what}, as compared by the source; {OTHER_VALUE} stands for every value "
                "the source does not compare against"
            )
            self.out.variable(name, values + [OTHER_VALUE], description, default=OTHER_VALUE)
            complete = False
        if action.type not in ("Compare", "CheckHoursOfOperation"):
            self.out.remark(
                action.pos,
                f"the conditions of `{action.type}` (`{action.id}`) are imported as a branch "
                f"on the variable `{name}`; its parameters are under x-unmapped",
            )
            self.out.unmap(node_id, type=action.source_type, parameters=action.source_params)
        found = action.error("NoMatchingCondition")
        if found is not None:
            node["default"] = self.target(found[0], found[1], f"the NoMatchingCondition error of `{action.id}`")
            if action.next is not None:
                other = self.target(action.next, action.next_pos, f"the next action of `{action.id}`")
                if other != node["default"]:
                    self.out.unmap(node_id, next_action=other)
        elif action.next is not None:
            node["default"] = self.target(action.next, action.next_pos, f"the next action of `{action.id}`")
        elif not complete:
            node["default"] = self.out.end(action.pos)
        self.out.unmap(node_id, **self.unmapped_errors(action, mapped))
        return node

    def own_branch(self, action: Action) -> dict:
        """A branch ivrkit exported: a CheckHoursOfOperation on a named schedule, or a Compare on a variable."""
        cases: dict[str, str] = {}
        schedule = as_str(action.ivrkit.get("schedule"))
        states = {"True": "open", "False": "closed"}
        for _, operands, ref, pos in action.conditions:
            value = operands[0] if operands else ""
            cases.setdefault(states.get(value, value) if schedule else value, self.target(ref, pos, action.id))
        if schedule:
            return {"type": "branch", "schedule": schedule, "cases": cases}
        variable = as_dict(action.ivrkit.get("variable"))
        name = as_str(variable.get("name")) or "variable"
        values = [str(value) for value in as_list(variable.get("values"))]
        self.out.variable(name, values, "a contact attribute ($.Attributes)", default=as_str(variable.get("default")))
        return {"type": "branch", "variable": name, "cases": cases}


_NO_PERSON = re.compile(
    r"\b(?:no|without|non)[ -](?:an? )?(?:agents?|person|people|human)\b|\bself[ -]?service\b", re.IGNORECASE
)
_PERSON = re.compile(
    r"\b(?:queues?|queued|queueing|agents?|operators?|advisers?|advisors?|people|person|human)\b", re.IGNORECASE
)


def flow_reaches_person(name: str | None) -> bool | None:
    """What a transferred-to flow's name says: True when it queues for an agent, False when it says no agent
    answers, None (unknown) otherwise -- the flow itself is not in the file."""
    if not name:
        return None
    if _NO_PERSON.search(name):
        return False
    return True if _PERSON.search(name) else None


_VARIABLE = re.compile(r"\$\{|\$\.[A-Za-z]|\{\{")


def is_variable(value: str) -> bool:
    """True for a destination filled in when the flow runs: `${var.x}` (Terraform), `$.Attributes.x`
    (Connect JSONPath), `{{...}}` (templates)."""
    return bool(_VARIABLE.search(value))


def _pass_next(action: Action) -> str | None:
    """Where a passed-through action leads: its next action, else its only error target."""
    if action.next is not None:
        return action.next
    if action.ivrkit.get("role") == "hours":  # ivrkit's hours check before a transfer: open leads on to it
        return next((ref for _, operands, ref, _ in action.conditions if operands == ["True"]), None)
    targets = {ref for _, ref, _ in action.errors if ref is not None}
    return targets.pop() if len(targets) == 1 else None


def _prompt_words(params: dict) -> str:
    text = as_str(params.get("Text"))
    if text is None and as_str(params.get("SSML")):
        text = strip_ssml(as_str(params.get("SSML")))
    return words(text) if text else ""
