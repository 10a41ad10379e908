"""Twilio Studio flow definitions (`states`, `initial_state`, widgets with `transitions` and `properties`).

- the `trigger`'s incomingCall transition gives the entry;
- `say-play` -> `message` (text, or the played URL as `audio` with the text unknown);
- `gather-input-on-call` whose keypress goes to a `split-based-on` of its own
  `{{widgets.NAME.Digits}}` -> `menu`: `equal_to` / `matches_any_of` conditions
  are the options (unannounced: the prompt names the keys), the split's
  noMatch is the `no_match` handler, `timeout` the timeout, `loop` (how often
  the prompt plays) `retries: loop - 1` and the timeout transition the
  `fallback`; any other gather -> `input` (`number_of_digits`, `finish_on_key`);
- `split-based-on` -> `branch` on a declared variable named after the tested
  value (splits on speech results that only speech reaches go to x-unmapped);
- `connect-call-to` -> `transfer` (number, SIP endpoint or client); a split of
  its DialCallStatus right after it gives `no_answer` / `busy`;
- `record-voicemail` -> `voicemail`; `enqueue-call` and `send-to-flex` ->
  `transfer` to a queue;
- widgets the caller does not hear (HTTP requests, functions, variables,
  messages, unknown types) are passed through along their success path and
  kept under `x-unmapped`; a `run-function` or `make-http-request` whose
  success and fail(ed) lead to different places is a `branch` on a declared
  `<name>_result` variable (`success` by default), so both are paths;
- a menu's options are labelled from the prompt's words where it names them;
- a transition without `next` ends the call: it leads to the hangup node `end`;
- the retry pattern `ivrkit export --to studio` writes (`_studio_retries`: a try
  counter in `flow.variables.ivrkit_tries`, `<gather>__no_input` /
  `__no_match` counting and `__no_input_check` splits choosing the fallback or
  a handler) is folded back into `retries`, `fallback` and the handlers.
"""

from __future__ import annotations

import re
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
    language_code,
    looks_like_ssml,
    number,
    parse,
    plain,
    seconds,
    strip_ssml,
)
from ._studio_retries import Retries, find_retries
from .base import Imported, ImportProblem, SourceMap

__all__ = ["IMPORTER", "StudioImporter"]

Pos = tuple[int, int]

PASS_EVENTS = ("next", "success", "audioComplete", "completed", "callComplete", "return", "incomingCall")
OTHER_VALUE = "(any other value)"
KNOWN_PASS = frozenset(
    {
        "make-http-request",
        "set-variables",
        "run-function",
        "send-message",
        "send-and-wait-for-reply",
        "add-twiml-redirect",
        "run-subflow",
        "capture-payments",
        "record-call",
        "fork-stream",
        "connect-virtual-agent",
    }
)
# Widgets whose result the caller does not hear but that go on by success or failure (Twilio's widget library:
# run-function has `success` / `fail`, make-http-request `success` / `failed`).
OUTCOME_WIDGETS = frozenset({"run-function", "make-http-request"})
OUTCOME_EVENTS = ("success", "fail", "failed")
EXPORT_MARKER = "ivrkit export:"  # how `ivrkit export --to studio` begins the description
_NODE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_EXPRESSION = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass
class State:
    name: str
    type: str
    props: dict
    pos: Pos
    index: int
    transitions: list[tuple[str, str | None, list, Pos]] = field(default_factory=list)  # event, next, conditions, pos

    def event(self, name: str) -> tuple[str | None, Pos] | None:
        for event, target, _, pos in self.transitions:
            if event == name:
                return target, pos
        return None


