"""The simulation engine: a deterministic, UI-free call session over a loaded menu.

The terminal UI, call scripts and caller-time figures are all built on
`Session` and its events; the engine itself imports no UI or speech code.
"""

from __future__ import annotations

from .events import *  # noqa: F401,F403
from .events import __all__ as _events
from .session import Duration, Session

__all__ = ["Session", "Duration", *_events]
