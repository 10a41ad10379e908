"""What callers would notice between two versions of a menu (`ivrkit diff`).

`diff_menus(old, new, ...)` compares two loaded menu sets: the first-time
seconds to every destination (`nodes` matches them across versions,
`destinations` prices them with the engine's fastest routes), the options
added, removed, reworded, moved or rerouted (`options`), the lint findings
new and fixed (`findings`) and, with caller goals, each goal's predicted
success before and after (`goals`, through `ivrkit.predict`). The result is
a `MenuDiff`, written as text (`text`), JSON (`diff_json`) or a Markdown
pull-request comment (`github`). docs/diff.md documents the command.
"""

from __future__ import annotations

from .compare import diff_menus
from .result import DestinationChange, FindingChange, GoalChange, MenuDiff, OptionChange, diff_json

__all__ = ["diff_menus", "diff_json", "MenuDiff", "DestinationChange", "OptionChange", "FindingChange", "GoalChange"]