class StudioImporter:
    name = "studio"
    description = "Twilio Studio flow definition JSON (states, transitions, widget properties)"

    def detect(self, text: str, path: Path) -> bool:
        if not text.lstrip("\ufeff \t\r\n").startswith("{"):
            return False
        return '"states"' in text and ('"initial_state"' in text or '"transitions"' in text)

    def convert(self, text: str, path: Path) -> Imported:
        data, positions = parse(text)
        if not isinstance(data, dict):
            raise ImportProblem(
                "a Twilio Studio flow is a JSON object", 1, 1, 'expected {"states": [...], "initial_state": ...}'
            )
        if "definition" in data and "states" not in data and isinstance(data["definition"], dict):
            data = data["definition"]  # the REST API's flow resource wraps the definition
            prefix: tuple = ("definition",)
        else:
            prefix = ()
        at = lambda *paths, default=(1, 1): positions.of(*(prefix + p for p in paths), default=default)  # noqa: E731
        if "states" not in data:
            raise ImportProblem("this JSON has no `states`", 1, 1, "is it a Twilio Studio flow definition?")
        if not isinstance(data["states"], list):
            raise ImportProblem("`states` must be a list of widgets", *at(("states",)))
        states: list[State] = []
        seen: set[str] = set()
        for i, item in enumerate(data["states"]):
            where = ("states", i)
            if not isinstance(item, dict):
                raise ImportProblem("a widget must be a JSON object", *at(where))
            name = as_str(item.get("name"))
            if name is None:
                raise ImportProblem("this widget has no `name`", *at(where), "every widget needs a unique name")
            if name in seen:
                raise ImportProblem(f"the widget name `{name}` is used twice", *at(where + ("name",)))
            seen.add(name)
            state = State(
                name,
                as_str(item.get("type")) or "(no type)",
                as_dict(item.get("properties")),
                at(where + ("name",), where),
                i,
            )
            for j, transition in enumerate(as_list(item.get("transitions"))):
                transition = as_dict(transition)
                state.transitions.append(
                    (
                        as_str(transition.get("event")) or "(no event)",
                        as_str(transition.get("next")),
                        as_list(transition.get("conditions")),
                        at(where + ("transitions", j, "next"), where + ("transitions", j), where),
                    )
                )
            states.append(state)
        if not states:
            raise ImportProblem("the flow has no widgets", *at(("states",)))
        initial = as_str(data.get("initial_state"))
        info = {"description": as_str(data.get("description"))}
        return _Converter(states, initial, at(("initial_state",)), positions, path, info).run()


IMPORTER = StudioImporter()


def _expression(text: Any) -> str | None:
    """`{{widgets.menu.Digits}}` -> `widgets.menu.Digits`."""
    text = as_str(text)
    if text is None:
        return None
    match = _EXPRESSION.fullmatch(text.strip())
    return match.group(1) if match else None


