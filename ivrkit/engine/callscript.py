"""Call scripts (`*.calls.yaml`): expected caller journeys, checked against the simulator.

```yaml
menu: northwind-energy.yaml          # relative to this file
at: "2026-11-23 10:00"               # default simulated time of every call (default: DEFAULT_AT)
calls:
  - name: pay a bill
    press: "1 12345678# 1"           # the step language of ivrkit.engine.drive
    language: en                     # optional: at, language, variables, queue_wait, transfer
    expect:
      reaches: billing_team          # a node (or a list): the call gets there
      within: 60                     # ... within this many simulated seconds
      keypresses: 10                 # ... after at most this many keys
      hears: ["To pay", "/press [0-9]/"]   # substrings, or /regular expressions/
      not_hears: ["Sorry"]
      ends_with: transfer            # transfer, voicemail, callback, hangup, or a node
```

Problems in a script are reported like menu problems (path:line:col, exit 2),
including `variables` the menu does not declare or values it does not list,
and steps left over after a call has ended. A menu given where a call script
is expected is named as such (`looks_like_menu`, `looks_like_call_script`).
docs/calls.md is the user's reference.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path

import yaml

from .. import yamlsource
from ..diagnostics import Diagnostic, LoadError, did_you_mean, display_path
from ..goals import looks_like_goals
from ..loader import load
from ..model import MenuSet, Span, field, model_class
from ..yamlfields import FieldReader
from .drive import CallRecord, Step, StepError, parse_steps, run_call
from .events import CallbackEvent, HangupEvent, Speak, TransferEvent, VoicemailEvent

__all__ = [
    "Expectation",
    "ScriptedCall",
    "CallScript",
    "CallResult",
    "load_script",
    "run_script",
    "ENDINGS",
    "DEFAULT_AT",
    "parse_time",
    "time_problem",
    "variable_problem",
    "looks_like_call_script",
    "looks_like_menu",
    "measured_moment",
]

SCRIPT_FIELDS = ("menu", "at", "language", "calls")
CALL_FIELDS = ("name", "press", "at", "language", "variables", "queue_wait", "transfer", "expect")
EXPECT_FIELDS = ("reaches", "within", "keypresses", "hears", "not_hears", "ends_with")
ENDINGS = {"transfer": TransferEvent, "voicemail": VoicemailEvent, "callback": CallbackEvent, "hangup": HangupEvent}
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}\Z")
DEFAULT_AT = _dt.datetime(2026, 11, 23, 10, 0)
"""The simulated time when neither the command line nor the script gives one: Monday 2026-11-23 10:00."""
TIME_FORMAT = "write 'YYYY-MM-DD HH:MM', e.g. '2026-11-23 19:30'"
# Top-level fields only a menu has, and the one only a call script has.
_MENU_ONLY = frozenset({"ivrkit", "nodes", "entry", "global_options", "schedules", "settings", "variables"})


@model_class
class Expectation:
    reaches: tuple[str, ...] = ()
    within: float | None = None
    keypresses: int | None = None
    hears: tuple[str, ...] = ()
    not_hears: tuple[str, ...] = ()
    ends_with: str | None = None


@model_class
class ScriptedCall:
    name: str
    span: Span
    steps: tuple[Step, ...]
    press: str
    expect: Expectation
    at: _dt.datetime | None = None
    language: str | None = None
    variables: dict = field(default_factory=dict)
    queue_wait: float = 0.0
    transfer: str = "connected"
    press_span: Span | None = None


@model_class
class CallScript:
    path: str
    menu: MenuSet
    calls: tuple[ScriptedCall, ...]


@model_class
class CallResult:
    """A call as simulated: `failures` against its expectation, or `error` when the call could not be run."""

    call: ScriptedCall
    record: CallRecord
    failures: list[str]
    error: Diagnostic | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None


YEARS = (1900, 2999)  # the years a simulated call may start in


def _whole(number: float | None) -> int | None:
    """A number read with `integer=True` (a whole number, or None when it was refused) as an int."""
    return None if number is None else int(number)


def _year(text: str) -> int | None:
    try:
        return _dt.datetime.fromisoformat(text.strip().replace("T", " ")).year
    except ValueError:
        return None


def parse_time(text: str) -> _dt.datetime | None:
    """``2026-11-23 19:30`` (or with a T), local to the menu's schedules; None if not that form."""
    if not _TIME.match(text.strip()):
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        return None
    return moment if YEARS[0] <= moment.year <= YEARS[1] else None


