#!/usr/bin/env python3
"""Measure the speech backend's latencies with a fake player (no sound card needed).

- say -> player started: from `Pyttsx3Speaker.say()` to the player process
  being started (synthesis of the WAV plus the process start), and to the
  player's first line of output (it is running);
- stop -> silence: from `stop()` (barge-in) to the player process being gone,
  and to `on_done(False)` arriving.

    python scripts/measure_speech.py [--runs 9]

Needs pyttsx3 and espeak-ng. The fake `aplay` is a shell script that logs
and sleeps, so the numbers are ivrkit's own cost, not a sound server's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROMPT = (
    "Thank you for calling Northwind Energy. For billing and payments, press 1. To report a power cut "
    "or a gas leak, press 2. To give a meter reading, press 3."
)
FAKE = """#!/bin/sh
for arg in "$@"; do last="$arg"; done
case "$last" in *probe*) exit 0;; esac
echo "$$" >> "$FAKE_PLAYER_LOG"
exec sleep 30
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:  # FileNotFoundError, or ProcessLookupError when it ends while being read
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ivrkit-measure-"))
    (folder / "aplay").write_text(FAKE)
    (folder / "aplay").chmod(0o755)
    log = folder / "log"
    log.write_text("")
    os.environ["PATH"] = f"{folder}{os.pathsep}{os.environ['PATH']}"
    os.environ["FAKE_PLAYER_LOG"] = str(log)

    from ivrkit.speech.pyttsx3_backend import Pyttsx3Speaker

    began = time.monotonic()
    speaker = Pyttsx3Speaker()
    start_up = time.monotonic() - began
    if not speaker.available:
        print(f"speech is unavailable: {speaker.reason}", file=sys.stderr)
        return 1
    started, running, gone, done_after, synthesis = [], [], [], [], []
    for run in range(args.runs + 1):
        lines = len(log.read_text().splitlines())
        done = threading.Event()
        stamp: list[float] = []
        said = time.monotonic()
        speaker.say(
            PROMPT,
            "en" if run % 2 else "fi",
            rate=165,
            on_done=lambda completed, stamp=stamp, done=done: (stamp.append(time.monotonic()), done.set()),
        )
        while len(log.read_text().splitlines()) == lines:
            time.sleep(0.0002)
        up = time.monotonic() - said
        pid = int(log.read_text().splitlines()[-1])
        time.sleep(0.2)
        stopped = time.monotonic()
        speaker.stop()
        while not _gone(pid):
            time.sleep(0.0001)
        silent = time.monotonic() - stopped
        done.wait(2)
        if run == 0:
            continue  # the first run warms the voices up
        started.append(speaker.last_start_latency)
        synthesis.append(speaker.last_synthesis_seconds)
        running.append(up)
        gone.append(silent)
        done_after.append(stamp[0] - stopped)
    speaker.close()

    def ms(values):
        return f"median {statistics.median(values) * 1000:6.1f} ms (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"

    print(f"speaker start-up (engine + player probe): {start_up * 1000:.0f} ms")
    print(f"say -> player process started:  {ms(started)}   [{len(PROMPT)}-character prompt, {args.runs} runs]")
    print(f"  of which synthesis:           {ms(synthesis)}")
    print(f"say -> player running (logged): {ms(running)}")
    print(f"stop -> player process gone:    {ms(gone)}")
    print(f"stop -> on_done(False):         {ms(done_after)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