class _Converter:
    def __init__(self, states: list[State], initial: str | None, initial_pos: Pos, positions, path: Path, info: dict):
        self.states = states
        self.by_name = {state.name: state for state in states}
        self.initial = initial
        self.initial_pos = initial_pos
        self.path = path
        self.info = info
        self.source_map = SourceMap()
        self.ids = Ids()
        self.out = Output(self.ids, self.source_map, positions)
        self.node_of: dict[str, str] = {}
        self.passed: dict[str, str] = {}  # pass-through widget -> the node it leads to
        self.folded: dict[str, str] = {}  # split name -> the widget it is folded into
        self.refs: dict[str, list[tuple[str, str]]] = {}  # target name -> [(source widget, event)]
        self.language: str | None = None
        self.entry: str | None = None
        description = info.get("description") or ""
        self.exported = description.startswith(EXPORT_MARKER)
        if self.exported:
            info["description"] = description[len(EXPORT_MARKER) :].strip() or None
        self.retries: dict[str, Retries] = {}  # gather name -> the retry pattern ivrkit's exporter wrote
        self.helpers: set[str] = set()  # the widgets of those patterns: no nodes of their own
        self.said: dict[str, State] = {}  # a transfer or voicemail widget -> the say-play `<name>__say` before it

    # classification

    def kind(self, state: State) -> str:
        kinds = {
            "trigger": "trigger",
            "say-play": "message",
            "gather-input-on-call": "gather",
            "split-based-on": "branch",
            "connect-call-to": "transfer",
            "record-voicemail": "voicemail",
            "enqueue-call": "queue",
            "send-to-flex": "queue",
        }
        kind = kinds.get(state.type, "pass")
        if kind == "branch" and self.speech_only(state):
            return "speech"
        if (
            kind == "pass"
            and state.type in OUTCOME_WIDGETS
            and len({target for event, target, _, _ in state.transitions if event in OUTCOME_EVENTS}) > 1
        ):
            return "outcome"  # success and fail lead to different places: both are paths
        return kind

    def speech_only(self, state: State) -> bool:
        expression = _expression(state.props.get("input")) or ""
        refs = self.refs.get(state.name, [])
        if state.name == self.initial:
            return False
        return (
            expression.endswith(".SpeechResult")
            and bool(refs)
            and all(event == "speech" and self.by_name[source].type == "gather-input-on-call" for source, event in refs)
        )

    def fold_target(self, state: State) -> State | None:
        """The split a gather's keypress (or a call's callCompleted) leads to, when it tests only that widget."""
        event, suffix = {
            "gather-input-on-call": ("keypress", "Digits"),
            "connect-call-to": ("callCompleted", "DialCallStatus"),
        }.get(state.type, (None, None))
        if event is None:
            return None
        found = state.event(event)
        split = self.by_name.get(found[0]) if found and found[0] else None
        if split is None or split.type != "split-based-on" or self.refs.get(split.name) != [(state.name, event)]:
            return None
        if split.name == self.initial:  # the call can start at the split itself: it needs a node of its own
            return None
        if _expression(split.props.get("input")) != f"widgets.{state.name}.{suffix}":
            return None
        if suffix == "Digits" and not any(
            self.option_keys(conditions) for ev, _, conditions, _ in split.transitions if ev == "match"
        ):
            return None
        return split

    @staticmethod
    def option_keys(conditions: list) -> list[str]:
        """The DTMF keys a match transition stands for (empty when it is not a plain key test)."""
        if len(conditions) != 1:
            return []
        condition = as_dict(conditions[0])
        kind, value = as_str(condition.get("type")), as_str(condition.get("value"))
        if value is None:
            return []
        if kind == "equal_to":
            keys = [value.strip()]
        elif kind == "matches_any_of":
            keys = [part.strip() for part in value.split(",")]
        else:
            return []
        return keys if keys and all(DTMF_KEY.match(key) for key in keys) else []

    # targets

    def target(self, name: str | None, pos: Pos | None, where: str) -> str:
        """The node a transition leads to, following pass-through widgets.

        Where a run of pass-through widgets leads is remembered for each of them, so thousands of
        them in a row cost one walk, not one walk per widget.
        """
        seen: list[str] = []
        on_path: set[str] = set()
        result = None
        while result is None:
            if name is None:
                result = self.out.end(pos)
                break
            if name in self.passed:
                result = self.passed[name]
                break
            if name in self.helpers and name.endswith("__say"):
                name = name.removesuffix("__say")  # the words before a transfer or voicemail: part of it
                continue
            state = self.by_name.get(name)
            if state is None:
                result = self.out.missing(name, where, pos or (1, 1))
                break
            kind = self.kind(state)
            if kind == "trigger":
                return self.entry or self.out.end(pos)  # not remembered: the entry is found later
            if kind != "pass":
                result = self.node_of[name]
                break
            if name in on_path:
                self.out.remark(state.pos, f"the widgets {_names(seen)} lead only to each other; the call ends there")
                result = self.out.end(state.pos)
                break
            seen.append(name)
            on_path.add(name)
            where = f"the widget `{name}`"
            name, pos = _pass_next(state)
        for passed in seen:
            self.passed[passed] = result
        return result

    # the run

    def run(self) -> Imported:
        for state in self.states:
            for event, target, _, _ in state.transitions:
                if target is not None:
                    self.refs.setdefault(target, []).append((state.name, event))
        for state in self.states:
            split = self.fold_target(state)
            if split is not None:
                self.folded[split.name] = state.name
        self.retries, self.helpers = find_retries(self.states, self.by_name)
        if self.exported:
            self.find_words_before()
        for state in self.states:
            if self.kind(state) != "trigger" and state.name not in self.folded and state.name not in self.helpers:
                self.node_of[state.name] = self.node_id(state.name)
        for state in self.states:
            language = language_code(state.props.get("language"))
            if language and state.type in ("say-play", "gather-input-on-call"):
                self.language = language
                break
        self.entry = self.find_entry()
        for state in self.states:
            kind = self.kind(state)
            if kind == "trigger" or state.name in self.folded or state.name in self.helpers:
                continue
            node_id = self.node_of[state.name]
            self.source_map.record(node_id, *state.pos)
            if kind == "pass":
                self.pass_through(state, node_id)
                continue
            if kind == "speech":
                self.speech_split(state, node_id)
                continue
            node = getattr(self, f"_{kind}")(state, node_id)
            note = f"Twilio Studio {state.type} `{state.name}`"
            node["note"] = f"{note}. {node['note']}" if node.get("note") else note
            self.out.nodes[node_id] = node
        menu = self.out.menu(
            name=self.info.get("description") or self.path.stem or "Imported Twilio Studio flow",
            language=self.language,
            entry=self.entry,
            imported_from={"importer": "studio", "format": "Twilio Studio flow definition", "file": self.path.name},
        )
        return confine_audio(Imported(menu=menu, source_map=self.source_map, remarks=self.out.remarks))

    def find_words_before(self) -> None:
        """The say-play `<name>__say` ivrkit's exporter writes before a transfer or voicemail: its words."""
        for state in self.states:
            owner = self.by_name.get(state.name.removesuffix("__say"))
            found = state.event("audioComplete")
            if (
                state.type == "say-play"
                and state.name.endswith("__say")
                and owner is not None
                and owner.type in ("connect-call-to", "enqueue-call", "record-voicemail")
                and found is not None
                and found[0] == owner.name
            ):
                self.helpers.add(state.name)
                self.said[owner.name] = state

    def node_id(self, name: str) -> str:
        """A widget's node id: its slug, or in a flow ivrkit exported the name itself (ivrkit's own node id)."""
        if self.exported and _NODE_ID.fullmatch(name) and name not in self.ids.used:
            self.ids.used.add(name)
            return name
        return self.ids.new(name)

    def find_entry(self) -> str:
        initial = self.by_name.get(self.initial) if self.initial else None
        if initial is None:
            if self.initial is None:
                self.out.remark(
                    self.initial_pos, "the flow names no `initial_state`; the first widget is taken as the trigger"
                )
                initial = self.states[0]
            else:
                return self.out.missing(self.initial, "`initial_state`", self.initial_pos)
        if initial.type != "trigger":
            return self.target(initial.name, initial.pos, "`initial_state`")
        found = initial.event("incomingCall")
        if found is None or found[0] is None:
            self.out.remark(initial.pos, "the trigger has no incomingCall transition: a call ends at once")
            return self.out.end(initial.pos)
        if found[0] == initial.name:
            return self.out.end(found[1])
        return self.target(found[0], found[1], "the incomingCall transition of the trigger")

    # shared pieces

    def prompt(self, state: State, node_id: str, node: dict, used: set) -> None:
        say, play = as_str(state.props.get("say")), as_str(state.props.get("play"))
        used.update(("say", "play", "voice", "language"))
        if say is not None:
            if looks_like_ssml(say):
                spoken = strip_ssml(say)
                if spoken:
                    node["say"] = spoken
                self.out.unmap(node_id, ssml=say)
                node.setdefault("_notes", []).append(
                    "The source text is SSML; its tags are removed here (the SSML is under x-unmapped)."
                )
            else:
                node["say"] = say.strip()
        if play is not None:
            if "say" in node:
                self.out.unmap(node_id, play=play)
            else:
                node["audio"] = play
        voice = as_str(state.props.get("voice"))
        if voice is not None and ("say" in node):
            node["voice"] = voice
        language = as_str(state.props.get("language"))
        if language is not None and language != self.language:
            self.out.unmap(node_id, language=language)
            self.out.remark(
                state.pos,
                f"`{state.name}` speaks {language!r}, the imported file "
                f"{'speaks ' + repr(self.language) if self.language else 'has no language ivrkit can use'}; "
                "its language is kept under x-unmapped",
            )

    def keep_rest(self, state: State, node_id: str, used: set, events_used: set) -> None:
        """Everything of the widget not mapped: properties and transitions, kept under x-unmapped."""
        rest = {key: value for key, value in state.props.items() if key not in used and key != "offset"}
        transitions = {}
        for event, target, conditions, pos in state.transitions:
            if event in events_used or (target is None and not conditions):
                continue
            transitions[event] = self.target(target, pos, f"the {event} transition of `{state.name}`")
        self.out.unmap(node_id, properties=rest, transitions=transitions)

    def finish(self, node: dict) -> dict:
        notes = node.pop("_notes", [])
        if notes:
            node["note"] = " ".join(notes)
        return node

    # node builders

    def pass_through(self, state: State, node_id: str) -> None:
        if state.type not in KNOWN_PASS:
            self.out.remark(
                state.pos,
                f"`{state.type}` (`{state.name}`) is not a widget type ivrkit knows; "
                f"passed through and kept under x-unmapped.{node_id}",
            )
        name, pos = _pass_next(state)
        self.out.unmap(
            node_id,
            type=state.type,
            widget=state.name,
            why="the caller does not hear this widget; calls pass through it"
            if state.type in KNOWN_PASS
            else "unknown widget type; calls pass through it",
            continues_at=self.target(name, pos, f"the widget `{state.name}`"),
        )
        used_event = next((event for event, target, _, _ in state.transitions if target == name), None)
        self.keep_rest(state, node_id, set(), {used_event} if used_event else set())

    def _outcome(self, state: State, node_id: str) -> dict:
        """A function or HTTP request: its outcome is only known when the flow runs, so it is a branch on a
        declared variable (`success` by default); a transition without `next` ends the call, as in Studio."""
        name = Ids.slug(f"{state.name} result")
        cases: dict[str, str] = {}
        for event, target, _, pos in state.transitions:
            if event in OUTCOME_EVENTS and event not in cases:
                cases[event] = self.target(target, pos, f"the {event} transition of `{state.name}`")
        default = "success" if "success" in cases else next(iter(cases))
        self.out.variable(
            name,
            list(cases),
            f"whether the {state.type} `{state.name}` succeeds or fails; only known when the flow runs",
            default=default,
        )
        self.keep_rest(state, node_id, set(), set(OUTCOME_EVENTS))
        return {
            "type": "branch",
            "variable": name,
            "cases": cases,
            "note": "The caller hears nothing here; the widget succeeds or fails, and each leads on as in the "
            "source (its properties are under x-unmapped).",
        }

    def speech_split(self, state: State, node_id: str) -> None:
        cases = {}
        for event, target, conditions, pos in state.transitions:
            label = "noMatch" if event == "noMatch" else self.case_label(conditions) or event
            cases[label] = self.target(target, pos, f"the {event} transition of `{state.name}`")
        self.out.unmap(
            node_id,
            type=state.type,
            widget=state.name,
            input=state.props.get("input"),
            why="a test of speech recognition results; ivrkit models keys only",
            cases=cases,
        )
        self.out.remark(
            state.pos, f"`{state.name}` tests speech results, which ivrkit does not model; kept under x-unmapped"
        )

    def _message(self, state: State, node_id: str) -> dict:
        node: dict = {"type": "message"}
        used = {"loop", "digits"}
        self.prompt(state, node_id, node, used)
        loop = number(state.props.get("loop"))
        if loop is not None and loop != 1:
            self.out.unmap(node_id, loop=state.props.get("loop"))
            node.setdefault("_notes", []).append(f"The source plays this {plain(loop)} times (loop).")
        if "digits" in state.props:
            self.out.unmap(node_id, digits=state.props["digits"])
        found = state.event("audioComplete")
        if self.exported and found is not None and found[0] is None:
            node["type"] = "hangup"  # ivrkit's exporter writes a hang-up as words after which the call ends
            self.keep_rest(state, node_id, used, {"audioComplete"})
            return self.finish(node)
        node["next"] = self.target(
            found[0] if found else None,
            found[1] if found else state.pos,
            f"the audioComplete transition of `{state.name}`",
        )
        self.keep_rest(state, node_id, used, {"audioComplete"})
        return self.finish(node)

    def _gather(self, state: State, node_id: str) -> dict:
        split_name = next((name for name, into in self.folded.items() if into == state.name), None)
        ways = {target for event, target, _, _ in state.transitions if event in ("keypress", "timeout", "speech")}
        if split_name is None and len(ways) == 1 and None not in ways and state.event("keypress") is not None:
            return self.one_way_gather(state, node_id, ways.pop())
        node: dict = {"type": "menu" if split_name else "input"}
        used = {"timeout", "loop", "number_of_digits", "finish_on_key"}
        self.prompt(state, node_id, node, used)
        props, notes = state.props, node.setdefault("_notes", [])
        events = {"keypress", "timeout", "speech"}
        if split_name:
            self.gather_options(state, self.by_name[split_name], node_id, node)
        else:
            digits = number(props.get("number_of_digits"))
            if digits is not None and 1 <= digits <= 64 and float(digits).is_integer():
                node["digits"] = {"max": int(digits)}
            else:
                node["digits"] = {"max": 64}
                notes.append("The source sets no usable number of digits; 64 (ivrkit's limit) is assumed.")
                if digits is not None:
                    self.out.unmap(node_id, number_of_digits=props.get("number_of_digits"))
            if "finish_on_key" in props:
                key = props.get("finish_on_key")
                if key in ("#", "*"):
                    node["digits"]["terminator"] = key
                else:
                    node["digits"]["terminator"] = None
                    if key not in ("", None):
                        self.out.unmap(node_id, finish_on_key=key)
                        self.out.remark(
                            state.pos,
                            f"the finish_on_key {key!r} of `{state.name}` is not # or *; kept under x-unmapped",
                        )
        if "timeout" in props:
            value = seconds(props["timeout"], 0.5, 120)
            if value is None:
                self.out.unmap(node_id, timeout=props["timeout"])
                self.out.remark(
                    state.pos,
                    f"the timeout {props['timeout']!r} of `{state.name}` is not 0.5-120 seconds; kept under x-unmapped",
                )
            else:
                node["timeout"] = value
        loop = number(props.get("loop", 1))
        if loop is not None and loop >= 1 and float(loop).is_integer():
            node["retries"] = min(int(loop) - 1, 10)
            notes.append(
                f"The source plays the prompt {int(loop)} time{'s' if loop != 1 else ''} (loop) before timing out."
            )
            if loop > 11:
                self.out.unmap(node_id, loop=props.get("loop"))
                self.out.remark(state.pos, f"`{state.name}` loops {plain(loop)} times; ivrkit allows 10 retries")
        else:
            self.out.unmap(node_id, loop=props.get("loop"))
            self.out.remark(
                state.pos,
                f"the loop {props.get('loop')!r} of `{state.name}` is not a count of plays; kept under x-unmapped",
            )
        if split_name and "number_of_digits" in props:
            self.out.unmap(node_id, number_of_digits=props["number_of_digits"])
        if split_name and "finish_on_key" in props:
            self.out.unmap(node_id, finish_on_key=props["finish_on_key"])
        retry = self.retries.get(state.name)
        if retry is not None:
            self.fold_retries(state, retry, node)
        else:
            timeout = state.event("timeout")
            node["fallback"] = self.target(
                timeout[0] if timeout else None,
                timeout[1] if timeout else state.pos,
                f"the timeout transition of `{state.name}`",
            )
            if split_name and node.get("retries") == 0 and node["no_match"]["goto"] != node["fallback"]:
                # One play (loop 1), and a wrong key goes straight to the split's noMatch: the handlers' goto is
                # taken while tries are left, so one is left, and silence's goto is the timeout transition.
                node["retries"] = 1
                node["no_input"] = {"goto": node["fallback"]}
                notes.append(
                    "Studio does not replay here: silence follows the timeout transition and a wrong key "
                    "the split's noMatch at once (their goto; retries: 1 only so the first failure takes it)."
                )
        confirm = self.confirmation(state) if not split_name else None
        if confirm is not None:
            node["confirm"] = True
            node["next"] = self.target(confirm[0], confirm[1], f"the confirmation of `{state.name}`")
        elif not split_name:
            keypress = state.event("keypress")
            node["next"] = self.target(
                keypress[0] if keypress else None,
                keypress[1] if keypress else state.pos,
                f"the keypress transition of `{state.name}`",
            )
        speech = state.event("speech")
        if speech is not None and speech[0] is not None:
            self.out.unmap(
                node_id, speech=self.target(speech[0], speech[1], f"the speech transition of `{state.name}`")
            )
            self.out.remark(
                speech[1],
                f"`{state.name}` also listens for speech, which ivrkit does not model; "
                "the speech transition is kept under x-unmapped",
            )
        self.keep_rest(state, node_id, used, events)
        return self.finish(node)

    def confirmation(self, state: State) -> tuple[str | None, Pos] | None:
        """Where the read-back `ivrkit export` writes after an input (`<id>__confirm`) goes on with key 1."""
        keypress = state.event("keypress")
        if keypress is None or keypress[0] != f"{state.name}__confirm" or keypress[0] not in self.helpers:
            return None
        keys = self.by_name.get(f"{state.name}__confirm__keys")
        if keys is None:
            return None
        for event, target, conditions, pos in keys.transitions:
            if event == "match" and self.option_keys(conditions) == ["1"]:
                return target, pos
        return None

    def words_before(self, state: State, node_id: str, node: dict) -> None:
        said = self.said.get(state.name)
        if said is not None:
            self.prompt(said, node_id, node, set())

    def fold_retries(self, state: State, retry: Retries, node: dict) -> None:
        """The retry pattern of ivrkit's exporter: the count, the fallback and the handler each count plays."""
        node["retries"] = min(retry.retries, 10)
        node["fallback"] = self.target(retry.fallback, state.pos, f"the retry check of `{state.name}`")
        for kind, ways in (("no_input", retry.no_input), ("no_match", retry.no_match)):
            handlers = []
            for way in ways:
                handler: dict = {}
                if way.say is not None:
                    handler["say"] = way.say
                if way.goto is not None:
                    handler["goto"] = self.target(way.goto, state.pos, f"a handler of `{state.name}`")
                handlers.append(handler)
            if any(handlers):
                node[kind] = handlers
            else:
                node.pop(kind, None)

    def one_way_gather(self, state: State, node_id: str, target: str) -> dict:
        """A gather whose keypress, speech and timeout all lead to one widget asks nothing: whatever the caller
        does, the call goes on there. It is a message the caller may interrupt ("Please hold to be connected")."""
        node: dict = {"type": "message"}
        used = {"timeout"}
        self.prompt(state, node_id, node, used)
        node["next"] = self.target(target, state.event("keypress")[1], f"the keypress transition of `{state.name}`")
        timeout = state.props.get("timeout")
        node.setdefault("_notes", []).append(
            "A gather whose keypress, speech and timeout all lead to the same place: whatever the caller does, the "
            "call goes on there, so it is imported as a message"
            + (f" (the source also waits up to {timeout} s for a key after it)." if timeout is not None else ".")
        )
        self.out.unmap(node_id, type=state.type, timeout=timeout)
        self.keep_rest(state, node_id, used, {"keypress", "timeout", "speech"})
        return self.finish(node)

    def gather_options(self, gather: State, split: State, node_id: str, node: dict) -> None:
        options: dict[str, dict] = {}
        unmapped = []
        for event, target, conditions, pos in split.transitions:
            if event == "noMatch":
                if target not in self.helpers:
                    node["no_match"] = {"goto": self.target(target, pos, f"the noMatch transition of `{split.name}`")}
                continue
            keys = self.option_keys(conditions) if event == "match" else []
            goto = self.target(target, pos, f"a {event} transition of `{split.name}`")
            if not keys:
                unmapped.append({"event": event, "conditions": conditions, "goes_to": goto})
                self.out.remark(pos, f"a condition of `{split.name}` is not a plain key test; kept under x-unmapped")
                continue
            for key in keys:
                if key in options:
                    unmapped.append({"event": event, "key": key, "goes_to": goto})
                    self.out.remark(pos, f"`{split.name}` tests the key {key} twice; the first wins")
                    continue
                options[key] = {"goto": goto}
                self.source_map.record(f"{node_id} options {key}", *pos)
        if "say" in node:
            for key, label in labels_from_prompt(node["say"], self.language or "en").items():
                if key in options and label:
                    options[key]["label"] = label
        node["options"] = options
        node["announce_options"] = False
        if "no_match" not in node and gather.name not in self.retries:
            node["no_match"] = {"goto": self.out.end(split.pos)}
        self.out.unmap(
            node_id,
            **{"split": split.name, "split_conditions_not_mapped": unmapped} if unmapped else {"split": split.name},
        )
        self.source_map.record(node_id, *gather.pos)
        node.setdefault("_notes", []).append(
            f"The options come from the split `{split.name}` of the keys; "
            + (
                "their labels are read from the prompt, which names the keys (announce_options: false)."
                if any("label" in option for option in options.values())
                else "the source has no option labels (its prompt names the keys: announce_options: false)."
            )
        )
        rest = {key: value for key, value in split.props.items() if key not in ("offset", "input")}
        if rest:
            self.out.unmap(node_id, split_properties=rest)

    @staticmethod
    def case_label(conditions: list) -> str | None:
        parts = []
        for condition in conditions:
            condition = as_dict(condition)
            kind = as_str(condition.get("type")) or "test"
            value = as_str(condition.get("value"))
            value = "" if value is None else value
            parts.append(value if kind == "equal_to" else f"{kind} {value}".strip())
        return " and ".join(parts) if parts else None

    def _branch(self, state: State, node_id: str) -> dict:
        expression = _expression(state.props.get("input"))
        raw_input = as_str(state.props.get("input"))
        base = expression.removeprefix("widgets.").removeprefix("flow.") if expression else f"{state.name} input"
        name = Ids.slug(base.replace(".", "_"))
        if self.exported and expression and expression.startswith("flow.variables."):
            name = expression.removeprefix("flow.variables.")  # ivrkit's own variable, as the exporter wrote it
        cases: dict[str, str] = {}
        values: list[str] = []
        node: dict = {"type": "branch", "variable": name}
        for event, target, conditions, pos in state.transitions:
            goto = self.target(target, pos, f"the {event} transition of `{state.name}`")
            if event == "noMatch":
                node["default"] = goto
                continue
            label = self.case_label(conditions) or "(empty)"
            if label in cases:
                self.out.unmap(node_id, duplicate_conditions={label: goto})
                self.out.remark(pos, f"`{state.name}` tests {label!r} twice; the first wins")
                continue
            values.append(label)
            cases[label] = goto
        node["cases"] = cases
        if "default" not in node:
            node["default"] = self.out.end(state.pos)
        self.out.variable(
            name,
            values + [OTHER_VALUE],
            f"{raw_input or 'the input of ' + state.name}, as tested by the source; {OTHER_VALUE} "
            "stands for every value no condition matches",
            default=OTHER_VALUE,
        )
        self.keep_rest(state, node_id, {"input"}, {event for event, _, _, _ in state.transitions})
        return node

    def _transfer(self, state: State, node_id: str) -> dict:
        props = state.props
        node: dict = {"type": "transfer"}
        self.words_before(state, node_id, node)
        noun = as_str(props.get("noun")) or "number"
        used = {"noun", "to", "sip_endpoint"}
        ring = seconds(props.get("timeout"), 1, 3600) if self.exported and "timeout" in props else None
        if ring is not None:
            node["max_wait"] = ring  # ivrkit's exporter writes max_wait as the ring timeout
            used.add("timeout")
        if noun == "sip":
            target = as_str(props.get("sip_endpoint")) or as_str(props.get("to"))
        else:
            target = as_str(props.get("to"))
        if target is None:
            self.out.remark(state.pos, f"`{state.name}` names nothing to connect to")
        if self.exported and target is not None:  # ivrkit's exporter writes `{name}` as a flow variable
            target = re.sub(r"\{\{\s*flow\.variables\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}", r"{\1}", target)
        node["number"] = target or "(not given)"
        if noun not in ("number", "number-multi", "sip"):
            node["_notes"] = [f"Connects to a Twilio {noun}, not a phone number."]
        split = next((self.by_name[name] for name, into in self.folded.items() if into == state.name), None)
        events = {"callCompleted", "hangup"}
        if split is not None:
            after = {}
            for event, target_name, conditions, pos in split.transitions:
                if target_name is None:
                    continue  # no next: the call ends, as after any transfer
                goto = self.target(target_name, pos, f"the {event} transition of `{split.name}`")
                label = self.case_label(conditions) if event != "noMatch" else "noMatch"
                field_name = {"no-answer": "no_answer", "busy": "busy"}.get(label or "")
                if event == "match" and field_name and field_name not in node:
                    node[field_name] = goto
                elif self.exported and event == "match" and (label or "").startswith("matches_any_of"):
                    node.setdefault("overflow", goto)  # ivrkit's exporter: any other unanswered call overflows
                elif target_name is not None:
                    after[label or event] = goto
            if after:
                self.out.unmap(node_id, after_call=after, split=split.name)
                self.out.remark(
                    split.pos,
                    f"after the call of `{state.name}` the source continues by DialCallStatus; "
                    "the cases ivrkit cannot map are under x-unmapped",
                )
            else:
                self.out.unmap(node_id, split=split.name)
        else:
            found = state.event("callCompleted")
            if found is not None and found[0] is not None:
                self.out.unmap(node_id, after_call=self.target(found[0], found[1], f"`{state.name}`"))
                self.out.remark(
                    found[1],
                    f"after the call of `{state.name}` the source continues at `{found[0]}`; "
                    "an ivrkit transfer ends the IVR, so this is kept under x-unmapped",
                )
        self.keep_rest(state, node_id, used, events)
        return self.finish(node)

    def _queue(self, state: State, node_id: str) -> dict:
        props = state.props
        if state.type == "send-to-flex":
            queue = as_str(props.get("workflow"))
            note = "A Twilio Flex task (the workflow is the queue; its attributes are under x-unmapped)."
            used = {"workflow"}
        else:
            queue = as_str(props.get("queue_name")) or as_str(props.get("workflow_sid"))
            note = "Twilio enqueue-call."
            used = {"queue_name", "workflow_sid"} if as_str(props.get("queue_name")) else {"workflow_sid"}
        if queue is None:
            self.out.remark(state.pos, f"`{state.name}` names no queue or workflow")
        node = {"type": "transfer", "queue": queue or "(not given)", "note": note}
        self.words_before(state, node_id, node)
        self.keep_rest(state, node_id, used, set())
        return node

    def _voicemail(self, state: State, node_id: str) -> dict:
        node: dict = {"type": "voicemail"}
        self.words_before(state, node_id, node)
        used = set()
        if "max_length" in state.props:
            value = seconds(state.props["max_length"], 5, 3600)
            if value is not None:
                node["max_length"] = value
                used.add("max_length")
        for event, target, _, pos in state.transitions:
            if target is not None:
                self.out.remark(
                    pos,
                    f"after recording, `{state.name}` continues at `{target}` on {event}; "
                    "an ivrkit voicemail ends the call, so this is kept under x-unmapped",
                )
        self.keep_rest(state, node_id, used, set())
        return node


def _names(names: list[str], shown: int = 10) -> str:
    """Names for a message: the first `shown`, then how many more."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def _pass_next(state: State) -> tuple[str | None, Pos]:
    """Where a passed-through widget leads: its success-like transition, else its only target."""
    for wanted in PASS_EVENTS:
        for event, target, _, pos in state.transitions:
            if event == wanted and target is not None:
                return target, pos
    targets = {(target, pos) for _, target, _, pos in state.transitions if target is not None}
    if len({target for target, _ in targets}) == 1:
        return next(iter(targets))
    return None, state.pos
