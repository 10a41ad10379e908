"""Text that is safe to put on one line of a report: control characters and undecodable bytes made visible.

A file name can hold a newline, an ESC (a terminal escape sequence) or bytes
that are not UTF-8 (Python hands those over as lone surrogates,
``\\udcff`` for the byte 0xff). Written raw, a newline splits a
``path:line:col`` record in two, ESC restyles the reader's terminal, and a
lone surrogate cannot be encoded at all. `printable` spells each of them
out the way Python writes them in a string (``\\n``, ``\\x1b``, ``\\xff``), so
every record stays one line of plain text. `xml_text` does the same for the
characters XML 1.0 cannot hold, and `file_uri_path` percent-encodes a path's
raw bytes for a URI.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

__all__ = ["printable", "xml_text", "file_uri_path"]

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, the bidirectional
# overrides and isolates (which reorder what a reader sees), and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What XML 1.0 allows (tab, LF and CR are kept: the XML writer escapes them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x7f-\x9f]")


def _spell(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode hands it over
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character, separator, bidi control and lone surrogate spelled out."""
    return _UNSAFE.sub(_spell, text) if _UNSAFE.search(text) else text


def xml_text(text: str) -> str:
    """`text` with the characters XML 1.0 cannot carry spelled out (newlines and tabs are kept)."""
    return _NOT_XML.sub(_spell, text) if _NOT_XML.search(text) else text


def file_uri_path(path: str) -> str:
    """A relative or absolute POSIX path as a URI path: its raw bytes percent-encoded (RFC 3986)."""
    return quote(os.fsencode(path), safe="/")
