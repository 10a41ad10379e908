"""Write (or check) `ivrkit/language/data/snapshot.marshal`: the lexicon's data files, read.

    python scripts/build_lexicon_snapshot.py          # write it
    python scripts/build_lexicon_snapshot.py --check  # exit 1 if it does not hold the data files as they are

Run it after editing `ivrkit/language/data/*.yaml`: until then the edited
file is read as YAML (correct, only slower); tests/language/test_lexicon_snapshot.py
fails while the snapshot is stale.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ivrkit.language.lexicon import SNAPSHOT, snapshot_bytes  # noqa: E402


def main() -> int:
    data = snapshot_bytes()
    if sys.argv[1:] == ["--check"]:
        current = SNAPSHOT.read_bytes() if SNAPSHOT.exists() else b""
        if not current or marshal.loads(current) != marshal.loads(data):
            print(f"{SNAPSHOT} is stale: run scripts/build_lexicon_snapshot.py", file=sys.stderr)
            return 1
        return 0
    if sys.argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    SNAPSHOT.write_bytes(data)
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
