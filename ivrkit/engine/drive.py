"""Drive a whole call from a line of caller steps, and record what happened.

The step language is shared by `ivrkit call --press` and call scripts. Steps
are separated by spaces:

=============  ===============================================================
``1``          press 1 once the IVR has finished speaking
``1234#``      press several keys one after another (0.2 s apart)
``1@2.5``      press 1 two and a half seconds into the speech (barge-in)
``wait``       stay silent until the next timeout (also ``-``)
``hangup``     hang up
=============  ===============================================================

After the last step the caller stays silent, so the call always runs to a
destination (or to the end of its tries), as a real call would.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from ..model import MenuSet
from .events import TERMINAL_EVENTS, Arrive, Event, Press
from .session import Duration, Session

__all__ = ["Step", "StepError", "parse_steps", "CallRecord", "run_call", "MAX_SILENT_WAITS"]

MAX_SILENT_WAITS = 50
_STEP = re.compile(r"(?P<keys>[0-9*#]+)(?:@(?P<after>[0-9]+(?:\.[0-9]+)?))?\Z")


class StepError(ValueError):
    """A step that is not keys, keys@seconds, wait or hangup; `index` is its character offset."""

    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.index = index


@dataclass(frozen=True, slots=True)
class Step:
    action: str  # press, wait, hangup
    keys: str = ""
    after: float | None = None


def parse_steps(text: str) -> list[Step]:
    """Parse a step line; raises StepError naming the bad step and where it is."""
    steps = []
    for match in re.finditer(r"\S+", text or ""):
        word = match.group()
        if word.lower() in ("wait", "-"):
            steps.append(Step("wait"))
        elif word.lower() in ("hangup", "hang-up"):
            steps.append(Step("hangup"))
        else:
            parsed = _STEP.match(word)
            if parsed is None:
                raise StepError(
                    f"`{word}` is not a step: write keys (0-9, *, #), keys@seconds, `wait` or `hangup`",
                    match.start(),
                )
            after = parsed.group("after")
            steps.append(Step("press", parsed.group("keys"), float(after) if after else None))
    return steps


@dataclass
class CallRecord:
    """Everything that happened in one call, in order."""

    events: list[Event] = field(default_factory=list)
    ended: bool = False
    language: str = "en"

    @property
    def end(self) -> Event | None:
        last = self.events[-1] if self.events else None
        return last if isinstance(last, TERMINAL_EVENTS) else None

    @property
    def duration(self) -> float:
        return max((event.at for event in self.events), default=0.0)

    def arrivals(self) -> list[Arrive]:
        return [event for event in self.events if isinstance(event, Arrive)]

    def first_arrival(self, node: str) -> Arrive | None:
        return next((event for event in self.arrivals() if event.node == node), None)

    def keys_before(self, moment: float) -> int:
        """How many keys the caller pressed up to `moment`."""
        return sum(1 for event in self.events if isinstance(event, Press) and event.at <= moment)


def run_call(
    menuset: MenuSet,
    steps: list[Step],
    *,
    at: _dt.datetime | None = None,
    language: str | None = None,
    variables: dict[str, str] | None = None,
    transfer_outcome: str = "connected",
    queue_wait: float = 0.0,
    duration: Duration | None = None,
    until_end: bool = True,
) -> CallRecord:
    """Run `steps` on a new session; then stay silent until the call ends (unless `until_end` is False)."""
    session = Session(menuset, duration=duration, at=at, language=language, variables=variables,
                      transfer_outcome=transfer_outcome, queue_wait=queue_wait)
    record = CallRecord(language=session.language)
    record.events.extend(session.start())
    for step in steps:
        if session.ended:
            break
        if step.action == "press":
            record.events.extend(session.press(step.keys, after=step.after))
        elif step.action == "wait":
            record.events.extend(session.wait())
        else:
            record.events.extend(session.hang_up())
    waits = 0
    while until_end and not session.ended and waits < MAX_SILENT_WAITS:
        record.events.extend(session.wait())
        waits += 1
    record.ended = session.ended
    return record
