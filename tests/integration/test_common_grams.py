"""The common-grams path finds exactly what the plain phrase query finds, scored the same.

Two thousand generated letters of every layout; phrases cut from their own
section texts: two common words, a common and a rarer word, three words, in
each section and unscoped, with filters, negated, and with slop (which the
grams leave alone). Each query runs with the gram terms and without them
(``language.COMMON_GRAMS``) and must give the same items with the same
scores (as shown: to four places) and the same count.
"""

from __future__ import annotations

import random
import re

import pytest

from imr_search.index.common_words import COMMON_WORDS
from imr_search.index.schema import GRAM_SUFFIX, SECTIONS, phrase_grams, section_values
from imr_search.query import language, search

from ..unit.small_index import ALL, build_small

LETTERS = 2000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_small(tmp_path_factory.mktemp("grams"), count=LETTERS, seed=12, older=True)


def _phrases(small, rng: random.Random) -> list[str]:
    """Quoted phrases from the letters' own section texts, scoped and not."""
    out: list[str] = []
    items = small.items()
    while len(out) < 120:
        letter, it = rng.choice(items)
        section, texts = rng.choice([(s, t) for s, t in section_values(letter, it).items() if t])
        words = re.findall(r"[A-Za-z]+", rng.choice(texts).lower())
        spots = [i for i in range(len(words) - 2) if words[i] in COMMON_WORDS]
        if not spots:
            continue
        i = rng.choice(spots)
        kind = len(out) % 4
        if kind == 0 and words[i + 1] not in COMMON_WORDS:
            continue  # two common words
        if kind == 1 and words[i + 1] in COMMON_WORDS:
            continue  # a common and a rarer word
        phrase = " ".join(words[i : i + (3 if kind == 2 else 2)])
        out.append(f'{section}:"{phrase}"' if kind == 3 else f'"{phrase}"')
    return out


def _answer(idx, query: str) -> tuple:
    """Every matching item with its score as shown, and the count (what a page of results is cut from)."""
    snap = idx._snap
    groups, total = search._collect(snap, snap.query(snap.parse(query)), ALL, "relevance", True)
    return total, sorted((lno, no, search.shown(score)) for lno, items in groups.items() for score, no in items)


def test_gram_path_gives_the_plain_phrase_results(corpus, monkeypatch):
    rng = random.Random(5)
    phrases = _phrases(corpus, rng)
    queries = phrases + [
        f"{p} outcome:upheld" for p in phrases[:20]
    ] + [f"{p} decided:2013..2015 category:pharmaceuticals" for p in phrases[20:30]] + [
        f"pain -{p}" for p in phrases[30:50]
    ] + [f"{p}~2" for p in phrases[50:70] if not p.startswith(tuple(SECTIONS))] + [
        f"{a} OR {b}" for a, b in zip(phrases[70:80], phrases[80:90])
    ]
    used = found = 0
    for q in queries:
        parsed = corpus.idx._snap.parse(q)
        with_grams = _answer(corpus.idx, q)
        monkeypatch.setattr(language, "COMMON_GRAMS", False)
        plain = _answer(corpus.idx, q)
        monkeypatch.setattr(language, "COMMON_GRAMS", True)
        assert with_grams == plain, q
        used += bool(GRAM_SUFFIX + ":" in parsed.text)
        found += bool(plain[1])
    assert found > len(queries) * 0.8  # the phrases come from the letters: most must be found
    assert used > len(queries) * 0.5, (used, found, len(queries))  # and most took the gram path


def test_phrase_grams_are_the_common_pairs():
    assert phrase_grams("is not medically necessary") == ["is_not", "not_medically", "medically_necessary"]
    assert phrase_grams("the shoulder") == []  # a rarer word already leads the intersection
    assert phrase_grams("of the patient of the") == ["of_the", "the_patient", "patient_of"]
    assert phrase_grams("of " + "x" * 40 + " the") == ["of_the"]  # the tokenizer drops the long word: a pair no phrase needs, harmless
