"""The call screen: plays an engine `Session` through a `Speaker` and shows it.

Everything the call does comes from the session's events; this screen only
sequences them in real time:

- `Speak` events are said one after another, each started when the previous
  one is done (the speaker's `on_done`, posted back as `SpeechDone`); with a
  silent speaker each segment is shown for its estimated duration / --speed.
- After the events of an action, a waiting session gets a real-time timer:
  the `Listen` timeout (or the inter-digit timeout while keys are pending)
  / --speed, which calls `session.wait()`.
- A key calls `session.press(key, after=<simulated seconds of speech heard>)`
  and then stops the speaker at once (barge-in), unless the engine ignored
  the key (a prompt with `barge_in: false`: it plays on). A key during a
  message is typed ahead: the engine's `TypeAhead` line shows it.
- Hanging up during speech calls `session.hang_up(after=...)` the same way,
  so the call ends where the caller hung up.
"""

from __future__ import annotations

import time
from collections import deque
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Header, Static

from ...engine.events import (
    Arrive,
    Event,
    KeyIgnored,
    Listen,
    Speak,
)
from ...engine.tables import tables
from ..messages import KeyPressed, Linted, MenuLoaded, Predicted, SpeechDone, WordSpoken
from ..savecall import mark_spoken
from ..widgets.findings import FindingsPanel
from ..widgets.goals import GoalsPanel
from ..widgets.keypad import Keypad
from ..widgets.menu_map import MenuMap
from ..widgets.status import StatusLine
from ..widgets.transcript import TranscriptView

__all__ = ["CallScreen"]

PANELS_AT_LATEST = 0.25  # seconds: the side panels follow the transcript's frame, or this long after the event
_KEY_NAMES = {str(digit): str(digit) for digit in range(10)} | {"asterisk": "*", "number_sign": "#"}


