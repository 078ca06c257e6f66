"""The citator's list: one entry per guideline section, how the items relying on it were decided, as a bar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...query.results import CitationRow
from ...records import noun
from .. import text
from .outcome_bars import outcome_bar

BAR = 16
"""Cells of the longest bar (the row most items rely on)."""


def citation_entry(r: CitationRow, biggest: int) -> Content:
    """The guideline; then a bar scaled to ``biggest``, the items, their split, and the claims administrator's use."""
    name = Content.styled(text.clean(r.name(), True), "bold" if r.source else "bold italic")
    cells = round(BAR * r.items / biggest) if biggest else 0
    counts = Content.assemble(
        "  ", outcome_bar(r.items, r.overturned, cells), " " * (BAR - cells), " ",
        (f"{r.items:>5,} {noun(r.items, 'item'):<5}", "bold"),
        (f" {r.upheld:>5,} ✗", "$text-error"), (f" {r.overturned:>5,} ✓", "$text-success"),
        (f"   claims administrator {r.claims_administrator_items:,}", "$text-muted"),
    )
    return Content("\n").join([name, counts])


class CitationList(OptionList):
    """Citator rows, most relied on first; ``current`` is the highlighted row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="citation-list.down", tooltip="Next guideline"),
        Binding("k", "cursor_up", "Up", show=False, id="citation-list.up", tooltip="Previous guideline"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.rows: list[CitationRow] = []

    def show(self, rows: Sequence[CitationRow]) -> None:
        self.rows = list(rows)
        biggest = max((r.items for r in self.rows), default=0)
        self.set_options(Option(citation_entry(r, biggest)) for r in self.rows)
        if self.rows:
            self.highlighted = 0

    @property
    def current(self) -> CitationRow | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.rows):
            return None
        return self.rows[self.highlighted]
