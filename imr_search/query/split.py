"""One query asked of parts of the index at once, one thread a part, on every core.

Why: through tantivy-py, Tantivy scores every item a query matches (its
searches collect through a ``MultiCollector``, which never takes Tantivy's
block-max skipping of items that cannot make the top), and it runs one
search on one thread. It lets go of Python's lock while it searches,
though, so the letters cut by ordinal into as many parts as there are cores,
each part searched on its own thread, answer a large index in about half
the time on two cores. The answer is the same as one search's: each part's best hits,
merged best first (a part's hits keep their order, and on a tie the lower
part's come first, as Tantivy's own order of segments would have it), and
the parts' counts added. A part is the query and a range of ordinals scored
zero, so every score is the query's own. Counts by value (stats, the
citator, saved searches) are added key by key where that is exact.

Stepping through a part's range of ordinals costs about what scoring a plain
word's item does, so what pays is a search that costs more an item (a
phrase, several words, a filter) over many items: the query layer chooses
(``search._few``). A search kept whole on a large index counts on another
thread, scores left out, while it ranks; independent searches (a letter's
items' similar-case lookups) run side by side (``search_each``). Below
``SPLIT_AT`` items in the index nothing is split.
"""

from __future__ import annotations

import heapq
import itertools
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

import tantivy

SPLIT_AT = 400_000
"""Items in the index from which a search is split (below it, ~0.5 ms of threads outweighs the gain)."""

PARTS = max(1, min(os.cpu_count() or 1, 4))
"""How many parts: one a core, up to four."""

Hit = tuple[Any, tantivy.DocAddress]


class Found(NamedTuple):
    """What a search gives: hits best first (score, or the ordering field's value), and the count if asked."""

    hits: list[Hit]
    count: int | None


def cuts(ordinals: int, items: int, parts: int = PARTS, split_at: int = SPLIT_AT) -> list[int]:
    """Where the parts begin (letter ordinals), none when the index is too small to gain from splitting."""
    if parts < 2 or items < split_at or ordinals < parts:
        return []
    return [ordinals * k // parts for k in range(1, parts)]


_pool: ThreadPoolExecutor | None = None


def _threads() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=PARTS, thread_name_prefix="imr-search-part")
    return _pool


def search(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    q: tantivy.Query,
    limit: int,
    at: list[int],
    *,
    count: bool = False,
    offset: int = 0,
    order_by: str | None = None,
    count_aside: bool = False,
) -> Found:
    """``searcher.search`` of ``q``, one part per range of ordinals between the cuts ``at``.

    ``count_aside``: with no cuts, count on another thread while this one ranks (for a large
    index searched whole): counting without scores costs about two thirds of ranking.
    """
    if not at:
        counted = _threads().submit(_count, searcher, q) if count and count_aside and PARTS > 1 else None
        result = searcher.search(q, limit, count=count and counted is None, offset=offset, order_by_field=order_by)
        return Found(result.hits, counted.result() if counted else result.count if count else None)
    futures = [_threads().submit(searcher.search, p, offset + limit, count=count, order_by_field=order_by) for p in _parts(schema, q, at)]
    results = [f.result() for f in futures]
    merged = heapq.merge(*(r.hits for r in results), key=_rank)
    hits = list(itertools.islice(merged, offset, offset + limit))
    return Found(hits, sum(r.count or 0 for r in results) if count else None)


def search_each(searcher: tantivy.Searcher, queries: list[tantivy.Query], limit: int) -> list[Found]:
    """Each query's best ``limit`` hits, one query a thread: independent searches need no cuts to share the cores."""

    def one(q: tantivy.Query) -> Found:
        return Found(searcher.search(q, limit, count=False).hits, None)

    if len(queries) < 2:  # no thread to hand one search to
        return [one(q) for q in queries]
    return [f.result() for f in [_threads().submit(one, q) for q in queries]]


def _count(searcher: tantivy.Searcher, q: tantivy.Query) -> int:
    """How many items match ``q``, asked with its scores left out (a constant scores nothing)."""
    return searcher.search(tantivy.Query.const_score_query(q, 0.0), 1, count=True).count or 0


def aggregate(searcher: tantivy.Searcher, schema: tantivy.Schema, q: tantivy.Query, request: dict, at: list[int]) -> dict:
    """``searcher.aggregate`` of terms aggregations (nested or not), one part per range of ordinals.

    The parts' buckets are added key by key. That is the whole's answer when
    every part listed all its keys and all of them fit in the request's
    size; otherwise (a count cut at its size) the whole index is asked, as
    the parts' cuts could differ from the whole's.
    """
    if at:
        merged = _merged(request, aggregate_parts(searcher, schema, q, request, at))
        if merged is not None:
            return merged
    return searcher.aggregate(q, request)


def aggregate_parts(searcher: tantivy.Searcher, schema: tantivy.Schema, q: tantivy.Query, request: dict, at: list[int]) -> list[dict]:
    """``searcher.aggregate`` in each range of ordinals between the cuts ``at``, on the threads."""
    return [f.result() for f in [_threads().submit(searcher.aggregate, p, request) for p in _parts(schema, q, at)]]


def _merged(request: dict, results: list[dict]) -> dict | None:
    """Terms aggregations' results added key by key, or None if that is not exactly the whole's answer."""
    out = {}
    for name, spec in request.items():
        terms = spec.get("terms")
        if terms is None or any(r[name]["sum_other_doc_count"] for r in results):
            return None
        by_key: dict[object, list[dict]] = {}
        for r in results:
            for bucket in r[name]["buckets"]:
                by_key.setdefault(bucket["key"], []).append(bucket)
        if len(by_key) > terms.get("size", 10):
            return None
        buckets = []
        for key, same in by_key.items():
            inner = _merged(spec["aggs"], same) if "aggs" in spec else {}
            if inner is None:
                return None
            buckets.append({"key": key, "doc_count": sum(b["doc_count"] for b in same), **inner})
        buckets.sort(key=lambda b: -b["doc_count"])
        out[name] = {"buckets": buckets, "sum_other_doc_count": 0, "doc_count_error_upper_bound": 0}
    return out


def _parts(schema: tantivy.Schema, q: tantivy.Query, at: list[int]) -> list[tantivy.Query]:
    """``q`` in each range of ordinals between the cuts, the range scored zero (``q`` itself without cuts)."""
    if not at:
        return [q]
    bounds = [None, *at, None]
    return [
        tantivy.Query.boolean_query([
            (tantivy.Occur.Must, q),
            (tantivy.Occur.Must, tantivy.Query.const_score_query(_ordinals(schema, lo, hi), 0.0)),
        ])
        for lo, hi in zip(bounds, bounds[1:])
    ]


def _ordinals(schema: tantivy.Schema, lo: int | None, hi: int | None) -> tantivy.Query:
    """Letters ``lo <= lno < hi`` (either end open)."""
    return tantivy.Query.range_query(schema, "lno", tantivy.FieldType.Integer, lo, hi, True, hi is None)


def _rank(hit: Hit) -> float:
    """Best first: the higher score (or date) first; a hit without a value (an undated letter) last."""
    value = hit[0]
    return -float(value) if isinstance(value, (int, float)) else float("inf")

