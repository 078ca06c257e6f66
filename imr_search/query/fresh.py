"""What is new: a query's letters first indexed after a moment, for saved searches.

The index keeps when each letter was first published (the build's manifest,
carried through updates and rebuilds), so "new since I last looked" is a
question of dates, not of what changed in the last build. Counting visits
every matching item once, through a terms aggregation over the letter
ordinal fast field, a range of ordinals at a time: no stored document is read.
"""

from __future__ import annotations

from datetime import datetime

from . import search
from .order import Sort
from .results import NewCount, SearchResults
from .snapshot import Snapshot


BUCKETS = 60_000
"""Letters counted in one aggregation: Tantivy refuses one of more than 65,000 buckets."""


def matching_letters(snap: Snapshot, query: str) -> set[int]:
    """The ordinals of the letters with an item matching ``query``, counted ``BUCKETS`` ordinals at a time."""
    request = {"l": {"terms": {"field": "lno", "size": BUCKETS}}}
    parts = snap.aggregate_parts(snap.query(snap.parse(query)), request, list(range(BUCKETS, snap.ordinals, BUCKETS)))
    return {int(b["key"]) for result in parts for b in result["l"]["buckets"]}


def new_letters(snap: Snapshot, query: str, since: datetime) -> tuple[set[int], list[int]]:
    """The letters matching ``query``, and those of them first indexed after ``since``."""
    lnos = matching_letters(snap, query)
    first = snap.first_indexed()
    return lnos, sorted(lno for lno in lnos if lno in first and first[lno][1] > since)


def count_new(snap: Snapshot, query: str, since: datetime) -> NewCount:
    lnos, new = new_letters(snap, query, since)
    return NewCount(letters=len(lnos), new=len(new))


def new_since(snap: Snapshot, query: str, since: datetime, sort: Sort) -> SearchResults:
    """The new letters as search results (every one of them), with their matching items."""
    _, new = new_letters(snap, query, since)
    if not new:
        return SearchResults(query=query, letters=[], total_items=0, sort=sort)
    return search.search(snap, query, len(new), sort, count=True, only=new)
