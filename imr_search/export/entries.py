"""What an export holds: one entry per item, from a query's results or from the user's packet.

Every format writes the same entries, so what is exported is decided once,
here: for a query, the items ``search`` returns for it (not every item of
each matching letter), in its order, with where the query hits each
rationale (the ranges the query layer gives the app's letter view); for the
packet, its items in the user's order with their notes, and an entry whose
letter is gone from the index kept as missing rather than dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..query import SearchIndex
from ..records import Item, Letter
from ..userdata.packet import Packet


@dataclass(frozen=True)
class ExportEntry:
    letter_id: str
    item_no: int
    letter: Letter | None
    """None when the letter is no longer in the index (a packet entry kept from before a rebuild)."""
    item: Item | None
    case_number: str | None = None
    note: str = ""
    """The user's packet note."""
    hits: tuple[tuple[int, int], ...] = ()
    """Where the query hits the item's rationale: ``[start, end)`` character ranges."""

    @property
    def missing(self) -> bool:
        return self.letter is None or self.item is None

    @property
    def name(self) -> str:
        """How the letter is named: its case number, else its id."""
        return (self.letter.case_number if self.letter else self.case_number) or self.letter_id


@dataclass(frozen=True)
class QueryExport:
    """A query's entries, and what the search said about the query (typos corrected, parts ignored)."""

    entries: list[ExportEntry]
    hints: list[str] = field(default_factory=list)
    corrected: str | None = None


def query_entries(index: SearchIndex, query: str, limit: int | None = None) -> QueryExport:
    """The first ``limit`` items (None: all) ``search`` returns for ``query``, best first."""
    # Every result has at least one item, so ``limit`` letters always hold ``limit`` items.
    results = index.search(query, limit=limit or max(1, index.letters_count), count=False)
    highlight = results.corrected or query
    entries: list[ExportEntry] = []
    for hit in results.letters:
        view = index.letter(hit.id, highlight)
        if view is None:  # gone in a rebuild between the two calls
            continue
        for ih in hit.items:
            ranges = tuple((h.start, h.end) for h in view.hits if h.item == ih.item and h.field == "rationale")
            item = view.letter.items[ih.item - 1]
            entries.append(ExportEntry(hit.id, ih.item, view.letter, item, view.letter.case_number, hits=ranges))
    return QueryExport(entries[:limit] if limit else entries, results.hints, results.corrected)


def entries_for_query(index: SearchIndex, query: str, limit: int | None = None) -> list[ExportEntry]:
    """``query_entries`` without what the search said about the query."""
    return query_entries(index, query, limit).entries


def entries_for_packet(index: SearchIndex, packet: Packet) -> list[ExportEntry]:
    """The packet's items in the user's order, with their notes; those no longer in the index marked missing."""
    entries = []
    for e in packet.entries:
        view = index.letter(e.letter_id)
        letter = view.letter if view else None
        item = letter.items[e.item - 1] if letter and 1 <= e.item <= len(letter.items) else None
        entries.append(ExportEntry(e.letter_id, e.item, letter if item else None, item, e.case_number, e.note))
    return entries
