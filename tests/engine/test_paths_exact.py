"""`ivrkit paths` is exact: its fastest routes are the fastest, and `ivrkit call` reproduces its seconds.

The property compares `paths.analyse` with a brute force written here: every
sequence of first-time-caller moves (each option pressed as soon as it has
been announced, a sample entry, a confirmation), played from a fresh call
through the public engine, never visiting the same waiting state twice.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.engine.drive import parse_steps, run_call
from ivrkit.engine.events import Arrive
from ivrkit.engine.paths import analyse
from ivrkit.engine.session import Session
from ivrkit.loader import load, loads

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if not p.name.endswith((".calls.yaml", ".goals.yaml")))
WORDS = ("pay", "your", "bill", "report", "a", "fault", "speak", "to", "staff", "leave", "message")
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)


@st.composite
def small_menus(draw) -> str:
    """A small menu: a few menus, maybe a message and an input, global options, shares, hours."""
    n_menus = draw(st.integers(1, 3))
    menus = [f"m{i}" for i in range(n_menus)]
    extra = draw(st.sampled_from([[], ["msg"], ["entry"], ["msg", "entry"]]))
    terminals = [f"t{i}" for i in range(draw(st.integers(1, 3)))]
    targets = st.sampled_from(menus + extra + terminals)
    nodes: dict = {}
    for name in menus:
        keys = draw(st.lists(st.sampled_from(["1", "2", "3", "10", "#"]), min_size=1, max_size=3, unique=True))
        options = {}
        for key in keys:
            option: dict = {"label": draw(words)}
            if draw(st.integers(0, 6)) == 0:
                option["action"] = "top"
            else:
                option["goto"] = draw(targets)
            if draw(st.booleans()):
                option["share"] = draw(st.sampled_from([0.1, 0.2, 0.3]))
            if draw(st.integers(0, 5)) == 0:
                option["announce"] = False
            options[key] = option
        node = {"type": "menu", "say": draw(words), "options": options}
        if draw(st.integers(0, 4)) == 0:
            node["barge_in"] = False
        nodes[name] = node
    if "msg" in extra:
        nodes["msg"] = {"type": "message", "say": draw(words), "next": draw(st.sampled_from(menus + terminals))}
    if "entry" in extra:
        low = draw(st.integers(1, 3))
        digits = {"min": low, "max": low + draw(st.integers(0, 2))}
        if draw(st.booleans()):
            digits["terminator"] = "#"
        else:
            digits["terminator"] = None
        nodes["entry"] = {
            "type": "input",
            "say": draw(words),
            "digits": digits,
            "confirm": draw(st.booleans()),
            "next": draw(st.sampled_from(menus + terminals)),
        }
    for name in terminals:
        kind = draw(st.sampled_from(["transfer", "voicemail", "hangup"]))
        nodes[name] = {"type": kind, "say": draw(words)}
        if kind == "transfer":
            nodes[name]["queue"] = "general"
            if draw(st.booleans()):
                nodes[name].update(hours="office", closed=draw(st.sampled_from(menus + terminals)))
    menu = {
        "ivrkit": 1,
        "name": "small",
        "entry": draw(st.sampled_from(menus + extra)),
        "settings": {"retries": 1},
        "nodes": nodes,
        "schedules": {"office": {"timezone": "Europe/Helsinki", "hours": {"mon-fri": "08:00-16:00"}}},
    }
    if draw(st.booleans()):
        menu["global_options"] = {"0": {"label": draw(words), "goto": draw(st.sampled_from(terminals))}}
        if draw(st.booleans()):
            menu["global_options"]["0"]["share"] = 0.1
    return yaml.safe_dump(menu, sort_keys=False)


def _heard(session: Session, key: str) -> float | None:
    node = session.menuset.nodes[session.node]
    if node.setting("barge_in", session.menuset.settings_of(node)) is False:
        return None
    heard = session.option_heard_at(key)
    return None if heard is None else math.ceil(round(heard * 100, 6)) / 100


def _candidates(session: Session) -> list[list[str]]:
    """The step tokens of each move a first-time caller can make where the call waits."""
    node = session.menuset.nodes[session.node]
    if session.mode == "menu":
        keys = [o.key for o in session.menuset.file_of(node).options_of(node) if o.action not in ("repeat", "back")]
        moves = []
        for key in keys:
            after = _heard(session, key)
            token = key if after is None else f"{key}@{after}"
            longer = any(other != key and other.startswith(key) for other in keys)
            moves.append([token, "wait"] if longer else [token])
        return moves
    if session.mode == "digits":
        count = node.min_digits
        if (
            node.terminator is None
            and node.min_digits < node.max_digits
            and (node.max_digits - node.min_digits) * 0.2
            < node.setting("inter_digit_timeout", session.menuset.settings_of(node))
        ):
            count = node.max_digits
        digits = "1234567890"[:count]
        if count < node.max_digits:
            return [[digits + node.terminator]] if node.terminator else [[digits, "wait"]]
        return [[digits]]
    if session.mode == "confirm":
        return [["1"]]
    return []


def _destination(menuset, events) -> Arrive | None:
    arrivals = [e for e in events if isinstance(e, Arrive)]
    for index, arrival in enumerate(arrivals):
        if menuset.nodes[arrival.node].terminal:
            after = arrivals[index + 1 : index + 2]
            if not (after and after[0].via == "closed"):
                return arrival
    return None


def brute_force(menuset, at) -> dict[str, float]:
    """The earliest arrival at each destination over every first-time route, each played from the start."""
    best: dict[str, float] = {}

    def explore(tokens: list[str], visited: frozenset) -> None:
        session = Session(menuset, at=at)
        events = list(session.start())
        for step in parse_steps(" ".join(tokens)):
            events += session.press(step.keys, after=step.after) if step.action == "press" else session.wait()
        hit = _destination(menuset, events)
        if hit is not None:
            best[hit.node] = min(best.get(hit.node, math.inf), hit.at)
            return
        state = (session.node, session.mode)
        if session.ended or state in visited:
            return
        for move in _candidates(session):
            explore(tokens + move, visited | {state})

    explore([], frozenset())
    return best


@given(text=small_menus(), hour=st.sampled_from([10, 20]))
def test_paths_are_the_fastest_routes_and_call_reproduces_them(text, hour):
    menuset = loads(text, "menu.yaml")
    at = dt.datetime(2026, 11, 23, hour, 0)
    summary = analyse(menuset, at=at)
    reported = {f.node: f.seconds for f in summary.paths if f.seconds is not None}
    fastest = brute_force(menuset, at)
    assert reported.keys() == fastest.keys(), text
    for node, seconds in reported.items():
        assert seconds == pytest.approx(fastest[node], abs=1e-9), (node, text)
    for figure in summary.paths:
        if figure.seconds is None:
            continue
        record = run_call(menuset, parse_steps(" ".join(figure.steps)), at=at)
        assert record.first_arrival(figure.node).at == figure.seconds, (figure.node, figure.steps, text)
        assert figure.keys == " ".join(step.partition("@")[0] for step in figure.steps)
    times = [(f.seconds, f.node) for f in summary.paths if f.seconds is not None]
    assert times == sorted(times)
    assert all(f.seconds is not None for f in summary.paths[: len(times)])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("hour", [10, 20])
def test_every_example_figure_is_what_call_reports(example, hour):
    menuset = load(example)
    at = dt.datetime(2026, 11, 23, hour, 0)
    for figure in analyse(menuset, at=at).paths:
        if figure.seconds is None:
            continue
        record = run_call(menuset, parse_steps(" ".join(figure.steps)), at=at)
        assert record.first_arrival(figure.node).at == figure.seconds, (figure.node, figure.steps)
        assert figure.worst_seconds is None or figure.worst_seconds > figure.seconds


SHARED = """\
ivrkit: 1
name: t
entry: main
global_options:
  "0": {label: speak with a member of staff, goto: staff}
