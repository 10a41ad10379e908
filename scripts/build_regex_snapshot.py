"""Write (or check) `ivrkit/lazyregex.snapshot`: the patterns a command-line run compiles, compiled.

    python scripts/build_regex_snapshot.py          # write it for this interpreter
    python scripts/build_regex_snapshot.py --check  # exit 1 if it is not what this interpreter would write

It runs, in this process, the commands whose start-up issue 12 measures
(lint of the start-up benchmark's 100-node menu and of every example, check,
call, test and paths of the examples) and records every pattern `re`
compiles meanwhile, in the order it compiles them: ivrkit's own, and those
of PyYAML and the standard library that the runs use. Each is stored as
`ivrkit.lazyregex.snapshot_entry` gives it, under `interpreter_key()`;
`ivrkit.cli.entry` installs them with `install_snapshot()`. A snapshot is
only ever used by the interpreter build that wrote it, so run this again
after changing Python (or a pattern: a changed pattern is merely compiled
as usual until then). argparse is not imported here: its patterns are to be
recorded when the commands use them.
"""

from __future__ import annotations

import io
import marshal
import os
import re
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ivrkit.lazyregex import SNAPSHOT, interpreter_key, snapshot_entry  # noqa: E402

_compiler = re._compiler  # type: ignore[attr-defined]
_compile = _compiler.compile
recorded: dict[tuple[type, str | bytes, int], None] = {}


def _recording(pattern, flags=0):
    if isinstance(pattern, str | bytes):
        recorded.setdefault((type(pattern), pattern, int(flags)), None)
    return _compile(pattern, flags)


def _runs(menu: Path) -> list[list[str]]:
    examples = ROOT / "examples"
    return [
        ["lint", "--no-cache", "--color", "never", str(menu)],
        ["lint", "--no-cache", "--color", "never", str(examples)],
        ["check", str(examples)],
        ["call", str(examples / "northwind-energy.yaml"), "--press", "1"],
        ["test", str(examples / "northwind-energy.calls.yaml")],
        ["paths", str(examples / "northwind-energy.yaml")],
    ]


def build() -> bytes:
    """The snapshot this interpreter writes, as bytes."""
    re.purge()
    _compiler.compile = _recording
    try:
        import yaml  # noqa: F401 - PyYAML compiles its patterns on import
        from generate_large_menu import generate

        from ivrkit.cli import main

        with tempfile.TemporaryDirectory() as folder:
            menu = Path(folder) / "hundred.yaml"
            menu.write_text(generate(80, 20, 7), encoding="utf-8")  # bench/bench_core.py's start-up menu
            for argv in _runs(menu):
                with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                    main(argv)
    finally:
        _compiler.compile = _compile
    entries = [entry for _, pattern, flags in recorded if (entry := snapshot_entry(pattern, flags)) is not None]
    entries.sort(key=lambda entry: (type(entry[0]).__name__, entry[0], entry[1]))  # the same file whatever ran first
    return marshal.dumps((interpreter_key(), entries))


def main() -> int:
    os.chdir(ROOT)
    data = build()
    if sys.argv[1:] == ["--check"]:
        current = marshal.loads(Path(SNAPSHOT).read_bytes()) if Path(SNAPSHOT).exists() else None
        if current != marshal.loads(data):
            print(f"{SNAPSHOT} is stale for this interpreter: run scripts/build_regex_snapshot.py", file=sys.stderr)
            return 1
        return 0
    if sys.argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    Path(SNAPSHOT).write_bytes(data)
    _, entries = marshal.loads(data)
    print(f"wrote {len(entries)} patterns to {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
