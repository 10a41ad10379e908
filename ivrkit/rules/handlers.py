"""Handler rules (HD): what happens when the caller is silent or presses a wrong key."""

from __future__ import annotations
