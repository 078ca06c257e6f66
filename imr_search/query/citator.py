"""The guideline citator: which guidelines the matching items rest on, and how those items were decided.

Each item's document carries the rows its reviewer relied on and the rows
its claims administrator cited, named at build time
(``vocab.guidelines``: one name per section, however letters write it). So
the rows are terms aggregations over the matching items, as ``stats``
counts, and the letters citing a row are a term query: no letter is read but
the ones shown. Similar cases use the same names to say they rest on the
same section.
"""

from __future__ import annotations

from collections import defaultdict

import tantivy

from ..errors import IndexProblem
from ..index.schema import CITED_BY_ADMINISTRATOR, CITED_BY_REVIEWER, CITED_KEY
from ..records import CITATION_SOURCES, Citation, Item
from ..vocab.guidelines import NONE_KEY, Key, canonical, citation_key, key_text, reviewer_rows, spelled
from .results import CitationRow, ItemSummary, item_summary
from .snapshot import Snapshot

__all__ = ["NO_GUIDELINE", "canonical", "citation_key", "citations", "citing", "row_key", "shared_citations"]  # the names, as the citator counts by them

NO_GUIDELINE = "no guideline cited"
"""The title of the row of items whose reviewer cited no guideline (its ``source`` is None)."""

ROWS_LIMIT = 65_000
"""Differently named sections one count can hold (Tantivy's limit on the buckets of one aggregation)."""


class _Row:
    __slots__ = ("names", "items", "upheld", "claims_administrator_items")

    def __init__(self) -> None:
        self.names: dict[tuple[str, str | None, str | None], int] = {}
        self.items = self.upheld = self.claims_administrator_items = 0

    def name(self) -> tuple[str, str | None, str | None]:
        """The spelling most items use (ties: the first in order); the no-guideline row's title."""
        if len(self.names) < 2:
            return next(iter(self.names), (NO_GUIDELINE, None, None))
        return min(self.names.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or "", kv[0][2] or ""))[0]


def citations(snap: Snapshot, query: str) -> tuple[list[CitationRow], list[str]]:
    """One row per guideline section the matching items cite, most relied on first; and the query's hints."""
    parsed = snap.parse(query)
    q = snap.query(parsed)
    upheld = tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.Must, tantivy.Query.term_query(snap.schema, "outcome", "upheld"))])
    # Three flat counts: an outcome split as a sub-aggregation costs more than a second count.
    rows: defaultdict[Key, _Row] = defaultdict(_Row)
    for field, which, named in ((CITED_BY_REVIEWER, q, True), (CITED_BY_REVIEWER, upheld, False), (CITED_BY_ADMINISTRATOR, q, True)):
        counted = snap.aggregate(which, {"t": {"terms": {"field": field, "size": ROWS_LIMIT}}})["t"]
        if counted["sum_other_doc_count"]:
            raise IndexProblem(f"the matching items cite more than {ROWS_LIMIT:,} guideline sections: narrow the query")
        for bucket in counted["buckets"]:
            name, key = spelled(bucket["key"])
            row = rows[key]
            n = int(bucket["doc_count"])
            if which is upheld:
                row.upheld += n
            elif field == CITED_BY_REVIEWER:
                row.items += n
            else:
                row.claims_administrator_items += n
            if named and key != NONE_KEY:
                row.names[name[1:]] = row.names.get(name[1:], 0) + n
    source_order = {s: n for n, s in enumerate(CITATION_SOURCES)}
    out = []
    # Most items first, then by name: a row's name folds to its key.
    for key, row in sorted(rows.items(), key=lambda kr: (-kr[1].items, source_order.get(kr[0][0], len(source_order)), kr[0][1:])):
        title, section, pages = row.name()
        out.append(
            CitationRow(
                source=key[0] or None, title=title, section=section, pages=pages, items=row.items,
                upheld=row.upheld, overturned=row.items - row.upheld, claims_administrator_items=row.claims_administrator_items,
            )
        )
    return out, parsed.hints


def row_key(row: CitationRow) -> Key:
    """The key a row was counted under (its name is one of the row's own spellings)."""
    c = row.citation()
    return citation_key(c) if c else NONE_KEY


def citing(snap: Snapshot, query: str, row: CitationRow, limit: int | None = None) -> list[ItemSummary]:
    """The matching items whose reviewer relied on ``row``'s guideline (or on none), newest first, ties by id and item.

    ``limit``: the first so many; only their letters are read.
    """
    cited = tantivy.Query.term_query(snap.schema, CITED_KEY, key_text(row_key(row)))
    q = tantivy.Query.boolean_query([(tantivy.Occur.Must, snap.query(snap.parse(query))), (tantivy.Occur.Must, cited)])
    found = []
    for lno, no in _newest(snap, q, limit):
        letter = snap.letter_at(lno)
        if letter is not None:
            found.append((letter, letter.items[no - 1]))
    found.sort(key=lambda h: (h[0].id, h[1].item))
    found.sort(key=lambda h: h[0].decision_date or "", reverse=True)
    return [item_summary(letter, it) for letter, it in found[:limit]]


def _newest(snap: Snapshot, q: tantivy.Query, limit: int | None) -> list[tuple[int, int]]:
    """(letter ordinal, item) of every hit, or of the ``limit`` newest and the hits decided the same day as the last.

    The index orders by date alone; the ties it cut at the last one are
    taken too, so that ordering by id can choose among them.
    """
    if limit is None:
        return [key for key, _ in snap.keyed(snap.search(q, max(snap.searcher.num_docs, 1)))]
    n = limit = max(limit, 1)
    while True:
        hits = snap.search(q, n, order_by="decided").hits
        if len(hits) < n or hits[-1][0] != hits[limit - 1][0]:
            break
        n *= 2
    last = hits[limit - 1][0] if len(hits) >= limit else None
    return [key for key, _ in snap.hit_keys(hits[:limit] + [h for h in hits[limit:] if h[0] == last])]


def shared_citations(a: Item, b: Item) -> list[Citation]:
    """The guideline sections both items' reviewers relied on, under their canonical names (for "why similar")."""
    other = reviewer_rows(b)
    return [c for key, c in reviewer_rows(a).items() if key in other]
