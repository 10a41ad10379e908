"""The fields of a goals file, as the loader reads them: one table per level, tied to the JSON Schema.

`tests/goals/test_schema_tie.py` checks that ivrkit/schema/goals.schema.json
names the same fields, each of the same kind and range, required in both or
in neither.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..loader.fields import LANGUAGE
from ..model import model_class

__all__ = ["GoalField", "FILE_FIELDS", "GOAL_FIELDS", "TABLES", "LANGUAGE", "NODE_KEY", "SHARE_LOW", "SHARE_HIGH"]

# A node key of a menu set: `id` for the root file's nodes, `file#id` for the others'.
NODE_KEY = re.compile(r"(?:[^#\s][^#]*#)?[A-Za-z_][A-Za-z0-9_-]*\Z")
SHARE_LOW, SHARE_HIGH = 0.0, 1.0  # a share is above SHARE_LOW (exclusive) and at most SHARE_HIGH


@model_class  # a frozen dataclass, made without dataclasses' start-up cost
class GoalField:
    """One field as the loader reads it.

    `kind`: ``path`` (a relative file path with `/`), ``language`` (a BCP 47
    tag), ``text`` (non-empty text), ``nodes`` (a node key or a non-empty list
    of them), ``share`` (a number above `low`, at most `high`), ``goals`` (a
    non-empty list of goals, each read with `GOAL_FIELDS`).
    """

    kind: str
    required: bool = False
    low: float | None = None
    high: float | None = None


FILE_FIELDS: Mapping[str, GoalField] = {
    "menu": GoalField("path", required=True),
    "language": GoalField("language"),
    "goals": GoalField("goals", required=True),
}
GOAL_FIELDS: Mapping[str, GoalField] = {
    "say": GoalField("text", required=True),
    "language": GoalField("language"),
    "reaches": GoalField("nodes", required=True),
    "share": GoalField("share", low=SHARE_LOW, high=SHARE_HIGH),
}
TABLES: Mapping[str, Mapping[str, GoalField]] = {"file": FILE_FIELDS, "goal": GOAL_FIELDS}
