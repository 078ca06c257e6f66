"""Every word a record keeps is found, in letters of every layout: each field of the section table, by a bare word and a quoted phrase.

Phrases are sampled from each field's own text (``index.schema.SECTION_FIELDS``
says which record field feeds which section), searched unscoped and in their
section, and must find every letter that holds them (recall) and only such
letters (precision: the phrase's words, in order, inside one section of one
of its items).
"""

from __future__ import annotations

import random
import re
from collections import Counter

from imr_search.index.schema import SECTION_FIELDS, SECTIONS, field_text, section_values

import pytest

from .small_index import ALL, Small, build_small, tokens

LAYOUTS_SEEN = {"standard", "notice", "maximus", "professional-review"}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Small:
    """Generated letters of every layout (2013-2014 letters may take the older ones), built for real."""
    built = build_small(tmp_path_factory.mktemp("fidelity"), count=80, seed=3, older=True)
    assert {letter.layout for letter in built.letters.values()} == LAYOUTS_SEEN
    return built

PER_FIELD = 12
"""Phrases sampled per table row (fewer where the letters hold fewer)."""


def _holds(section_tokens: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(section_tokens[i : i + n] == words for i in range(len(section_tokens) - n + 1))


def _truth(small: Small, words: list[str], section: str | None) -> set[str]:
    """Letters with an item whose section (any section, for None) holds ``words`` in order, inside one of its texts."""
    found = set()
    for letter, it in small.items():
        values = section_values(letter, it)
        if any(_holds(tokens(v), words) for s in ([section] if section else SECTIONS) for v in values[s]):
            found.add(letter.id)
    return found


def _samples(small: Small) -> list[tuple[str, list[str]]]:
    """(section, phrase words) drawn from every table row that some letter fills."""
    rng = random.Random(7)
    out: list[tuple[str, list[str]]] = []
    for source in SECTION_FIELDS:
        texts = [
            field_text(source, letter, it)
            for letter, it in small.items()
            if source.level == "item" or it.item == 1
        ]
        texts = [t for t in texts if len(tokens(t)) >= 1]
        for text in rng.sample(texts, min(PER_FIELD, len(texts))):
            toks = tokens(text)
            n = min(len(toks), rng.choice((1, 2, 3)))
            start = rng.randrange(len(toks) - n + 1)
            out.append((source.section, toks[start : start + n]))
    return out


def test_every_section_of_the_table_is_sampled(small: Small) -> None:
    sections = Counter(section for section, _ in _samples(small))
    assert set(sections) == set(SECTIONS), sections


def test_quoted_phrases_find_exactly_the_letters_that_hold_them(small: Small) -> None:
    misses: list[str] = []
    for section, words in _samples(small):
        phrase = " ".join(words)
        for scope in (None, section):
            query = f'"{phrase}"' if scope is None else f'{scope}:"{phrase}"'
            got = {h.id for h in small.idx.search(query, limit=ALL).letters}
            want = _truth(small, words, scope)
            if got != want:
                misses.append(f"{query}: missed {sorted(want - got)[:3]}, extra {sorted(got - want)[:3]}")
    assert not misses, "\n".join(misses)


def test_bare_words_find_every_letter_that_holds_them(small: Small) -> None:
    misses: list[str] = []
    for section, words in _samples(small):
        word = words[0]
        if not re.fullmatch(r"[a-z]+", word):
            continue  # numbers and codes are phrases to the query language ("l5-s1"), tested above
        for scope in (None, section):
            query = word if scope is None else f"{scope}:{word}"
            got = {h.id for h in small.idx.search(query, limit=ALL).letters}
            want = _truth(small, [word], scope)
            if not want <= got:
                misses.append(f"{query}: missed {sorted(want - got)[:3]}")
    assert not misses, "\n".join(misses)


NOT_LETTER_WORDS = {
    "Letter": {
        "id", "case_number", "fingerprint", "source", "shape", "layout", "date_assigned", "date_of_injury",
        "decision_date", "ur_denial_date", "application_received", "priority", "patient", "items",
        "notes",  # the parser's words about the letter, not the letter's
    },
    "Item": {
        "item", "outcome", "quantity", "frequency", "duration",  # numbers and the decision: filters, not words
        "category", "subcategory", "body_part",  # the state's classification: exact filters (category:, body:)
        "citations",  # read out of the two guideline paragraphs, which are indexed whole
    },
}


def test_every_text_the_record_keeps_feeds_a_section() -> None:
    """A record field holding the letter's words is in the section table, or named above with the reason."""
    import msgspec

    from imr_search.records import Item, Letter

    fed = {(f.level, f.field.split(".")[0]) for f in SECTION_FIELDS}
    for level, struct in (("letter", Letter), ("item", Item)):
        for field in msgspec.structs.fields(struct):
            if field.name in NOT_LETTER_WORDS[struct.__name__]:
                assert (level, field.name) not in fed, f"{field.name} is both fed and excluded"
            else:
                assert (level, field.name) in fed, f"{struct.__name__}.{field.name} feeds no section"
