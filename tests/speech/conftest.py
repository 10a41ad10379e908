"""Fixtures for the speech tests: a fake audio player on PATH that records what it was asked to play."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

FAKE_PLAYER = r"""#!/bin/sh
# A stand-in for aplay: logs "pid header argv" and "plays" for $FAKE_PLAYER_SECONDS (the probe: at once).
# With FAKE_PLAYER_FAIL set it fails like aplay without a sound card.
last=""
for arg in "$@"; do last="$arg"; done
header=$(head -c 4 "$last" 2>/dev/null)
echo "$$ $header $*" >> "$FAKE_PLAYER_LOG"
if [ -n "$FAKE_PLAYER_FAIL" ]; then echo "aplay: main:831: audio open error: No such file or directory" >&2; exit 1; fi
case "$last" in *probe*) exit 0;; esac
exec sleep "${FAKE_PLAYER_SECONDS:-30}"
"""


class FakePlayer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.log = folder / "player.log"
        self.log.write_text("")
        self.env = {
            "FAKE_PLAYER_LOG": str(self.log),
            "FAKE_PLAYER_SECONDS": "30",
            "FAKE_PLAYER_FAIL": "",
            "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}",
        }

    def calls(self) -> list[tuple[int, str, list[str]]]:
        """(pid, first 4 bytes of the file, argv) of each start, the probe left out."""
        found = []
        for line in self.log.read_text().splitlines():
            pid, header, *argv = line.split(" ")
            if not argv[-1].endswith("probe-silence.wav"):
                found.append((int(pid), header, argv))
        return found

    def wait_for_calls(self, count: int, timeout: float = 5.0) -> list[tuple[int, str, list[str]]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls()
            if len(calls) >= count:
                return calls
            time.sleep(0.002)
        raise AssertionError(f"the player was started {len(self.calls())} times, not {count}")


@pytest.fixture
def fake_player(tmp_path, monkeypatch) -> FakePlayer:
    """A fake `aplay` first on PATH (for this process and its children)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "aplay"
    script.write_text(FAKE_PLAYER)
    script.chmod(0o755)
    player = FakePlayer(folder)
    for name, value in player.env.items():
        monkeypatch.setenv(name, value)
    return player


def pid_gone(pid: int) -> bool:
    """True when the process no longer exists (or is only a zombie waiting to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:  # FileNotFoundError, or ProcessLookupError when it ends while being read
        return True
