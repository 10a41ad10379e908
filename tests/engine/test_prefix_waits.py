"""Prefix waits, extension patterns and `max_digits` in the engine, against a brute-force reference.

The reference below decides, from the menu as written and independently of ivrkit.keypatterns, after which
keys a menu waits `inter_digit_timeout` and what the keys finally reach; the properties compare it with
what a `Session` does, and `ivrkit paths` with the fastest of every extension a caller could dial.
"""

from __future__ import annotations

import itertools
import math
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.engine import Arrive, InvalidKey, KeysComplete, Session
from ivrkit.engine.drive import parse_steps, run_call
from ivrkit.engine.paths import analyse
from ivrkit.keypatterns import compile_pattern, prefix_waits
from ivrkit.loader import loads

ALPHABET = "0129#"
INTER = 2.0
ELEMENTS = {"0": "0", "1": "1", "2": "2", "[12]": "[12]", "X": "[0-9]"}


@st.composite
def menus(draw) -> dict:
    keys = draw(st.lists(st.sampled_from(["1", "2", "10", "#"]), min_size=1, max_size=3, unique=True))
    patterns = draw(
        st.lists(
            st.lists(st.sampled_from(sorted(ELEMENTS)), min_size=1, max_size=3).map("".join), max_size=2, unique=True
        )
    )
    max_digits = draw(st.sampled_from([None, None, 2, 3]))
    if max_digits is not None and any(len(key) > max_digits for key in keys):
        max_digits = None
    if max_digits is not None:  # a pattern the menu can never collect is a loader error
        patterns = [p for p in patterns if compile_pattern(p).shortest <= max_digits]
    return {"keys": keys, "patterns": patterns, "max_digits": max_digits}


def menu_yaml(spec: dict) -> str:
    nodes: dict = {
        "main": {
            "type": "menu",
            "say": "Hello.",
            "announce_options": False,
            "inter_digit_timeout": INTER,
            "retries": 0,
            "options": {key: {"goto": f"t{index}"} for index, key in enumerate(spec["keys"])},
        }
    }
    for index, _ in enumerate(spec["keys"]):
        nodes[f"t{index}"] = {"type": "hangup"}
    if spec["patterns"]:
        nodes["main"]["extensions"] = {"patterns": spec["patterns"], "goto": "ext"}
        nodes["ext"] = {"type": "hangup"}
    if spec["max_digits"] is not None:
        nodes["main"]["max_digits"] = spec["max_digits"]
    return yaml.safe_dump({"ivrkit": 1, "name": "t", "entry": "main", "nodes": nodes}, sort_keys=False)


def regex_of(pattern: str) -> re.Pattern:
    return re.compile("".join(ELEMENTS[part] for part in re.findall(r"\[12\]|.", pattern)))


def reference_waits(spec: dict, keys: str) -> bool:
    """After `keys` the menu waits for another key."""
    if spec["max_digits"] is not None:
        return len(keys) < spec["max_digits"]
    if any(key != keys and key.startswith(keys) for key in spec["keys"]):
        return True
    longer = ("".join(more) for n in (1, 2) for more in itertools.product("0123456789", repeat=n))
    return any(regex_of(p).fullmatch(keys + tail) for tail in longer for p in spec["patterns"])


def reference_outcome(spec: dict, keys: str) -> str:
    if keys in spec["keys"]:
        return f"t{spec['keys'].index(keys)}"
    if any(regex_of(p).fullmatch(keys) for p in spec["patterns"]):
        return "ext"
    return "no match"


def reference(spec: dict, typed: str, start: float) -> tuple[str, str, float]:
    """What `typed` (pressed 0.2 s apart from `start`, then silence) reaches first: (outcome, keys, moment)."""
    buffer, moment = "", start
    for index, key in enumerate(typed):
        moment = start + 0.2 * index
        if spec["max_digits"] is not None and key == "#" and buffer:
            return reference_outcome(spec, buffer), buffer, moment
        buffer += key
        if not reference_waits(spec, buffer):
            return reference_outcome(spec, buffer), buffer, moment
    return reference_outcome(spec, buffer), buffer, moment + INTER


