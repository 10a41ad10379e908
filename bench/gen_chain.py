"""Generate a chain of N building blocks, each file referencing the next, and time `ivrkit check` on it.

    python bench/gen_chain.py OUT_DIR [--files 400]            # write the chain only
    python bench/gen_chain.py OUT_DIR --time 100 200 400       # write chains of these sizes and time `check`

`main.yaml` enters `block1.yaml`; block i offers "1" to go on to block i+1
(`then:` a goodbye of its own) and "0" to return; the last block only returns.
So loading `main.yaml` loads every file once, and the work per file is the
same: the time of `check` should grow linearly with N (issue 10, item 6).
Each size is timed as a new `python -m ivrkit check` process; the ratio to the
smallest size is printed beside the expected linear ratio.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HEADER = "ivrkit: 1\nname: {name}\nentry: start\nnodes:\n"


def block(index: int, files: int) -> str:
    text = HEADER.format(name=f"block {index}")
    if index < files:
        text += (
            f"  start:\n    type: menu\n    say: Block {index}.\n    options:\n"
            f"      1: {{label: go on, goto: block{index + 1}.yaml, then: done}}\n"
            "      0: {label: go back, goto: return}\n"
            f"  done: {{type: message, say: Back in block {index}., next: return}}\n"
        )
    else:
        text += "  start: {type: message, say: The last block., next: return}\n"
    return text


def write_chain(folder: Path, files: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".ivrkit.yaml").write_text("lint: {}\n", encoding="utf-8")
    for index in range(1, files + 1):
        (folder / f"block{index}.yaml").write_text(block(index, files), encoding="utf-8")
    main = folder / "main.yaml"
    main.write_text(
        HEADER.format(name="chain")
        + (
            "  start: {type: message, say: Welcome., next: block1.yaml, then: bye}\n"
            "  bye: {type: hangup, say: Goodbye.}\n"
        ),
        encoding="utf-8",
    )
    return main


def time_check(main: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "check", str(main)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"check failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--time", type=int, nargs="*", metavar="N", help="chain sizes to time with `ivrkit check`")
    args = parser.parse_args()
    if not args.time:
        print(write_chain(args.out, args.files))
        return
    first = None
    for size in args.time:
        elapsed = time_check(write_chain(args.out / f"chain{size}", size))
        first = first or (size, elapsed)
        print(f"{size:6d} files: check {elapsed:6.2f} s  (x{elapsed / first[1]:.2f}; linear x{size / first[0]:.2f})")


if __name__ == "__main__":
    main()
