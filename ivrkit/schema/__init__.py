"""The JSON Schema of the ivrkit menu format, for editors and other tools.

`menu.schema.json` (JSON Schema draft 2020-12) mirrors docs/format.md closely
enough for yaml-language-server / the VS Code YAML extension to complete
fields, show their descriptions on hover and flag mistakes as you type. It
sees only what survives YAML parsing: duplicate keys, a ``#`` key swallowed
as a comment, undefined targets and other cross-references are left to
``ivrkit check``. ``ivrkit schema`` prints `schema_text()`.

`goals.schema.json` does the same for caller goals files (``*.goals.yaml``,
docs/goals.md); ``ivrkit schema goals`` prints `goals_schema_text()`.
"""

from __future__ import annotations

import json
from importlib import resources

__all__ = ["SCHEMA_ID", "GOALS_SCHEMA_ID", "schema_text", "load_schema", "goals_schema_text", "load_goals_schema"]

SCHEMA_ID = "https://ivrkit.dev/schema/menu-v1.json"
GOALS_SCHEMA_ID = "https://ivrkit.dev/schema/goals-v1.json"
_RESOURCE = "menu.schema.json"
_GOALS_RESOURCE = "goals.schema.json"


def schema_text() -> str:
    """The schema exactly as shipped (UTF-8 JSON text, ending in a newline)."""
    return resources.files(__package__).joinpath(_RESOURCE).read_text(encoding="utf-8")


def load_schema() -> dict:
    """The schema as a fresh dict (callers may modify it)."""
    return json.loads(schema_text())


def goals_schema_text() -> str:
    """The schema of caller goals files exactly as shipped (UTF-8 JSON text, ending in a newline)."""
    return resources.files(__package__).joinpath(_GOALS_RESOURCE).read_text(encoding="utf-8")


def load_goals_schema() -> dict:
    """The schema of caller goals files as a fresh dict."""
    return json.loads(goals_schema_text())
