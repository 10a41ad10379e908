"""Latency of `ivrkit sim`: launch to first prompt (tmux), keypress to screen update (tmux and Pilot),
key press to silence during barge-in (Pilot with a recording speaker that timestamps stop()).

Run: python bench/sim_latency.py   (needs tmux for the first two figures)
     python bench/sim_latency.py --pilot-only [--runs 20]   (headless: Textual Pilot only, no terminal)

The last line is `tui_keypress_to_screen_ms=N`, the median Pilot figure (bench/bench_core.py reads it).
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


async def pilot_figures(runs: int = 20) -> tuple[list[float], list[float], list[float]]:
    speaker = TimedSpeaker()
    app = IvrApp(SimOptions(str(REPO / MENU), speed=1000, timeouts=False), speaker)
    to_silence, in_app, to_screen = [], [], []
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(runs):
            while not (speaker.current and speaker.current.text.startswith("To report a power cut")):
                if speaker.current is not None:
                    speaker.finish()
                await pilot.pause(0.005)
            speaker.stopped_at.clear()
            lines = len(app.call.query_one("#transcript").lines)
            pressed = time.perf_counter()
            await pilot.press("2")  # returns once the key has been processed and the screen refreshed
            to_screen.append(time.perf_counter() - pressed)
            to_silence.append(speaker.stopped_at[0] - pressed)
            assert len(app.call.query_one("#transcript").lines) > lines
            in_app.append(app.call.measure["press_to_stop"][-1])
            await pilot.press("r")
    return to_silence, in_app, to_screen


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
    to_silence, in_app, to_screen = asyncio.run(pilot_figures(args.runs))
    show("key press to speaker.stop() (Pilot key event)", to_silence)
    show("  of which in CallScreen.press (key -> stop)", in_app)
    show("keypress to screen update (Pilot press incl. refresh)", to_screen)
    print(f"tui_keypress_to_screen_ms={statistics.median(to_screen) * 1000:.2f}")


if __name__ == "__main__":
    main()
