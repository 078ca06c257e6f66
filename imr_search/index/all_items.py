"""Answers about every item, counted once by the build and kept in its metadata.

A question about the whole archive (the treatment table behind fuzzy lookup,
the stats of the empty query) costs a pass over every item: a few
milliseconds at a hundred thousand letters, half a second at two million.
The build makes that pass once, with the same aggregation the query layer
would ask, and stores the answer; the query layer reads it when the question
is exactly that one. An index built before a stored answer existed is
answered by counting, as before.
"""

from __future__ import annotations

import tantivy

from ..vocab.treatments import CATEGORIES
from .schema import keyword_labels

STAT_FIELDS = {
    "category": "category",
    "treatment": "treatment_name",
    "specialty": "specialty",
    "cites": "cites",
    "year": "year",
}
"""Stats dimension (what callers ask for) -> the index field counted, in the order stats are shown."""

STATS_KEY = "stats"
"""Where the metadata keeps the empty query's stats aggregation (every dimension)."""


def stats_aggregation(dimensions: list[str]) -> dict:
    """One request counting the items of each dimension, split by outcome: one pass over the items."""
    return {dim: {"terms": {"field": STAT_FIELDS[dim], "size": 1000}, "aggs": {"o": {"terms": {"field": "outcome"}}}} for dim in dimensions}


def all_items_stats(searcher: tantivy.Searcher, alive: tantivy.Query) -> dict:
    """The stats aggregation over every live item, every dimension: what ``stats("")`` would count."""
    return searcher.aggregate(alive, stats_aggregation(list(STAT_FIELDS)))


def treatment_table(searcher: tantivy.Searcher, q: tantivy.Query) -> dict[str, dict[str, object]]:
    """Items per canonical treatment with the upheld/overturned split, for fuzzy lookup."""
    agg = {
        "t": {
            "terms": {"field": "treatment_name", "size": 100_000},
            "aggs": {"o": {"terms": {"field": "outcome"}}, "c": {"terms": {"field": "category", "size": 1}}},
        }
    }
    labels = keyword_labels(CATEGORIES)
    table: dict[str, dict[str, object]] = {}
    for b in searcher.aggregate(q, agg)["t"]["buckets"]:
        split = {o["key"]: o["doc_count"] for o in b["o"]["buckets"]}
        cat = b["c"]["buckets"][0]["key"] if b["c"]["buckets"] else None
        table[b["key"]] = {
            "category": labels.get(cat, cat) if cat else None,
            "items": b["doc_count"],
            "upheld": split.get("upheld", 0),
            "overturned": split.get("overturned", 0),
        }
    return dict(sorted(table.items()))
