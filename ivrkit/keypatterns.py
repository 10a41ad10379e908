"""Extension patterns and the waits a menu's keys cause: pure functions over the model.

A menu's `extensions` may list `patterns` in Asterisk's pattern syntax,
written without Asterisk's leading `_` (docs/format.md, "menu"):

- `0`-`9`, `*`, `#`: that key;
- `X`: any digit 0-9, `Z`: 1-9, `N`: 2-9 (also lower case);
- `[...]`: one digit of a set, with ranges: `[1-5]`, `[135]`, `[0-36-9]`;
- `.` (last only): one or more further digits; `!` (last only): zero or more.

Wildcards never make an extension longer than `MAX_EXTENSION_DIGITS`.

`keeps_listening` is the one rule the engine (ivrkit/engine/session.py) uses
to decide whether the keys pressed so far make it wait `inter_digit_timeout`
for another key; `prefix_waits` applies it to every option key of a menu, for
rules such as KY007 ("which keys make the caller wait, and how long"). This
module sits beside the model, below the loader, analysis and rules, and
imports nothing but the model.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from .model import MenuFile, MenuNode, Option, model_class

__all__ = [
    "MAX_EXTENSION_DIGITS",
    "PatternProblem",
    "Pattern",
    "Extensions",
    "PrefixWait",
    "compile_pattern",
    "menu_extensions",
    "keeps_listening",
    "extension_accepts",
    "prefix_waits",
]

MAX_EXTENSION_DIGITS = 16
MAX_PATTERN_CHARS = 200
_DIGITS = frozenset("0123456789")
_CLASSES = {"X": _DIGITS, "Z": frozenset("123456789"), "N": frozenset("23456789")}
SYNTAX_HINT = (
    "pattern characters: 0-9 * # (that key), X (0-9), Z (1-9), N (2-9), [1-5] or [135] (one of a set), "
    "and last only . (one or more digits) or ! (zero or more)"
)


class PatternProblem(ValueError):
    """A pattern ivrkit cannot read: `offset` is the 0-based character where the problem is."""

    def __init__(self, message: str, offset: int, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


@model_class
class Pattern:
    """A compiled pattern: one set of keys per fixed position, then an optional wildcard tail."""

    text: str
    fixed: tuple[frozenset[str], ...]
    tail: str | None  # ".", "!" or None

    @property
    def shortest(self) -> int:
        return len(self.fixed) + (1 if self.tail == "." else 0)

    @property
    def longest(self) -> int:
        return MAX_EXTENSION_DIGITS if self.tail is not None else len(self.fixed)

    def fits(self, keys: str) -> bool:
        """`keys` can be extended (by nothing or more) to a string the pattern accepts, length aside."""
        if len(keys) > len(self.fixed) and self.tail is None:
            return False
        for index, key in enumerate(keys):
            allowed = self.fixed[index] if index < len(self.fixed) else _DIGITS
            if key not in allowed:
                return False
        return True

    def accepts(self, keys: str, low: int = 1, high: int = MAX_EXTENSION_DIGITS) -> bool:
        return max(low, self.shortest) <= len(keys) <= min(high, self.longest) and self.fits(keys)

    def wants_more(self, keys: str, low: int = 1, high: int = MAX_EXTENSION_DIGITS) -> bool:
        """`keys` is a proper prefix of a string the pattern accepts, and the pattern waits for it.

        Asterisk's `!` is an early match: once the keys are accepted, `!` itself does not wait for more.
        """
        top = min(high, self.longest)
        if len(keys) >= top or max(low, self.shortest) > top or not self.fits(keys):
            return False
        return not (self.tail == "!" and self.accepts(keys, low, high))


def compile_pattern(text: str) -> Pattern:
    """The pattern `text`, or PatternProblem naming the character at fault."""
    if not isinstance(text, str) or text == "":
        raise PatternProblem("an extension pattern cannot be empty", 0, "for example: 10[01]X")
    if len(text) > MAX_PATTERN_CHARS:
        raise PatternProblem(f"an extension pattern has at most {MAX_PATTERN_CHARS} characters", MAX_PATTERN_CHARS)
    if text.startswith("_"):
        raise PatternProblem("write the pattern without Asterisk's leading `_`", 0, f'patterns: ["{text[1:]}"]')
    fixed: list[frozenset[str]] = []
    tail = None
    index = 0
    while index < len(text):
        char = text[index]
        if tail is not None:
            raise PatternProblem(
                f"`{tail}` must be the last character of a pattern",
                index - 1,
                "it stands for all the digits that follow",
            )
        if char in "0123456789*#":
            fixed.append(frozenset(char))
        elif char.upper() in _CLASSES:
            fixed.append(_CLASSES[char.upper()])
        elif char in ".!":
            tail = char
        elif char == "[":
            chosen, index = _digit_set(text, index)
            fixed.append(chosen)
            continue
        else:
            raise PatternProblem(f"`{char}` is not a pattern character", index, SYNTAX_HINT)
        index += 1
    if len(fixed) > MAX_EXTENSION_DIGITS:
        raise PatternProblem(f"a pattern matches at most {MAX_EXTENSION_DIGITS} digits", MAX_EXTENSION_DIGITS)
    if tail == "." and len(fixed) == MAX_EXTENSION_DIGITS:
        raise PatternProblem(
            f"`.` after {MAX_EXTENSION_DIGITS} digits makes the pattern match none",
            len(text) - 1,
            f"extensions have at most {MAX_EXTENSION_DIGITS} digits",
        )
    if not fixed and tail == "!":
        raise PatternProblem("`!` alone matches pressing nothing", 0, "use `.` for one or more digits")
    return Pattern(text, tuple(fixed), tail)


def _digit_set(text: str, start: int) -> tuple[frozenset[str], int]:
    """The set `[...]` starting at `start`, and the index after its `]`."""
    end = text.find("]", start + 1)
    if end < 0:
        raise PatternProblem("`[` has no closing `]`", start, "for example: [1-5]")
    body = text[start + 1 : end]
    chosen: set[str] = set()
    index = 0
    while index < len(body):
        char = body[index]
        where = start + 1 + index
        if char not in _DIGITS:
            raise PatternProblem(f"`{char}` cannot be in a `[...]` set: only digits and ranges such as 1-5", where)
        if index + 2 < len(body) and body[index + 1] == "-":
            last = body[index + 2]
            if last not in _DIGITS:
                raise PatternProblem(f"the range `{char}-{last}` needs a digit after `-`", where + 2)
            if last < char:
                raise PatternProblem(f"the range `{char}-{last}` goes backwards", where, f"write {last}-{char}")
            chosen.update(str(d) for d in range(int(char), int(last) + 1))
            index += 3
            continue
        if index + 1 < len(body) and body[index + 1] == "-":
            raise PatternProblem(f"the range `{char}-` needs a digit after `-`", where + 1)
        chosen.add(char)
        index += 1
    if not chosen:
        raise PatternProblem("`[]` is an empty set: it matches no key", start, "for example: [1-5]")
    return frozenset(chosen), end + 1


@model_class
class Extensions:
    """A menu's extensions: the digits that reach `extensions.goto`.

    With `patterns`, exactly the keys a pattern accepts within `low`-`high`; without, any `low`-`high` digits
    that do not start with the first digit of an option key ("options win").
    """

    low: int
    high: int
    patterns: tuple[Pattern, ...]
    option_starts: frozenset[str]

    def accepts(self, keys: str) -> bool:
        if self.patterns:
            return any(pattern.accepts(keys, self.low, self.high) for pattern in self.patterns)
        return self._dialling(keys) and self.low <= len(keys) <= self.high

    def wants_more(self, keys: str, among: Iterable[int] | None = None) -> bool:
        """`keys` could still become a longer extension; `among` limits the patterns looked at to those indexes
        (a caller that already knows which patterns fit `keys`)."""
        if self.patterns:
            chosen = self.patterns if among is None else (self.patterns[i] for i in among)
            return any(pattern.wants_more(keys, self.low, self.high) for pattern in chosen)
        return self._dialling(keys) and len(keys) < self.high

    def fits(self, keys: str) -> bool:
        """`keys` can still become (or already are) an extension of the menu."""
        if len(keys) > self.high:
            return False
        if self.patterns:
            return any(
                pattern.fits(keys) and max(self.low, pattern.shortest) <= min(self.high, pattern.longest)
                for pattern in self.patterns
            )
        return self._dialling(keys)

    def _dialling(self, keys: str) -> bool:
        return keys.isdigit() and keys[0] not in self.option_starts


def menu_extensions(menu: MenuNode, options: tuple[Option, ...]) -> Extensions | None:
    """The menu's extensions with the options that apply in it (its own and the global ones it keeps)."""
    if menu.extensions is None:
        return None
    low, high, _ = menu.extensions
    patterns = tuple(compile_pattern(text) for text in menu.extension_patterns)
    return Extensions(low, high, patterns, frozenset(option.key[0] for option in options))


