"""Shared test helpers."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """The path of a command-line tool; skip without it locally, but fail under CI, which installs it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"`{name}` is not installed; .ci/run must install it")
        pytest.skip(f"`{name}` is not installed")
    return path
