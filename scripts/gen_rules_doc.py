#!/usr/bin/env python3
"""Write docs/rules.md from the rule registry (`--check`: exit 1 when the committed file is stale).

Run it after adding or changing a rule: `python scripts/gen_rules_doc.py`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ivrkit.atomic import write_text_atomic  # noqa: E402
from ivrkit.lint.ruledoc import RULES_DOC, rules_document  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    target = ROOT / RULES_DOC
    text = rules_document()
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current != text:
            print(f"{RULES_DOC} is out of date; run scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        write_text_atomic(target, text)
        print(f"wrote {RULES_DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