class CallScreen(Screen):
    BINDINGS = [
        *[Binding(name, f"key('{key}')", show=False) for name, key in _KEY_NAMES.items()],
        Binding("h", "hang_up", "Hang up"),
        Binding("r", "restart", "Restart"),
        Binding("s", "save", "Save call"),
        Binding("g", "toggle_goals", "Goals"),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, options, speaker):
        super().__init__()
        self.options = options
        self.speaker = speaker
        self.menuset = None
        self.findings: list = []
        self.lint_note: str | None = None
        self.linted = False  # the findings of the current menu are in
        self.goals = None  # the GoalsView of the current menu set once predicted (ivrkit.tui.goals)
        self.show_goals = True  # the goals panel is shown when the menu has a goals file (g toggles it)
        self._menu: str | None = None  # the last menu the caller arrived at (the goals panel's menu)
        self._speech_failed: str | None = None  # set when the speaker raised: text only from then on
        self.session = None
        self.steps: list = []  # (action, keys, after) for saving the call
        self.watched: dict[str, int | None] = {}
        self.load_errors: list[str] = []
        self._queue: deque[Event] = deque()
        self._segment: Speak | None = None  # the segment being spoken (or shown)
        self._segment_started = 0.0  # time.monotonic() when it started
        self._segment_token = 0
        self._panels_pending = False  # `_show_panels` waits for the next frame of the transcript
        self._panels_timer: Timer | None = None  # or for this, if the transcript is not drawn
        self._arrivals: list[str] = []  # nodes arrived at, for the map, since the panels were last shown
        self._gap_from: float | None = None  # simulated time a pause between segments started
        self._gap_started = 0.0
        self._listen_from = 0.0  # simulated time the IVR started waiting for the caller
        self._listen: Listen | None = None
        self._timer = None
        self._node: str | None = None
        self._at = 0.0
        self._state = "loading"
        self._loading = False
        self.listening = False  # the IVR waits for the caller (its speech is over)
        self.measure: dict[str, list[float]] = {"press_to_stop": []}  # seconds, for the closing note

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="call-view", id="switcher"):
            with Horizontal(id="call-view"):
                with Vertical(id="phone"):
                    yield TranscriptView(id="transcript")
                    with Horizontal(id="phone-bottom"):
                        yield Keypad(id="keypad")
                        with VerticalScroll(id="findings-box"):
                            yield FindingsPanel(id="findings")
                with Vertical(id="side"):
                    yield MenuMap(id="menu-map")
                    with VerticalScroll(id="goals-box"):
                        yield GoalsPanel(id="goals")
            with VerticalScroll(id="error-view"):
                yield Static("", id="errors")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "ivrkit sim"
        self.sub_title = Path(self.options.path).name
        box = self.query_one("#findings-box")
        box.border_title = "Lint findings here"
        box.can_focus = False
        goals_box = self.query_one("#goals-box")
        goals_box.border_title = "Caller goals"
        goals_box.can_focus = False
        goals_box.display = False
        self._show_status()
        self.load()
        self.set_interval(self.options.poll_interval, self._check_files)

    # -- loading and reloading ------------------------------------------------

    def load(self) -> None:
        self._loading = True
        self._load_worker()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="Loading the menu")
    def _load_worker(self) -> None:
        self.post_message(_load(self.options, self.watched))

    def on_menu_loaded(self, message: MenuLoaded) -> None:
        self._loading = False
        self.watched = message.watched
        if message.menuset is None:
            self._stop_call()
            self.menuset = None
            self.load_errors = message.errors
            errors = self.query_one("#errors", Static)
            errors.update(_error_text(self.options.path, message.errors))
            self.query_one("#switcher", ContentSwitcher).current = "error-view"
            self._state = "the menu does not load"
            self._show_status()
            return
        reloaded = self.menuset is not None or bool(self.load_errors)
        self.menuset, self.findings, self.lint_note, self.linted = message.menuset, [], "linting…", False
        self.load_errors = []
        self.query_one("#switcher", ContentSwitcher).current = "call-view"
        self.query_one("#menu-map", MenuMap).set_menu(self.menuset)
        self.sub_title = f"{self.menuset.root.name} — {Path(self.options.path).name}"
        self.goals = None
        self.start_call(note="menu reloaded from disk; the call starts again" if reloaded else None)
        self._lint_worker(self.menuset)
        self._goals_worker(self.menuset)

    @work(thread=True, exclusive=True, group="lint", exit_on_error=False, description="Linting the menu")
    def _lint_worker(self, menuset) -> None:
        self.post_message(_lint(self.options, menuset))

    def on_linted(self, message: Linted) -> None:
        if message.menuset is not self.menuset:
            return  # a newer load replaced it
        self.findings, self.lint_note, self.linted = message.findings, message.note, True
        self.query_one(FindingsPanel).show(self._node, self.findings, self.lint_note)

    @work(thread=True, exclusive=True, group="goals", exit_on_error=False, description="Predicting the goals")
    def _goals_worker(self, menuset) -> None:
        self.post_message(_predict(menuset, self.options))

    def on_predicted(self, message: Predicted) -> None:
        if message.menuset is not self.menuset:
            return  # a newer load replaced it
        self.goals = message.view
        self._show_goals()

    def action_toggle_goals(self) -> None:
        """Show or hide the goals panel (`g`); a menu without a goals file has none to show."""
        if self.goals is not None and self.goals.file is None:
            from ..goals import goals_file_name

            self.notify(
                f"No caller goals: write {goals_file_name(self.options.path)} beside the menu (docs/goals.md).",
                severity="warning",
            )
            return
        self.show_goals = not self.show_goals
        self._show_goals()

    def _show_goals(self) -> None:
        box = self.query_one("#goals-box")
        view = self.goals
        box.display = self.show_goals and view is not None and view.file is not None
        if not box.display:
            return
        title = f"Goals at {self._menu}" if self._menu else "Caller goals"
        if view is not None and view.success_rate is not None:
            title += f" · {view.success_rate:.0%} overall"
        if box.border_title != title:
            box.border_title = title
        self.query_one(GoalsPanel).show(view, self._menu)

    def _check_files(self) -> None:
        if self._loading or not self.watched:
            return
        if any(_mtime(path) != mtime for path, mtime in self.watched.items()):
            self.load()

    # -- the call ----------------------------------------------------------------

    def start_call(self, note: str | None = None) -> None:
        from ...engine.session import Session

        self._stop_call()
        transcript = self.query_one(TranscriptView)
        transcript.clear()
        self.query_one(MenuMap).reset_path()
        self._arrivals = []
        self._menu = None
        if note:
            transcript.note(note)
        self.steps = []
        self._node, self._at, self._listen = None, 0.0, None
        self.session = Session(self.menuset, at=self.options.at, language=self.options.language)
        self._state = "speaking"
        self._play(self._engine(self.session.start))

    def _stop_call(self) -> None:
        self._cancel_timer()
        self.listening = False
        self._queue.clear()
        self._gap_from = None
        self._segment_token += 1  # any on_done still on its way is stale
        if self._segment is not None:
            self._segment = None
            self.speaker.stop()

    def _play(self, events: list[Event]) -> None:
        self._cancel_timer()
        self.listening = False
        self._queue = deque(events)
        self._advance()

    def _advance(self, after_gap: bool = False) -> None:
        """Show events up to the next speech segment and start it; at the end, wait for the caller."""
        if self.menuset is None:
            return
        transcript = self.query_one(TranscriptView)
        self._advance_through(transcript, after_gap)
        transcript.flush()  # the lines of these events mounted together: one layout

    def _advance_through(self, transcript: TranscriptView, after_gap: bool) -> None:
        self._segment = None
        self._gap_from = None
        while self._queue:
            event = self._queue[0]
            if isinstance(event, Speak):
                gap = event.at - self._at
                if gap > 0.01 and not after_gap:
                    # the pause between options: keep the rhythm of the estimate (scaled by --speed)
                    self._gap_from = self._at
                    self._gap_started = time.monotonic()
                    self._timer = self.set_timer(gap / self.options.speed, self._end_gap)
                    return
                self._queue.popleft()
                self._at = event.at
                mark_spoken(self.steps)
                transcript.add_event(event)
                self._say(event)
                self._show_status()
                return
            self._queue.popleft()
            self._at = max(self._at, event.at)
            self._event(event)
            transcript.add_event(event)
        transcript.speech_finished()
        self._after_events()

    def _end_gap(self) -> None:
        self._timer = None
        self._advance(after_gap=True)

    def _event(self, event: Event) -> None:
        if isinstance(event, Arrive):
            self._node = event.node
            self._arrivals.append(event.node)
            if self.menuset is not None and self.menuset.nodes[event.node].type == "menu":
                self._menu = event.node
            # The side panels (map, findings, goals) follow once the frame with the transcript's new lines
            # is out: redrawing them beside it would hold back the frame that shows the caller what their
            # key did. The timer shows them anyway if the transcript is not drawn (too small, covered).
            if not self._panels_pending:
                self._panels_pending = True
                self.query_one(TranscriptView).after_paint(self._show_panels)
                self._panels_timer = self.set_timer(PANELS_AT_LATEST, self._show_panels)
        elif isinstance(event, Listen):
            self._listen = event
            self._node = event.node

    def _show_panels(self) -> None:
        """The path on the map, the findings of the node the caller is at, and the goals of its menu."""
        if not self._panels_pending:
            return  # shown already (the transcript was drawn, or the timer came first)
        self._panels_pending = False
        if self._panels_timer is not None:
            self._panels_timer.stop()  # a later event's panels must not be drawn early by this timer
            self._panels_timer = None
        arrivals, self._arrivals = self._arrivals, []
        menu_map = self.query_one(MenuMap)
        for node in arrivals:
            menu_map.arrive(node)
        if self.menuset is None or self._node is None or self._node not in self.menuset.nodes:
            return
        self.query_one(FindingsPanel).show(self._node, self.findings, self.lint_note)
        box = self.query_one("#findings-box")
        title = f"Lint findings: {self._node}"
        if box.border_title != title:
            box.border_title = title
        self._show_goals()

    def _say(self, event: Speak) -> None:
        self._segment = event
        self._segment_started = time.monotonic()
        self._segment_token += 1
        token = self._segment_token
        if self.speaker.available and event.text is not None and self._speech_failed is None:
            rate = self.options.rate or tables(self.menuset).infos[event.node].rate
            try:
                self.speaker.say(
                    event.text,
                    event.language,
                    rate=rate,
                    voice=self.options.voice,
                    on_done=lambda completed: self.post_message(SpeechDone(token, completed)),
                    on_word=lambda index, start, length: self.post_message(WordSpoken(token, start, length)),
                )
                return
            except Exception as error:  # noqa: BLE001 - a failing voice falls back to timed text, calmly
                self._speech_failed = f"failed ({type(error).__name__})"
        self._timer = self.set_timer(
            event.duration / self.options.speed, lambda: self.post_message(SpeechDone(token, True))
        )

    def on_word_spoken(self, message: WordSpoken) -> None:
        if message.token == self._segment_token:
            self.query_one(TranscriptView).highlight_word(message.start, message.length)

    def on_speech_done(self, message: SpeechDone) -> None:
        if message.token != self._segment_token or not message.completed or self._segment is None:
            return  # stale, or stopped by a barge-in that has already been handled
        self._timer = None
        self._at = self._segment.at + self._segment.duration
        self._advance()

    def _after_events(self) -> None:
        session = self.session
        if session is None:
            return
        if session.ended:
            self._state = "call ended — r restarts, s saves"
            self._listen = None
            self._show_status()
            return
        info = tables(self.menuset).infos[session.node]
        if session.buffer:
            timeout = info.inter_digit_timeout
        else:
            timeout = self._listen.timeout if self._listen is not None else info.timeout
        self._listen_from = max(session.speech_end, session.clock)
        self.listening = True
        if self.options.timeouts:
            self._timer = self.set_timer(timeout / self.options.speed, self.time_out)
        self._state = f"waiting for a key ({timeout:g} s)"
        self._show_status()

    def time_out(self) -> None:
        """The caller stayed silent until the timeout (the listen timer calls this; tests may too)."""
        self._timer = None
        if self.session is None or not self.session.waiting or not self.listening:
            return
        self.steps.append(("wait", "", None))
        self._state = "speaking"
        self._play(self._engine(self.session.wait))

    def _engine(self, action) -> list[Event]:
        """Run a session action; an engine failure is shown in the transcript and ends the call, never a crash."""
        try:
            return action()
        except Exception as error:  # noqa: BLE001 - the simulator must stay up
            self.query_one(TranscriptView).note(f"the simulation stopped: {type(error).__name__}: {error}")
            if self.session is not None:
                self.session.ended = True
            return []

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def simulated_now(self) -> float:
        """The call's simulated time at this real moment (seconds since the call started)."""
        now = time.monotonic()
        scale = self.options.speed
        if self._segment is not None:
            if self.speaker.available and self._segment.text is not None and self._speech_failed is None:
                scale = 1.0  # a real voice plays at its own pace
            heard = min((now - self._segment_started) * scale, self._segment.duration)
            return self._segment.at + heard
        if self._gap_from is not None:
            return self._gap_from + (now - self._gap_started) * scale
        if self.listening:
            # The caller's thinking time is not added: a key after the speech counts from its end, so
            # a saved call replays with exactly the times shown here.
            return self._listen_from
        return self._at

    # -- caller actions ------------------------------------------------------------

    def action_key(self, key: str) -> None:
        self.press(key)

    def on_key_pressed(self, message: KeyPressed) -> None:
        self.press(message.key)

    def press(self, key: str) -> None:
        """A caller's key: barge in when speech is playing, else answer the menu."""
        started = time.perf_counter()
        session = self.session
        if session is None or not session.waiting:
            self.app.bell()
            return
        speaking = self._segment is not None or self._gap_from is not None or bool(self._queue)
        after = max(0.0, self.simulated_now() - session.clock)
        if speaking:
            after = round(after, 2)
        events = self._engine(lambda: session.press(key, after=after))
        ignored = bool(events) and all(isinstance(event, KeyIgnored) for event in events)
        if speaking and not ignored:
            self._segment_token += 1  # the stopped segment's on_done is stale now
            self.speaker.stop()
            self.measure["press_to_stop"].append(time.perf_counter() - started)
        self.query_one(Keypad).flash(key)
        self.steps.append(("press", key, after if speaking else None))
        if ignored:
            transcript = self.query_one(TranscriptView)
            for event in events:
                transcript.add_event(event)  # the prompt cannot be interrupted: it plays on
            transcript.flush()
            return
        self._state = "speaking"
        self._play(events)

    def action_hang_up(self) -> None:
        """Hang up now: during speech the call ends at the moment heard (the speech is cut there)."""
        session = self.session
        if session is None or not session.waiting:
            return
        speaking = self._segment is not None or self._gap_from is not None or bool(self._queue)
        after = round(max(0.0, self.simulated_now() - session.clock), 2) if speaking else None
        self._stop_call()
        self.steps.append(("hangup", "", after))
        self._play(self._engine(lambda: session.hang_up(after=after)))

    def action_restart(self) -> None:
        if self.menuset is not None:
            self.start_call()

    def action_save(self) -> None:
        from ..savecall import SaveError, existing_calls, format_steps, script_path
        from .dialogs import SaveDialog

        if self.session is None or self.menuset is None:
            self.notify("There is no call to save: the menu does not load.", severity="warning")
            return
        target = script_path(self.options.path)
        try:
            calls = existing_calls(target)
        except SaveError as error:
            self.notify(f"{error}; it is left as it is.", severity="error", timeout=8)
            return
        taken = {call.get("name") for call in calls or [] if isinstance(call, dict)}
        press = format_steps(self.steps)
        reaches = self.session.node or self.menuset.entry
        default = f"reach {reaches}"
        number = 2
        while default in taken:
            default, number = f"reach {reaches} ({number})", number + 1
        dialog = SaveDialog(
            target=target.name,
            existing=None if calls is None else len(calls),
            default_name=default,
            press=press,
            reaches=reaches,
            taken=taken,
        )

        def saved(name: str | None) -> None:
            if name is None:
                return
            if calls is None:
                self._write_case(target, name, press, reaches)
                return
            from .dialogs import ConfirmDialog

            question = (
                f"Rewrite {target.name} with this call added at the end?\n"
                f"Its {len(calls)} call{'s' * (len(calls) != 1)} and comments stay as they are."
            )
            self.app.push_screen(
                ConfirmDialog(question), lambda yes: yes and self._write_case(target, name, press, reaches)
            )

        self.app.push_screen(dialog, saved)

    def _write_case(self, target: Path, name: str, press: str, reaches: str) -> None:
        from ..savecall import CallCase, SaveError, add_case

        case = CallCase(name, press, reaches, at=self.options.at, language=self.options.language)
        try:
            count = add_case(target, Path(self.options.path), case)
        except (SaveError, OSError) as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return
        self.notify(f"Saved {name!r} to {target.name} ({count} call{'s' * (count != 1)}).")

    # -- status ------------------------------------------------------------------

    def _show_status(self) -> None:
        attempts = None
        if (
            self._listen is not None
            and self.menuset is not None
            and self.session is not None
            and not self.session.ended
        ):
            retries = tables(self.menuset).infos[self._listen.node].retries
            attempts = max(0, retries + 2 - self._listen.attempt)
        speech = "on" if self.speaker.available else (self.speaker.reason or "off")
        if self._speech_failed is not None:
            speech = self._speech_failed
        self.query_one(StatusLine).show(
            node=self._node, at=self._at, attempts_left=attempts, state=self._state, speech=speech
        )


