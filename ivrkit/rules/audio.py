"""Audio rules (AU): prompts that exist only as recordings, whose words are unknown."""

from __future__ import annotations
