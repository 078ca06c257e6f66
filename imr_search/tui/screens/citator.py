"""The guideline citator (`a`, for authorities): which guidelines the matching items rest on, and how they fared.

An adjuster checking how a section is read, or an attorney looking for the
authority behind the approvals, starts from a guideline, not a letter: each
row is one section however letters write it, with the items whose reviewer
relied on it, the upheld/overturned split as a bar, and how often the claims
administrator cited it. `enter` lists the letters citing the highlighted row
(`enter` again opens one, `esc` returns to the rows).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, OptionList, Static
from textual.worker import get_current_worker

from ...query.results import CitationRow, ItemSummary
from ...records import counted
from .. import text
from ..messages import OpenLetter
from ..widgets.citation_list import CitationList
from ..widgets.outcome_bars import OVERTURNED_BAR, UPHELD_BAR
from ..widgets.similar_list import SimilarList
from .detail import DetailScreen


CITING_SHOWN = 500
"""A row's letters listed at most (the newest): a row can hold a hundred thousand items."""


class CitatorScreen(DetailScreen):
    """Guideline rows for ``query``; a row's letters in place of the rows while ``row`` is set."""

    AUTO_FOCUS = "#citations"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("Y", "cite", "Copy cite", show=False, id="citator.copy-citation", tooltip="Copy a citation-ready line for this case"),
    ]

    row: reactive[CitationRow | None] = reactive(None, init=False)
    """The row whose letters are listed (None: the rows are)."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.search_query = query
        self.rows: list[CitationRow] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="citator-title")
        yield CitationList(id="citations")
        yield SimilarList(id="citing")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#citing").display = False
        self._title()
        self.body.loading = True
        self._count(self.search_query)

    @property
    def citations(self) -> CitationList:
        return self.query_one("#citations", CitationList)

    @property
    def citing(self) -> SimilarList:
        return self.query_one("#citing", SimilarList)

    def _title(self, count: str = "counting…") -> None:
        what = text.plain(f"“{self.search_query}”", "bold italic", True) if self.search_query else Content.styled("all letters", "bold")
        if self.row is None:
            head = Content.assemble("Guidelines cited by the items matching ", what, f" · {count}")
            legend = Content.assemble(
                (UPHELD_BAR * 2, "$text-error"), " ", text.outcome("upheld"), "  ", (OVERTURNED_BAR * 2, "$text-success"), " ",
                text.outcome("overturned"), ("  · items: the reviewer relied on it", "$text-muted"),
            )
        else:
            head = Content.assemble("Letters citing ", (text.clean(self.row.name(), True), "bold"), f" · {count}")
            legend = Content.assemble(("for the items matching ", "$text-muted"), what, ("  ·  esc: back to the guidelines", "$text-muted"))
        self.query_one("#citator-title", Static).update(Content("\n").join([head, legend]))

    @work(thread=True, exclusive=True, group="citator", name="Counting citations", exit_on_error=False)
    def _count(self, query: str) -> None:
        rows = self.index.citations(query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_rows, rows)

    def _show_rows(self, rows: list[CitationRow]) -> None:
        self.rows = rows
        self.citations.show(rows)
        self.loaded()
        self._title(counted(len(rows), "guideline", True))

    @on(OptionList.OptionSelected, "#citations")
    def _row_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.row = self.citations.current

    def watch_row(self, row: CitationRow | None) -> None:
        self.citations.display = row is None
        self.citing.display = row is not None
        if row is None:
            self._title(counted(len(self.rows or []), "guideline", True))
            self.citations.focus()
            return
        self._title("reading…")
        self.citing.clear_options()
        self.citing.loading = True
        self._letters(self.search_query, row)

    @work(thread=True, exclusive=True, group="citing", name="Listing the letters", exit_on_error=False)
    def _letters(self, query: str, row: CitationRow) -> None:
        found = self.index.citing(query, row, limit=CITING_SHOWN)
        if not get_current_worker().is_cancelled and row is self.row:
            self.app.call_from_thread(self._show_letters, found)

    def _show_letters(self, found: Sequence[ItemSummary]) -> None:
        self.citing.show(found)
        self.citing.loading = False
        self.citing.focus()
        total = self.row.items if self.row is not None else len(found)
        self._title(counted(total, "item", True) + (f", the newest {len(found):,} listed" if total > len(found) else ""))
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#citing")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self.citing.current
        if chosen is not None:
            self.post_message(OpenLetter(chosen.id, query=self.search_query))

    def action_back(self) -> None:
        """Out of a row's letters to the rows; from the rows, back to the search."""
        if self.row is not None:
            self.row = None
        else:
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cite":
            return True if self.row is not None and self.citing.current is not None else None
        return True

    def action_cite(self) -> None:
        if self.row is not None and (chosen := self.citing.current) is not None:
            self.copy_citation(chosen.id, chosen.item)