# -- loading (runs in a worker thread; no widgets here) ---------------------------------


def _mtime(path: str) -> int | None:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return None


def _load(options, previous: dict) -> MenuLoaded:
    from ...diagnostics import LoadError, format_diagnostic
    from ...goals import goals_file_for
    from ...loader import load

    paths = {str(Path(options.path).resolve())} | set(previous)
    watched = {path: _mtime(path) for path in paths}  # before reading, so an edit while loading is seen
    try:
        menuset = load(options.path, root=options.root)
    except LoadError as error:
        for diagnostic in error.diagnostics:
            path = Path(diagnostic.span.path)
            if path.is_file():
                watched.setdefault(str(path.resolve()), _mtime(str(path)))
        return MenuLoaded(None, errors=[format_diagnostic(d) for d in error.diagnostics], watched=watched)
    except Exception as error:  # noqa: BLE001 - an unreadable file is shown, never a crash
        return MenuLoaded(None, errors=[f"{options.path}: {type(error).__name__}: {error}"], watched=watched)
    if options.language and options.language not in menuset.root.languages:
        return MenuLoaded(
            None,
            errors=[
                f"--lang: the menu does not speak `{options.language}` (its languages: "
                f"{', '.join(menuset.root.languages)})"
            ],
            watched=watched,
        )
    watched = {str(Path(menu_file.path).resolve()): None for menu_file in menuset.files.values()} | watched
    watched.setdefault(str(goals_file_for(menuset.root.path).resolve()), None)  # the goals panel reads it
    watched = {path: (mtime if mtime is not None else _mtime(path)) for path, mtime in watched.items()}
    return MenuLoaded(menuset, watched=watched)