def time_problem(text: str) -> str | None:
    """Why `text` is not a simulated date and time, or None when `parse_time` reads it."""
    if parse_time(text) is not None:
        return None
    year = _year(text)
    if _TIME.match(text.strip()) and year is not None and not YEARS[0] <= year <= YEARS[1]:
        # A call's clock runs on from here; near the end of the calendar it would run out of dates.
        return f"`{text}` is outside the years ivrkit simulates ({YEARS[0]}–{YEARS[1]})"
    if _TIME.match(text.strip()):
        return f"`{text}` is not a date and time: there is no such day or minute"
    return f"`{text}` is not a date and time"


def _declared(menu: MenuSet) -> dict[str, tuple[str, ...]]:
    """Every variable the menu and its building blocks declare, with the values it may take."""
    values: dict[str, tuple[str, ...]] = {}
    for menu_file in menu.files.values():
        for name, variable in menu_file.variables.items():
            values[name] = tuple(dict.fromkeys(values.get(name, ()) + variable.values))
    return values


def variable_problem(menu: MenuSet, name: str, value: str) -> tuple[str, str, str | None] | None:
    """Why `name` = `value` cannot be set for a call: (`name` or `value`, message, hint); None when it can."""
    declared = _declared(menu)
    if name not in declared:
        known = ", ".join(f"`{n}`" for n in sorted(declared))
        return (
            "name",
            f"the menu has no variable `{name}`"
            + (f" (its variables: {known})" if known else " (it declares no variables)"),
            did_you_mean(name, declared) or "declare it under `variables` in the menu",
        )
    if value not in declared[name]:
        return (
            "value",
            f"`{value}` is not a value of `{name}` (its values: {', '.join(f'`{v}`' for v in declared[name])})",
            did_you_mean(value, declared[name]),
        )
    return None


def looks_like_call_script(fields) -> bool:
    """Whether a YAML mapping's top-level field names (a mapping or an iterable) are a call script's."""
    names = set(fields)
    return "calls" in names and not names & _MENU_ONLY


def looks_like_menu(fields) -> bool:
    """Whether a YAML mapping's top-level field names are a menu's rather than a call script's."""
    names = set(fields)
    return "calls" not in names and bool(names & {"ivrkit", "nodes", "entry"})


def _menu_given(reader: FieldReader, node: yaml.Node, file: Path) -> None:
    """A menu given where a call script was expected: say so, and name its call script."""
    stem = file.name.rsplit(".", 1)[0] if file.suffix in (".yaml", ".yml") else file.name
    script = file.with_name(f"{stem}.calls.yaml")
    shown = display_path(script)
    if script.is_file():
        reader.error(
            node,
            f"this is a menu, not a call script; its call script is {shown}",
            f"run `ivrkit test {shown}`, or `ivrkit call {display_path(file)}` to simulate one call",
        )
    else:
        reader.error(
            node,
            f"this is a menu, not a call script (its call script would be {shown})",
            f"`ivrkit paths {display_path(file)} --write-calls {shown}` writes one; docs/calls.md describes the format",
        )


