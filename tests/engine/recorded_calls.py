"""Seeded random calls over every example and flawed menu, recorded event by event (the engine's golden file).

`record(path, calls, seed)` plays `calls` seeded random callers through `Session` on one menu: each call has
a random date and time (`at`), transfer outcome and queue wait, and takes up to 30 random actions (option
keys, wrong keys, several keys at once, keys `after` some seconds into the speech, silence, hang-ups).
Every action's returned events, the whole timeline and the session's state after it are written as text,
so any change in what the engine says shows as a changed digest (tests/engine/test_recorded_calls.py).

    python -m tests.engine.recorded_calls write    # rewrite tests/golden/engine_calls.json (a deliberate change)
    python -m tests.engine.recorded_calls check    # the menus whose calls differ, exit 1 when there are any
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from ivrkit.engine import Session
from ivrkit.loader import load
from ivrkit.model import InputNode, MenuNode

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "engine_calls.json"
CALLS = 300
SEED = 14
MAX_ACTIONS = 30
_MOMENTS = [_dt.datetime(2026, 11, 23, 10, 0), _dt.datetime(2026, 11, 28, 23, 30), _dt.datetime(2026, 12, 25, 9, 15)]


def menu_files() -> list[Path]:
    """Every example and flawed menu (call scripts and goals files are not menus)."""
    paths = [*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/flawed/*.yaml")]
    return sorted(p for p in paths if not p.name.endswith((".calls.yaml", ".goals.yaml")))


def _action(rng: random.Random, call: Session, keys: dict[str, list[str]]) -> tuple[str, str, float | None]:
    """A random caller action: (press | wait | hangup, keys, after)."""
    roll = rng.random()
    into = call.speech_end - call.clock
    after = None if rng.random() < 0.6 else round(rng.uniform(0.0, max(0.5, into + 3.0)), 2)
    if roll < 0.08:
        return "wait", "", None
    if roll < 0.11:
        return "hangup", "", after
    node = call.menuset.nodes.get(call.node or "")
    if isinstance(node, InputNode) and roll < 0.7:
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, node.max_digits + 1)))
        return "press", digits + rng.choice(["", "#", "*"]), after
    options = keys.get(call.node or "", [])
    if options and roll < 0.75:
        key = rng.choice(options)
        if rng.random() < 0.1:
            key += rng.choice(options)
        return "press", key, after
    if roll < 0.85:
        return "press", rng.choice("0123456789*#"), after
    return "wait", "", None


def _calls(path: Path, calls: int, seed: int) -> Iterator[str]:
    menuset = load(path)
    keys = {
        key: [option.key for option in menuset.file_of(node).options_of(node)]
        for key, node in menuset.nodes.items()
        if isinstance(node, MenuNode)
    }
    rng = random.Random(f"{seed}:{path.name}")
    for number in range(calls):
        call = Session(
            menuset,
            at=rng.choice(_MOMENTS),
            transfer_outcome=rng.choice(["connected", "connected", "busy", "no-answer"]),
            queue_wait=rng.choice([0.0, 45.0, 400.0, 5000.0]),
        )
        yield f"call {number}: {call.start()!r}"
        for _ in range(MAX_ACTIONS):
            kind, pressed, after = _action(rng, call, keys)
            try:
                if kind == "wait":
                    added = call.wait()
                elif kind == "hangup":
                    added = call.hang_up(after=after)
                else:
                    added = call.press(pressed, after=after)
            except ValueError as error:
                yield f"{kind} {pressed!r} {after!r}: {type(error).__name__}: {error}"
                continue
            yield f"{kind} {pressed!r} {after!r}: {added!r}"
            yield (
                f"  node={call.node!r} mode={call.mode!r} ended={call.ended} clock={call.clock!r} "
                f"speech_end={call.speech_end!r} unused={call.unused!r} buffer={call.buffer!r} "
                f"failures={call.failures} acted_at={call.acted_at!r} ends_at={call.ends_at!r} "
                f"stops={call.stops_waiting_at!r} lang={call.language!r} stack={call.stack!r} history={call.history!r}"
            )
            if call.ended and rng.random() < 0.7:
                break
        yield f"  events={call.events!r} plan={call.plan!r} variables={sorted(call.variables.items())!r}"


def record(path: Path, calls: int = CALLS, seed: int = SEED) -> str:
    """The recorded calls on the menu at `path`, as text (one line per action)."""
    return "\n".join(_calls(path, calls, seed))


def digests(calls: int = CALLS, seed: int = SEED) -> dict[str, str]:
    """sha256 of the recorded calls per menu, by its path relative to the repository."""
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(record(path, calls, seed).encode()).hexdigest()
        for path in menu_files()
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["write"]:
        GOLDEN.write_text(json.dumps(digests(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    if argv[:1] == ["dump"]:  # the full text, to compare two versions of the engine by eye or by diff
        for path in menu_files():
            print(f"== {path.relative_to(ROOT)}")
            print(record(path, int(argv[1]) if len(argv) > 1 else CALLS))
        return 0
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = digests()
    differ = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
    for name in differ:
        print(f"{name}: the recorded calls differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
