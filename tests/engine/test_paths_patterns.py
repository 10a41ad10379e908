"""`ivrkit paths` with extension patterns: the fastest extension really is the fastest (what `ivrkit call` gives),
and hundreds of patterns do not make the search slow (found by the independent review)."""

from __future__ import annotations

import random
import subprocess
import sys

MENU = """\
ivrkit: 1
name: t
language: en
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    announce_options: false
    options:
      "0": {{label: an adviser, goto: t}}
    extensions: {{patterns: [{patterns}], goto: dial}}
  t: {{type: transfer, say: Connecting., queue: sales}}
  dial: {{type: transfer, say: Dialling., number: "{{extension}}"}}
"""


def _ivrkit(tmp_path, *args: str, timeout: float = 60) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", *args], cwd=tmp_path, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _row(out: str, node: str) -> list[str]:
    return next(line.split() for line in out.splitlines() if line.startswith(node + " "))


def test_a_shorter_extension_that_waits_does_not_hide_a_faster_one(tmp_path):
    # every 8-digit number starting with 1 waits (it could become a 10-digit one); 2xxxxxxx does not
    (tmp_path / "m.yaml").write_text(MENU.format(patterns='"XXXXXXXX", "1XXXXXXXXX"'), encoding="utf-8")
    row = _row(_ivrkit(tmp_path, "paths", "m.yaml"), "dial")
    keys, seconds = row[3], float(row[4])
    assert keys == "20000000"
    call = _ivrkit(tmp_path, "call", "m.yaml", "--press", keys)
    assert f"{int(seconds // 60)}:{seconds % 60:04.1f}  at      dial  (via extension {keys})" in call


def test_hundreds_of_patterns_are_searched_in_bounded_time(tmp_path):
    rng = random.Random(3)
    patterns = {
        "9" + "".join(rng.choice("0123456789X") for _ in range(5)) + rng.choice(["", ".", "!"]) for _ in range(1500)
    }
    (tmp_path / "m.yaml").write_text(
        MENU.format(patterns=", ".join(f'"{p}"' for p in sorted(patterns))), encoding="utf-8"
    )
    row = _row(_ivrkit(tmp_path, "paths", "m.yaml", timeout=60), "dial")
    assert len(row[3]) == 6 and row[3].startswith("9")