@model_class
class _KeyIndex:
    """What deciding a wait needs of one menu, built once: its option keys sorted, its extensions compiled."""

    keys: tuple[str, ...]
    extensions: Extensions | None

    def longer_key(self, keys: str) -> str | None:
        """An option key that `keys` is a proper prefix of. In sorted order such keys come right after `keys`
        (any string between `keys` and `keys + x` starts with `keys`), so one look after bisection finds one."""
        at = bisect_right(self.keys, keys)
        return self.keys[at] if at < len(self.keys) and self.keys[at].startswith(keys) else None


_INDEXES: dict[int, tuple[MenuNode, tuple[Option, ...], _KeyIndex]] = {}


def _key_index(menu: MenuNode, options: tuple[Option, ...]) -> _KeyIndex:
    # Held by the menu's id with the menu itself, so an id is never reused while its entry lives; the
    # options are compared too (a file's global options give a new tuple each time, equal in content).
    entry = _INDEXES.get(id(menu))
    if entry is not None and entry[0] is menu and (entry[1] is options or entry[1] == options):
        return entry[2]
    index = _KeyIndex(tuple(sorted(option.key for option in options)), menu_extensions(menu, options))
    if len(_INDEXES) >= 4096:
        _INDEXES.clear()
    _INDEXES[id(menu)] = (menu, options, index)
    return index


