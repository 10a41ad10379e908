"""Length and time rules (LN): how much a caller must listen to before they can act."""

from __future__ import annotations
