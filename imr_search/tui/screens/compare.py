"""Two cases side by side (`c`): the letter the user came from and a similar one.

Which item of each is compared: the one the similar list matched on the
right, and on the left the item with the same treatment (else category,
else the first). `i` steps the left item when the left letter has several.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer

from ...query.results import LetterView
from ...records import Letter
from ..widgets.comparison import Comparison, pick_item
from .detail import DetailScreen


class CompareScreen(DetailScreen):
    """``left`` (the source) against ``right`` (the similar case)."""

    AUTO_FOCUS = "#comparison"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "next_item", "Left item", id="compare.item", tooltip="Compare another item of the left letter"),
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
        self.load_letters(self.left_id, self.right_id)

    def show_letters(self, views: Sequence[LetterView]) -> None:
        self.left, self.right = views[0].letter, views[1].letter
        self._compare()

    def _compare(self) -> None:
        assert self.left is not None and self.right is not None
        ri = pick_item(self.right, None, self.right_item)
        li = pick_item(self.left, ri, self.left_item)
        self.left_item = li.item
        self.query_one("#comparison", Comparison).show(self.left, li, self.right, ri)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_item":
            return self.left is not None and len(self.left.items) > 1
        return True

    def action_next_item(self) -> None:
        if self.left is None or len(self.left.items) < 2:
            return
        self.left_item = (self.left_item or 1) % len(self.left.items) + 1
        self._compare()
