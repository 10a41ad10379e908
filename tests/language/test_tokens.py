"""language.tokens: `words` gives the lower-cased words of `tokenize`, without offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.language.tokens import tokenize, words

_PIECES = st.sampled_from(
    [
        "Laskun",
        "asukas-",
        " ",
        "  ",
        "ja",
        "you're",
        "you’re",
        "SIM-only",
        "e-lasku",
        "24/7",
        "_",
        "-",
        "’",
        "Ä",
        "ö",
        ",",
        ".",
        "\t",
        "²",
    ]
)


def test_a_suspended_compound_loses_its_hyphen_and_quotes_are_made_plain():
    assert words("Asukas- ja yrityspysäköinti, you’re 24/7") == [
        "asukas",
        "ja",
        "yrityspysäköinti",
        "you're",
        "24",
        "7",
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join) | st.text(max_size=40))
def test_words_are_the_tokens_lower_cased(text):
    assert words(text) == [t.text.lower().rstrip("-").replace("’", "'") for t in tokenize(text)]
