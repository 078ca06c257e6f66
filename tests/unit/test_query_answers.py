"""Similar cases, stats and treatment lookup on a small real index."""

from __future__ import annotations

from collections import Counter

from imr_search import open_index
from imr_search.records import CITATION_SOURCES

from .small_index import Small, small  # noqa: F401


def _shared_treatment(small: Small) -> tuple[str, int, str]:  # noqa: F811
    """(letter id, item, treatment) of an item whose treatment other letters were asked for too."""
    by_name = Counter(it.treatment for _, it in small.items())
    for letter, it in small.items():
        if by_name[it.treatment] >= 3:
            return letter.id, it.item, it.treatment
    raise AssertionError("no treatment asked for three times")


def test_similar_puts_the_same_treatment_first_and_never_the_letter_itself(small: Small) -> None:  # noqa: F811
    letter_id, no, name = _shared_treatment(small)
    found = small.idx.similar(letter_id, item=no, limit=5)
    assert found and all(s.id != letter_id for s in found)
    assert found[0].treatment == name
    others = sum(it.treatment == name for l, it in small.items() if l.id != letter_id)
    assert [s.treatment for s in found[:others]] == [name] * min(others, 5)
    keys = [(-s.score, s.id, s.item) for s in found]
    assert keys == sorted(keys)  # best first, ties by id then item


def test_similar_gives_the_same_cases_every_time(small: Small) -> None:  # noqa: F811
    """The words a lookup asks for are chosen with ties broken by section and word, never by hash order."""
    fresh = open_index(small.idx.root)
    for letter_id in small.letters:
        runs = {tuple((s.id, s.item, s.score, *s.reasons) for s in idx.similar(letter_id)) for idx in (small.idx, small.idx, fresh, small.idx)}
        assert len(runs) == 1, letter_id


def test_contrast_keeps_the_items_decided_the_other_way(small: Small) -> None:  # noqa: F811
    for letter in small.letters.values():
        outcome = letter.items[0].outcome
        found = small.idx.similar(letter.id, item=1, contrast=True, limit=5)
        assert found is not None and all(s.outcome != outcome for s in found)
    letter = next(iter(small.letters.values()))
    every_item = small.idx.similar(letter.id, limit=50)  # no item: like any of the letter's items
    assert every_item and all(s.id != letter.id for s in every_item)
    assert small.idx.similar("CM99-9999999") is None
    assert small.idx.similar(letter.id, item=len(letter.items) + 1) is None


def test_stats_count_the_matching_items_by_outcome(small: Small) -> None:  # noqa: F811
    rows, hints = small.idx.stats("")
    assert not hints
    by_dim: dict[str, dict[str, tuple[int, int, int]]] = {}
    for r in rows:
        assert r.items == r.upheld + r.overturned
        by_dim.setdefault(r.dimension, {})[r.key] = (r.items, r.upheld, r.overturned)
    assert list(by_dim) == ["category", "treatment", "specialty", "cites", "year"]
    for category, counts in by_dim["category"].items():
        mine = [it for _, it in small.items() if it.category == category]
        assert counts == (len(mine), sum(it.outcome == "upheld" for it in mine), sum(it.outcome == "overturned" for it in mine))
    assert set(by_dim["cites"]) <= set(CITATION_SOURCES)  # labelled as the records spell them
    for source, (n, _, _) in by_dim["cites"].items():
        assert n == sum(any(c.source == source and c.by == "reviewer" for c in it.citations) for _, it in small.items())
    years = list(by_dim["year"])
    assert years == sorted(years) and years
    specialties = {s for l in small.letters.values() for s in l.reviewer.specialties}
    assert set(by_dim["specialty"]) == specialties


def test_stats_of_a_query_and_of_chosen_dimensions(small: Small) -> None:  # noqa: F811
    rows, hints = small.idx.stats("outcome:overturned", dimensions=["treatment"])
    overturned = Counter(it.treatment for _, it in small.items() if it.outcome == "overturned")
    assert {r.key: r.items for r in rows} == dict(overturned)
    assert all(r.dimension == "treatment" and r.upheld == 0 for r in rows) and not hints
    assert small.idx.stats("outcome:maybe")[1]


def test_treatment_lookup_forgives_typos_and_knows_brand_names(small: Small) -> None:  # noqa: F811
    names = Counter(it.treatment for _, it in small.items())
    assert small.idx.treatments("lidocane")[0].treatment == "lidocaine"
    assert small.idx.treatments("flexeril")[0].treatment == "cyclobenzaprine"
    for match in small.idx.treatments("lidocaine", limit=3):
        if match.treatment in names:
            mine = [it for _, it in small.items() if it.treatment == match.treatment]
            assert (match.items, match.upheld) == (len(mine), sum(it.outcome == "upheld" for it in mine))
    assert small.idx.treatments("zzzzzzzz") == []
    assert small.idx.known_values()["treatment"] == sorted(names)