def load_script(path: str | os.PathLike, *, root: str | os.PathLike | None = None) -> CallScript:
    """Read and check a call script and load its menu; raises LoadError with every problem."""
    file = Path(path)
    display = display_path(file)
    diagnostics: list[Diagnostic] = []
    source, problems = yamlsource.read_source(file, display)
    if source is None:
        raise LoadError(problems)
    node, problems = yamlsource.compose(source)
    if node is None:
        raise LoadError(problems)
    reader = FieldReader(display, diagnostics)
    top = reader.mapping(node, "the call script") or {}
    if looks_like_menu(top):
        _menu_given(reader, node, file)
        raise LoadError(diagnostics)
    if looks_like_goals(top):
        reader.error(
            node,
            "this is a caller goals file, not a call script",
            f"`ivrkit predict MENU --goals {display}` reads it; call scripts are `*.calls.yaml` (docs/calls.md)",
        )
        raise LoadError(diagnostics)
    reader.unknown_fields(top, SCRIPT_FIELDS, "the call script")
    menu = _menu(reader, top, file, node, root, diagnostics)
    default_at = _time(reader, top["at"][1]) if "at" in top else None
    default_language = reader.scalar_text(top["language"][1], "`language`") if "language" in top else None
    calls: list[ScriptedCall] = []
    if "calls" not in top:
        reader.error(node, "the call script needs `calls`: a list of calls to simulate")
    else:
        items = reader.sequence(top["calls"][1], "`calls`")
        if items == []:
            reader.error(
                top["calls"][1],
                "`calls` is empty: a script with no calls would pass without testing anything",
                "add a call with `name`, `press` and `expect`",
            )
        for item in items or []:
            call = _call(reader, item, menu, default_at, default_language)
            if call is not None:
                calls.append(call)
    if diagnostics or menu is None:
        raise LoadError(diagnostics or [Diagnostic(reader.span(node), "the call script could not be read")])
    return CallScript(display, menu, tuple(calls))


def _menu(reader, top, file, node, root, diagnostics) -> MenuSet | None:
    if "menu" not in top:
        reader.error(node, "the call script needs `menu`: the menu file it tests, relative to the script")
        return None
    name = reader.scalar_text(top["menu"][1], "`menu`")
    if name is None:
        return None
    menu_path = file.parent / name
    if menu_path.is_dir():
        reader.error(top["menu"][1], f"`{name}` is a folder; name the menu file")
        return None
    if not menu_path.exists():  # a FIFO or a device exists: the loader refuses it with its own message
        siblings = [p.name for p in menu_path.parent.glob("*.yaml")] if menu_path.parent.is_dir() else []
        reader.error(top["menu"][1], f"`{name}` does not exist", did_you_mean(Path(name).name, siblings))
        return None
    try:
        return load(menu_path, root=root)
    except LoadError as error:
        diagnostics.extend(error.diagnostics)
        return None


def _time(reader: FieldReader, node: yaml.Node) -> _dt.datetime | None:
    text = reader.scalar_text(node, "`at`")
    if text is None:
        return None
    problem = time_problem(text)
    if problem is not None:
        reader.error(node, problem, 'write "YYYY-MM-DD HH:MM", e.g. "2026-11-23 19:30"')
    return parse_time(text)


