"""Horizontal bars of how items were decided: upheld and overturned, side by side, per key.

Self-contained (it draws itself at whatever width it gets), so its layout
lives in DEFAULT_CSS. Upheld and overturned differ in glyph as well as
colour (█ and ▒), so the split reads on a monochrome terminal too.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from ...query.results import StatRow
from ...records import OUTCOME_BAR
from .. import text

UPHELD_BAR = OUTCOME_BAR["upheld"]
OVERTURNED_BAR = OUTCOME_BAR["overturned"]


def outcome_bar(items: int, overturned: int, cells: int) -> Content:
    """``cells`` of bar for ``items``: the upheld part, then the overturned (at least a cell when any was)."""
    over = round(cells * overturned / items) if items else 0
    if overturned and not over and cells > 1:
        over = 1
    return Content.assemble(
        (UPHELD_BAR * (cells - over), text.OUTCOME_STYLE["upheld"].replace("bold ", "")),
        (OVERTURNED_BAR * over, text.OUTCOME_STYLE["overturned"].replace("bold ", "")),
    )


class OutcomeBars(Widget):
    """One line per row: key, a bar scaled to the largest row, counts and the overturned share."""

    DEFAULT_CSS = """
    OutcomeBars {
        height: auto;
        width: 1fr;
    }
    """

    rows: reactive[list[StatRow]] = reactive(list, layout=True)

    def __init__(self, rows: list[StatRow] | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        if rows is not None:
            self.set_reactive(OutcomeBars.rows, rows)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self.rows), 1)

    def render(self) -> Content:
        if not self.rows:
            return Content.styled("nothing to count", "$text-muted")
        width = self.content_region.width or self.size.width or 80
        label_w = min(max(len(str(r.key)) for r in self.rows), max(12, width // 4), 28)
        counts_w = 30
        bar_w = max(width - label_w - counts_w - 2, 6)
        biggest = max(r.items for r in self.rows) or 1
        lines = []
        for r in self.rows:
            total = round(bar_w * r.items / biggest)
            share = r.overturned / r.items if r.items else 0.0
            key = str(r.key)  # years may come as numbers
            key = key if len(key) <= label_w else key[: label_w - 1] + "…"
            lines.append(
                Content.assemble(
                    (text.clean(key, True).ljust(label_w), ""),
                    " ",
                    outcome_bar(r.items, r.overturned, total),
                    " " * (bar_w - total),
                    " ",
                    (f"{r.items:>6,}", "bold"),
                    (f" {r.upheld:>6,} ✗", "$text-error"),
                    (f" {r.overturned:>5,} ✓", "$text-success"),
                    (f" {share:>4.0%}", "$text-muted"),
                )
            )
        return Content("\n").join(lines)
