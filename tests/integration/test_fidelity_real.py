"""Real letters: every phrase a letter says (outside the state's boilerplate) finds that letter and no other.

Indexed from their text files and, separately, from the state's PDFs.
Phrases are sampled from the letters' own text, not from what the parser
made of it: paragraphs (lines joined), one at a time, from the clinical case
summary to the end, with their labels taken off. So a paragraph the parser
lost, or a field the index leaves out, is a miss. Skipped where
``../shared`` is absent.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from imr_search import open_index
from imr_search.index import build
from imr_search.parse import parse_file

from ..conftest import REAL, SEEDS, real_files

LABEL = re.compile(r"^[A-Z][A-Za-z()/ ]{2,80}:\s*")
"""A label opening a paragraph ("MAXIMUS guideline:", "Reason for the Decision:"): the label is layout, not the letter's words."""
BOILERPLATE = re.compile(
    r"^(?:The expert reviewer developed the following|The Final Determination was based on|"
    r"The Expert Reviewer has the following credentials)",
    re.I,
)
"""Sentences every letter carries the same (the record keeps what they introduce, not them)."""
DECISION = re.compile(r"\s*:\s*(?:Upheld|Overturned)\s*\.?\s*$", re.I)
"""An item's decision at the end of its line: the outcome is a filter (outcome:upheld), not words of the text."""
MARKUP = re.compile(r"</?b>|\*\*|^#{1,6} ", re.M)
"""The emphasis and heading marks of the letters converted from the state's web pages."""
PHRASES_PER_LETTER = 12


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _paragraphs(text: str) -> list[str]:
    """The letter's paragraphs from the case summary on, lines joined, labels and headings taken off."""
    text = MARKUP.sub("", text)
    start = re.search(r"^\s*CLINICAL CASE SUMMARY\s*$", text, re.M)
    body = text[start.end() :] if start else text
    out = []
    for block in re.split(r"\n\s*\n", body):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        lines = [ln for ln in lines if not (ln.isupper() and len(ln) > 3)]  # headings
        lines = [DECISION.sub("", ln) for ln in lines]
        if not lines or any(ln.endswith("-") for ln in lines):  # a word broken at a line end: its halves are not words
            continue
        para = LABEL.sub("", " ".join(lines))
        if para and not BOILERPLATE.match(para):
            out.append(para)
    return out


def _anywhere(text: str) -> list[list[str]]:
    """Every word of the letter in order, lines joined, read both ways where a line ends in a hyphen."""
    text = DECISION.sub("", MARKUP.sub("", text).replace("\r", ""))
    text = "\n".join(DECISION.sub("", ln) for ln in text.splitlines())
    return [_words(text), _words(re.sub(r"-\s*\n\s*", "", text))]


def _holds(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


@pytest.fixture(scope="module", params=["text", "pdf"])
def real_index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The real letters indexed from their text files (and the seeds), or from the state's PDFs.

    The words a letter says are read from its text twin either way.
    """
    if request.param == "text":
        files = real_files(REAL, "*.txt") + real_files(SEEDS, "*.txt")
    else:
        files = real_files(REAL, "*.pdf")
    if not files:
        pytest.skip("../shared letters not present")
    corpus = tmp_path_factory.mktemp("real-corpus")
    for f in files:
        shutil.copy(f, corpus / f"{f.parent.name}-{f.name}")
    root = tmp_path_factory.mktemp("real-index") / "index"
    report = build([corpus], root, jobs=2)
    assert not report.skipped, report.skipped
    texts: dict[str, str] = {}
    for f in sorted(corpus.iterdir()):  # which letter each file became (a seed without a case number has an h- id)
        twin = next(g for g in files if f.name == f"{g.parent.name}-{g.name}").with_suffix(".txt")
        texts.setdefault(parse_file(f).id, twin.read_text(errors="replace"))
    return root, texts


def test_every_real_letter_is_indexed(real_index: tuple[Path, dict[str, str]]) -> None:
    root, texts = real_index
    assert open_index(root).letters_count == len(texts) >= len(real_files(REAL, "*.pdf"))


def test_phrases_from_real_letters_find_exactly_the_letters_that_say_them(real_index: tuple[Path, dict[str, str]]) -> None:
    root, texts = real_index
    idx = open_index(root)
    said = {letter_id: [_words(p) for p in _paragraphs(text)] for letter_id, text in texts.items()}
    whole = {letter_id: _anywhere(text) for letter_id, text in texts.items()}
    rng = random.Random(11)
    misses, checked = [], 0
    for letter_id, paragraphs in sorted(said.items()):
        candidates = [p for p in paragraphs if len(p) >= 3]
        for _ in range(PHRASES_PER_LETTER):
            words = rng.choice(candidates)
            at = rng.randrange(len(words) - 2)
            phrase = words[at : at + 3]
            want = {other for other, streams in whole.items() if any(_holds(w, phrase) for w in streams)}
            got = {h.id for h in idx.search('"' + " ".join(phrase) + '"', limit=100).letters}
            checked += 1
            if letter_id not in got or got - want:
                misses.append(f"{letter_id} {' '.join(phrase)!r}: not found {letter_id not in got}, found where not said {sorted(got - want)}")
    assert checked >= 100
    assert not misses, f"{len(misses)} of {checked}:\n" + "\n".join(misses[:20])
