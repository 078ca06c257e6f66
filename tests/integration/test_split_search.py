"""A search split over parts of the index, one thread a part, answers exactly what one search answers.

Two thousand generated letters of every layout (some undated), then an
update that tombstones some of them; every kind of question is asked with
the index whole and split into two and three parts by letter ordinal, and
the answers (letters, items, scores as shown, snippets, counts) must be the
same. Searches that read past the first page (many letters tied at the cut,
or a large limit) are among them.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timezone

import msgspec
import pytest

from imr_search import open_index
from imr_search.index import build
from imr_search.query import fresh, search, split

from ..unit.small_index import build_small

LETTERS = 2000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    small = build_small(tmp_path_factory.mktemp("split"), count=LETTERS, seed=31, older=True)
    root = small.idx._snap.version.parent.parent
    corpus = root / "corpus"
    for path in sorted(corpus.iterdir())[::97]:  # an update: some letters gone, some changed
        if path.stem.endswith("3"):
            path.unlink()
        else:
            path.write_text(path.read_text(encoding="utf-8").replace("medically", "medically clearly"), encoding="utf-8")
    report = build([corpus], root / "index", jobs=1, update=True)
    assert report.updated
    small.idx = open_index(root / "index")
    assert small.idx._snap.tombstones
    return small


def _queries(small) -> list[str]:
    rng = random.Random(3)
    words: list[str] = []
    for letter in rng.sample(sorted(small.letters.values(), key=lambda x: x.id), 40):
        found = re.findall(r"[A-Za-z]{4,}", letter.items[0].rationale)
        words.append(rng.choice(found).lower())
    return words + [
        f'"{a} {b}"' for a, b in zip(words[:10], words[10:20])
    ] + [
        "the", '"the request"', '"medically necessary"', "patient pain", "outcome:overturned",
        "category:pharmaceuticals lumbar", "decided:2013..2015 therapy", "-pain guidelines", "lumb", "medically clearly",
    ]


def _answers(idx, queries: list[str]) -> list:
    out = []
    for q in queries:
        for sort in ("relevance", "date"):
            for limit in (20, 400):
                r = idx.search(q, limit=limit, sort=sort)
                out.append((q, sort, limit, r.total_items, msgspec.to_builtins(r.letters), r.hints))
    ids = sorted(h.id for h in idx.search("pain", limit=30).letters)
    for letter_id in ids[:12]:
        out.append(msgspec.to_builtins(idx.similar(letter_id)))
        out.append(msgspec.to_builtins(idx.similar(letter_id, contrast=True)))
    for q in ("", "pain", "category:pharmaceuticals", '"the request"', "lumbar outcome:overturned"):
        out.append(msgspec.to_builtins(idx.stats(q)))
        out.append(msgspec.to_builtins(idx.citations(q)))
        out.append(msgspec.to_builtins(idx.count_new(q, datetime(2000, 1, 1, tzinfo=timezone.utc))))
    rows = idx.citations("pain")
    for row in rows[:5]:
        out.append(msgspec.to_builtins(idx.citing("pain", row, limit=7)))
        out.append(len(idx.citing("pain", row)))
    return out


def test_split_answers_are_the_whole_index_answers(corpus, monkeypatch):
    snap = corpus.idx._snap
    queries = _queries(corpus)
    assert snap.cuts == []  # a small index is not split unless asked
    whole = _answers(corpus.idx, queries)
    monkeypatch.setattr(search, "_few", lambda *_: False)  # every search split, however few items it may match
    assert any(a[3] and a[3] > 400 for a in whole[:200] if isinstance(a, tuple))  # some pages read past the first
    for parts in (2, 3):
        snap.cuts = split.cuts(snap.ordinals, snap.searcher.num_docs, parts=parts, split_at=0)
        assert len(snap.cuts) == parts - 1
        try:
            parted = _answers(corpus.idx, queries)
        finally:
            snap.cuts = []
        for a, b in zip(whole, parted):
            assert a == b, a[:3] if isinstance(a, tuple) else a


def test_searches_kept_whole_on_a_split_index_count_aside_alike(corpus):
    """With the rule deciding, single words and similar cases search the whole index on one
    thread and count on another without scores (``count_aside``): the same answers, counts included."""
    snap = corpus.idx._snap
    queries = _queries(corpus)
    whole = _answers(corpus.idx, queries)
    snap.cuts = split.cuts(snap.ordinals, snap.searcher.num_docs, parts=2, split_at=0)
    try:
        assert any(search._few(snap, snap.parse(q), None) for q in queries)
        mixed = _answers(corpus.idx, queries)
        for q in queries:
            parsed = snap.query(snap.parse(q))
            aside = split.search(snap.searcher, snap.schema, parsed, 5, [], count=True, count_aside=True)
            assert aside.count == snap.searcher.search(parsed, 5, count=True).count, q
    finally:
        snap.cuts = []
    for a, b in zip(whole, mixed):
        assert a == b, a[:3] if isinstance(a, tuple) else a


def test_every_hit_is_in_exactly_one_part(corpus):
    snap = corpus.idx._snap
    q = snap.query(snap.parse("pain"))
    whole = snap.search(q, 100_000, count=True)
    snap.cuts = split.cuts(snap.ordinals, snap.searcher.num_docs, parts=3, split_at=0)
    try:
        parted = snap.search(q, 100_000, count=True)
        paged = [h for off in range(0, whole.count, 250) for h in snap.search(q, 250, offset=off).hits]
    finally:
        snap.cuts = []
    assert parted.count == whole.count == len(whole.hits)
    assert sorted((a.segment_ord, a.doc) for _, a in parted.hits) == sorted((a.segment_ord, a.doc) for _, a in whole.hits)
    assert [s for s, _ in parted.hits] == [s for s, _ in whole.hits] == [s for s, _ in paged]


def test_counts_cut_at_their_size_are_asked_of_the_whole_index(corpus):
    """Terms counted only to a size (the top five treatments) are not added up from the parts' own top fives."""
    snap = corpus.idx._snap
    q = snap.query(snap.parse("pain"))
    request = {"t": {"terms": {"field": "treatment_name", "size": 5}, "aggs": {"o": {"terms": {"field": "outcome"}}}}}
    whole = snap.aggregate(q, request)
    assert whole["t"]["sum_other_doc_count"] > 0
    snap.cuts = split.cuts(snap.ordinals, snap.searcher.num_docs, parts=2, split_at=0)
    try:
        assert snap.aggregate(q, request) == whole
        parted = [snap.searcher.aggregate(p, request) for p in split._parts(snap.schema, q, snap.cuts)]
        assert split._merged(request, parted) is None
        request["t"]["terms"]["size"] = 1000  # every treatment: the parts' counts are added up
        parted = [snap.searcher.aggregate(p, request) for p in split._parts(snap.schema, q, snap.cuts)]
        merged = split._merged(request, parted)
        assert merged is not None and _by_key(merged) == _by_key(snap.searcher.aggregate(q, request))
    finally:
        snap.cuts = []


