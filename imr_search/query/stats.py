"""Stats: how the items matching a query were decided, counted by the index itself.

Each dimension is a terms aggregation over a keyword (or year) fast field,
split by outcome, all asked in one request, so counting a hundred thousand
items costs one pass and no stored documents. The empty query's counts (the
stats screen as it opens) are the build's, kept in its metadata
(``index.all_items``): the same aggregation, made once.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..index.all_items import STAT_FIELDS, STATS_KEY, stats_aggregation
from ..index.schema import keyword_labels
from ..records import CITATION_SOURCES
from .results import StatRow
from .snapshot import Snapshot

STAT_DIMENSIONS = STAT_FIELDS
"""Dimension name (what callers ask for) -> the index field counted."""


def stats(snap: Snapshot, query: str, dimensions: Iterable[str]) -> tuple[list[StatRow], list[str]]:
    """Rows per dimension (years in order, the rest most items first), and the query's hints."""
    parsed = snap.parse(query)
    q = snap.query(parsed)
    labels = _labels(snap)
    rows: list[StatRow] = []
    dimensions = list(dict.fromkeys(dimensions))
    counted = snap.meta.get(STATS_KEY)
    if counted is not None and not parsed.text and not parsed.filters:
        result = counted  # every item: the build counted them with this very aggregation
    else:  # every dimension in one request: one pass over the matching items, not one per dimension
        result = snap.aggregate(q, stats_aggregation(dimensions)) if dimensions else {}
    for dim in dimensions:
        field = STAT_DIMENSIONS[dim]
        for bucket in result[dim]["buckets"]:
            split = {b["key"]: b["doc_count"] for b in bucket["o"]["buckets"]}
            key = bucket["key"]
            key = str(int(key)) if isinstance(key, (int, float)) else labels.get(field, {}).get(key, key)
            rows.append(StatRow(dimension=dim, key=key, items=bucket["doc_count"], upheld=split.get("upheld", 0), overturned=split.get("overturned", 0)))
    rows.sort(key=lambda r: (list(STAT_DIMENSIONS).index(r.dimension), r.key if r.dimension == "year" else "", -r.items, r.key))
    return rows, parsed.hints


def _labels(snap: Snapshot) -> dict[str, dict[str, str]]:
    """Index field -> (lower-cased value -> label); fields not here show their values as stored."""
    known = snap.known_values()
    labels = {f: keyword_labels(known[f]) for f in ("category", "subcategory", "specialty")}
    labels["cites"] = keyword_labels(CITATION_SOURCES)
    return labels

