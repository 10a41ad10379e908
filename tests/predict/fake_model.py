"""A stand-in caller model for the engine side of predict: plain word overlap, every rule spelled out.

It keeps the interface of `ivrkit.analysis.caller.CallerModel` (choice, digits, params) so the tests of the
policy and the enumeration pin what the engine side does, whatever the real model's scores are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ivrkit.model import MenuNode, MenuSet


@dataclass(frozen=True)
class FakeParams:
    reaction_seconds: float = 0.5
    patience: int = 2
    barge: bool = True


@dataclass(frozen=True)
class FakeScent:
    key: str
    label: str
    score: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class FakeChoice:
    node: str
    options: tuple[FakeScent, ...]
    press: dict = field(default_factory=dict)
    silent: float = 0.0
    barge: dict = field(default_factory=dict)


class FakeModel:
    """Options whose label shares a word with the goal split 90% by overlap; the rest 10% silence, or, when
    nothing fits, 70% silence and 30% the agent key 0 (when there is one). Lost: back (*) when there is one."""

    def __init__(self, menuset: MenuSet, params: FakeParams = FakeParams(), fixed: dict | None = None):
        self.menuset = menuset
        self.params = params
        self.fixed = fixed or {}  # node -> (press, silent): a choice given outright
        self.calls: list[tuple[str, int, bool]] = []

    def choice(
        self, node: str, goal, *, attempt: int = 0, lost: bool = False, hearing: str | None = None
    ) -> FakeChoice:
        self.calls.append((node, attempt, lost))
        menu = self.menuset.nodes[node]
        assert isinstance(menu, MenuNode)
        language = goal.language
        options = []
        for option in self.menuset.file_of(menu).options_of(menu):
            label = option.label.get(language) or option.label.values[0][1] if option.label else ""
            words = tuple(w for w in goal.say.lower().split() if w in label.lower().split())
            options.append(FakeScent(option.key, label, float(len(words)), words))
        if node in self.fixed:
            press, silent = self.fixed[node]
            return FakeChoice(node, tuple(options), dict(press), silent, {k: self.params.barge for k in press})
        keys = {option.key: option for option in self.menuset.file_of(menu).options_of(menu)}
        if lost and "*" in keys and keys["*"].action == "back":
            return FakeChoice(node, tuple(options), {"*": 1.0}, 0.0, {"*": False})
        fits = [o for o in options if o.score > 0 and keys[o.key].action is None]
        if fits:
            total = sum(o.score for o in fits)
            press = {o.key: 0.9 * o.score / total for o in fits}
            return FakeChoice(node, tuple(options), press, 0.1, {k: self.params.barge for k in press})
        if "0" in keys:
            return FakeChoice(node, tuple(options), {"0": 0.3}, 0.7, {"0": False})
        return FakeChoice(node, tuple(options), {}, 1.0, {})

    def digits(self, node: str, goal) -> str | None:
        return None
