"""Snippets and letter-view hits, cut field by field as the section table says.

The table (``index.schema.SECTION_FIELDS``) feeds the index, the snippets
and the hits alike: a word the index found in a field is marked in that
field's own text, the canonical treatment name and the diagnoses included.
"""

from __future__ import annotations

import msgspec
import pytest

from imr_search.index.schema import LIST_JOINER, SECTION_FIELDS, SECTION_JOINER, SECTIONS, SectionField, field_text, section_texts
from imr_search.query import highlight
from imr_search.query.reader import LETTER_VIEW_FIELDS
from imr_search.query.snapshot import Snapshot
from imr_search.records import Item, Letter, Partial

from .small_index import ALL, Small, small, tokens  # noqa: F401


@pytest.fixture(scope="module")
def snap(small: Small) -> Snapshot:  # noqa: F811
    return Snapshot(small.idx.root)


def _letter_hits(snap: Snapshot, letter: Letter, query: str) -> list:  # type: ignore[type-arg]
    q = snap.text_query(snap.parse(query))
    assert q is not None
    return highlight.letter_hits(snap, letter, q)


def _text_of(letter: Letter, hit) -> str:  # type: ignore[no-untyped-def]
    (source,) = [s for s in SECTION_FIELDS if s.field == hit.field]
    return field_text(source, letter, None if hit.item is None else letter.items[hit.item - 1])


# -- the table -----------------------------------------------------------------


def test_every_section_is_its_fields_in_table_order(small: Small) -> None:  # noqa: F811
    for letter, it in small.items():
        texts = section_texts(letter, it)
        assert set(texts) == set(SECTIONS)
        for section in SECTIONS:
            parts = [field_text(s, letter, it) for s in SECTION_FIELDS if s.section == section]
            once = list(dict.fromkeys(p for p in parts if p))  # a text two fields share is indexed once
            assert texts[section] == SECTION_JOINER.join(once)
        assert field_text(SectionField("summary", "letter", "diagnoses"), letter, None) == LIST_JOINER.join(letter.diagnoses)


def test_a_row_can_name_a_nested_or_list_field() -> None:
    """What later rows need: partial wording (absent on most items), credentials (a list)."""
    letter = Letter(id="CM1", case_number=None, fingerprint="", source="", shape="pdf-text")
    letter.reviewer.licensure = ["California", "Oregon"]
    item = Item(item=1, request="Norco #120", outcome="upheld")
    original = SectionField("treatment", "item", "partial.original")
    assert field_text(original, letter, item) == ""
    partly = msgspec.structs.replace(item, partial=Partial(original="Norco #120", authorized="Norco #60"))
    assert field_text(original, letter, partly) == "Norco #120"
    assert field_text(SectionField("summary", "letter", "reviewer.licensure"), letter, None) == "California; Oregon"
    with pytest.raises(AttributeError):
        field_text(SectionField("summary", "letter", "no_such_field"), letter, None)


# -- letter-view hits ------------------------------------------------------------


def _canonical_only(small: Small) -> tuple[Letter, Item, str]:  # noqa: F811
    """An item whose canonical treatment name holds a word its request lacks ("Flexeril" -> cyclobenzaprine)."""
    for letter, it in small.items():
        missing = [w for w in tokens(it.treatment) if len(w) > 5 and not any(t.startswith(w[:5]) for t in tokens(it.request))]
        if missing:
            return letter, it, missing[0]
    raise AssertionError("no brand-name request in the small corpus")


def test_a_word_of_the_canonical_treatment_name_is_marked_there(small: Small, snap: Snapshot) -> None:  # noqa: F811
    letter, it, word = _canonical_only(small)
    hits = _letter_hits(snap, letter, word)
    there = [h for h in hits if (h.item, h.field) == (it.item, "treatment")]
    assert there and all(it.treatment[h.start : h.end].lower() == word for h in there)
    assert not [h for h in hits if (h.item, h.field) == (it.item, "request")]


