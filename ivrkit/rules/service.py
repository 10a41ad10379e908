"""Service rules (SV): promises, queues and languages, where callers lose trust."""

from __future__ import annotations
