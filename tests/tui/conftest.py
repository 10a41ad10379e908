"""Helpers for the TUI tests: build the app with a RecordingSpeaker, and wait for it without sleeping blindly."""

from __future__ import annotations

import asyncio
import inspect
import shutil
import time
from pathlib import Path

import pytest

from ivrkit.speech.null import RecordingSpeaker
from ivrkit.tui.app import IvrApp, SimOptions

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 36)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests (Pilot needs an event loop) without an extra plugin."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**arguments))
        return True
    return None


def make_app(
    path, *, speaker=None, speed: float = 1000.0, timeouts: bool = False, **options
) -> tuple[IvrApp, RecordingSpeaker]:
    """The app on `path`; by default no-input timeouts wait for `app.call.time_out()`, so tests own the clock."""
    speaker = speaker if speaker is not None else RecordingSpeaker()
    options = SimOptions(str(path), speed=speed, poll_interval=0.05, timeouts=timeouts, **options)
    return IvrApp(options, speaker), speaker


def listening(app) -> bool:
    return app.call.session is not None and app.call.listening


async def until(pilot, condition, timeout: float = 15.0, what: str = "the condition"):
    """Let the app run until `condition()` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def speak_through(pilot, speaker: RecordingSpeaker, stop_when=None, limit: int = 50):
    """Finish each segment the app says, until it waits for the caller (or `stop_when()`)."""
    call = pilot.app.call
    for _ in range(limit):
        await until(
            pilot,
            lambda: speaker.current is not None or call.listening or (call.session is not None and call.session.ended),
            what="speech or a wait",
        )
        if stop_when is not None and stop_when():
            return
        if speaker.current is None:
            return
        speaker.finish()
        await pilot.pause()


def transcript(app) -> list[str]:
    return app.call.query_one("#transcript").lines


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A private copy of the tiny menu, to edit and to save call scripts beside."""
    path = tmp_path / "tiny.yaml"
    shutil.copy(DATA / "tiny.yaml", path)
    return path
