"""A session keeps few enough attributes for CPython to keep their values in the instance.

CPython 3.11 keeps an object's attributes in the instance itself, under keys shared by every instance of its
class, for up to 29 attribute names a class's instances ever set; past that each session builds and grows a
dictionary of its own, and every attribute an action reads or sets is looked up in it (40% more instructions
to make a session, 7% more per caller action of bench/bench_calls.py, in cachegrind). Whatever a call does
(keys, digits, silence, hang-ups, call-back offers), the names its sessions set stay within that bound.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.engine import Session
from ivrkit.loader import load, loads

from ..strategies import menu_yaml, valid_menus

SHARED_KEYS_AT_MOST = 29
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

_AFTER = st.one_of(st.none(), st.floats(0, 20, allow_nan=False))
_ACTION = st.one_of(
    st.tuples(st.just("press"), st.text(alphabet="0123456789*#", min_size=1, max_size=4), _AFTER),
    st.tuples(st.just("wait"), st.just(""), st.none()),
    st.tuples(st.just("hangup"), st.just(""), _AFTER),
)


def _names_after(menuset, actions, **options) -> set[str]:
    call = Session(menuset, **options)
    call.start()
    names = set(vars(call))
    for kind, keys, after in actions:
        try:
            if kind == "press":
                call.press(keys, after=after)
            elif kind == "wait":
                call.wait()
            else:
                call.hang_up(after=after)
        except ValueError:
            pass
        names |= set(vars(call))
        names |= set(vars(call.fork()))
    return names


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(menu=valid_menus(), actions=st.lists(_ACTION, max_size=15), outcome=st.sampled_from(["connected", "busy"]))
def test_a_session_sets_no_more_attribute_names_than_are_shared(menu, actions, outcome):
    names = _names_after(loads(menu_yaml(menu)), actions, transfer_outcome=outcome, queue_wait=90.0)
    assert len(names) <= SHARED_KEYS_AT_MOST, sorted(names)


def test_the_examples_calls_set_no_more_attribute_names_than_are_shared():
    names: set[str] = set()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        if path.suffixes != [".yaml"]:
            continue
        menuset = load(path)
        for keys in ("1", "2", "3", "9", "0", "*", "#", "12", "1234#", "11", "21"):
            names |= _names_after(menuset, [("press", keys, None), ("wait", "", None), ("press", "1", 0.5)])
            names |= _names_after(menuset, [("press", keys, None), ("press", "1", None), ("press", "1", None)])
    assert len(names) <= SHARED_KEYS_AT_MOST, sorted(names)
