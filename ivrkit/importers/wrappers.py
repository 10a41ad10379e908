"""Files that wrap an IVR definition: a shell heredoc, a Markdown code block, a JSP or template page.

`unwrap(text, path)` finds the embedded definition and returns it as a text
*of the same lines as the outer file*: everything outside the definition is
blanked (lines emptied, template tags replaced by spaces), so every line and
column an importer reports is already a position in the outer file. A plain
file (no wrapper) gives None and is imported as it is.

- A JSP/ASP/PHP-style page (`<% ... %>`, `<?php ... ?>`): each template tag
  becomes spaces of the same length, so VoiceXML made by a server page
  parses, with the attribute that held the tag left blank. An XML
  declaration no longer at the start of the text is blanked too.
- A Markdown file (or any text with ``` fences that does not itself start
  like a definition): the code blocks are candidates.
- A shell script: the bodies of `<<WORD` heredocs are candidates.

Of the candidates, the ones an importer recognises are kept; exactly one
must remain, else `ImportProblem` names what was found and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .base import ImportProblem

__all__ = ["Unwrapped", "unwrap"]

_TEMPLATE_OPEN = re.compile(r"<%|<\?php\b|<\?=")
_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([\w+.-]*)[^\n]*$", re.M)
_HEREDOC = re.compile(r"<<(-?)\s*(['\"]?)([A-Za-z_][\w]*)\2")
_TEMPLATE_SUFFIXES = (".jsp", ".jspx", ".asp", ".aspx", ".php", ".erb", ".tpl")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_SHELL_SUFFIXES = (".sh", ".bash")


@dataclass(frozen=True)
class Unwrapped:
    """The embedded definition, blanked to the outer file's lines; `what` says what held it."""

    text: str
    what: str
    line: int  # the first line of the embedded definition in the outer file


def unwrap(text: str, path: Path, recognised: Callable[[str], bool]) -> Unwrapped | None:
    """The definition `text` wraps, or None for a plain file. `recognised(inner)` says whether an
    importer knows a candidate's text; candidates nobody knows are dropped."""
    suffix = path.suffix.lower()
    head = text.lstrip("\ufeff \t\r\n")[:1]
    tags = _template_tags(text) if head not in ("{", "[") else []  # JSON flows keep their strings as written
    if tags and (
        suffix in _TEMPLATE_SUFFIXES or any(text.startswith(("<%=", "<%@", "<%!", "<?php"), start) for start, _ in tags)
    ):
        return _template(text, suffix, tags)
    if head in ("<", "{", "[") and suffix not in _MARKDOWN_SUFFIXES + _SHELL_SUFFIXES:
        return None  # a definition itself (XML, JSON, an Asterisk [context]), not a wrapper
    blocks: list[tuple[str, int, int]] = []
    if suffix in _MARKDOWN_SUFFIXES or _FENCE.search(text):
        blocks += [("a Markdown code block", first, last) for first, last in _fenced(text)]
    if suffix in _SHELL_SUFFIXES or _HEREDOC.search(text):
        blocks += [("a shell heredoc", first, last) for first, last in _heredocs(text)]
    if not blocks:
        return None
    lines = text.split("\n")
    found = []
    for what, first, last in blocks:
        # Judged on the block alone, then widened to the outer file's lines: linear however many blocks.
        if _recognised(recognised, "\n".join(lines[first : last + 1])):
            found.append(Unwrapped(_blank_declaration(_keep_lines(lines, first, last)), what, first + 1))
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"{block[0]} at line {block[1] + 1}" for block in blocks[:5])
    listed += f" and {len(blocks) - 5} more" if len(blocks) > 5 else ""
    if not found and _recognised(recognised, text):
        return None  # fences or `<<` inside a definition an importer knows as it is
    if not found:
        raise ImportProblem(
            f"found {listed}, but no IVR definition ivrkit imports inside " + ("it" if len(blocks) == 1 else "them"),
            blocks[0][1] + 1,
            1,
            "import the file the block was written to, or see 'Transcribing by hand' in docs/importing.md",
        )
    where = ", ".join(f"{item.what} at line {item.line}" for item in found[:5])
    raise ImportProblem(
        f"the file holds {len(found)} IVR definitions ({where})",
        found[1].line,
        1,
        "put each definition in a file of its own and import them one by one",
    )


def _recognised(recognised: Callable[[str], bool], text: str) -> bool:
    try:
        return bool(recognised(text))
    except Exception:  # noqa: BLE001 - a detector tripping over odd input just does not match
        return False


def _template_tags(text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed template tag, found in one pass (an unclosed tag ends the search)."""
    tags: list[tuple[int, int]] = []
    at = 0
    while True:
        match = _TEMPLATE_OPEN.search(text, at)
        if match is None:
            return tags
        close = "%>" if match.group() == "<%" else "?>"
        end = text.find(close, match.end())
        if end < 0:
            return tags
        tags.append((match.start(), end + len(close)))
        at = end + len(close)


def _template(text: str, suffix: str, tags: list[tuple[int, int]]) -> Unwrapped:
    first = text.count("\n", 0, tags[0][0]) + 1
    pieces, at = [], 0
    for start, end in tags:
        pieces.append(text[at:start])
        pieces.append(re.sub(r"[^\n]", " ", text[start:end]))
        at = end
    pieces.append(text[at:])
    what = {".php": "a PHP page", ".asp": "an ASP page", ".aspx": "an ASP page"}.get(suffix, "a JSP page")
    return Unwrapped(_blank_declaration("".join(pieces)), what, first)


def _blank_declaration(text: str) -> str:
    """An XML declaration is only allowed at the very start; once blank lines stand before it, drop it."""
    match = _XML_DECLARATION.search(text)
    if match is None or match.start() == 0 or text[: match.start()].strip():
        return text
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


def _keep_lines(lines: list[str], first: int, last: int) -> str:
    """Lines first..last (0-based, inclusive) as they are; every other line empty."""
    return "\n".join(line if first <= index <= last else "" for index, line in enumerate(lines))


def _fenced(text: str) -> list[tuple[int, int]]:
    """(first, last) 0-based content lines of each fenced code block."""
    lines = text.split("\n")
    blocks, index = [], 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match.group(2)
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(fence[0] * len(fence)):
            end += 1
        if end > index + 1:
            blocks.append((index + 1, end - 1))
        index = end + 1
    return blocks


def _heredocs(text: str) -> list[tuple[int, int]]:
    """(first, last) 0-based body lines of each `<<WORD` heredoc that is closed by WORD on a line of its own."""
    lines = text.split("\n")
    blocks, index = [], 0
    while index < len(lines):
        match = _HEREDOC.search(lines[index])
        if match is None or lines[index].lstrip().startswith("#"):
            index += 1
            continue
        word, strip_tabs = match.group(3), match.group(1) == "-"
        end = index + 1
        while end < len(lines) and (lines[end].lstrip("\t") if strip_tabs else lines[end]).rstrip("\r") != word:
            end += 1
        if end < len(lines) and end > index + 1:
            blocks.append((index + 1, end - 1))
        index = end + 1
    return blocks
