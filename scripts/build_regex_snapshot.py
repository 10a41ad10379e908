"""Write (or check) `ivrkit/lazyregex.snapshot`: the patterns a command-line run compiles, compiled.

    python scripts/build_regex_snapshot.py          # write it for this interpreter
    python scripts/build_regex_snapshot.py --check  # exit 1 if it is not what this interpreter would write

It runs, in this process, the commands whose start-up issue 12 measures
(lint of the start-up benchmark's 100-node menu, of examples/northwind-energy.yaml
and of every example, check, call, test and paths of the examples) and
records every pattern `re` compiles meanwhile: ivrkit's own, and those of
PyYAML and the standard library that the runs use. The runs stay in this
process (`--jobs 1`, IVRKIT_JOBS=1: a forked lint child's patterns would
not be seen). A pattern holding an absolute path (a configuration's exclude
glob made absolute) is left out: it is this checkout's, not every run's.
Each is stored as `ivrkit.lazyregex.snapshot_entry` gives it, under
`interpreter_key()`; `ivrkit.lazyregex.install_for` installs them. A
snapshot is only ever used by the interpreter build that wrote it, so run
this again after changing Python or a pattern (a changed pattern is merely
compiled as usual until then; tests/test_startup_imports.py fails). argparse
is not imported here: its patterns are to be recorded when the commands use
them.
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

from _snapshot_build import main  # noqa: E402

from ivrkit.lazyregex import SNAPSHOT, interpreter_key, snapshot_bytes, snapshot_entry  # noqa: E402

_compiler = re._compiler  # type: ignore[attr-defined]
_compile = _compiler.compile
recorded: dict[tuple[type, str | bytes, int], None] = {}


def _recording(pattern, flags=0):
    compiled = _compile(pattern, flags)  # recorded once it compiled: a pattern re refuses is not kept
    if isinstance(pattern, str | bytes):
        recorded.setdefault((type(pattern), pattern, int(flags)), None)
    return compiled


def _holds_a_path(pattern: str | bytes, folders: tuple[str, ...]) -> bool:
    """Whether `pattern` holds one of `folders` (absolute paths): a glob of this checkout or a temporary folder."""
    text = pattern if isinstance(pattern, str) else pattern.decode("latin-1")
    return any(folder in text or re.escape(folder) in text for folder in folders)


def _runs(menu: Path) -> list[list[str]]:
    examples = ROOT / "examples"
    return [
        ["lint", "--no-cache", "--color", "never", "--jobs", "1", str(menu)],
        ["lint", "--no-cache", "--color", "never", "--jobs", "1", str(examples / "northwind-energy.yaml")],
        ["lint", "--no-cache", "--color", "never", "--jobs", "1", str(examples)],
        ["check", "--jobs", "1", str(examples)],
        ["call", str(examples / "northwind-energy.yaml"), "--press", "1"],
        ["test", str(examples / "northwind-energy.calls.yaml")],
        ["paths", str(examples / "northwind-energy.yaml")],
    ]


def build() -> bytes:
    """The snapshot this interpreter writes, as bytes."""
    re.purge()
    _compiler.compile = _recording
    jobs = os.environ.get("IVRKIT_JOBS")
    os.environ["IVRKIT_JOBS"] = "1"  # a big menu's lint forks a child for half its rules otherwise
    try:
        import yaml  # noqa: F401 - PyYAML compiles its patterns on import
        from generate_large_menu import generate

        from ivrkit.cli import main as ivrkit

        with tempfile.TemporaryDirectory() as folder:
            menu = Path(folder) / "hundred.yaml"
            menu.write_text(generate(80, 20, 7), encoding="utf-8")  # bench/bench_core.py's start-up menu
            for argv in _runs(menu):
                with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                    ivrkit(argv)
            folders = tuple({str(ROOT), os.path.realpath(folder), folder, tempfile.gettempdir()})
    finally:
        _compiler.compile = _compile
        if jobs is None:
            del os.environ["IVRKIT_JOBS"]
        else:
            os.environ["IVRKIT_JOBS"] = jobs
    entries = [
        entry
        for _, pattern, flags in recorded
        if not _holds_a_path(pattern, folders) and (entry := snapshot_entry(pattern, flags)) is not None
    ]
    entries.sort(key=lambda entry: (type(entry[0]).__name__, entry[0], entry[1]))  # the same file whatever ran first
    return snapshot_bytes(interpreter_key(), entries)


def _same(old: bytes, new: bytes) -> bool:
    """Whether two snapshot files hold the same key and entries (not necessarily the same bytes)."""
    try:
        key, _, payload = marshal.loads(old)
        held = (key, marshal.loads(payload))
    except Exception:  # an older or damaged file
        return False
    key, _, payload = marshal.loads(new)
    return held == (key, marshal.loads(payload))


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main(__doc__, SNAPSHOT, build, _same))