def _call(reader: FieldReader, node: yaml.Node, menu: MenuSet | None, default_at, default_language):
    fields = reader.mapping(node, "a call")
    if fields is None:
        return None
    reader.unknown_fields(fields, CALL_FIELDS, "a call")
    before = len(reader.diagnostics)
    if "name" not in fields:
        reader.error(node, "a call needs a `name`")
    name = reader.scalar_text(fields["name"][1], "`name`") if "name" in fields else "?"
    press = ""
    steps: list[Step] = []
    press_span = None
    if "press" in fields:
        press_node = fields["press"][1]
        if isinstance(press_node, yaml.ScalarNode) and press_node.tag == "tag:yaml.org,2002:null":
            press = ""
        else:
            press = reader.scalar_text(press_node, "`press`") or ""
        span = reader.span(press_node)
        offset = 1 if isinstance(press_node, yaml.ScalarNode) and press_node.style in ('"', "'") else 0
        press_span = Span(span.path, span.line, span.col + offset, span.line, span.col + offset)
        try:
            steps = parse_steps(press)
        except StepError as error:
            reader.diagnostics.append(Diagnostic(_at_step(press_span, error.index), str(error)))
    at = _time(reader, fields["at"][1]) if "at" in fields else default_at
    language = reader.scalar_text(fields["language"][1], "`language`") if "language" in fields else default_language
    if language is not None and menu is not None and language not in menu.root.languages:
        reader.error(
            fields["language"][1] if "language" in fields else node,
            f"the menu does not speak `{language}` (its languages: {', '.join(menu.root.languages)})",
        )
    variables = {}
    if "variables" in fields:
        for key, (key_node, value) in (reader.mapping(fields["variables"][1], "`variables`") or {}).items():
            text = reader.scalar_text(value, f"variable `{key}`")
            if text is None:
                continue
            problem = variable_problem(menu, key, text) if menu is not None else None
            if problem is not None:
                part, message, hint = problem
                reader.error(key_node if part == "name" else value, message, hint)
                continue
            variables[key] = text
    queue_wait = (
        reader.number(fields["queue_wait"][1], "`queue_wait`", low=0, high=86400, unit="seconds")
        if "queue_wait" in fields
        else 0.0
    )
    transfer = (
        reader.choice(fields["transfer"][1], "`transfer`", ("connected", "busy", "no-answer"))
        if "transfer" in fields
        else "connected"
    )
    expect = _expectation(reader, fields["expect"][1], menu) if "expect" in fields else Expectation()
    if "expect" not in fields:
        reader.error(node, f"call `{name}` has no `expect`: say what the call must do")
    if len(reader.diagnostics) != before or expect is None:
        return None
    return ScriptedCall(
        name or "?",
        reader.span(node),
        tuple(steps),
        press,
        expect,
        at,
        language,
        variables,
        queue_wait or 0.0,
        transfer or "connected",
        press_span,
    )


def _at_step(press: Span, index: int) -> Span:
    """The position of the step at character `index` of a `press` line that starts at `press`."""
    return Span(press.path, press.line, press.col + index, press.line, press.col + index + 1)


def _nodes(reader: FieldReader, node: yaml.Node, menu: MenuSet | None, what: str) -> tuple[str, ...]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    names = []
    for item in items:
        name = reader.scalar_text(item, what)
        if name is None:
            continue
        if menu is not None and name not in menu.nodes:
            reader.error(item, f"the menu has no node `{name}`", did_you_mean(name, menu.nodes))
            continue
        names.append(name)
    return tuple(names)


def _texts(reader: FieldReader, node: yaml.Node, what: str) -> tuple[str, ...]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    texts = []
    for item in items:
        text = reader.scalar_text(item, what)
        if text is None:
            continue
        if _is_regex(text):
            try:
                re.compile(text[1:-1])
            except re.error as error:
                reader.error(item, f"`{text}` is not a valid regular expression: {error}")
                continue
        texts.append(text)
    return tuple(texts)


def _expectation(reader: FieldReader, node: yaml.Node, menu: MenuSet | None) -> Expectation | None:
    fields = reader.mapping(node, "`expect`")
    if fields is None:
        return None
    reader.unknown_fields(fields, EXPECT_FIELDS, "`expect`")
    if not fields:
        reader.error(node, "`expect` is empty", f"use {', '.join(EXPECT_FIELDS)}")
    ends_with = None
    if "ends_with" in fields:
        ends_with = reader.scalar_text(fields["ends_with"][1], "`ends_with`")
        if ends_with is not None and ends_with not in ENDINGS and (menu is None or ends_with not in menu.nodes):
            reader.error(
                fields["ends_with"][1],
                f"`{ends_with}` is neither an ending ({', '.join(ENDINGS)}) nor a node",
                did_you_mean(ends_with, [*ENDINGS, *(menu.nodes if menu else ())]),
            )
    return Expectation(
        reaches=_nodes(reader, fields["reaches"][1], menu, "`reaches`") if "reaches" in fields else (),
        within=reader.number(fields["within"][1], "`within`", low=0, high=86400, unit="seconds")
        if "within" in fields
        else None,
        keypresses=_whole(reader.number(fields["keypresses"][1], "`keypresses`", low=0, high=1000, integer=True))
        if "keypresses" in fields
        else None,
        hears=_texts(reader, fields["hears"][1], "`hears`") if "hears" in fields else (),
        not_hears=_texts(reader, fields["not_hears"][1], "`not_hears`") if "not_hears" in fields else (),
        ends_with=ends_with,
    )


