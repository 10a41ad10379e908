"""Typed modal dialogs (frogmouth style): the save dialog returns a call name or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

__all__ = ["SaveDialog", "ConfirmDialog"]


class SaveDialog(ModalScreen[str | None]):
    """Name the call; says which file gets it and whether that file is new or appended to."""

    DEFAULT_CSS = """
    SaveDialog { align: center middle; }
    SaveDialog > Vertical { width: 72; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    SaveDialog Horizontal { height: auto; align: right middle; margin-top: 1; }
    SaveDialog Button { margin-left: 1; }
    SaveDialog #save-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, *, target: str, existing: int | None, default_name: str, press: str, reaches: str, taken: set[str]
    ):
        super().__init__()
        self.target, self.existing, self.default_name = target, existing, default_name
        self.press, self.reaches, self.taken = press, reaches, taken

    def compose(self) -> ComposeResult:
        if self.existing is None:
            where = f"A new call script will be created beside the menu: {self.target}"
        else:
            where = (
                f"The call will be added to {self.target} (beside the menu) after its {self.existing} "
                f"call{'s' * (self.existing != 1)}; they are kept as they are."
            )
        with Vertical():
            yield Label("[b]Save this call as a test case[/b]")
            yield Static(f"press: {self.press or '(nothing)'}\nexpect: reaches {self.reaches}\n\n{where}")
            yield Input(self.default_name, placeholder="name of the call", id="save-name")
            yield Static("", id="save-error")
            with Horizontal():
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        name = self.query_one("#save-name", Input).value.strip()
        error = self.query_one("#save-error", Static)
        if not name:
            error.update("Give the call a name.")
        elif name in self.taken:
            error.update(f"The script already has a call named {name!r}; choose another name.")
        else:
            self.dismiss(name)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 64; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    ConfirmDialog Horizontal { height: auto; align: right middle; margin-top: 1; }
    ConfirmDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape,n", "answer(False)", "No"), Binding("y", "answer(True)", "Yes")]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                yield Button("Yes", variant="warning", id="yes")
                yield Button("No", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
