"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["write_text_atomic", "write_atomic_with"]


def write_text_atomic(path: str | os.PathLike, text: str, *, durable: bool = True) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename."""
    write_atomic_with(path, lambda stream: stream.write(text), durable=durable)


def write_atomic_with(path: str | os.PathLike, write: Callable[[IO[str]], object], *, durable: bool = True) -> None:
    """Let `write(stream)` write the new text of `path` piece by piece; the file is replaced when it is done.

    If `write` raises, the file is left as it was and the exception goes on.
    `durable=False` skips the fsync: readers still never see half a file, but
    after a power cut the new file may be empty or cut short (for a cache,
    whose reader checks what it reads, that is a miss).
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
