"""compiled_on_first_need compiles its pattern on the first call, once, with its flags."""

from __future__ import annotations

import re

from ivrkit import lazyregex
from ivrkit.lazyregex import compiled_on_first_need


def test_the_pattern_is_compiled_on_the_first_call_only(monkeypatch):
    compiled = []
    real = re.compile

    def counting(pattern, flags=0):
        compiled.append((pattern, flags))
        return real(pattern, flags)

    monkeypatch.setattr(lazyregex.re, "compile", counting)
    word = compiled_on_first_need(r"[a-z]+", re.IGNORECASE)
    assert compiled == []
    first = word()
    assert word() is first
    assert compiled == [(r"[a-z]+", re.IGNORECASE)]
    assert first.fullmatch("ABC") is not None
