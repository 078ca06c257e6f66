"""Two cases side by side (`c`): the letter the user came from and a similar one.

Which item of each is compared: the one the similar list matched on the
right, and on the left the item with the same treatment (else category,
else the first). `i` steps the left item when the left letter has several.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer

from ...records import Letter
from .. import text
from ..widgets.comparison import Comparison, pick_item
from .base import IndexScreen


class CompareScreen(IndexScreen):
    """``left`` (the source) against ``right`` (the similar case)."""

    AUTO_FOCUS = "#comparison"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="compare.back", tooltip="Back"),
        Binding("i", "next_item", "Left item", id="compare.item", tooltip="Compare another item of the left letter"),
        Binding("j", "scroll_down", "Down", show=False, id="compare.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="compare.up", tooltip="Scroll up"),
    ]

    def __init__(self, left: str, right: str, right_item: int | None = None, left_item: int | None = None) -> None:
        super().__init__()
        self.left_id, self.right_id = left, right
        self.right_item, self.left_item = right_item, left_item
        self.left: Letter | None = None
        self.right: Letter | None = None

    def compose(self) -> ComposeResult:
        yield Comparison(id="comparison")
        yield Footer()

    def on_mount(self) -> None:
        a, b = self.index.letter(self.left_id), self.index.letter(self.right_id)
        if a is None or b is None:
            missing = self.left_id if a is None else self.right_id
            self.notify(f"No letter {text.clean(missing, True)} in the index", severity="error", markup=False)
            self.app.pop_screen()
            return
        self.left, self.right = a.letter, b.letter
        self._show()

    def _show(self) -> None:
        assert self.left is not None and self.right is not None
        ri = pick_item(self.right, None, self.right_item)
        li = pick_item(self.left, ri, self.left_item)
        self.left_item = li.item
        self.query_one("#comparison", Comparison).show(self.left, li, self.right, ri)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_item":
            return self.left is not None and len(self.left.items) > 1
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_next_item(self) -> None:
        if self.left is None or len(self.left.items) < 2:
            return
        self.left_item = (self.left_item or 1) % len(self.left.items) + 1
        self._show()

    def action_scroll_down(self) -> None:
        self.query_one("#comparison", Comparison).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#comparison", Comparison).scroll_up()
