"""The similar-cases list: items of other letters most like this letter's, with why; also any list of items (the citator's letters)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...query.results import ItemSummary, SimilarItem
from .. import text


def similar_entry(s: ItemSummary, marked: bool = False) -> Content:
    """Case, date, outcome and request (a packet mark before a marked item); then the item's tags; for a similar item its similarity and why."""
    head = Content.assemble(
        text.packet_mark(marked),
        (text.clean(s.case_number or s.id, True), "bold"),
        "  ",
        (s.decision_date or "undated", "$text-secondary"),
        "  ",
        text.outcome(s.outcome),
        "  ",
        text.plain(s.request, one_line=True),
    )
    tags = " · ".join(x for x in (s.treatment, s.body_part) if x)
    detail = Content.assemble(
        ("  item ", "$text-muted"), (str(s.item), "$text-muted"), ("  " + text.clean(tags, True), "$text-muted"),
        (f"  similarity {s.score:.1f}" if isinstance(s, SimilarItem) else "", "$text-muted"),
    )
    lines = [head, detail]
    if isinstance(s, SimilarItem) and s.reasons:
        lines.append(Content.assemble(("  why: ", "$text-muted"), (text.clean(" · ".join(s.reasons), True), "$text-accent")))
    return Content("\n").join(lines)


class SimilarList(OptionList):
    """Similar items (or any items); the option id is ``"<letter id>#<item>"`` so a row names one item of one letter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="similar-list.down", tooltip="Next case"),
        Binding("k", "cursor_up", "Up", show=False, id="similar-list.up", tooltip="Previous case"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.items: list[ItemSummary] = []

    def show(self, items: Sequence[ItemSummary], marked: Collection[tuple[str, int]] = (), keep_highlight: bool = False) -> None:
        """Replace the rows; ``marked``: (letter id, item) of the packet's items."""
        previous = self.highlighted if keep_highlight else None
        self.items = list(items)
        self.set_options(Option(similar_entry(s, (s.id, s.item) in marked), id=f"{s.id}#{s.item}") for s in items)
        if items:
            self.highlighted = min(previous or 0, len(items) - 1)

    @property
    def current(self) -> ItemSummary | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.items):
            return None
        return self.items[self.highlighted]
