"""A hypothesis strategy shared by the importer fuzz tests: a fixture text with random damage."""

from __future__ import annotations

from hypothesis import strategies as st

JUNK = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "&",
        "&amp;",
        '"',
        "'",
        "=",
        "(",
        ")",
        ",",
        "[",
        "]",
        ";",
        "\n",
        "=>",
        "<!DOCTYPE x>",
        "<x>",
        "/>",
        "\x00",
        "é",
        "#",
        "*",
        "digits=",
        'next="#"',
        "exten => ",
        "same => n,",
        "Goto(",
        '<menu name="z">',
        '<choice dtmf="1"/>',
    ]
)


@st.composite
def mutated(draw, text: str) -> str:
    """`text` truncated, with junk inserted, or with a slice deleted (one to three times)."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["truncate", "insert", "delete"]))
        at = draw(st.integers(0, len(text)))
        if kind == "truncate":
            text = text[:at]
        elif kind == "insert":
            text = text[:at] + draw(JUNK) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
    return text


def check_outcome(importer, text: str, path) -> None:
    """The only outcomes: a menu that loads, or ImportProblem with a sane position."""
    from ivrkit.importers import ImportProblem, to_yaml
    from ivrkit.loader import loads

    try:
        imported = importer.convert(text, path)
    except ImportProblem as problem:
        assert problem.line >= 1 and problem.col >= 1 and problem.message
        return
    loads(to_yaml(imported), path.with_suffix(".yaml"), root=path.parent)
