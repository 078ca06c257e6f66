"""Searching: item hits collected from the index, grouped into letters, with snippets.

The index holds one document per item; a result is a letter with the items
that matched. Hits are read a page at a time from fast fields (no stored
documents) until enough letters are found, and only the letters shown are
decoded.
"""

from __future__ import annotations

import re
import time

import tantivy

from ..index.schema import EXACT_SUFFIX, SECTIONS, STEMMED_ANALYZER
from . import correct
from .highlight import Snippets
from .language import Parsed
from .order import Sort, ordered
from .results import ItemHit, LetterHit, SearchResults
from .snapshot import Snapshot

Groups = dict[int, list[tuple[float, int]]]
"""Letter ordinal -> [(score, item number)], best letter first."""

TIES = 50
"""Letters tied at the cut are read up to this many times ``limit`` letters in all."""

PAGE = 25
"""Items the first page of hits holds per letter asked for. Tantivy visits every matching
item whether it is asked for 50 hits or 500 (at 250,000 letters, 4.8 and 5.0 ms for a common
word), so a page big enough for the letters tied at the cut saves a second pass over them all."""


def shown(score: float) -> float:
    """A score as results show it, and as ties are judged: Tantivy's last bits depend on how
    a query's clauses are summed (and in which segment), not on the item."""
    return round(score, 4)


def search(snap: Snapshot, query: str, limit: int, sort: Sort, count: bool, only: list[int] | None = None) -> SearchResults:
    """Letters matching ``query``; a query that finds nothing is retried with its typos corrected.

    ``only``: just these letters (by ordinal), as "new since" asks.
    """
    started = time.perf_counter()
    parsed = snap.parse(query)
    q = _within(snap, snap.query(parsed), only)
    groups, total, sort = _collect_sorted(snap, q, limit, sort, count, parsed.hints, whole=_few(snap, parsed, only))
    corrected = None
    if not groups and parsed.words:
        fixed = correct.corrected(snap, parsed)
        if fixed is not None:
            parsed, corrected = fixed
            q = _within(snap, snap.query(parsed), only)
            groups, total, sort = _collect_sorted(snap, q, limit, sort, count, parsed.hints, whole=_few(snap, parsed, only))
    return SearchResults(
        query=query,
        letters=ordered(_letters(snap, groups, q, parsed, sort), sort),
        total_items=total,
        hints=parsed.hints,
        corrected=corrected,
        sort=sort,
        elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
    )


SPLIT_FROM = 100_000
"""Items a query may match from which its search is split over the cores (``split``)."""

_NOT_PLAIN = re.compile(r"(?:^|[\s(])(?:OR\b|-)")


def _few(snap: Snapshot, parsed: Parsed, only: list[int] | None) -> bool:
    """Whether to search ``parsed`` on one thread rather than split over the cores (the answer is the same).

    One word's items are scored about as fast as a part's range of
    ordinals is stepped through, so splitting it does not pay (measured at
    250,000 and 2,000,000 letters); a phrase, several words or a filter cost
    more an item and pay from ``SPLIT_FROM`` items. A query needing all its
    words (no OR, no NOT) matches at most as many items as its rarest word
    is in, counted in the sections it is looked for in.
    """
    if only is not None or not snap.cuts:
        return True
    if len(parsed.words) <= 1 and not parsed.phrases and not parsed.filters:
        return True
    if not parsed.text or _NOT_PLAIN.search(parsed.text):
        return False
    bounds = [
        sum(snap.searcher.doc_freq(s, stem) for s in ([scope] if scope else SECTIONS))
        for word, scope in zip(parsed.words, parsed.scopes)
        for stem in STEMMED_ANALYZER.analyze(word)[:1]
    ]
    bounds += [
        sum(snap.searcher.doc_freq(s + EXACT_SUFFIX, w) for s in ([scope] if scope else SECTIONS))
        for scope, phrase, _ in parsed.phrases
        for w in re.findall(r"\w+", phrase.lower())
    ]
    return bool(bounds) and min(bounds) < SPLIT_FROM


def _within(snap: Snapshot, q: tantivy.Query, only: list[int] | None) -> tantivy.Query:
    return q if only is None else _in_letters(snap, q, only)


