"""The rule registry: each rule is a class with its metadata, options and documentation.

One `Rule` subclass per rule, registered with `@register`. Its class
attributes are the single source of the rule's code, name, family, default
level and options, used by config validation, `ivrkit rules`, the docs and
SARIF. The class docstring is the rule's documentation, in fixed sections
(`DOC_SECTIONS`), checked by a test.

A rule's options are handed to it when it is made (`Rule(settings)`), and it
reads them with `self.option(name)`.

This module sits below the rules (they import `Rule` and `register` from
here), so it does not know which rules exist: the catalogue of every rule is
`ivrkit.rules.all_rules()` and `ivrkit.rules.get_rule()`, above them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import model_class
from .finding import FAMILIES, Level, Violation

if TYPE_CHECKING:
    from .context import Context

__all__ = ["Rule", "RuleOption", "register", "registered", "FAMILIES", "DOC_SECTIONS"]

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Options", "References")
_CODE = re.compile(r"[A-Z]{2}[0-9]{3}\Z")
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


@model_class
class RuleOption:
    """One configurable option of a rule: its type, default and a one-line description; `patterns` for a list
    of regular expressions (each is compiled when the configuration is read, so a broken one is reported there,
    with its place in the file, not met halfway through a lint)."""

    type: type
    default: Any
    description: str
    patterns: bool = False

    def check(self, value: Any) -> Any:
        """The value converted to the option's type; ValueError with a reason when it cannot be."""
        if self.type is bool:
            if isinstance(value, bool):
                return value
            raise ValueError("must be true or false")
        if self.type in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"must be a number, not {value!r}")
            if not math.isfinite(value):
                raise ValueError(f"must be a finite number, not {value!r}")
            if value < 0:  # every threshold ivrkit has is a count, a duration or a share
                raise ValueError(f"must not be negative, not {value!r}")
            if self.type is int and value != int(value):
                raise ValueError(f"must be a whole number, not {value!r}")
            return self.type(value)
        if self.type is list:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ValueError("must be a list of strings")
            for item in value if self.patterns else ():
                try:
                    re.compile(item, re.IGNORECASE)
                except re.error as error:
                    raise ValueError(
                        f"must be a list of regular expressions: {item!r} is not one ({error.msg} at {error.pos})"
                    ) from None
            return list(value)
        if self.type is str:
            if not isinstance(value, str):
                raise ValueError("must be text")
            return value
        return value


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    level: ClassVar[Level] = Level.WARNING
    options: ClassVar[dict[str, RuleOption]] = {}
    aliases: ClassVar[tuple[str, ...]] = ()
    default_enabled: ClassVar[bool] = True
    uses_text: ClassVar[bool] = False  # skipped for prompts whose text is unknown (audio only)

    def __init__(self, settings: Mapping[str, Any] | None = None):
        """`settings`: the configured values of the rule's options (the others keep their defaults)."""
        self.settings = {name: option.default for name, option in self.options.items()}
        self.settings.update(settings or {})

    def option(self, name: str) -> Any:
        """The value of one of the rule's options."""
        return self.settings[name]

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:2]]

    def check(self, ctx: Context) -> Iterator[Violation]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        import inspect  # here: only `ivrkit rules` and the docs read a rule's documentation

        return inspect.cleandoc(cls.__doc__ or "")


_RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry, checking its metadata."""
    if not _CODE.match(cls.code) or cls.code[:2] not in FAMILIES:
        raise ValueError(f"{cls.__name__}: bad rule code {cls.code!r}")
    if not _NAME.match(cls.name):
        raise ValueError(f"{cls.__name__}: bad rule name {cls.name!r}")
    for other in _RULES.values():
        if cls.code == other.code or cls.name == other.name:
            raise ValueError(f"{cls.__name__}: {cls.code}/{cls.name} is already taken by {other.__name__}")
    _RULES[cls.code] = cls
    return cls


def registered() -> list[type[Rule]]:
    """The rules registered so far, by code (every rule once `ivrkit.rules` is imported)."""
    return [_RULES[code] for code in sorted(_RULES)]
