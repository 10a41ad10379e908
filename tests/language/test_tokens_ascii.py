"""language.tokens: an ASCII text's words are read from the text lowered once (the fast path of `words`);
they are the words `tokenize` finds, lower-cased, as for any other text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.language.tokens import tokenize, words

_ASCII_PIECES = st.sampled_from(
    [
        "Billing",
        "asukas-",
        "SIM-only",
        "you're",
        "e-LASKU",
        "24/7",
        "_",
        "-",
        "--",
        "'",
        " ",
        "  ",
        "\t",
        "\n",
        ",",
        "X",
    ]
)


def _plain(text: str) -> list[str]:
    return [t.text.lower().rstrip("-").replace("’", "'") for t in tokenize(text)]


def test_a_suspended_compound_hyphen_is_dropped_and_inner_hyphens_kept():
    assert words("Asukas- ja SIM-only, e-LASKU -x y-") == ["asukas", "ja", "sim-only", "e-lasku", "x", "y"]


@settings(max_examples=400, deadline=None)
@given(st.lists(_ASCII_PIECES, max_size=14).map("".join) | st.text(st.characters(max_codepoint=127), max_size=40))
def test_ascii_words_are_the_tokens_lower_cased(text):
    assert text.isascii()
    assert words(text) == _plain(text)
