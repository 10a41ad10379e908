"""Helpers for the importer tests: fixture paths, the third-party corpus, and an in-process `ivrkit import`."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# Third-party files, never copied into the repository: ../shared/corpus beside the checkout.
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def require_corpus() -> Path:
    """The corpus folder; skip without it locally, but fail under CI, which has it."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the corpus folder {CORPUS} is missing; CI must provide ../shared/corpus")
        pytest.skip(f"the corpus folder {CORPUS} is not here")
    return CORPUS


@pytest.fixture
def corpus() -> Path:
    return require_corpus()


def run_ivrkit(*argv: str) -> tuple[int, str, str]:
    """Run `ivrkit ARGV` in-process."""
    from ivrkit import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def call_corpus(name: str, press: str, *extra: str) -> str:
    """`ivrkit call` of a corpus file with these steps: the transcript (the call must succeed)."""
    code, out, err = run_ivrkit("call", str(require_corpus() / name), "--press", press, *extra)
    assert code == 0, err
    return out


def transcript_lines(out: str, word: str) -> list[str]:
    """The transcript lines of one kind (`at`, `ivr`, `caller`, ...): the word after the time stamp."""
    return [line for line in out.splitlines()[1:] if len(line.split()) > 1 and line.split()[1] == word]
