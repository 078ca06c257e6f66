"""The guideline citator: one row per guideline section however letters write it, counts that agree with stats."""

from __future__ import annotations

import pytest

from imr_search.query.citator import NO_GUIDELINE, canonical, citation_key
from imr_search.records import Citation, citation_text

from .small_index import Small, small  # noqa: F401

QUERIES = ["", "outcome:overturned", "category:pharmaceuticals", "therapy", "cites:odg", "decided:2016..2018 -mri"]


def cite(source: str, title: str, section: str | None = None, pages: str | None = None) -> Citation:
    return Citation(by="reviewer", source=source, title=title, section=section, pages=pages)  # type: ignore[arg-type]


SAME = [
    # Wordings of the real letters (../shared/real, ../shared/seeds) as the parser reads them.
    (cite("MTUS", "Chronic Pain Medical Treatment 2016", "Physical medicine treatment"), cite("MTUS", "Chronic Pain Treatment Guidelines", "Physical Medicine")),
    (cite("MTUS", "Chronic Pain Treatment Guidelines", "Physical Medicine", "98-99"), cite("MTUS", "MTUS Chronic Pain Medical Treatment Guidelines", "physical  medicine", "p. 98 - 99")),
    (cite("MTUS", "Chronic Pain Medical Treatment Guidelines 2009", pages="Page(s): 58-60"), cite("MTUS", "Chronic Pain Treatment Guidelines 8 C.C.R. 9792.20 - 9792.26", pages="58-60")),
    (cite("MTUS", "Low Back Complaints 2004", "Special Studies"), cite("MTUS", "CA MTUS Low Back Complaints", "Special studies.")),
    (cite("ODG", "Official Disability Guidelines", "Low Back"), cite("ODG", "ODG", "Low Back - Lumbar & Thoracic (Acute & Chronic) Chapter (Online Version)")),
    (cite("ODG", "Official Disability Guidelines", "Low back chapter - MRI"), cite("ODG", "Official Disability Guidelines (ODG)", "Low Back, Lumbar & Thoracic (Acute & Chronic), MRI")),
    (cite("ODG", "Official Disability Guidelines", "Head Chapter, MRI"), cite("ODG", "Official Disability Guidelines", "head, MRI")),
    (cite("ODG", "Official Disability Guidelines", "Knee and Leg - MRI"), cite("ODG", "Official Disability Guidelines", "Knee & Leg Chapter, MRI")),
    (cite("ACOEM", "ACOEM Occupational Medicine Practice Guidelines, 3rd ed.", "Shoulder Disorders"), cite("ACOEM", "ACOEM Practice Guidelines 3rd Edition", "Shoulder disorders")),
]
DIFFERENT = [
    (cite("MTUS", "Chronic Pain Medical Treatment 2016", "Physical medicine treatment"), cite("MTUS", "Chronic Pain Medical Treatment 2016", "Office visits")),
    (cite("MTUS", "Chronic Pain Treatment Guidelines", "Physical Medicine", "98-99"), cite("MTUS", "Chronic Pain Treatment Guidelines", "Physical Medicine")),
    (cite("MTUS", "Low Back Complaints 2004", "Special Studies"), cite("MTUS", "Neck and Upper Back Complaints 2004", "Special Studies")),
    (cite("ODG", "Official Disability Guidelines", "Low Back"), cite("ODG", "Official Disability Guidelines", "Low Back, MRI")),
    (cite("ODG", "Official Disability Guidelines", "Shoulder"), cite("MTUS", "Shoulder Complaints 2004")),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=lambda c: citation_text(c)[:40])
def test_one_section_written_differently_is_one_row(a: Citation, b: Citation) -> None:
    assert citation_key(a) == citation_key(b)
    assert canonical(canonical(a)) == canonical(a)  # a row's own name names it again


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=lambda c: citation_text(c)[:40])
def test_different_sections_stay_apart(a: Citation, b: Citation) -> None:
    assert citation_key(a) != citation_key(b)


def test_names_read_as_the_guideline() -> None:
    assert canonical(cite("ODG", "ODG", "Low Back - Lumbar & Thoracic (Acute & Chronic) Chapter, Gym memberships")).section == "Low Back, Gym memberships"
    assert canonical(cite("MTUS", "Chronic Pain Medical Treatment 2016", "Physical medicine treatment")) == cite(
        "MTUS", "Chronic Pain Medical Treatment Guidelines", "Physical Medicine"
    )


