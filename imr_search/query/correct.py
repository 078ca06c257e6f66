"""Typo correction: a query that finds nothing is retried with its unknown words replaced.

Only bare words are corrected (a quoted phrase means the words as written),
and only towards words of the canonical treatment names this index holds,
which is what people misspell when they search ("accupunctre").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..index.schema import EXACT_SUFFIX
from .language import Parsed
from .snapshot import Snapshot

_CUTOFF = 70
"""How alike (rapidfuzz ratio, 0-100) a word and its replacement must be."""


def corrected(snap: Snapshot, parsed: Parsed) -> tuple[Parsed, str] | None:
    """``parsed`` with unknown words replaced by the nearest treatment words, and the words
    as corrected ("showing results for ..."); None when nothing was replaced."""
    vocab = _treatment_words(snap)
    words = [_nearest(snap, w, vocab) for w in parsed.words]
    if words == parsed.words:
        return None
    new_text = parsed.text
    for old, new in zip(parsed.words, words):
        if old != new:
            new_text = re.sub(rf"(?<![\w:]){re.escape(old)}(?!\w)", new, new_text, count=1, flags=re.I)
    fixed = Parsed(text=new_text, filters=parsed.filters, hints=parsed.hints, words=words, phrases=parsed.phrases)
    return fixed, " ".join(words)


def _nearest(snap: Snapshot, word: str, vocab: list[str]) -> str:
    """``word`` itself if the index holds it, else the closest treatment word (if close)."""
    searcher = snap.searcher
    if not vocab or searcher.doc_freq("treatment" + EXACT_SUFFIX, word) or searcher.doc_freq("rationale" + EXACT_SUFFIX, word):
        return word
    match = process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    return match[0] if match else word


def _treatment_words(snap: Snapshot) -> list[str]:
    words: set[str] = set()
    for name in snap.meta.get("treatments", {}):
        words.update(w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 2)
    return sorted(words)
