"""Drive `ivrkit sim` in a real terminal through tmux: start, send keys, read the screen."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def sim_command(*args: str) -> list[str]:
    """`python -m ivrkit sim ...` with the interpreter running the tests."""
    return [sys.executable, "-m", "ivrkit", "sim", *args]


class Tmux:
    def __init__(self, command: list[str], size=(120, 36)):
        self.name = f"ivrkit-{uuid.uuid4().hex[:8]}"
        shell = f"cd {shlex.quote(str(REPO))} && {shlex.join(command)}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), shell], check=True
        )
        self.started = time.perf_counter()

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def send(self, *keys: str) -> float:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        return time.perf_counter()

    def transcript(self, screen: str | None = None) -> str:
        """The Transcript panel's text as one line, so a prompt wrapped over several rows still matches."""
        rows = (screen if screen is not None else self.screen()).splitlines()
        for top, row in enumerate(rows):  # noqa: B007 (`top` is read after the loop)
            if "─ Transcript" in row:
                left = row.index("╭")
                right = row.index("╮", left)
                break
        else:
            return ""
        parts = []
        for row in rows[top + 1 :]:
            if row[left : left + 1] != "│":
                break
            parts.append(row[left + 1 : right].strip(" ▁▂▃▄▅▆▇█"))
        return " ".join(" ".join(parts).split())

    def shows(self, text: str) -> bool:
        screen = self.screen()
        return text in screen or text in self.transcript(screen)

    def wait_for(self, text: str, timeout: float = 15.0) -> float:
        """The time at which `text` was first seen on the screen or in the transcript (polled every 5 ms)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.shows(text):
                return time.perf_counter()
            time.sleep(0.005)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)