def test_rows_count_what_the_letters_cite(small: Small) -> None:  # noqa: F811
    """Ground truth from the parsed letters: each row's items, split and the claims administrator's use."""
    expected: dict[tuple, list[int]] = {}
    for _, it in small.items():
        reviewer = {citation_key(c) for c in it.citations if c.by == "reviewer"} or {None}
        administrator = {citation_key(c) for c in it.citations if c.by == "claims_administrator"} or {None}
        for key in reviewer:
            counts = expected.setdefault(key, [0, 0, 0, 0])
            counts[0] += 1
            counts[1 if it.outcome == "upheld" else 2] += 1
        for key in administrator:
            expected.setdefault(key, [0, 0, 0, 0])[3] += 1
    rows = small.idx.citations()
    got = {}
    for r in rows:
        key = None if r.source is None else citation_key(cite(r.source, r.title, r.section, r.pages))
        assert key not in got, f"two rows for {r}"
        got[key] = [r.items, r.upheld, r.overturned, r.claims_administrator_items]
    assert got == expected
    assert [r for r in rows if r.source is None][0].title == NO_GUIDELINE
    order = [-r.items for r in rows]
    assert order == sorted(order)


@pytest.mark.parametrize("query", QUERIES)
def test_citator_adds_up_to_stats(small: Small, query: str) -> None:  # noqa: F811
    """Per source, the items the citator's rows cite are the items stats counts for it, split the same way."""
    stats = {r.key: (r.items, r.upheld, r.overturned) for r in small.idx.stats(query, dimensions=["cites"])[0]}
    rows = small.idx.citations(query)
    by_source: dict[str | None, dict[tuple[str, int], str]] = {}
    for r in rows:
        citing = small.idx.citing(query, r)
        assert (len(citing), sum(c.outcome == "upheld" for c in citing), sum(c.outcome == "overturned" for c in citing)) == (r.items, r.upheld, r.overturned)
        by_source.setdefault(r.source, {}).update({(c.id, c.item): c.outcome for c in citing})
    for source, items in by_source.items():
        if source is None or not items:
            continue
        outcomes = list(items.values())
        assert stats[source] == (len(items), outcomes.count("upheld"), outcomes.count("overturned")), source
    assert set(stats) == {s for s, items in by_source.items() if s is not None and items}
    # The no-guideline row and the rows of each source cover every matching item.
    matched = {k for items in by_source.values() for k in items}
    assert len(matched) == small.idx.search(query, limit=1000).total_items


def test_citing_lists_the_letters_newest_first(small: Small) -> None:  # noqa: F811
    row = small.idx.citations()[0]
    citing = small.idx.citing("", row)
    assert len(citing) == row.items
    keys = [(c.decision_date or "") for c in citing]
    assert keys == sorted(keys, reverse=True)
    key = citation_key(cite(row.source, row.title, row.section, row.pages))
    for c in citing:
        it = small.letters[c.id].items[c.item - 1]
        assert key in {citation_key(x) for x in it.citations if x.by == "reviewer"}


def test_similar_says_why(small: Small) -> None:  # noqa: F811
    letter = next(iter(small.letters.values()))
    source = letter.items[0]
    mine = {citation_key(c) for c in source.citations if c.by == "reviewer"}
    for s in small.idx.similar(letter.id, item=1, limit=10):
        other = small.letters[s.id].items[s.item - 1]
        assert (f"same treatment: {source.treatment}" in s.reasons) == (other.treatment == source.treatment)
        theirs = {citation_key(c) for c in other.citations if c.by == "reviewer"}
        assert any(r.startswith("same guideline") for r in s.reasons) == bool(mine & theirs)
        assert s.reasons, s


def test_citation_line_names_the_case_date_item_and_the_reviewers_first_guideline() -> None:
    from imr_search.records import Item, Letter, citation_line

    item = Item(
        item=1, request="Physical therapy x6 low back", treatment="physical therapy", body_part="low back", outcome="upheld",
        citations=[
            Citation(by="claims_administrator", source="ODG", title="Official Disability Guidelines", section="Low Back"),
            cite("MTUS", "Chronic Pain Medical Treatment Guidelines 2016"),
            cite("ODG", "Official Disability Guidelines"),
        ],
    )
    letter = Letter(id="CM16-0230651", case_number="CM16-0230651", fingerprint="f", source="x.txt", shape="html-text", decision_date="2017-01-09", items=[item])
    assert citation_line(letter, item) == (
        "CM16-0230651 (IMR, decided 2017-01-09): Physical therapy, low back, upheld; MTUS Chronic Pain Medical Treatment Guidelines 2016"
    )
    bare = Item(item=2, request="naproxen 550mg", outcome="overturned")
    unnamed = Letter(id="h-1a2b3c", case_number=None, fingerprint="f", source="y.txt", shape="pdf", items=[bare])
    assert citation_line(unnamed, bare) == "h-1a2b3c (IMR, date unknown): Naproxen 550mg, overturned; no guideline cited"
