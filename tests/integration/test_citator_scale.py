"""The citator on a few thousand letters: its rows and letters, recomputed here from the parsed records.

The citator counts from the index; this test's truth is the letters as the
parser reads them (the items a query matches are the items ``search``
returns), grouped by the citator's own naming (``citation_key``,
``canonical``) the plain way: so a change in how the index counts must
still give the same rows, names, counts, order and letters.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from imr_search.errors import IndexProblem
from imr_search.query import citator
from imr_search.query.citator import NO_GUIDELINE
from imr_search.vocab.guidelines import canonical, citation_key, fold
from imr_search.records import CITATION_SOURCES, Item, Letter

from ..unit.small_index import Small, build_small

COUNT = 2000
QUERIES = [
    "",
    "outcome:overturned",
    "outcome:upheld cites:odg",
    "category:pharmaceuticals",
    "subcategory:opioids decided:2016..2018",
    "therapy",
    '"physical therapy" -mri',
    "mri OR ct",
    "body:shoulder",
    "cites:acoem",
    "decided:2019",
    "case:CM99-0000000",  # matches nothing
]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Small:
    return build_small(tmp_path_factory.mktemp("citator"), count=COUNT, seed=5, older=True)


def _uncited_query(big: Small) -> str:
    """A query whose items include one whose reviewer cited no guideline."""
    letter, _ = next((letter, it) for letter, it in big.items() if not _reviewer(it))
    return f"case:{letter.case_number or letter.id}"


def _reviewer(it: Item) -> list:
    return [c for c in it.citations if c.by == "reviewer"]


def _matching(big: Small, query: str) -> list[tuple[Letter, Item]]:
    res = big.idx.search(query, limit=COUNT, count=True)
    found = [(big.letters[h.id], big.letters[h.id].items[i.item - 1]) for h in res.letters for i in h.items]
    assert len(found) == (res.total_items or 0)
    return found


def _expected_rows(found: list[tuple[Letter, Item]]) -> list[tuple]:
    """(source, title, section, pages, items, upheld, overturned, claims_administrator_items), in the citator's order."""
    counts: dict[tuple, list[int]] = {}
    names: dict[tuple, Counter] = {}
    for _, it in found:
        for by, at in (("reviewer", 0), ("claims_administrator", 3)):
            keys: dict[tuple, tuple] = {}
            for c in it.citations:
                if c.by == by and citation_key(c) not in keys:
                    n = canonical(c)
                    keys[citation_key(c)] = (n.title, n.section, n.pages)
            for key in keys or {("", "", "", ""): None}:
                row = counts.setdefault(key, [0, 0, 0, 0])
                row[at] += 1
                if at == 0:
                    row[1 if it.outcome == "upheld" else 2] += 1
                if keys:
                    names.setdefault(key, Counter())[keys[key]] += 1
    rows = []
    for key, (items, upheld, overturned, administrator) in counts.items():
        if key[0]:
            spelled = names[key]
            top = max(spelled.values())
            title, section, pages = min((n for n, k in spelled.items() if k == top), key=lambda n: (n[0], n[1] or "", n[2] or ""))
        else:
            title, section, pages = NO_GUIDELINE, None, None
        rows.append((key[0] or None, title, section, pages, items, upheld, overturned, administrator))
    order = {s: n for n, s in enumerate(CITATION_SOURCES)}
    rows.sort(key=lambda r: (-r[4], order.get(r[0] or "", len(order)), fold(r[1]), fold(r[2]), fold(r[3])))
    return rows


@pytest.mark.parametrize("query", [*QUERIES, None])
def test_rows_and_letters_are_the_records_counted(big: Small, query: str | None) -> None:
    query = _uncited_query(big) if query is None else query
    found = _matching(big, query)
    rows = big.idx.citations(query)
    assert [(r.source, r.title, r.section, r.pages, r.items, r.upheld, r.overturned, r.claims_administrator_items) for r in rows] == _expected_rows(found)
    if query == "case:CM99-0000000":
        assert rows == []
    elif query.startswith("case:"):
        assert any(r.source is None and r.items for r in rows)
    # The letters of the first rows, the no-guideline row and the last row.
    for r in {id(r): r for r in [*rows[:4], *[r for r in rows if r.source is None], *rows[-1:]]}.values():
        key = citation_key(r.citation()) if r.citation() else None
        want = [(letter.decision_date or "", letter.id, it.item) for letter, it in found if key in ({citation_key(c) for c in _reviewer(it)} or {None})]
        want.sort(key=lambda w: (w[1], w[2]))
        want.sort(key=lambda w: w[0], reverse=True)
        got = big.idx.citing(query, r)
        assert [(c.decision_date or "", c.id, c.item) for c in got] == want
        assert len(got) == r.items
        for limit in (1, 7, 60):  # the newest so many, ties at the cut broken by id as in the whole list
            assert big.idx.citing(query, r, limit=limit) == got[:limit]


def test_the_newest_few_cut_inside_a_day_as_the_whole_list_does(big: Small) -> None:
    """Where the cut falls between items decided the same day (or both undated), the first ids come first."""
    rows = big.idx.citations("")
    cuts = {"dated": 0, "undated": 0}
    for r in rows[:6]:
        whole = big.idx.citing("", r)
        for k in range(1, len(whole)):
            if whole[k - 1].decision_date == whole[k].decision_date:
                cuts["undated" if whole[k].decision_date is None else "dated"] += 1
                assert big.idx.citing("", r, limit=k) == whole[:k]
    assert cuts["dated"] and cuts["undated"], cuts


def test_more_sections_than_one_count_holds_is_said_not_cut(big: Small, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(citator, "ROWS_LIMIT", 5)
    with pytest.raises(IndexProblem, match="cite more than 5 guideline sections: narrow the query"):
        big.idx.citations("")
    assert big.idx.citations("case:CM99-0000000") == []