@given(spec=menus(), typed=st.text(alphabet=ALPHABET, min_size=1, max_size=4))
def test_the_engine_waits_and_chooses_as_the_reference_says(spec, typed):
    menuset = loads(menu_yaml(spec), "menu.yaml")
    session = Session(menuset)
    session.start()
    start = session.speech_end
    events = session.press(typed)
    if not session.ended and session.buffer:
        events += session.wait()
    outcome, keys, moment = reference(spec, typed, start)
    decided = next(e for e in events if isinstance(e, (InvalidKey, Arrive)))
    if outcome == "no match":
        assert isinstance(decided, InvalidKey) and decided.keys == keys, (spec, typed, events)
    else:
        assert isinstance(decided, Arrive) and decided.node == outcome and decided.key == keys, (spec, typed, events)
    assert decided.at == pytest.approx(moment)
    waited = [e for e in events if isinstance(e, KeysComplete)]
    # the wait is shown exactly when the keys were complete only because no other key came
    assert bool(waited) == (
        moment == pytest.approx(start + 0.2 * (len(typed) - 1) + INTER)
        and reference_waits(spec, keys)
        and len(keys) == len(typed)
    )


@given(spec=menus())
def test_prefix_waits_lists_exactly_the_option_keys_that_wait(spec):
    menuset = loads(menu_yaml(spec), "menu.yaml")
    main = menuset.nodes["main"]
    waits = prefix_waits(main, menuset.file_of(main))
    assert set(waits) == {key for key in spec["keys"] if reference_waits(spec, key)}
    assert all(wait.seconds == INTER for wait in waits.values())


def _brute_force_extension(menuset) -> float:
    """The earliest arrival at `ext` over every digit string of up to 3 keys, each then waited out if needed.

    No `#`: a first-time caller does not know that # ends the keys of a `max_digits` menu early."""
    best = math.inf
    for length in (1, 2, 3):
        for typed in itertools.product("0129", repeat=length):
            session = Session(menuset)
            session.start()
            events = session.press("".join(typed))
            if not session.ended and session.buffer:
                events += session.wait()
            best = min([best] + [e.at for e in events if isinstance(e, Arrive) and e.node == "ext"])
    return best


@given(spec=menus().filter(lambda spec: spec["patterns"]))
def test_paths_dials_the_fastest_extension_and_call_reproduces_it(spec):
    menuset = loads(menu_yaml(spec), "menu.yaml")
    figures = {figure.node: figure for figure in analyse(menuset).paths}
    fastest = _brute_force_extension(menuset)
    figure = figures.get("ext")
    if math.isinf(fastest):
        assert figure is None or figure.seconds is None
        return
    assert figure is not None and figure.seconds == pytest.approx(fastest, abs=1e-9), (spec, figure)
    record = run_call(menuset, parse_steps(" ".join(figure.steps)))
    assert record.first_arrival("ext").at == figure.seconds


FREESWITCH_LIKE = """\
ivrkit: 1
name: digit-len
entry: main
nodes:
  main:
    type: menu
    say: For sales press 1, or dial an extension.
    announce_options: false
    inter_digit_timeout: 2
    max_digits: 4
    options:
      "1": {goto: sales}
    extensions: {patterns: ["10[01]X"], goto: dial}
  sales: {type: transfer, queue: sales}
  dial: {type: transfer, number: "{extension}"}
"""


def test_max_digits_waits_after_a_lone_key_and_hash_ends_the_keys():
    menuset = loads(FREESWITCH_LIKE, "menu.yaml")
    session = Session(menuset)
    session.start()
    start = session.speech_end
    assert session.press("1") and session.buffer == "1" and session.stops_waiting_at == pytest.approx(start + 2)
    events = session.wait()
    assert events[0] == KeysComplete(start + 2, "main", "1", 2)
    assert events[1].node == "sales"
    session = Session(menuset)
    session.start()
    events = session.press("1#")
    assert [e.node for e in events if isinstance(e, Arrive)] == ["sales"]  # the # ends the keys, at once
    session = Session(menuset)
    session.start()
    events = session.press("1099")
    assert [e.keys for e in events if isinstance(e, InvalidKey)] == ["1099"]


def test_the_cli_transcript_shows_the_wait(tmp_path):
    from ivrkit.cli import main

    path = tmp_path / "menu.yaml"
    path.write_text(FREESWITCH_LIKE, encoding="utf-8")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["call", str(path), "--press", "1"])
    assert code == 0
    assert "no other key within 2 s: the keys are 1" in out.getvalue()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["call", str(path), "--press", "1000"])
    assert "at      dial  (via extension 1000)" in out.getvalue()
    assert "no other key within" not in out.getvalue()