def keeps_listening(
    menu: MenuNode, options: tuple[Option, ...], keys: str, fitting: Iterable[int] | None = None
) -> bool:
    """After `keys`, the menu waits `inter_digit_timeout` for another key (else it acts at once).

    With `max_digits` (FreeSWITCH's digit-len) it waits until it has that many keys, whatever they are;
    otherwise while the keys are a proper prefix of an option key or of an extension it takes. `fitting`
    (optional) names the extension patterns, by index, that fit `keys`: the others cannot make it wait.
    """
    if menu.max_digits is not None:
        return len(keys) < menu.max_digits
    index = _key_index(menu, options)
    if index.longer_key(keys) is not None:
        return True
    return index.extensions is not None and index.extensions.wants_more(keys, fitting)


def extension_accepts(menu: MenuNode, options: tuple[Option, ...], keys: str) -> bool:
    """`keys` (that are not an option key) reach the menu's `extensions.goto`."""
    extensions = _key_index(menu, options).extensions
    return extensions is not None and extensions.accepts(keys)


@model_class
class PrefixWait:
    """An option key after which the caller waits `seconds` before it acts, and why."""

    key: str
    seconds: float
    because: str  # "max_digits", "option" or "extension"
    detail: str  # e.g. "max_digits: 4", "option 12", "extension pattern 10[01]X"


def prefix_waits(menu: MenuNode, menu_file: MenuFile) -> dict[str, PrefixWait]:
    """Option keys of `menu` (its own and the global ones it keeps) that make the caller wait, and how long.

    The wait is the menu's `inter_digit_timeout`: the engine waits that long after such a key before taking
    the option (unless the caller presses another key). Keys that act at once are not in the result.
    """
    options = menu_file.options_of(menu)
    seconds = menu.setting("inter_digit_timeout", menu_file.settings)
    result: dict[str, PrefixWait] = {}
    for option in options:
        if not keeps_listening(menu, options, option.key):
            continue
        result[option.key] = PrefixWait(option.key, seconds, *_why(menu, options, option.key))
    return result


def _why(menu: MenuNode, options: tuple[Option, ...], key: str) -> tuple[str, str]:
    if menu.max_digits is not None:
        return "max_digits", f"max_digits: {menu.max_digits}"
    index = _key_index(menu, options)
    if index.longer_key(key) is not None:  # named as written first, so the finding points where the designer looks
        longer = next(o.key for o in options if o.key != key and o.key.startswith(key))
        return "option", f"option {longer}"
    extensions = index.extensions
    if extensions is not None:
        for pattern in extensions.patterns:
            if pattern.wants_more(key, extensions.low, extensions.high):
                return "extension", f"extension pattern {pattern.text}"
    return "extension", "extensions"


def accepted_strings(
    pattern: Pattern, low: int = 1, high: int = MAX_EXTENSION_DIGITS, limit: int = 10_000
) -> Iterator[str]:
    """Strings the pattern accepts, shortest first (at most `limit`; for tests and samples)."""
    produced = 0
    for length in range(max(low, pattern.shortest), min(high, pattern.longest) + 1):
        sets = [sorted(pattern.fixed[i]) if i < len(pattern.fixed) else sorted(_DIGITS) for i in range(length)]
        stack = [""]
        while stack:
            prefix = stack.pop()
            if len(prefix) == length:
                yield prefix
                produced += 1
                if produced >= limit:
                    return
                continue
            stack.extend(prefix + key for key in reversed(sets[len(prefix)]))