nodes:
  main:
    type: menu
    say: Welcome to the test line.
    options:
      "1": {label: talk to staff, goto: staff, share: 0.6}
      "2": {label: leave a message, goto: vm, share: 0.4}
  staff: {type: transfer, queue: general, say: Connecting you.}
  vm: {type: voicemail, say: Leave a message.}
"""


def test_an_option_and_a_global_option_to_the_same_destination():
    menuset = loads(SHARED, "menu.yaml")
    summary = analyse(menuset)
    figures = {f.node: f for f in summary.paths}
    staff = figures["staff"]
    assert staff.keys == "1" and staff.steps[0].startswith("1@")
    assert staff.seconds < 4.6  # `ivrkit call --press "1@4.6"` reaches staff at 4.6 s; option 1 ends before
    assert staff.share == pytest.approx(0.6) and figures["vm"].share == pytest.approx(0.4)
    assert summary.share_covered == pytest.approx(1.0)
    assert summary.expected_person_seconds == pytest.approx(staff.seconds)
    assert summary.expected_seconds == pytest.approx(0.6 * staff.seconds + 0.4 * figures["vm"].seconds)
    assert [f.node for f in summary.paths] == ["staff", "vm"]


def test_shares_of_both_routes_add_up_and_each_route_counts_with_its_own_time():
    menuset = loads(
        SHARED.replace("goto: staff}\nnodes", "goto: staff, share: 0.2}\nnodes")
        .replace("share: 0.6", "share: 0.5")
        .replace("share: 0.4", "share: 0.3"),
        "menu.yaml",
    )
    summary = analyse(menuset)
    staff = {f.node: f for f in summary.paths}["staff"]
    by_zero = run_call(menuset, parse_steps(f"0@{_heard_at(menuset, '0')}")).first_arrival("staff").at
    assert staff.share == pytest.approx(0.7)
    assert summary.expected_person_seconds == pytest.approx((0.5 * staff.seconds + 0.2 * by_zero) / 0.7)


def _heard_at(menuset, key: str) -> float:
    session = Session(menuset)
    session.start()
    return math.ceil(round(session.option_heard_at(key) * 100, 6)) / 100


LOOP = """\
ivrkit: 1
name: loop
entry: main
nodes:
  main:
    type: menu
    say: Hello.
    options:
      "1": {label: report a fault, goto: faults, share: 0.75}
      "2": {label: hear about planned work, goto: planned, share: 0.25}
  planned: {type: message, say: There is no planned work., next: main}
  faults: {type: transfer, queue: faults, say: Connecting you.}
"""


def test_shares_around_a_loop_converge_to_the_whole():
    summary = analyse(loads(LOOP, "menu.yaml"))
    faults = {f.node: f for f in summary.paths}["faults"]
    assert faults.share == pytest.approx(1.0)  # 0.75 + 0.25 * 0.75 + ...: every caller gets there in the end
    assert summary.expected_seconds > faults.seconds  # the callers who went round the loop took longer


def test_a_line_that_transfers_at_once_sends_every_caller_there():
    summary = analyse(
        loads(
            "ivrkit: 1\nname: t\nentry: hello\nnodes:\n"
            "  hello: {type: message, say: Hello., next: staff}\n"
            "  staff: {type: transfer, queue: general, say: Connecting you.}\n",
            "menu.yaml",
        )
    )
    [staff] = summary.paths
    assert (staff.keys, staff.steps, staff.share, summary.share_covered) == ("", [], 1.0, 1.0)
    assert staff.seconds == staff.worst_seconds == summary.expected_person_seconds > 0
