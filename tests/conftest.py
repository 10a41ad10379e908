"""Shared test helpers."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles (docs/testing.md): `default` keeps the README's test command within a few
# minutes on two cores; `soak` is for long hunts before a release:
#     .venv/bin/python -m pytest --hypothesis-profile soak -k "propert or fuzz or stateful"
# Tests set no example counts of their own, so the profile alone decides how hard they search.
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.register_profile("default", max_examples=40, **_COMMON)
settings.register_profile("soak", max_examples=2000, **_COMMON)
settings.load_profile("default")


def require_tool(name: str) -> str:
    """The path of a command-line tool; skip without it locally, but fail under CI, which installs it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"`{name}` is not installed; .ci/run must install it")
        pytest.skip(f"`{name}` is not installed")
    return path


@pytest.fixture(autouse=True, scope="session")
def _findings_cache_outside_the_checkout(tmp_path_factory):
    """Lints run by the tests keep their findings cache in a temporary folder, not in the checkout.

    Subprocesses inherit it through the environment; a test of the cache's own location sets its own.
    """
    previous = os.environ.get("IVRKIT_CACHE_DIR")
    os.environ["IVRKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("ivrkit_cache"))
    yield
    if previous is None:
        os.environ.pop("IVRKIT_CACHE_DIR", None)
    else:
        os.environ["IVRKIT_CACHE_DIR"] = previous
