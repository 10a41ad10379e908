"""The command line the snapshot builders share: write a snapshot file, or `--check` that it is current.

    main(__doc__, path, build, same)

`build()` makes the file's bytes as they should be now; `same(old, new)` says whether two files hold the
same thing (comparing what they hold, not their bytes, where `marshal` may write equal values differently).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def main(usage: str, path: str | Path, build: Callable[[], bytes], same: Callable[[bytes, bytes], bool]) -> int:
    """Write `build()` to `path` (no arguments) or exit 1 when `path` differs from it (`--check`)."""
    path = Path(path)
    script = Path(sys.argv[0]).name
    if sys.argv[1:] not in ([], ["--check"]):
        print(usage, file=sys.stderr)
        return 2
    data = build()
    if sys.argv[1:] == ["--check"]:
        current = path.read_bytes() if path.exists() else b""
        if not current or not same(current, data):
            print(f"{path} is stale: run python scripts/{script}", file=sys.stderr)
            return 1
        print(f"{path} is current")
        return 0
    path.write_bytes(data)
    print(f"wrote {path}")
    return 0
