"""The index and the query layer on a real index built from generated letters.

Ground truth is the parsed records themselves: every search result is
checked against a plain scan of them.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from imr_search import IndexNotFound, SchemaMismatch, open_index
from imr_search.index import store
from imr_search.index.schema import section_texts, section_values
from imr_search.index.writer import build
from imr_search.parse import parse_file
from imr_search.synth import write_corpus

ALL = 100_000


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("idx")
    corpus = root / "corpus"
    write_corpus(corpus, 500, seed=5)
    report = build([corpus], root / "index", jobs=2)
    letters = {}
    for path in sorted(corpus.iterdir()):
        letter = parse_file(path)
        letters.setdefault(letter.id, letter)
    return report, open_index(root / "index"), letters, corpus


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _sections(letter, item) -> dict[str, str]:
    """What each section holds, from the one table that says it (``index.schema.SECTION_FIELDS``)."""
    return section_texts(letter, item)


def _values(letter, item) -> list[str]:
    """The texts the index holds apart (a phrase never runs from one into the next)."""
    return [t for texts in section_values(letter, item).values() for t in texts]


def _has_phrase(text: str, words: list[str]) -> bool:
    toks = _tokens(text)
    n = len(words)
    return any(toks[i : i + n] == words for i in range(len(toks) - n + 1))


def _ids(results) -> set[str]:
    return {h.id for h in results.letters}


def _items(results) -> set[tuple[str, int]]:
    return {(h.id, ih.item) for h in results.letters for ih in h.items}


def test_build_report(built):
    report, idx, letters, _ = built
    assert report.letters == len(letters) == idx.letters_count
    assert report.duplicates, "the generator writes a few duplicates; each must be reported"
    assert idx.meta["tombstones"] == []  # a rebuild settles duplicates before writing
    assert report.items == sum(len(l.items) for l in letters.values())
    assert not report.skipped


def test_quoted_phrases_match_exactly_the_letters_that_hold_them(built):
    _, idx, letters, _ = built
    rng = random.Random(3)
    pool = list(letters.values())
    checked = 0
    for _ in range(40):
        letter = rng.choice(pool)
        item = rng.choice(letter.items)
        section, text = rng.choice(list(_sections(letter, item).items()))
        toks = _tokens(text)
        if len(toks) < 4:
            continue
        start = rng.randrange(len(toks) - 2)
        words = toks[start : start + rng.choice((2, 3))]
        expected = {
            l.id for l in pool if any(_has_phrase(t, words) for it in l.items for t in _values(l, it))
        }
        got = _ids(idx.search('"' + " ".join(words) + '"', limit=ALL))
        assert got == expected, words
        checked += 1
    assert checked >= 30


def test_field_prefix_restricts_to_that_section(built):
    _, idx, letters, _ = built
    for word in ("trainer", "acupuncture", "naproxen"):
        expected = {
            l.id for l in letters.values() if any(_has_phrase(it.rationale, [word]) for it in l.items)
        }
        assert _ids(idx.search(f'rationale:"{word}"', limit=ALL)) == expected


@pytest.mark.parametrize(
    "query, check",
    [
        ("outcome:overturned", lambda l, it: it.outcome == "overturned"),
        ("outcome:UPHELD", lambda l, it: it.outcome == "upheld"),
        ("category:pharmaceuticals", lambda l, it: it.category == "Pharmaceuticals"),
        ("subcategory:opioids", lambda l, it: it.subcategory == "Opioids"),
        ("cites:ODG", lambda l, it: any(c.source == "ODG" and c.by == "reviewer" for c in it.citations)),
        ('specialty:"pain management"', lambda l, it: "Pain Management" in l.reviewer.specialties),
        ("body:shoulder", lambda l, it: "shoulder" in _tokens(it.body_part or "")),
        ("decided:2015", lambda l, it: (l.decision_date or "").startswith("2015")),
        ("decided:2014-01..2015-06", lambda l, it: "2014-01-01" <= (l.decision_date or "") <= "2015-06-30"),
    ],
)
def test_filters_restrict_exactly(built, query, check):
    _, idx, letters, _ = built
    expected = {(l.id, it.item) for l in letters.values() for it in l.items if check(l, it)}
    res = idx.search(query, limit=ALL)
    got = {(h.id, ih.item) for h in res.letters for ih in h.items}
    assert expected and got == expected
    assert res.total_items == len(expected)


def test_exclusion_and_or(built):
    _, idx, letters, _ = built
    mri = _ids(idx.search("mri", limit=ALL))
    ct = _ids(idx.search('"ct"', limit=ALL))
    both = _ids(idx.search('mri OR "ct"', limit=ALL))
    assert mri and ct and both == mri | ct
    # Exclusion works per item: a letter can hold an MRI of the spine and a knee brace.
    no_knee = _items(idx.search("mri -knee", limit=ALL))
    knee = _items(idx.search("knee", limit=ALL))
    assert no_knee and not (no_knee & knee) and no_knee <= _items(idx.search("mri", limit=ALL))


def test_highlights_cover_the_matched_words(built):
    _, idx, _, _ = built
    res = idx.search('trainer "physical therapy"', limit=20)
    assert res.letters
    seen = 0
    for hit in res.letters:
        for ih in hit.items:
            for sn in ih.snippets:
                for s, e in sn.highlights:
                    word = sn.text[s:e].lower()
                    assert word.startswith(("trainer", "physical", "therapy")), (sn.field, word)
                    seen += 1
    assert seen


def test_relevance_and_date_order(built):
    _, idx, _, _ = built
    by_score = idx.search("therapy", limit=30)
    scores = [h.score for h in by_score.letters]
    assert scores == sorted(scores, reverse=True)
    by_date = idx.search("therapy", limit=30, sort="date")
    dates = [h.decision_date for h in by_date.letters if h.decision_date]
    assert dates == sorted(dates, reverse=True)
    everything = idx.search("therapy", limit=ALL, sort="date").letters  # undated letters come last
    assert any(h.decision_date is None for h in everything)
    assert [h.decision_date is None for h in everything] == sorted(h.decision_date is None for h in everything)


def test_bad_syntax_gets_a_hint_not_an_exception(built):
    _, idx, _, _ = built
    for q in ('"personal trainer', "trainer )", "outcome:maybe", "decided:someday", "nosuchfield:x", "(mri OR", "OR", "-"):
        res = idx.search(q)
        assert res.hints, q


def test_typo_words_are_corrected(built):
    _, idx, _, _ = built
    assert idx.search('"accupunctre"').total_items == 0
    res = idx.search("accupunctre", limit=5)
    assert res.corrected == "acupuncture"
    assert res.letters and res.total_items == idx.search("acupuncture").total_items


@pytest.mark.parametrize("typo, name", [
    ("acupunture", "acupuncture"),
    ("acupuntcure", "acupuncture"),
    ("chiropractc care", "chiropractic care"),
    ("chiropactic cre", "chiropractic care"),
    ("physcal therapy", "physical therapy"),
    ("phsical therpy", "physical therapy"),
])
def test_fuzzy_treatments_find_the_canonical_name(built, typo, name):
    _, idx, _, _ = built
    matches = idx.treatments(typo, limit=5)
    assert matches[0].treatment == name
    assert matches[0].items == matches[0].upheld + matches[0].overturned > 0


def test_brand_names_find_the_generic(built):
    _, idx, letters, _ = built
    names = {it.treatment for l in letters.values() for it in l.items}
    if "hydrocodone/acetaminophen" not in names:
        pytest.skip("no hydrocodone in this corpus")
    assert idx.treatments("norco")[0].treatment == "hydrocodone/acetaminophen"


def test_similar_ranks_same_treatment_first_and_contrast_flips(built):
    _, idx, letters, _ = built
    source = next(
        l for l in letters.values()
        if len(l.items) == 1 and sum(it.treatment == l.items[0].treatment for o in letters.values() for it in o.items) >= 6
    )
    item = source.items[0]
    found = idx.similar(source.id, item=1, limit=5)
    assert found and all(s.id != source.id for s in found)
    assert found[0].treatment == item.treatment
    contrast = idx.similar(source.id, item=1, contrast=True, limit=5)
    assert contrast and all(s.outcome != item.outcome for s in contrast)
    assert idx.similar("CM99-9999999") is None
    assert idx.similar(source.id, item=99) is None


def test_letter_view_marks_hits(built):
    _, idx, letters, _ = built
    res = idx.search("trainer", limit=1)
    view = idx.letter(res.letters[0].id, query="trainer")
    assert view is not None and view.hits
    for hit in view.hits:
        if hit.item is None:
            text = view.letter.summary
        else:
            it = view.letter.items[hit.item - 1]
            text = {"request": it.request, "rationale": it.rationale,
                    "claims_administrator_guideline": it.claims_administrator_guideline,
                    "reviewer_guideline": it.reviewer_guideline}[hit.field]
        assert text[hit.start:hit.end].lower().startswith("trainer")
    assert idx.letter("CM99-9999999") is None


def test_stats_split_by_outcome(built):
    _, idx, letters, _ = built
    rows, _ = idx.stats("category:pharmaceuticals")
    by_dim = {}
    for r in rows:
        by_dim.setdefault(r.dimension, []).append(r)
        assert r.items == r.upheld + r.overturned
    assert set(by_dim) == {"category", "treatment", "specialty", "cites", "year"}
    (cat,) = by_dim["category"]
    items = [it for l in letters.values() for it in l.items if it.category == "Pharmaceuticals"]
    assert (cat.key, cat.items, cat.overturned) == ("Pharmaceuticals", len(items), sum(it.outcome == "overturned" for it in items))


def test_missing_index_and_schema_mismatch(tmp_path, built):
    with pytest.raises(IndexNotFound, match="imr-search index"):
        open_index(tmp_path / "nothing")
    _, idx, _, _ = built
    root = tmp_path / "copy"
    import shutil

    shutil.copytree(idx.root, root)
    meta = store.current(root) / store.META
    data = json.loads(meta.read_text())
    data["schema_version"] = 0
    meta.write_text(json.dumps(data))
    with pytest.raises(SchemaMismatch, match="rebuild with `imr-search index`"):
        open_index(root)


def test_rebuild_switches_atomically_and_reload_picks_it_up(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 40, seed=9)
    build([corpus], tmp_path / "index", jobs=1)
    idx = open_index(tmp_path / "index")
    before = idx.search("", limit=ALL)
    extra = tmp_path / "c2"
    write_corpus(extra, 10, seed=10)
    build([corpus, extra], tmp_path / "index", jobs=1)
    assert idx.search("", limit=ALL).total_items == before.total_items  # still the old version
    assert idx.reload()
    assert idx.search("", limit=ALL).total_items > before.total_items
    leftovers = sorted(p.name for p in (tmp_path / "index").iterdir())
    assert leftovers == sorted([store.POINTER, store.LOCK, idx.version.name])


def test_same_text_under_two_case_numbers_is_two_cases(tmp_path):
    import msgspec

    from imr_search.synth import make_letter, render

    letter = make_letter(random.Random(8), "CM18-0000001")
    twin = msgspec.structs.replace(letter, id="CM18-0000002", case_number="CM18-0000002")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(render(letter, "pdf-text"))
    (corpus / "b.txt").write_text(render(twin, "pdf-text"))
    (corpus / "c.txt").write_text(render(letter, "pdf-text-noheader"))  # a copy of one of them
    report = build([corpus], tmp_path / "index", jobs=1)
    assert report.letters == 2 and len(report.duplicates) == 1
