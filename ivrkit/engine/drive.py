"""Drive a whole call from a line of caller steps, and record what happened.

The step language is shared by `ivrkit call --press` and call scripts. Steps
are separated by spaces:

=============  ===============================================================
``1``          press 1 once the IVR has finished speaking
``1234#``      press several keys one after another (0.2 s apart)
``1@2.5``      press 1 two and a half seconds after the previous step, into
               the speech that answered it (barge-in)
``wait``       stay silent until the next timeout (also ``-``)
``hangup``     hang up once the IVR has finished speaking
``hangup@3``   hang up three seconds into the speech (it is cut there)
=============  ===============================================================

After the last step the caller stays silent, so the call always runs to a
destination (or to the end of its tries), as a real call would. A step, or a
key of a step, that comes after the call has ended is an error
(`LeftoverStepError`), never dropped silently; one that falls during the
speech leading to the end (a goodbye) still happens: a hang-up cuts it, a key
is shown as ignored. See `ivrkit.engine.session` for barge-in and type-ahead.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from ..model import MenuSet, field, model_class
from .events import TERMINAL_EVENTS, Arrive, Event, Press
from .session import MAX_CATCH_UP, Duration, Session
from .transcript import clock, transcript_lines

__all__ = ["Step", "StepError", "LeftoverStepError", "parse_steps", "CallRecord", "run_call", "MAX_SILENT_WAITS"]

MAX_SILENT_WAITS = 50
_STEP = re.compile(r"(?P<keys>[0-9*#]+|hangup|hang-up)(?:@(?P<after>[0-9]+(?:\.[0-9]+)?))?\Z", re.IGNORECASE)


class StepError(ValueError):
    """A step that is not keys, keys@seconds, wait or hangup; `index` is its character offset."""

    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.index = index


class LeftoverStepError(StepError):
    """A step the call never used: it had already ended. `step` is that step, `record` the call as run."""

    def __init__(self, message: str, index: int, step: Step, record: CallRecord):
        super().__init__(message, index)
        self.step = step
        self.record = record


@model_class
class Step:
    action: str  # press, wait, hangup
    keys: str = ""
    after: float | None = None
    text: str = field(default="", compare=False)  # the step as written
    index: int | None = field(default=None, compare=False)  # its character offset in the step line


def parse_steps(text: str) -> list[Step]:
    """Parse a step line; raises StepError naming the bad step and where it is."""
    steps = []
    for match in re.finditer(r"\S+", text or ""):
        word, where = match.group(), match.start()
        if word.lower() in ("wait", "-"):
            steps.append(Step("wait", text=word, index=where))
            continue
        parsed = _STEP.match(word)
        if parsed is None or (parsed.group("after") is not None and not math.isfinite(float(parsed.group("after")))):
            raise StepError(
                f"`{word}` is not a step: write keys (0-9, *, #), keys@seconds, `wait`, `hangup` or hangup@seconds",
                where,
            )
        after = parsed.group("after")
        keys = parsed.group("keys")
        if keys.lower() in ("hangup", "hang-up"):
            steps.append(Step("hangup", after=float(after) if after else None, text=word, index=where))
        else:
            steps.append(Step("press", keys, float(after) if after else None, text=word, index=where))
    return steps


class CallRecord:
    """Everything that happened in one call, in order.

    Written out, as the dataclass it was (the same arguments, equality and repr): a dataclass would import
    dataclasses and inspect into every command that simulates a call, and a lint with goals.
    """

    __match_args__ = ("events", "ended", "language")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq

    def __init__(self, events: list[Event] | None = None, ended: bool = False, language: str = "en") -> None:
        self.events: list[Event] = [] if events is None else events
        self.ended = ended
        self.language = language

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, CallRecord):
            return NotImplemented
        return (self.events, self.ended, self.language) == (other.events, other.ended, other.language)

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(events={self.events!r}, ended={self.ended!r}, language={self.language!r})"

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
    session = Session(
        menuset,
        duration=duration,
        at=at,
        language=language,
        variables=variables,
        transfer_outcome=transfer_outcome,
        queue_wait=queue_wait,
    )
    record = CallRecord(language=session.language)
    session.start()
    for step in steps:
        if step.after is not None and not session.ended:
            # A step later than the IVR waits comes after its timeouts: let them happen first, so a step
            # that only comes after the end of the call is reported as unused.
            moment = session.acted_at + step.after
            for _ in range(MAX_CATCH_UP):
                deadline = session.stops_waiting_at
                if deadline is None or moment < deadline:
                    break
                session.wait()
            else:
                if not session.ended and moment >= (session.stops_waiting_at or 0.0):
                    raise StepError(
                        f"step `{step.text}` comes after more than {MAX_CATCH_UP} timeouts of the "
                        "IVR; write a smaller number of seconds",
                        step.index or 0,
                    )
            step = Step(step.action, step.keys, max(0.0, moment - session.acted_at), step.text, step.index)
        # Once the end of the call is settled, a step still counts while it falls before that end (a
        # hang-up or a key during the goodbye); a step at or after it never happened.
        if session.ended and (step.action == "wait" or session.too_late(step.after)):
            _leftover(session, record, step)
        if step.action == "press":
            session.press(step.keys, after=step.after)
            if session.unused:
                _leftover(session, record, step, session.unused)
        elif step.action == "wait":
            session.wait()
        else:
            session.hang_up(after=step.after)
    waits = 0
    while until_end and not session.ended and waits < MAX_SILENT_WAITS:
        session.wait()
        waits += 1
    record.events = session.events
    record.ended = session.ended
    return record


def _leftover(session: Session, record: CallRecord, step: Step, keys: str = "") -> None:
    record.events = session.events
    record.ended = True
    raise LeftoverStepError(_leftover_message(step, record, keys), step.index or 0, step, record)


def _leftover_message(step: Step, record: CallRecord, keys: str = "") -> str:
    end = record.events[-1] if record.events else None
    if end is not None and isinstance(end, TERMINAL_EVENTS):
        what = transcript_lines([end])[0].split("end", 1)[-1].strip()
        ended = f"the call ended at {clock(end.at)} ({what})"
    else:
        ended = "the call had already ended"
    where = f" (character {step.index + 1})" if step.index is not None else ""
    if keys and keys != step.keys:
        # Some keys of the step were pressed in time; these came 0.2 s apart, after the end.
        return (
            f"key{'s' if len(keys) > 1 else ''} `{keys}` of step `{step.text or step.keys}`{where} "
            f"{'are' if len(keys) > 1 else 'is'} never used: {ended} before "
            f"{'they were' if len(keys) > 1 else 'it was'} pressed; remove "
            f"{'them' if len(keys) > 1 else 'it'} and the steps after it"
        )
    return (
        f"step `{step.text or step.action}`{where} is never used: {ended} before it; remove it and the steps after it"
    )
