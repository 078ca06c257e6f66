"""The search results: one entry per letter, two or three lines each.

An OptionList rather than a DataTable because an entry is several lines of
styled text (facts, the matched items with their outcomes, a highlighted
snippet) and the list must be rebuilt on every keystroke cheaply. Lines are
cut with an ellipsis by CSS (``text-wrap: nowrap``), so an entry keeps its
height at any width and the list never jumps.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...query.results import ItemHit, LetterHit, Snippet
from .. import text

SNIPPET_ORDER = ("rationale", "summary", "guideline", "treatment")
"""Which snippet an entry shows: the reasoning first; the request line is already on screen."""
MAX_ITEMS = 2


def request_hits(item: ItemHit) -> list[tuple[int, int]] | None:
    """The treatment snippet's highlights as ranges in the request, if that snippet is the request."""
    for snip in item.snippets:
        if snip.field != "treatment":
            continue
        first = snip.text.split("\n", 1)[0].lstrip("…")
        shift = snip.text.find(first)
        at = item.request.find(first) if first else -1
        if at < 0:
            return None
        return [(s - shift + at, e - shift + at) for s, e in snip.highlights if e - shift <= len(first)]
    return None


def best_snippet(hit: LetterHit) -> Snippet | None:
    """The snippet most worth a line: reasoning, then summary, then guideline; the request only
    when it says more than the request line (which carries its own highlights)."""
    for item in hit.items:
        by_field = {s.field: s for s in item.snippets}
        for name in SNIPPET_ORDER:
            if name in by_field and not (name == "treatment" and request_hits(item) is not None):
                return by_field[name]
    return None


Marked = Collection[tuple[str, int]]
"""(letter id, item) of the items in the packet."""


def letter_entry(hit: LetterHit, width: int | None = None, marked: Marked = ()) -> Content:
    """The lines of one result: who and when; what was asked and decided (a packet mark before
    each marked item); why it matched."""
    head = Content.assemble(
        (text.clean(hit.case_number or hit.id, one_line=True), "bold"),
        "  ",
        (hit.decision_date or "undated", "$text-secondary"),
        "  ",
        (text.clean(", ".join(hit.specialties), one_line=True) or "specialty not stated", "italic $text-muted"),
    )
    parts: list[Content | str] = []
    for item in hit.items[:MAX_ITEMS]:
        if parts:
            parts.append("  ·  ")
        parts += [text.packet_mark((hit.id, item.item) in marked), text.outcome(item.outcome), " ", text.highlighted(item.request, request_hits(item) or [], one_line=True)]
    if len(hit.items) > MAX_ITEMS:
        parts.append(Content.styled(f"  +{len(hit.items) - MAX_ITEMS} more", "$text-muted"))
    items = Content.assemble("  ", *parts)
    snippet = best_snippet(hit)
    if snippet is None:  # matched by filters or the request alone, or the newest letters: nothing more to quote
        return Content("\n").join([head, items])
    why = Content.assemble(
        ("  " + snippet.field + ": ", "$text-muted"),
        text.one_line_snippet(snippet.text, snippet.highlights, width),
    )
    return Content("\n").join([head, items, why])


class ResultsList(OptionList):
    """Letters matching the query; enter opens one (the screen handles ``OptionSelected``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="results.down", tooltip="Next result"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up", tooltip="Previous result"),
        Binding("g", "first", "First", show=False, id="results.first", tooltip="First result"),
        Binding("G", "last", "Last", show=False, id="results.last", tooltip="Last result"),
    ]

    def show(self, letters: list[LetterHit], keep_highlight: bool = False, marked: Marked = ()) -> None:
        """Replace the entries; ``keep_highlight`` when the same query only grew (load more) or marks changed."""
        previous = self.highlighted if keep_highlight else None
        width = max(self.size.width - 6, 20) if self.size.width else None
        self.set_options(Option(letter_entry(hit, width, marked), id=hit.id) for hit in letters)
        if letters:
            self.highlighted = min(previous or 0, len(letters) - 1)
