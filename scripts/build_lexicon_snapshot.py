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

from _snapshot_build import main  # noqa: E402

from ivrkit.language.lexicon import SNAPSHOT, snapshot_bytes  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(__doc__, SNAPSHOT, snapshot_bytes, lambda old, new: marshal.loads(old) == marshal.loads(new)))
