"""How the current query's items were decided (`t`): upheld vs overturned by year, treatment, citation.

This is the number an adjuster or attorney asks first ("how often is this
overturned?"), so it is one key away from any search and counts exactly the
items the search matched (filters included).
"""

from __future__ import annotations

from collections import defaultdict

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from ...query.results import StatRow
from ...records import counted
from .. import text
from ..widgets.outcome_bars import OVERTURNED_BAR, UPHELD_BAR, OutcomeBars
from .detail import DetailScreen

SECTIONS = (
    ("year", "By year decided", None),
    ("cites", "By citation source", None),
    ("treatment", "By treatment (most items first)", 15),
    ("category", "By category", None),
    ("specialty", "By reviewer specialty", 12),
)


class StatsScreen(DetailScreen):
    """Bars per dimension for the items matching ``query``."""

    AUTO_FOCUS = "#stats"

    def __init__(self, query: str) -> None:
        super().__init__()
        self.search_query = query

    def compose(self) -> ComposeResult:
        yield Static(id="stats-title")
        with VerticalScroll(id="stats", can_focus=True):
            for dim, title, _ in SECTIONS:
                yield Static(title, classes="stats-heading", markup=False)
                yield OutcomeBars(id=f"bars-{dim}")
        yield Footer()

    def on_mount(self) -> None:
        self._title(None)
        self.body.loading = True
        self._count(self.search_query)

    def _title(self, rows: list[StatRow] | None, hints: list[str] | None = None) -> None:
        what = text.plain(f"“{self.search_query}”", "bold italic", True) if self.search_query else Content.styled("all letters", "bold")
        lines = [Content.assemble("How the items matching ", what, " were decided")]
        legend: list[Content | str | tuple[str, str]] = []
        if rows:
            total = sum(r.items for r in rows if r.dimension == "category")
            upheld = sum(r.upheld for r in rows if r.dimension == "category")
            share = (total - upheld) / total if total else 0.0
            legend += [(counted(total, "item", True), "bold"), " · ", (f"{share:.0%} overturned", "bold $text-success"), "    "]
        legend += [
            (UPHELD_BAR * 2, "$text-error"), " ", text.outcome("upheld"), "  ",
            (OVERTURNED_BAR * 2, "$text-success"), " ", text.outcome("overturned"),
        ]
        lines.append(Content.assemble(*legend))
        lines.append(Content.styled("after each bar: items · ✗ upheld · ✓ overturned · share overturned", "$text-muted"))
        lines += [Content.styled("⚠ " + text.clean(h, True), "$text-warning") for h in hints or []]
        self.query_one("#stats-title", Static).update(Content("\n").join(lines))

    @work(thread=True, exclusive=True, group="stats", name="Counting outcomes", exit_on_error=False)
    def _count(self, query: str) -> None:
        rows, hints = self.index.stats(query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows, hints)

    def _show(self, rows: list[StatRow], hints: list[str]) -> None:
        by: dict[str, list[StatRow]] = defaultdict(list)
        for r in rows:
            by[r.dimension].append(r)
        for dim, _, top in SECTIONS:
            chosen = by.get(dim, [])
            if dim == "year":
                chosen = sorted(chosen, key=lambda r: str(r.key))
            else:
                chosen = sorted(chosen, key=lambda r: (-r.items, str(r.key)))[:top]
            self.query_one(f"#bars-{dim}", OutcomeBars).rows = chosen
        self.loaded()
        self._title(rows, hints)
