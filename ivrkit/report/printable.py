"""Text that is safe to put on one line of a report: control characters and undecodable bytes made visible.

A file name can hold a newline, an ESC (a terminal escape sequence) or bytes
that are not UTF-8 (Python hands those over as lone surrogates,
``\\udcff`` for the byte 0xff). Written raw, a newline splits a
``path:line:col`` record in two, ESC restyles the reader's terminal, and a
lone surrogate cannot be encoded at all. `printable` spells each of them
out the way Python writes them in a string (``\\n``, ``\\x1b``, ``\\xff``), so
every record stays one line of plain text: the same spelling as the loader's
`diagnostics.one_line`, which `printable` is. `xml_text` does the same for the
characters XML 1.0 cannot hold, and `file_uri_path` percent-encodes a path's
raw bytes for a URI.
"""

from __future__ import annotations

import functools
import os
import re
from urllib.parse import quote

from ..diagnostics import one_line

__all__ = ["printable", "xml_text", "file_uri_path"]


@functools.cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 does not allow (tab, LF and CR are kept: the XML writer escapes them). Compiled when XML
    is first written: compiling it costs a few milliseconds of every command's start-up otherwise."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` as `diagnostics.one_line` spells it (the report writers' name for it), quicker on plain text.

    A printable string (`str.isprintable`: no control, format, surrogate or
    separator character but the space) has nothing `one_line` spells out;
    most messages and paths are, and are returned as they are without a
    pattern search.
    """
    return text if text.isprintable() else one_line(text)


def _spell(match: re.Match) -> str:
    char = match.group()
    spelled = one_line(char)
    return spelled if spelled != char else f"\\u{ord(char):04x}"  # U+FFFE, U+FFFF


def xml_text(text: str) -> str:
    """`text` with the characters XML 1.0 cannot carry spelled out (newlines and tabs are kept)."""
    not_xml = _not_xml()
    return not_xml.sub(_spell, text) if not_xml.search(text) else text


def file_uri_path(path: str) -> str:
    """A relative or absolute POSIX path as a URI path: its raw bytes percent-encoded (RFC 3986)."""
    return quote(os.fsencode(path), safe="/")
