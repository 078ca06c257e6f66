"""One line asked of the user over the current screen: a saved search's name, a packet item's note.

Enter answers (the text as typed, trimmed), escape cancels (``None``): the
screen that asked decides what an answer means, so one small modal serves
every question.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AskScreen(ModalScreen[str | None]):
    """``title`` over a box holding ``value``; ``detail`` (plain text) says what the answer is for."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel", tooltip="Close without changing anything"),
    ]

    def __init__(self, title: str, detail: str = "", value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.detail, self.value, self.placeholder = title, detail, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(Content.styled(self.title_text, "bold"), id="ask-title")
            if self.detail:
                yield Static(Content(self.detail), id="ask-detail")
            yield Input(self.value, placeholder=self.placeholder, id="ask-input", select_on_focus=False)
            yield Static(Content.styled("enter: save · esc: cancel", "$text-muted"), id="ask-keys")

    @on(Input.Submitted, "#ask-input")
    def _answered(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
