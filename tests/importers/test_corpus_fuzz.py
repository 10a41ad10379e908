"""Byte-level mutation fuzzing of the real third-party files in ../shared/corpus, for every importer.

Random byte flips, inserted bytes (among them hostile ones: invalid UTF-8,
NUL, 4,400 digits, 150 brackets, a lone-surrogate escape, a DOCTYPE),
deleted and duplicated slices and truncations of each corpus file go through
the whole path `ivrkit check` takes (`load_any`: decode, detect or the named
format, convert, write YAML, load it, map positions back). The only outcomes
allowed are a loaded menu or a `LoadError` whose diagnostics point into the
source file with a message of ivrkit's own; never another exception, and
never "imported menu: ..." (an importer writing YAML that does not load).
Skipped where the corpus is absent, failing under CI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.diagnostics import LoadError
from ivrkit.importers import load_any

from .conftest import require_corpus
from .test_corpus_files import ALL

# Every corpus file that some importer reads, with its format: the ones the corpus tests check, and the rest.
CORPUS_FORMATS = {
    **ALL,
    "30_freepbx-salama-ivr-details-entries.sql": "freepbx",
    "32_asterisk-freepbx-salama-generated-ivr-contexts.conf": "asterisk",
    "33_asterisk-es-centralita-ivr800.conf": "asterisk",
    "34_freeswitch-giomelik-main-ivr.conf.xml": "freeswitch",
    "35_freeswitch-vrntec-inbound-ivr-directdial.xml": "freeswitch",
    "36_vxml-es-ivrtest-tag-menu.vxml.jsp": "vxml",
    "37_vxml-es-ivrtest-transfer-field-menu.vxml.jsp": "vxml",
}

HOSTILE = st.sampled_from(
    [
        b"\x00",
        b"\xff",
        b"\xc3",
        b"\xed\xa0\x80",
        b"\xef\xbb\xbf",
        b"\r",
        b"\n",
        b"\t",
        b"\\ud800",
        b'"\\udc00"',
        b"9" * 4400,
        b"-" + b"9" * 120,
        b"1e999",
        b"NaN",
        b"[" * 150,
        b"{" * 150,
        b"<x>" * 150,
        b"]",
        b"}",
        b'"',
        b",",
        b":",
        b"<",
        b">",
        b"</",
        b"&",
        b"&lol;",
        b"<!DOCTYPE x>",
        b'<!ENTITY a "b">',
        b"exten => ",
        b"same => n,",
        b"Goto(",
        b"Dial(",
        b"WaitExten(" + b"9" * 4400 + b")",
        b'"initial_state": "x"',
        b'"StartAction": "x"',
        b'digits="',
        b'timeout="',
        b'count="',
        b'next="#',
    ]
)


@st.composite
def byte_mutations(draw, data: bytes) -> bytes:
    """`data` with one to four byte-level changes."""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "insert", "delete", "flip", "duplicate"]))
        at = draw(st.integers(0, len(data)))
        if kind == "truncate":
            data = data[:at]
        elif kind == "insert":
            junk = draw(st.one_of(HOSTILE, st.binary(min_size=1, max_size=8)))
            data = data[:at] + junk + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)) :]
        elif kind == "flip" and at < len(data):
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif kind == "duplicate":
            piece = data[at : at + draw(st.integers(1, 200))]
            data = data[:at] + piece * draw(st.integers(1, 3)) + data[at:]
    return data


def check_loads_or_positioned_error(path: Path, fmt: str | None) -> None:
    """What `ivrkit check` does with the file: a menu, or ivrkit's positioned diagnostics."""
    data = path.read_bytes()
    # XML counts a lone CR as a line break too (and so do editors)
    lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
    try:
        load_any(path, root=path.parent, fmt=fmt)
    except LoadError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.message and not diagnostic.message.startswith("imported menu:"), diagnostic.message
            assert 1 <= diagnostic.span.line <= lines and diagnostic.span.col >= 1, diagnostic


@pytest.mark.parametrize("name", sorted(CORPUS_FORMATS))
def test_byte_mutations_of_corpus_files(name):
    source = require_corpus() / name
    data = source.read_bytes()
    suffix = "".join(source.suffixes[-2:]) if name.endswith(".jsp") else source.suffix

    with tempfile.TemporaryDirectory(prefix="ivrkit-fuzz-") as folder:
        path = Path(folder) / f"fuzzed{suffix}"

        @settings(deadline=None, suppress_health_check=list(HealthCheck))
        @given(byte_mutations(data), st.booleans())
        def run(mutated: bytes, detect: bool):
            path.write_bytes(mutated)
            check_loads_or_positioned_error(path, None if detect else CORPUS_FORMATS[name])

        run()


@pytest.mark.parametrize("name", sorted(CORPUS_FORMATS))
def test_corpus_file_loads_or_is_refused_at_a_position(name):
    """Unchanged, each file gives a menu or a positioned error, never YAML of the importer's own that fails."""
    check_loads_or_positioned_error(require_corpus() / name, CORPUS_FORMATS[name])
