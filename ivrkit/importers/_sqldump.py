"""Rows of `INSERT INTO` statements in a MySQL/MariaDB dump, with the position of every value.

Only what a `mysqldump`/`mariadb-dump` file needs: `INSERT [IGNORE] INTO `t`
[(`col`, ...)] VALUES (...), (...);`, values that are single- or double-quoted
strings (backslash escapes and doubled quotes), numbers, `NULL` and bare words;
`--`/`#` line comments and `/* ... */` comments between statements; `CREATE
TABLE` column lists, so rows can be read by column name. Anything else is
skipped statement by statement. The reader is a single pass over the text, so
any input ends in rows or an `ImportProblem` at a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .base import ImportProblem

__all__ = ["Value", "Table", "read_dump"]

_ESCAPES = {"0": "\x00", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
_WORD = re.compile(r"[A-Za-z0-9_.+\-]+")
_NAME = re.compile(r"`((?:[^`]|``)*)`|([A-Za-z_][A-Za-z0-9_$]*)")
_STOPS = {"'": re.compile(r"['\\]"), '"': re.compile(r'["\\]'), "`": re.compile("`")}
_SPACE = re.compile(r"\s*")
MAX_VALUES_PER_ROW = 1000  # no IVR table has more columns; a longer row is not one of them


@dataclass
class Value:
    """One value of a row: the text (None for NULL) and where it starts in the dump."""

    text: str | None
    line: int
    col: int


@dataclass
class Table:
    """The rows inserted into one table, with its column names when the dump creates it."""

    name: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Value]] = field(default_factory=list)
    row_columns: list[list[str] | None] = field(default_factory=list)

    def records(self) -> list[dict[str, Value]]:
        """Each row as column name -> value (by the INSERT's own column list, else CREATE TABLE's order)."""
        found = []
        for row, own in zip(self.rows, self.row_columns):
            names = own or self.columns
            found.append({name: value for name, value in zip(names, row)})
        return found


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, pos: int | None = None) -> tuple[int, int]:
        import bisect

        pos = self.pos if pos is None else pos
        index = bisect.bisect_right(self._line_starts, pos) - 1
        return index + 1, pos - self._line_starts[index] + 1

    def problem(self, message: str, hint: str | None = None, pos: int | None = None) -> ImportProblem:
        line, col = self.where(pos)
        return ImportProblem(message, line, col, hint)

    def skip_space(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n:
            self.pos = _SPACE.match(text, self.pos).end()
            if self.pos >= n:
                return
            char = text[self.pos]
            if text.startswith("--", self.pos) and (self.pos + 2 >= n or text[self.pos + 2] in " \t\r\n"):
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.problem("a /* comment is never closed", "the dump is cut short; export it again")
                self.pos = end + 2
            else:
                return

    def skip_statement(self) -> None:
        """Past the `;` that ends the current statement (quotes and comments respected)."""
        text, n = self.text, len(self.text)
        while self.pos < n:
            self.skip_space()
            if self.pos >= n:
                return
            char = text[self.pos]
            if char in "'\"`":
                self.string(char)
            elif char == ";":
                self.pos += 1
                return
            else:
                self.pos += 1

    def string(self, quote: str) -> str:
        """A quoted string starting at `pos` (backslash escapes, doubled quotes); pos ends after it."""
        start = self.pos
        text, n = self.text, len(self.text)
        self.pos += 1
        out: list[str] = []
        stop = _STOPS[quote]
        while True:
            found = stop.search(text, self.pos)
            end = found.start() if found else n
            out.append(text[self.pos : end])
            if end >= n:
                raise self.problem(
                    f"a string opened with {quote} is never closed",
                    "the dump is cut short or a quote is missing; export it again",
                    start,
                )
            if text[end] == "\\":
                if end + 1 >= n:
                    raise self.problem(
                        "a string ends in a lone backslash", "the dump is cut short; export it again", end
                    )
                following = text[end + 1]
                out.append(_ESCAPES.get(following, following))
                self.pos = end + 2
                continue
            if end + 1 < n and text[end + 1] == quote:  # a doubled quote is one quote character
                out.append(quote)
                self.pos = end + 2
                continue
            self.pos = end + 1
            return "".join(out)

    def name(self) -> str | None:
        match = _NAME.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = match.end()
        return match.group(1).replace("``", "`") if match.group(1) is not None else match.group(2)

    def expect(self, char: str, what: str) -> None:
        self.skip_space()
        if not self.text.startswith(char, self.pos):
            found = self.text[self.pos : self.pos + 20] or "the end of the file"
            shown = found.splitlines()[0] if found.strip() else "the end of the file"
            raise self.problem(
                f"expected {what}, found `{shown}`", "the dump is cut short or not a mysqldump INSERT; export it again"
            )
        self.pos += len(char)

    def keyword(self, *words: str) -> bool:
        """Consume the keywords (case-insensitive, space between) if they come next."""
        saved = self.pos
        for word in words:
            self.skip_space()
            if self.text[self.pos : self.pos + len(word)].lower() != word.lower():
                self.pos = saved
                return False
            after = self.pos + len(word)
            if after < len(self.text) and (self.text[after].isalnum() or self.text[after] == "_"):
                self.pos = saved
                return False
            self.pos = after
        return True

    def value(self) -> Value:
        self.skip_space()
        line, col = self.where()
        if self.pos >= len(self.text):
            raise self.problem("the dump ends inside a row of values", "the dump is cut short; export it again")
        char = self.text[self.pos]
        if char in "'\"":
            return Value(self.string(char), line, col)
        if self.text.startswith("_binary", self.pos) or self.text.startswith("_utf8", self.pos):
            self.name()
            self.skip_space()
            if self.pos < len(self.text) and self.text[self.pos] in "'\"":
                return Value(self.string(self.text[self.pos]), line, col)
        match = _WORD.match(self.text, self.pos)
        if match is None:
            raise self.problem(f"`{char}` cannot start a value", "values are 'text', numbers or NULL")
        self.pos = match.end()
        word = match.group(0)
        return Value(None if word.upper() == "NULL" else word, line, col)


def read_dump(text: str, tables: set[str] | None = None) -> dict[str, Table]:
    """The tables (all, or those named) a dump inserts rows into, or ImportProblem where it breaks off."""
    reader = _Reader(text)
    found: dict[str, Table] = {}
    n = len(text)
    while True:
        reader.skip_space()
        if reader.pos >= n:
            return found
        start = reader.pos
        if reader.keyword("CREATE", "TABLE"):
            reader.keyword("IF", "NOT", "EXISTS")
            reader.skip_space()
            name = reader.name()
            if name is not None and (tables is None or name in tables):
                found.setdefault(name, Table(name)).columns = _columns(reader)
            reader.skip_statement()
            continue
        if reader.keyword("INSERT") or reader.keyword("REPLACE"):
            reader.keyword("IGNORE")
            if not reader.keyword("INTO"):
                raise reader.problem("INSERT without INTO", "a dump writes INSERT INTO `table` VALUES (...);")
            reader.skip_space()
            name_pos = reader.pos
            name = reader.name()
            if name is None:
                raise reader.problem("INSERT INTO names no table", pos=name_pos)
            if tables is not None and name not in tables:
                reader.skip_statement()
                continue
            table = found.setdefault(name, Table(name))
            own: list[str] | None = None
            reader.skip_space()
            if text.startswith("(", reader.pos):
                own = _name_list(reader)
            if not reader.keyword("VALUES") and not reader.keyword("VALUE"):
                raise reader.problem(
                    "expected VALUES after the table name", "a dump writes INSERT INTO `table` VALUES (...);"
                )
            while True:
                reader.expect("(", "`(` starting a row")
                row = [reader.value()]
                while True:
                    reader.skip_space()
                    if text.startswith(",", reader.pos):
                        reader.pos += 1
                        row.append(reader.value())
                        if len(row) > MAX_VALUES_PER_ROW:
                            raise reader.problem(
                                f"a row of more than {MAX_VALUES_PER_ROW} values", "this is not an IVR table row"
                            )
                        continue
                    reader.expect(")", "`,` or `)` in a row")
                    break
                table.rows.append(row)
                table.row_columns.append(own)
                reader.skip_space()
                if text.startswith(",", reader.pos):
                    reader.pos += 1
                    continue
                if reader.pos >= n or text.startswith(";", reader.pos):
                    reader.pos += 1
                    break
                raise reader.problem(
                    "expected `,` or `;` after a row",
                    "the dump is cut short or not a mysqldump INSERT; export it again",
                )
            continue
        reader.skip_statement()
        if reader.pos == start:  # cannot happen: skip_statement always moves on; guard against a hang
            reader.pos += 1


def _name_list(reader: _Reader) -> list[str]:
    reader.expect("(", "`(`")
    names = []
    while True:
        reader.skip_space()
        name = reader.name()
        if name is None:
            raise reader.problem("expected a column name", "write (`col`, `col`, ...)")
        names.append(name)
        reader.skip_space()
        if reader.text.startswith(",", reader.pos):
            reader.pos += 1
            continue
        reader.expect(")", "`)` closing the column list")
        return names


def _columns(reader: _Reader) -> list[str]:
    """The column names of a CREATE TABLE body (lines that start with a quoted name)."""
    reader.skip_space()
    if not reader.text.startswith("(", reader.pos):
        return []
    depth, pos, names, text = 0, reader.pos, [], reader.text
    item_start = pos + 1
    while pos < len(text):
        char = text[pos]
        if char in "'\"":
            reader.pos = pos
            reader.string(char)
            pos = reader.pos
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                _column_name(text[item_start:pos], names)
                reader.pos = pos + 1
                return names
        elif char == "," and depth == 1:
            _column_name(text[item_start:pos], names)
            item_start = pos + 1
        pos += 1
    reader.pos = pos
    raise reader.problem("a CREATE TABLE column list is never closed", "the dump is cut short; export it again")


def _column_name(item: str, names: list[str]) -> None:
    match = re.match(r"\s*`((?:[^`]|``)+)`", item)
    if match:
        names.append(match.group(1).replace("``", "`"))
