"""One letter, whole: facts, summary, every item with its outcome, citations and rationale.

Opened from the results (hits of the search marked) or from a similar-cases
list, in which case it remembers the letter the user came from so `c` can
put the two side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Static

from ...query.results import LetterView
from ...records import counted
from .. import text
from ..messages import OpenCompare, OpenSimilar, OpenStats
from ..widgets.letter_document import LetterDocument
from .detail import DetailScreen


class LetterScreen(DetailScreen):
    """The letter; `n`/`N` walk the hits, `s`/`o` find similar cases, `c` compares."""

    AUTO_FOCUS = "#document"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_hit", "Next hit", id="letter.next-hit", tooltip="Jump to the next hit of the query"),
        Binding("N", "previous_hit", "Prev hit", id="letter.previous-hit", tooltip="Jump to the previous hit"),
        Binding("s", "similar", "Similar", id="letter.similar", tooltip="Cases similar to this letter"),
        Binding("o", "opposite", "Opposite", id="letter.opposite", tooltip="Similar cases decided the other way"),
        Binding("c", "compare", "Compare", id="letter.compare", tooltip="Side by side with the letter you came from"),
        Binding("t", "stats", "Stats", show=False, id="letter.stats", tooltip="How the items matching the search were decided"),
        Binding("y", "copy", "Copy no.", id="letter.copy", tooltip="Copy this letter's case number"),
        Binding("Y", "cite", "Copy cite", show=False, id="letter.copy-citation", tooltip="Copy a citation-ready line for this item"),
    ]

    def __init__(self, letter_id: str, query: str = "", compare_with: str | None = None, compare_item: int | None = None) -> None:
        super().__init__()
        self.letter_id = letter_id
        self.search_query = query
        self.compare_with = compare_with
        self.compare_item = compare_item
        self.view: LetterView | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="letter-bar")
        yield LetterDocument(id="document")
        yield Footer()

    def on_mount(self) -> None:
        self.load_letters(self.letter_id, query=self.search_query or None)

    def show_letters(self, views: Sequence[LetterView]) -> None:
        self.view = views[0]
        self.document.show(self.view)
        self._update_bar()

    @property
    def document(self) -> LetterDocument:
        return self.query_one("#document", LetterDocument)

    def _update_bar(self) -> None:
        doc = self.document
        parts: list[Content | str] = []
        if self.search_query:
            if doc.hits:
                at = f"hit {doc.current_hit + 1} of {len(doc.hits)}" if doc.current_hit >= 0 else counted(len(doc.hits), "hit")
                parts += [(Content.styled(at, "bold $text-warning")), " for ", text.plain(self.search_query, "italic", True), "  (n / N)"]
            else:
                parts += ["no hits in the text for ", text.plain(self.search_query, "italic", True)]
        if self.compare_with:
            parts += ["  ·  " if parts else "", "c compares with ", text.plain(self.compare_with, "bold", True)]
        self.query_one("#letter-bar", Static).update(Content.assemble(*parts) if parts else Content(""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "previous_hit"):
            return self.view is not None and bool(self.view.hits)
        if action == "compare":
            return self.compare_with is not None
        return True

    def action_next_hit(self) -> None:
        self.document.next_hit()
        self._update_bar()

    def action_previous_hit(self) -> None:
        self.document.previous_hit()
        self._update_bar()

    def action_similar(self) -> None:
        self.post_message(OpenSimilar(self.letter_id))

    def action_opposite(self) -> None:
        self.post_message(OpenSimilar(self.letter_id, contrast=True))

    def action_compare(self) -> None:
        if self.compare_with is not None:
            self.post_message(OpenCompare(self.compare_with, self.letter_id, right_item=self.compare_item))

    def action_stats(self) -> None:
        self.post_message(OpenStats(self.search_query))

    def action_copy(self) -> None:
        if self.view is not None:
            self.copy_case(self.view.letter.case_number or self.view.letter.id)

    def action_cite(self) -> None:
        """The item the reader is at: the current hit's, else the one a similar list opened, else the first."""
        doc = self.document
        hit = doc.hits[doc.current_hit] if 0 <= doc.current_hit < len(doc.hits) else None
        item = hit.item if hit is not None and hit.item is not None else self.compare_item or 1
        self.copy_citation(self.letter_id, item)
