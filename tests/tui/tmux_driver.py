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
    """`python -m ivrkit sim ...`, or the stand-alone module until `sim` is wired into ivrkit.cli."""
    import argparse

    from ivrkit.cli import build_parser

    wired = any(isinstance(action, argparse._SubParsersAction) and "sim" in action.choices
                for action in build_parser()._actions)
    module = "ivrkit" if wired else "ivrkit.cli_tui"
    return [sys.executable, "-m", module, "sim", *args]


class Tmux:
    def __init__(self, command: list[str], size=(120, 36)):
        self.name = f"ivrkit-{uuid.uuid4().hex[:8]}"
        shell = f"cd {shlex.quote(str(REPO))} && {shlex.join(command)}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
                        shell], check=True)
        self.started = time.perf_counter()

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def send(self, *keys: str) -> float:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        return time.perf_counter()

    def wait_for(self, text: str, timeout: float = 15.0) -> float:
        """Seconds until `text` is on the screen (polled every 5 ms)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if text in self.screen():
                return time.perf_counter()
            time.sleep(0.005)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)
