"""The terminal simulator (`ivrkit sim`): a Textual app that drives an engine `Session` and a `Speaker`.

Nothing outside this package imports it, and it holds no menu logic: every
decision about the call is the engine's; this package plays the events it
returns (speech through the speaker, timeouts in real time) and shows them.
"""

from __future__ import annotations

__all__ = ["IvrApp", "SimOptions"]


def __getattr__(name: str):
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
