"""Export a menu set to the platforms that answer calls: one target file, and notes on what it cannot express.

`export(menuset, target, options)` returns an `ExportResult` (the text, the
fidelity notes with the menu's `path:line:col`, the id of each node in the
output). The targets are listed here explicitly, in `EXPORTER_MODULES` (as the
rules are in `ivrkit.rules`): a new target is a module with an `EXPORTER`
(see `base.Exporter`) added to the import and the tuple below.
"""

from __future__ import annotations

from ..model import MenuSet
from . import asterisk, connect, freeswitch, studio, vxml
from .base import (
    APPROXIMATED,
    LOST,
    PLACEHOLDER,
    AudioPrompts,
    Exporter,
    ExportOptions,
    ExportProblem,
    ExportResult,
    FidelityNote,
    Substitutions,
    parse_assignment,
    placeholder_name,
    read_substitutions,
)

__all__ = [
    "EXPORTER_MODULES",
    "EXPORTERS",
    "TARGETS",
    "export",
    "get_exporter",
    "ExportOptions",
    "ExportResult",
    "FidelityNote",
    "Exporter",
    "ExportProblem",
    "AudioPrompts",
    "Substitutions",
    "parse_assignment",
    "placeholder_name",
    "read_substitutions",
    "APPROXIMATED",
    "LOST",
    "PLACEHOLDER",
]

# Every target, in the order `ivrkit export --to` lists them.
EXPORTER_MODULES = (asterisk, connect, freeswitch, studio, vxml)
EXPORTERS: dict[str, Exporter] = {module.EXPORTER.name: module.EXPORTER for module in EXPORTER_MODULES}
TARGETS = tuple(EXPORTERS)


def get_exporter(target: str) -> Exporter:
    found = EXPORTERS.get(target)
    if found is None:
        raise ExportProblem(f"no exporter for `{target}`", f"the targets are: {', '.join(TARGETS)}")
    return found


def export(menuset: MenuSet, target: str, options: ExportOptions | None = None) -> ExportResult:
    """The target file for `menuset`, with its fidelity notes."""
    return get_exporter(target).export(menuset, options or ExportOptions())
