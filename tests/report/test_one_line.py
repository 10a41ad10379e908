"""`diagnostics.one_line` returns a printable text as it is without compiling its pattern (start-up)."""

from __future__ import annotations

import re
import sys

from ivrkit.diagnostics import UNSAFE_CHARACTERS, one_line


def test_every_character_one_line_spells_out_is_one_isprintable_refuses():
    unsafe = re.compile(UNSAFE_CHARACTERS)
    spelled_yet_printable = [
        hex(code) for code in range(sys.maxunicode + 1) if unsafe.match(chr(code)) and chr(code).isprintable()
    ]
    assert spelled_yet_printable == []


def test_one_line_spells_out_what_it_did_before_and_keeps_the_rest():
    assert one_line("menus/main.yaml") == "menus/main.yaml"
    assert one_line("a\nb\x1bc\udcff\u2028\u202e\x85") == "a\\nb\\x1bc\\xff\\u2028\\u202e\\x85"
    # not printable, yet nothing to spell out: a no-break space and U+FFFE stay as they are
    assert one_line("a\xa0b\ufffe") == "a\xa0b\ufffe"
