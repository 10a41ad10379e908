"""How long the prompts LN003 and LN004 judge take to say, segment by segment.

The segments and their seconds are `ctx.heard` (`ivrkit.analysis.heard`), computed once per menu set and
shared with the engine; a whole prompt's length is `ctx.heard.spoken(node, language)`.
"""

from __future__ import annotations

from ..lint.context import Context
from ..model import Node
from ..prompts import Segment
from ..timing import OPTION_PAUSE

__all__ = ["timed_segments", "total_seconds"]


def timed_segments(ctx: Context, node: Node, language: str | None = None) -> list[tuple[Segment, float | None]]:
    """Each segment said on arriving at `node`, with its seconds (None: an audio-only prompt)."""
    return list(zip(ctx.heard.segments(node, language), ctx.heard.seconds(node, language)))


def total_seconds(timed: list[tuple[Segment, float | None]]) -> tuple[float, bool]:
    """(seconds of the known segments with the pauses between them, whether every segment is known)."""
    known = [seconds for _, seconds in timed if seconds is not None]
    spoken = [seconds for seconds in known if seconds > 0]
    return sum(spoken) + OPTION_PAUSE * max(len(spoken) - 1, 0), len(known) == len(timed)
