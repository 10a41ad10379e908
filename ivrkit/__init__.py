"""ivrkit: design, lint and simulate IVR phone keypad menus written in YAML.

The public API is small: `load()` turns a menu file into a checked `MenuSet`
(raising `LoadError` with every problem found), and `ivrkit.graph.build()`
turns that into a call graph. Files of other platforms (FreeSWITCH, VoiceXML,
Asterisk, Amazon Connect, Twilio Studio) open with `ivrkit.importers.load_any()`.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "load", "loads", "LoadError"]


def __getattr__(name: str):
    # The loader pulls in PyYAML; keep `import ivrkit` itself instant.
    if name in ("load", "loads", "LoadError"):
        from . import loader

        return getattr(loader, name)
    raise AttributeError(name)
