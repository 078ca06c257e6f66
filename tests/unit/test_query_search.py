"""Searching a small real index: words, phrases, sections, filters, order, typos.

Every expectation is computed from the parsed letters and the section table
(``index.schema.section_texts``: what the writer indexed), never from the
index itself.
"""

from __future__ import annotations

import pytest

from imr_search.index.schema import SECTIONS, section_texts, section_values

from .small_index import ALL, Small, ids, items, small, tokens  # noqa: F401


def _where(s: Small, found) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Items whose ``found(section, tokens)`` holds for some text of some section (the index holds them apart)."""
    return {
        (letter.id, it.item)
        for letter, it in s.items()
        if any(found(section, tokens(v)) for section, values in section_values(letter, it).items() for v in values)
    }


def _has_run(toks: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(toks[i : i + n] == words for i in range(len(toks) - n + 1))


@pytest.mark.parametrize("word", ["lidocaine", "injection", "sildenafil", "ultrasound"])
def test_a_bare_word_finds_every_item_holding_it_and_only_its_forms(small: Small, word: str) -> None:
    res = small.idx.search(word, limit=ALL)
    exact = _where(small, lambda _, toks: word in toks)
    stem = word[:6]
    forms = _where(small, lambda _, toks: any(t.startswith(stem) for t in toks))
    assert exact and exact <= items(res) <= forms
    assert res.total_items == len(items(res)) and not res.hints and res.corrected is None


def test_a_quoted_phrase_finds_exactly_the_items_holding_its_words_in_order(small: Small) -> None:
    for phrase in ("nerve root block", "physical therapy", "lumbar spine", "medically necessary"):
        words = phrase.split()
        expected = _where(small, lambda _, toks: _has_run(toks, words))
        assert expected, phrase
        assert items(small.idx.search(f'"{phrase}"', limit=ALL)) == expected, phrase


def test_a_section_prefix_looks_in_that_section_only(small: Small) -> None:
    for query, section, word in (
        ("treatment:lidocaine", "treatment", "lidocaine"),
        ("request:cyclobenzaprine", "treatment", "cyclobenzaprine"),  # an alias; the canonical name of "Flexeril"
        ('rationale:"lidocaine"', "rationale", "lidocaine"),
        ('summary:"coccydynia"', "summary", "coccydynia"),
        ('guideline:"odg"', "guideline", "odg"),
    ):
        expected = _where(small, lambda sec, toks: sec == section and word in toks)
        assert expected, query
        assert items(small.idx.search(query, limit=ALL)) == expected, query
    assert set(SECTIONS) == {"treatment", "rationale", "guideline", "summary", "credentials", "docs"}


@pytest.mark.parametrize(
    "query, check",
    [
        ("outcome:overturned", lambda l, it: it.outcome == "overturned"),
        ("category:pharmaceuticals", lambda l, it: it.category == "Pharmaceuticals"),
        ("category:pharma", lambda l, it: it.category == "Pharmaceuticals"),  # a prefix of a known value
        ("cites:ODG", lambda l, it: any(c.source == "ODG" and c.by == "reviewer" for c in it.citations)),
        ("cites:non-mtus", lambda l, it: any(c.source == "other" and c.by == "reviewer" for c in it.citations)),
        ("decided:2016", lambda l, it: (l.decision_date or "").startswith("2016")),
        ("decided:2015-06..2016-03", lambda l, it: "2015-06-01" <= (l.decision_date or "") <= "2016-03-31"),
        ("body:wrist", lambda l, it: "wrist" in tokens(it.body_part or "")),
        ("lidocaine outcome:upheld", lambda l, it: it.outcome == "upheld" and "lidocaine" in tokens(" ".join(section_texts(l, it).values()))),
        ("-outcome:upheld", lambda l, it: it.outcome != "upheld"),
    ],
)
def test_filters_restrict_exactly(small: Small, query: str, check) -> None:  # type: ignore[no-untyped-def]
    expected = {(l.id, it.item) for l, it in small.items() if check(l, it)}
    res = small.idx.search(query, limit=ALL)
    assert expected and items(res) == expected, query
    assert res.total_items == len(expected)


def test_a_filter_value_nobody_uses_is_a_hint(small: Small) -> None:
    res = small.idx.search("cites:xyz")
    assert not res.letters and res.hints == ["cites: is MTUS, ACOEM, ODG or other, not 'xyz'"]
    assert small.idx.search("category:zzz").hints == ["no category named 'zzz'"]


def test_exclusion_is_per_item(small: Small) -> None:
    lidocaine = items(small.idx.search("lidocaine", limit=ALL))
    patch = items(small.idx.search("patch", limit=ALL))
    without = items(small.idx.search("lidocaine -patch", limit=ALL))
    assert patch & lidocaine and without == lidocaine - patch


def test_equal_scores_list_by_id(small: Small) -> None:
    res = small.idx.search("outcome:upheld", limit=ALL)
    scores = {h.score for h in res.letters}
    assert len(scores) == 1  # a filter alone scores every item alike
    assert ids(res) == sorted(ids(res)) == sorted({l.id for l, it in small.items() if it.outcome == "upheld"})


def test_best_first_and_a_letter_ranks_by_its_best_item(small: Small) -> None:
    res = small.idx.search("lidocaine", limit=ALL)
    scores = [h.score for h in res.letters]
    assert scores == sorted(scores, reverse=True)
    for h in res.letters:
        assert h.score == max(ih.score for ih in h.items)
        assert [ih.score for ih in h.items] == sorted((ih.score for ih in h.items), reverse=True)


def test_sort_by_date_newest_first_undated_last_ties_by_id(small: Small) -> None:
    res = small.idx.search("", limit=ALL, sort="date")
    assert res.sort == "date" and len(res.letters) == len(small.letters)
    keys = [(h.decision_date or "", h.id) for h in res.letters]
    dated = [k for k in keys if k[0]]
    assert keys[: len(dated)] == dated and all(not d for d, _ in keys[len(dated) :])
    assert [d for d, _ in dated] == sorted((d for d, _ in dated), reverse=True)
    undated = [i for d, i in keys if not d]
    assert undated and undated == sorted(undated)
    assert all(ih.score == 0.0 for h in res.letters for ih in h.items)  # no score when ordered by date
    # items of a letter in their own order
    assert all([ih.item for ih in h.items] == sorted(ih.item for ih in h.items) for h in res.letters)


def test_limit_cuts_letters_not_the_count(small: Small) -> None:
    everything = small.idx.search("injection", limit=ALL)
    top = small.idx.search("injection", limit=3)
    assert len(top.letters) == 3 and top.total_items == everything.total_items > 3
    assert ids(top) == ids(everything)[:3]
    assert small.idx.search("injection", limit=3, count=False).total_items is None


@pytest.mark.parametrize("query", ["injection", "pain", "patient therapy", '"the request"', "pain outcome:upheld"])
def test_a_shown_letters_other_items_score_as_the_query_scores_them(small: Small, query: str) -> None:
    """The items of the top letters past the first page of hits are fetched by a second query
    (restricted to those letters); they keep the scores the whole search gives them."""
    everything = {(h.id, ih.item): ih.score for h in small.idx.search(query, limit=ALL).letters for ih in h.items}
    top = small.idx.search(query, limit=2)
    assert len(top.letters) == 2
    assert {(h.id, ih.item): ih.score for h in top.letters for ih in h.items}.items() <= everything.items()


def test_typos_are_corrected_towards_treatment_words(small: Small) -> None:
    res = small.idx.search("lidocane", limit=ALL)
    assert res.corrected == "lidocaine"
    assert ids(res) == ids(small.idx.search("lidocaine", limit=ALL))
    assert small.idx.search('"lidocane"').total_items == 0  # quoted: the words as written
    assert small.idx.search("lidocaine").corrected is None


@pytest.mark.parametrize(("typed", "meant"), [("treatment:acupunture", "treatment:acupuncture"),
                                             ("request:acupunture", "treatment:acupuncture"),
                                             ("rationale:lidocane", "rationale:lidocaine")])
def test_a_typo_in_a_scoped_word_is_corrected_as_a_bare_one(small: Small, typed: str, meant: str) -> None:
    res = small.idx.search(typed, limit=ALL)
    assert res.corrected == meant
    assert items(res) == items(small.idx.search(meant, limit=ALL)) and res.total_items
    assert small.idx.search(meant).corrected is None


def test_only_the_misspelt_word_is_corrected_and_the_query_keeps_its_order(small: Small) -> None:
    res = small.idx.search("lidocaine treatment:lidocane outcome:upheld", limit=ALL)
    assert res.corrected == "lidocaine treatment:lidocaine"
    assert items(res) == items(small.idx.search("lidocaine treatment:lidocaine outcome:upheld", limit=ALL)) != set()


@pytest.mark.parametrize("query", ['"nerve root', "block )", "outcome:maybe", "decided:someday", "nosuchfield:x", "(mri OR", "OR", "-"])
def test_bad_syntax_gets_a_hint_not_an_exception(small: Small, query: str) -> None:
    assert small.idx.search(query).hints


def test_letters_by_id_any_case(small: Small) -> None:
    some = next(iter(small.letters))
    view = small.idx.letter(some.lower())
    assert view is not None and view.letter.id == some and view.hits == []
    assert small.idx.letter("CM99-9999999") is None
