"""`Sources.lines_holding` numbers the lines holding a word as a test of every line would, whatever the
line breaks (`splitlines` breaks at more than "\\n"), and answers again from what it found."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit.lint.sources import Sources

_PIECES = st.sampled_from(
    [
        "ivrkit",
        "ivr",
        "kit",
        "# ivrkit: ignore",
        " ",
        "a: b",
        "\n",
        "\r\n",
        "\r",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x85",
        "\u2028",
        "ä",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["ivrkit", "kit", "a"]))
def test_the_numbers_are_those_of_the_lines_holding_the_word(text: str, word: str) -> None:
    sources = Sources({"m.yaml": text})
    expected = {number for number, line in enumerate(text.splitlines(), 1) if word in line}
    assert sources.lines_holding("m.yaml", word) == expected
    assert sources.lines_holding("m.yaml", word) == expected  # answered from what it kept


def test_another_file_or_word_is_searched_anew() -> None:
    sources = Sources({"a.yaml": "ivrkit: 1\nx\n", "b.yaml": "x\n# ivrkit: ignore\n"})
    assert sources.lines_holding("a.yaml", "ivrkit") == {1}
    assert sources.lines_holding("b.yaml", "ivrkit") == {2}
    assert sources.lines_holding("b.yaml", "x") == {1}
    assert sources.lines_holding("a.yaml", "ivrkit") == {1}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=40), st.booleans())
@example(b"\xef", False)
@example(b"\xef\xbb", False)
def test_a_file_reads_as_the_utf8_sig_codec_reads_it(data: bytes, bom: bool) -> None:
    """`Sources.lines` decodes as UTF-8 and drops one BOM at the start: what the utf-8-sig codec gives on the
    whole file (a file stream of that codec drops a file that ends partway into a BOM; such a file does not load)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.yaml"
        raw = (b"\xef\xbb\xbf" if bom else b"") + data
        path.write_bytes(raw)
        assert Sources().lines(str(path)) == raw.decode("utf-8-sig", "replace").splitlines()
