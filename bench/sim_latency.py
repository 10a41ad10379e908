"""Latency of `ivrkit sim`: launch to first prompt (tmux), keypress to screen update (tmux and Pilot),
key press to silence during barge-in (Pilot with a recording speaker that timestamps stop()).

Run: python bench/sim_latency.py   (needs tmux for the first two figures)
     python bench/sim_latency.py --pilot-only [--runs 20]   (headless: Textual Pilot only, no terminal)

Two Pilot figures of a keypress:

- `tui_keypress_to_screen_ms` (the last line; bench/bench_core.py reads it): from the key event sent to the
  first frame the app hands to its driver with the key's transcript line in it ("presses 2" laid out on
  screen). This is what a caller sees.
- `tui_pilot_press_ms`: how long `await pilot.press(key)` takes. Pilot returns only once Textual's
  `wait_for_idle` has seen the process idle through a whole 20 ms sleep, twice, so this is never under
  about 40 ms, and over 60 ms once handling the key takes a millisecond of CPU (an app that only updates
  one Static measures 60 ms on the 2-core machine): it measures Pilot's idle detection as much as the app.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ivrkit.speech.null import RecordingSpeaker  # noqa: E402
from ivrkit.tui.app import IvrApp, SimOptions  # noqa: E402
from tests.tui.tmux_driver import Tmux, sim_command  # noqa: E402

MENU = "examples/northwind-energy.yaml"


def tmux_figures(runs: int = 3) -> tuple[list[float], list[float], list[float]]:
    """Launch to first prompt; a key at once (lint still running in its thread); a key once settled."""
    launch, early, settled = [], [], []
    for _ in range(runs):
        sim = Tmux(sim_command(MENU, "--mute", "--speed", "5"))
        try:
            launch.append(sim.wait_for("Thank you for calling Northwind Energy.") - sim.started)
            sent = sim.send("2")
            early.append(sim.wait_for("presses 2") - sent)
            time.sleep(1.5)
            sent = sim.send("1")
            settled.append(sim.wait_for("presses 1") - sent)
        finally:
            sim.close()
    return launch, early, settled


class TimedSpeaker(RecordingSpeaker):
    def __init__(self):
        super().__init__()
        self.stopped_at: list[float] = []

    def stop(self):
        self.stopped_at.append(time.perf_counter())
        super().stop()


class FrameWatch:
    """Wraps the app's `_display` (where a frame goes to the driver) and the transcript's `render_line`,
    and notes when the first frame with a given transcript line drawn in it was sent."""

    def __init__(self, app):
        self.app = app
        self.text: str | None = None
        self.first_line = 0
        self.shown_at: float | None = None
        self.drawn: set[int] = set()  # transcript rows drawn since `expect`
        self._display = app._display
        app._display = self.display
        transcript = app.call.query_one("#transcript")
        render_line = transcript.render_line

        def drawing(y):
            self.drawn.add(transcript.scroll_offset.y + y)
            return render_line(y)

        transcript.render_line = drawing

    def expect(self, text: str) -> None:
        self.text, self.shown_at = text, None
        self.first_line = len(self.app.call.query_one("#transcript").lines)
        self.drawn = set()

    def display(self, screen, renderable) -> None:
        self._display(screen, renderable)
        if self.text is None or self.shown_at is not None:
            return
        transcript = self.app.call.query_one("#transcript")
        lines = transcript.lines
        for row in self.drawn:
            index = transcript.entry_at_row(row)
            if index is not None and index >= self.first_line and self.text in lines[index]:
                self.shown_at = time.perf_counter()
                return


async def pilot_figures(runs: int = 20) -> tuple[list[float], list[float], list[float], list[float]]:
    speaker = TimedSpeaker()
    app = IvrApp(SimOptions(str(REPO / MENU), speed=1000, timeouts=False), speaker)
    to_silence, in_app, to_frame, pilot_press = [], [], [], []
    async with app.run_test(size=(120, 36)) as pilot:
        frames = FrameWatch(app)
        for _ in range(runs):
            while not (speaker.current and speaker.current.text.startswith("To report a power cut")):
                if speaker.current is not None:
                    speaker.finish()
                await pilot.pause(0.005)
            speaker.stopped_at.clear()
            lines = len(app.call.query_one("#transcript").lines)
            frames.expect("presses 2")
            pressed = time.perf_counter()
            await pilot.press("2")  # returns once Pilot has seen the app idle (see the module's docstring)
            pilot_press.append(time.perf_counter() - pressed)
            assert frames.shown_at is not None, "no frame showed the key's line"
            to_frame.append(frames.shown_at - pressed)
            to_silence.append(speaker.stopped_at[0] - pressed)
            assert len(app.call.query_one("#transcript").lines) > lines
            in_app.append(app.call.measure["press_to_stop"][-1])
            await pilot.press("r")
    return to_silence, in_app, to_frame, pilot_press


def show(name: str, values: list[float]) -> None:
    ms = sorted(v * 1000 for v in values)
    print(f"{name:<52} median {statistics.median(ms):7.2f} ms  (min {ms[0]:.2f}, max {ms[-1]:.2f}, n={len(ms)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pilot-only", action="store_true", help="skip the tmux figures")
    parser.add_argument("--runs", type=int, default=20, help="key presses timed through Pilot")
    args = parser.parse_args()
    if args.pilot_only:
        pass
    elif shutil.which("tmux"):
        launch, early, settled = tmux_figures()
        show("launch to first prompt on screen (tmux)", launch)
        show("keypress to screen update, just after launch (tmux)", early)
        show("keypress to screen update, settled (tmux)", settled)
    else:
        print("tmux not installed: skipping the terminal figures")
    to_silence, in_app, to_frame, pilot_press = asyncio.run(pilot_figures(args.runs))
    show("key press to speaker.stop() (Pilot key event)", to_silence)
    show("  of which in CallScreen.press (key -> stop)", in_app)
    show("await pilot.press() (Pilot's idle detection included)", pilot_press)
    show("keypress to the first frame showing it (Pilot key event)", to_frame)
    print(f"tui_pilot_press_ms={statistics.median(pilot_press) * 1000:.2f}")
    print(f"tui_keypress_to_screen_ms={statistics.median(to_frame) * 1000:.2f}")


if __name__ == "__main__":
    main()
