"""Seeded random calls over every example and flawed menu give the events recorded in tests/golden/engine_calls.json.

A change that alters any event, any returned list of events or the session's state after any action of
these calls fails here (see tests/engine/recorded_calls.py). Speed work on the engine must keep it passing;
a deliberate change of behaviour rewrites the file: `python -m tests.engine.recorded_calls write`.
"""

from __future__ import annotations

import json

from .recorded_calls import GOLDEN, digests


def test_recorded_calls_are_unchanged():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = digests()
    changed = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
    assert not changed, (
        f"the events of the recorded calls changed on {changed}; if that is meant, "
        "run `python -m tests.engine.recorded_calls write`"
    )