def test_matching_letters_are_counted_a_range_of_ordinals_at_a_time(corpus, monkeypatch):
    """Tantivy refuses to count more than 65,000 letters in one aggregation; counted in ranges, the set is the same."""
    snap = corpus.idx._snap
    request = {"l": {"terms": {"field": "lno", "size": 100_000}}}
    for query in ("pain", "outcome:overturned", "", '"the request"'):
        whole = {int(b["key"]) for b in snap.searcher.aggregate(snap.query(snap.parse(query)), request)["l"]["buckets"]}
        monkeypatch.setattr(fresh, "BUCKETS", 150)
        assert fresh.matching_letters(snap, query) == whole and len(whole) > 150
        monkeypatch.undo()


def _by_key(result: dict) -> dict:
    return {b["key"]: (b["doc_count"], {o["key"]: o["doc_count"] for o in b["o"]["buckets"]}) for b in result["t"]["buckets"]}


def test_which_searches_are_split(corpus, monkeypatch):
    """One word stays whole; a phrase, several words or a filter split once they may match enough items."""
    snap = corpus.idx._snap
    snap.cuts = split.cuts(snap.ordinals, snap.searcher.num_docs, parts=2, split_at=0)
    monkeypatch.setattr(search, "SPLIT_FROM", 500)
    try:
        few = {q: search._few(snap, snap.parse(q), None) for q in (
            "pain", '"the request"', "patient pain", "outcome:upheld", "sildenafil patient", "pain OR sildenafil", "patient -pain",
        )}
        assert search._few(snap, snap.parse('"the request"'), [1, 2])  # a few letters' items: never split
    finally:
        snap.cuts = []
    assert few == {
        "pain": True, '"the request"': False, "patient pain": False, "outcome:upheld": False,
        "sildenafil patient": True,  # sildenafil is rare: the two together match fewer than 500 items
        "pain OR sildenafil": False, "patient -pain": False,
    }


def test_cuts():
    assert split.cuts(1000, 10, parts=2, split_at=400_000) == []
    assert split.cuts(1000, 500_000, parts=1) == []
    assert split.cuts(1000, 500_000, parts=2) == [500]
    assert split.cuts(999, 500_000, parts=3) == [333, 666]


def test_queries_searched_side_by_side_answer_as_each_alone(corpus):
    """``search_each`` (a letter's items' similar-case lookups) runs the queries on the threads at once."""
    snap = corpus.idx._snap
    queries = [snap.query(snap.parse(q)) for q in ("pain", '"the request"', "lumbar outcome:upheld", "nosuchword")]
    alone = [snap.keyed(snap.search(q, 30, whole=True)) for q in queries]
    assert any(alone) and [snap.keyed(found) for found in snap.search_each(queries, 30)] == alone
    assert [snap.keyed(found) for found in snap.search_each(queries[:1], 30)] == alone[:1]
