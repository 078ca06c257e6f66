"""Typo correction: a query that finds nothing is retried with its unknown words replaced.

Only words are corrected, bare or scoped to a section (``treatment:acupunture``
is a typo as much as ``acupunture``); a quoted phrase means the words as
written. Words are corrected only towards words of the canonical treatment
names this index holds, which is what people misspell when they search
("accupunctre").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..index.schema import EXACT_SUFFIX
from .language import Parsed
from .snapshot import Snapshot

_CUTOFF = 70
"""How alike (rapidfuzz ratio, 0-100) a word and its replacement must be."""
_KNOWN_IN = ("treatment", "rationale")
"""The sections whose words a bare word is known by."""


def corrected(snap: Snapshot, parsed: Parsed) -> tuple[Parsed, str] | None:
    """``parsed`` with unknown words replaced by the nearest treatment words, and the words
    as corrected, scoped ones with their section ("showing results for treatment:acupuncture");
    None when nothing was replaced."""
    vocab = _treatment_words(snap)
    scopes = parsed.scopes
    words = [_nearest(snap, w, vocab, (s,) if s else _KNOWN_IN) for w, s in zip(parsed.words, scopes, strict=True)]
    if words == parsed.words:
        return None
    new_text = parsed.text
    for old, new, scope in zip(parsed.words, words, scopes):
        if old != new:
            # A bare word stands alone in the Tantivy text, a scoped one after its "section:".
            at = rf"(?<![\w:]){re.escape(scope)}:" if scope else r"(?<![\w:])"
            prefix = f"{scope}:" if scope else ""
            new_text = re.sub(at + rf"{re.escape(old)}(?!\w)", prefix + new, new_text, count=1, flags=re.I)
    fixed = Parsed(text=new_text, filters=parsed.filters, hints=parsed.hints, words=words, scopes=scopes,
                   phrases=parsed.phrases)
    return fixed, " ".join(f"{scope}:{w}" if scope else w for w, scope in zip(words, scopes))


def _nearest(snap: Snapshot, word: str, vocab: list[str], sections: tuple[str, ...]) -> str:
    """``word`` itself if one of ``sections`` holds it, else the closest treatment word (if close)."""
    searcher = snap.searcher
    if not vocab or any(searcher.doc_freq(s + EXACT_SUFFIX, word) for s in sections):
        return word
    match = process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    return match[0] if match else word


def _treatment_words(snap: Snapshot) -> list[str]:
    words: set[str] = set()
    for name in snap.meta.get("treatments", {}):
        words.update(w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 2)
    return sorted(words)
