"""Wording rules (WD): labels and hand-written prompts a caller can understand on first hearing."""

from __future__ import annotations
