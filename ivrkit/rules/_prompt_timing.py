"""How long the prompts LN002, LN003 and LN004 judge take to say: each segment heard on arriving at a node, timed once per lint run."""

from __future__ import annotations

from ..lint.context import Context
from ..model import Node
from ..prompts import Segment, node_segments
from ..timing import OPTION_PAUSE, speech_seconds

__all__ = ["speech_rate", "timed_segments", "total_seconds"]


def speech_rate(ctx: Context, node: Node) -> float:
    return node.setting("rate", ctx.menuset.settings_of(node))


class PromptTimes:
    """Each segment said on arriving at a node, with its seconds, timed once per run (`ctx.once(PromptTimes)`):
    LN002, LN003 and LN004 time the same prompts."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._timed: dict[tuple[str, str | None], list[tuple[Segment, float | None]]] = {}

    def of(self, node: Node, language: str | None) -> list[tuple[Segment, float | None]]:
        found = self._timed.get((node.key, language))
        if found is None:
            rate = speech_rate(self.ctx, node)
            found = self._timed[(node.key, language)] = [
                (s, None if s.text is None else speech_seconds(s.text, s.language, rate))
                for s in node_segments(self.ctx.menuset, node, language)
            ]
        return found


def timed_segments(ctx: Context, node: Node, language: str | None = None) -> list[tuple[Segment, float | None]]:
    """Each segment said on arriving at `node`, with its seconds (None: an audio-only prompt)."""
    return ctx.once(PromptTimes).of(node, language)


def total_seconds(timed: list[tuple[Segment, float | None]]) -> tuple[float, bool]:
    """(seconds of the known segments with the pauses between them, whether every segment is known)."""
    known = [seconds for _, seconds in timed if seconds is not None]
    spoken = [seconds for seconds in known if seconds > 0]
    return sum(spoken) + OPTION_PAUSE * max(len(spoken) - 1, 0), len(known) == len(timed)