def _is_regex(text: str) -> bool:
    return len(text) >= 2 and text.startswith("/") and text.endswith("/")


def _heard(record: CallRecord, wanted: str) -> bool:
    texts = [event.text for event in record.events if isinstance(event, Speak) and event.text]
    if _is_regex(wanted):
        pattern = re.compile(wanted[1:-1])
        return any(pattern.search(text) for text in texts)
    return any(wanted in text for text in texts)


def measured_moment(call: ScriptedCall, record: CallRecord) -> tuple[float | None, str]:
    """What `within` measures: the arrival at the last node of `reaches`, else the end of the call.

    Returns the moment (None when a `reaches` node was never reached) and what it is, e.g. "reached `x`".
    """
    if call.expect.reaches:
        node = call.expect.reaches[-1]
        arrival = record.first_arrival(node)
        return (arrival.at if arrival is not None else None), f"reached `{node}`"
    return record.duration, "ended"


def check(call: ScriptedCall, record: CallRecord) -> list[str]:
    """What the call did differently from its expectation, one sentence each."""
    expect, failures = call.expect, []
    for node in expect.reaches:
        if record.first_arrival(node) is None:
            visited = " → ".join(dict.fromkeys(event.node for event in record.arrivals()))
            failures.append(f"expected to reach `{node}`; the call went {visited}")
    target_time, where = measured_moment(call, record)
    if expect.within is not None:
        if target_time is not None and target_time > expect.within:
            failures.append(f"expected within {expect.within:g} s; {where} at {target_time:.1f} s")
    if expect.keypresses is not None:
        moment = target_time if target_time is not None else record.duration
        pressed = record.keys_before(moment)
        if pressed > expect.keypresses:
            failures.append(f"expected at most {expect.keypresses} keypresses; the caller pressed {pressed}")
    for wanted in expect.hears:
        if not _heard(record, wanted):
            failures.append(f"expected to hear {wanted!r}; it was never said")
    for unwanted in expect.not_hears:
        if _heard(record, unwanted):
            failures.append(f"expected not to hear {unwanted!r}; it was said")
    if expect.ends_with is not None:
        end = record.end
        wanted_class = ENDINGS.get(expect.ends_with)
        matches = end is not None and (isinstance(end, wanted_class) if wanted_class else end.node == expect.ends_with)
        if not matches:
            actual = (
                "still waiting" if end is None else f"{type(end).__name__.replace('Event', '').lower()} at `{end.node}`"
            )
            failures.append(f"expected to end with {expect.ends_with}; it ended with {actual}")
    return failures


def run_script(script: CallScript) -> list[CallResult]:
    """Simulate every call; a call whose steps cannot all be played gets an `error` at its `press`."""
    results = []
    for call in script.calls:
        try:
            record = run_call(
                script.menu,
                list(call.steps),
                at=call.at,
                language=call.language,
                variables=call.variables,
                transfer_outcome=call.transfer,
                queue_wait=call.queue_wait,
            )
        except StepError as error:  # a step left over after the call ended, or far past its timeouts
            span = _at_step(call.press_span, error.index) if call.press_span is not None else call.span
            record = getattr(error, "record", None) or CallRecord()
            results.append(CallResult(call, record, [], Diagnostic(span, f"call `{call.name}`: {error}")))
            continue
        results.append(CallResult(call, record, check(call, record)))
    return results