def _lint(options, menuset) -> Linted:
    try:
        from ...lint.config_file import ConfigResolver
        from ...lint.runner import lint

        config = ConfigResolver().for_path(Path(options.path))
        return Linted(menuset, lint(menuset, config))
    except Exception as error:  # noqa: BLE001 - lint problems must not stop the simulator
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Linted(menuset, [], f"lint unavailable: {reason}")


def _predict(menuset, options) -> Predicted:
    """The goals panel's predictions at the sim's `--at` and `--lang`, as `ivrkit predict` gives them then."""
    from ..goals import GoalsView, gl001_threshold, goals_view

    try:
        view = goals_view(menuset, gl001_threshold(options.path), at=options.at, language=options.language)
        return Predicted(menuset, view)
    except Exception as error:  # noqa: BLE001 - a failing prediction is shown, never a crash
        return Predicted(
            menuset, GoalsView(file="?", problem=f"predictions unavailable: {type(error).__name__}: {error}")
        )


def _error_text(path: str, errors: list[str]):
    from rich.text import Text

    text = Text()
    text.append(f"{Path(path).name} does not load", style="bold red")
    text.append(" — fix the file; it reloads when saved.\n\n", style="dim")
    for line in errors:
        first, _, rest = line.partition("\n")
        text.append(first + "\n")
        if rest:
            text.append(rest + "\n", style="dim")
    return text