def _in_letters(snap: Snapshot, q: tantivy.Query, lnos: list[int]) -> tantivy.Query:
    """``q`` in just these letters, each item scored as ``q`` alone scores it (a term set scores 1.0 unless told not to)."""
    only = tantivy.Query.const_score_query(tantivy.Query.term_set_query(snap.schema, "lno", lnos), 0.0)
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.Must, only)])


def _collect_sorted(
    snap: Snapshot, q: tantivy.Query, limit: int, sort: Sort, count: bool, hints: list[str], whole: bool = False
) -> tuple[Groups, int | None, Sort]:
    """``_collect``, falling back to best-first (with a hint) when ordering by date fails."""
    try:
        return (*_collect(snap, q, limit, sort, count, whole), sort)
    except ValueError as e:
        if sort != "date":
            raise
        hints.append(f"could not sort by date ({e}); best matches first")
        return (*_collect(snap, q, limit, "relevance", count, whole), "relevance")


def _collect(snap: Snapshot, q: tantivy.Query, limit: int, sort: Sort, count: bool, whole: bool = False) -> tuple[Groups, int | None]:
    """Item hits grouped by letter (its build ordinal), best letter first.

    A letter's place is that of its best item. Hits are read a page at a
    time until ``limit`` letters are found, and on past the letters that tie
    with the last of them: the index breaks ties by where documents sit,
    which changes from build to build, so the first tied letters in the
    build's ordinals (file order) are kept instead. Then one more query fetches the
    other matching items of just those letters. ``count`` also counts every
    matching item (on a large index searched whole, on the other core; see ``split``).
    """
    groups: Groups = {}
    page, offset = limit * PAGE, 0
    total: int | None = None
    cut: float | None = None  # the last letter's score, once ``limit`` letters are in
    full = exhausted = False
    while not (full or exhausted):
        result = snap.search(q, page, count=count and offset == 0, offset=offset, order_by=_order_by(sort), whole=whole)
        if count and offset == 0:
            total = result.count or 0
        for (lno, no), score in snap.keyed(result):
            if lno not in groups:
                if cut is not None and (shown(score) != cut or len(groups) >= limit * TIES):
                    full = True
                    break
                groups[lno] = []
                if len(groups) == limit:
                    cut = shown(score)
            groups[lno].append((score, no))
        offset += page
        exhausted = not full and (len(result.hits) < page or (total is not None and offset >= total))
        page *= 4
    if len(groups) > limit:  # of the tied letters, the first in the corpus's file order (the build's ordinals)
        keep = sorted(groups, key=lambda lno: (-shown(groups[lno][0][0]), lno))[:limit]
        groups = {lno: groups[lno] for lno in keep}
    if exhausted:  # every matching item was read
        return groups, total
    rest = _in_letters(snap, q, list(groups))
    seen = {(lno, no) for lno, items in groups.items() for _, no in items}
    for (lno, no), score in snap.keyed(snap.search(rest, limit * 25, order_by=_order_by(sort), whole=True)):  # a few letters' items
        if (lno, no) not in seen:
            groups[lno].append((score, no))
    return groups, total


def _order_by(sort: Sort) -> str | None:
    """The fast field hits are ordered by (newest first), or None for best first."""
    return "decided" if sort == "date" else None


def _letters(snap: Snapshot, groups: Groups, q: tantivy.Query, parsed: Parsed, sort: Sort) -> list[LetterHit]:
    """The grouped hits as results: each letter with its matching items (best, or in order), and snippets."""
    if not groups:
        return []
    snippets = Snippets(snap, q, parsed)
    out = []
    for lno, items in groups.items():
        letter = snap.letter_at(lno)
        if letter is None:
            continue
        item_hits = []
        scored = [(shown(score) if sort == "relevance" else 0.0, no) for score, no in items]
        for score, no in sorted(scored, key=lambda x: (-x[0], x[1])):  # best first, ties by item number
            it = letter.items[no - 1]
            item_hits.append(
                ItemHit(
                    item=no,
                    request=it.request,
                    treatment=it.treatment,
                    category=it.category,
                    outcome=it.outcome,
                    score=score,
                    snippets=snippets.of(letter, it),
                )
            )
        out.append(
            LetterHit(
                id=letter.id,
                case_number=letter.case_number,
                decision_date=letter.decision_date,
                score=max(h.score for h in item_hits),
                specialties=letter.reviewer.specialties,
                items=item_hits,
            )
        )
    return out
