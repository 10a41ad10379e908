"""What a caller hears at each node, computed once per menu set and shared by the linter, the engine and the TUI.

`heard(menuset)` gives the menu set's `Heard` (one per menu set, see
`ivrkit.analysis.shared`). Each answer is computed on first use and kept:

- `options(node)`: every option a caller can use in a menu (its own, then the
  global ones it keeps), as `MenuFile.options_of` gives them;
- `segments(node, language)`: what is said on arriving at the node, as
  `ivrkit.prompts.node_segments` says it (its prompt, then the announced
  options as composed sentences), as a tuple;
- `seconds(node, language)`: the estimated seconds of each of those segments
  at the node's speaking rate (`ivrkit.timing.speech_seconds`), None for a
  segment whose words are unknown (a recording without text);
- `spoken(node, language)`: the total of those seconds with the pause between
  composed options (`ivrkit.timing.OPTION_PAUSE`), and whether every
  segment's length was known;
- `handler_segment(node, prompt, language)`: what a no-input or no-match
  message says.

`language` None means the node's file's default language. Nothing here reads
files: the length of a recording is the engine's business
(`ivrkit.engine.durations`).
"""

from __future__ import annotations

from ..model import Interactive, MenuNode, MenuSet, Node, Option, Prompt
from ..prompts import Announcer, Segment, node_segments, text_in
from ..timing import OPTION_PAUSE, speech_seconds
from .shared import per_menuset, reference

__all__ = ["Heard", "heard"]


def heard(menuset: MenuSet) -> Heard:
    """The shared `Heard` of `menuset` (built once, kept while the menu set lives)."""
    return per_menuset(menuset, "heard", Heard)


class Heard:
    """What a caller hears at each node of one menu set; every answer computed once."""

    __slots__ = ("_menuset", "_options", "_segments", "_seconds", "_spoken", "_handlers", "_rates", "_announcers")

    def __init__(self, menuset: MenuSet):
        self._menuset = reference(menuset)
        self._options: dict[str, tuple[Option, ...]] = {}
        self._segments: dict[tuple[str, str | None], tuple[Segment, ...]] = {}
        self._seconds: dict[tuple[str, str | None], tuple[float | None, ...]] = {}
        self._spoken: dict[tuple[str, str | None], tuple[float, bool]] = {}
        self._handlers: dict[tuple[int, str, str], tuple[Prompt, Segment]] = {}
        self._rates: dict[str, float] = {}
        self._announcers: dict[tuple[str, str | None], Announcer] = {}  # by file key and language

    @property
    def menuset(self) -> MenuSet:
        return self._menuset()

    def _node(self, node: Node | str) -> Node:
        return self.menuset.nodes[node] if isinstance(node, str) else node

    def options(self, node: Node | str) -> tuple[Option, ...]:
        """Every option a caller can use in the menu `node` (its own, then the global ones it keeps)."""
        key = node if isinstance(node, str) else node.key
        found = self._options.get(key)
        if found is None:
            menu = self._node(node)
            assert isinstance(menu, MenuNode), f"{key} is not a menu"
            found = self._options[key] = self.menuset.file_of(menu).options_of(menu)
        return found

    def segments(self, node: Node | str, language: str | None = None) -> tuple[Segment, ...]:
        """What is said on arriving at `node` in `language` (None: its file's default language)."""
        key = node if isinstance(node, str) else node.key
        found = self._segments.get((key, language))
        if found is None:
            node = self._node(node)
            if language is not None and language == self.menuset.file_of(node).language:
                found = self.segments(node, None)  # the default language named: the same answer
            else:
                announcer = self.announcer(node.file, language)
                options = self.options(node) if isinstance(node, MenuNode) else None
                found = tuple(node_segments(self.menuset, node, language, options=options, announcer=announcer))
            self._segments[(key, language)] = found
        return found

    def announcer(self, file: str, language: str | None) -> Announcer:
        """What the segments of the menus of `file` in `language` (None: the file's) share (`prompts.Announcer`)."""
        found = self._announcers.get((file, language))
        if found is None:
            found = self._announcers[(file, language)] = Announcer()
        return found

    def rate(self, node: Node | str) -> float:
        """The node's speaking rate (its own, else its file's), in espeak-ng words per minute."""
        key = node if isinstance(node, str) else node.key
        found = self._rates.get(key)
        if found is None:
            node = self._node(node)
            found = self._rates[key] = float(node.setting("rate", self.menuset.settings_of(node)))
        return found

    def seconds(self, node: Node | str, language: str | None = None) -> tuple[float | None, ...]:
        """The estimated seconds of each segment of `segments(node, language)`, None where the words are unknown."""
        key = node if isinstance(node, str) else node.key
        found = self._seconds.get((key, language))
        if found is None:
            rate = self.rate(node)
            found = self._seconds[(key, language)] = tuple(
                None if segment.text is None else speech_seconds(segment.text, segment.language, rate)
                for segment in self.segments(node, language)
            )
        return found

    def spoken(self, node: Node | str, language: str | None = None) -> tuple[float, bool]:
        """(seconds of the segments whose length is known, with `OPTION_PAUSE` between those that take
        any time; whether every segment's length is known)."""
        key = node if isinstance(node, str) else node.key
        found = self._spoken.get((key, language))
        if found is None:
            seconds = self.seconds(node, language)
            taking_time = [value for value in seconds if value is not None and value > 0]
            total = sum(taking_time) + OPTION_PAUSE * max(len(taking_time) - 1, 0)
            found = self._spoken[(key, language)] = (total, None not in seconds)
        return found

    def handler_segment(self, node: Node | str, prompt: Prompt, language: str) -> Segment:
        """What the no-input or no-match message `prompt` of `node` says in `language`."""
        node = self._node(node)
        # By the prompt itself (kept in the entry, so its id is not reused while the entry lives), not by its
        # span: an imported file can give several prompts the same source position.
        mark = (id(prompt), node.file, language)
        found = self._handlers.get(mark)
        if found is None or found[0] is not prompt:
            default = self.menuset.file_of(node).language
            text, used, translated = text_in(prompt.text, language, default)
            audio, _, _ = text_in(prompt.audio, language, default)
            found = self._handlers[mark] = (
                prompt,
                Segment("handler", text, used if text is not None else language, prompt.span, None, audio, translated),
            )
        return found[1]

    def handlers(self, node: Node | str, language: str) -> tuple[tuple[str, int, Segment], ...]:
        """Each no-input and no-match message of `node` that says something: (kind, number from 1, segment)."""
        node = self._node(node)
        if not isinstance(node, Interactive):
            return ()
        return tuple(
            (kind, number, self.handler_segment(node, handler.prompt, language))
            for kind, handlers in (("no-input", node.no_input), ("no-match", node.no_match))
            for number, handler in enumerate(handlers, 1)
            if handler.prompt is not None
        )