def test_a_word_of_a_diagnosis_is_marked_in_the_diagnoses_and_the_summary(small: Small, snap: Snapshot) -> None:  # noqa: F811
    letter = next(l for l in small.letters.values() if "coccydynia" in l.diagnoses)
    hits = _letter_hits(snap, letter, "coccydynia")
    listed = LIST_JOINER.join(letter.diagnoses)
    diagnoses = [h for h in hits if h.field == "diagnoses"]
    assert diagnoses and all(h.item is None and listed[h.start : h.end] == "coccydynia" for h in diagnoses)
    assert any(h.field == "summary" for h in hits)


@pytest.mark.parametrize("query", ["lidocaine", "injection", '"nerve root block"', "rationale:necessary", "lumbar spine", "cyclobenzaprine"])
def test_every_hit_covers_a_query_word_in_its_own_field(small: Small, snap: Snapshot, query: str) -> None:  # noqa: F811
    words = [w[:5] for w in tokens(query) if w not in ("rationale",)]
    res = small.idx.search(query, limit=5)
    assert res.letters
    for found in res.letters:
        letter = small.letters[found.id]
        hits = _letter_hits(snap, letter, query)
        assert {(h.item, h.field) for h in hits} <= {(it.item, s.field) for it in letter.items for s in SECTION_FIELDS if s.level == "item"} | {
            (None, s.field) for s in SECTION_FIELDS if s.level == "letter"
        }
        assert hits, found.id
        for h in hits:
            assert _text_of(letter, h)[h.start : h.end].lower().startswith(tuple(words)), (h, query)
        view = small.idx.letter(found.id, query)
        assert view is not None
        assert view.hits == [h for h in hits if h.field in LETTER_VIEW_FIELDS]


# -- snippets ----------------------------------------------------------------------


def _snippets(small: Small, query: str) -> dict[tuple[str, int], dict[str, object]]:  # noqa: F811
    res = small.idx.search(query, limit=ALL)
    return {(h.id, ih.item): {s.field: s for s in ih.snippets} for h in res.letters for ih in h.items}


def test_an_item_found_by_its_canonical_name_shows_that_name(small: Small) -> None:  # noqa: F811
    letter, it, word = _canonical_only(small)
    snip = _snippets(small, word)[(letter.id, it.item)]["treatment"]
    assert snip.text == it.treatment  # type: ignore[attr-defined]
    assert [snip.text[s:e].lower() for s, e in snip.highlights] == [word]  # type: ignore[attr-defined]


def test_the_request_comes_before_the_canonical_name(small: Small) -> None:  # noqa: F811
    found = _snippets(small, "lidocaine")
    assert found
    for (letter_id, no), by_section in found.items():
        it = small.letters[letter_id].items[no - 1]
        snip = by_section.get("treatment")
        if "lidocaine" in tokens(it.request):
            assert snip is not None and snip.text in it.request  # type: ignore[attr-defined]


def test_snippets_come_from_one_field_and_highlight_query_words(small: Small) -> None:  # noqa: F811
    for query in ("odg", "lidocaine", '"medically necessary"', "coccydynia", "injection"):
        words = tuple(w[:5] for w in tokens(query))
        for (letter_id, no), by_section in _snippets(small, query).items():
            letter = small.letters[letter_id]
            it = letter.items[no - 1]
            for section, snip in by_section.items():
                texts = [field_text(s, letter, it) for s in SECTION_FIELDS if s.section == section]
                assert any(snip.text in t for t in texts), (query, section)  # type: ignore[attr-defined]
                assert snip.highlights and all(snip.text[s:e].lower().startswith(words) for s, e in snip.highlights)  # type: ignore[attr-defined]
                assert len(snip.text) <= highlight.SNIPPET_CHARS + 20  # type: ignore[attr-defined]


def test_the_summary_snippet_is_the_same_for_every_item_of_a_letter(small: Small) -> None:  # noqa: F811
    by_letter: dict[str, list[object]] = {}
    for (letter_id, _), by_section in _snippets(small, "outcome:upheld coccydynia").items():
        by_letter.setdefault(letter_id, []).append(by_section.get("summary"))
    assert any(len(v) > 1 for v in by_letter.values())
    assert all(len({repr(s) for s in v}) == 1 for v in by_letter.values())
