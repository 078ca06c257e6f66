"""Similar cases: items of other letters most like one letter's item(s).

The item's most telling words (its rationale and request, the letter's
diagnoses or the start of its summary; see ``_telling_terms``), plus boosts
for the same canonical treatment, category and body part. ``contrast`` keeps only items decided the
other way, which is what a reviewer or an applicant looks for.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import tantivy

from ..index.schema import STEMMED_ANALYZER
from ..records import Item, Letter
from .results import SimilarItem
from .snapshot import Snapshot


def similar(snap: Snapshot, letter_id: str, item: int | None, contrast: bool, limit: int) -> list[SimilarItem] | None:
    """The ``limit`` best items, ties by id; None for an unknown id or item."""
    letter = snap.letter(letter_id)
    if letter is None:
        return None
    if item is not None and not 1 <= item <= len(letter.items):
        return None
    sources = [letter.items[item - 1]] if item else letter.items
    best: dict[tuple[int, int], float] = {}  # (letter ordinal, item) -> score
    for it in sources:
        q = _query(snap, letter, it, contrast)
        for key, score in snap.keyed(snap.searcher.search(q, limit * 3, count=False)):
            best[key] = max(best.get(key, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    cutoff = ranked[min(limit, len(ranked)) - 1][1] if ranked else 0.0
    found = [(score, other, no) for (lno, no), score in ranked if score >= cutoff and (other := snap.letter_at(lno))]
    out = []
    for score, other, no in sorted(found, key=lambda f: (-f[0], f[1].id, f[2]))[:limit]:  # ties by id
        o = other.items[no - 1]
        out.append(
            SimilarItem(
                id=other.id,
                case_number=other.case_number,
                item=no,
                request=o.request,
                treatment=o.treatment,
                body_part=o.body_part,
                outcome=o.outcome,
                decision_date=other.decision_date,
                score=round(score, 4),
            )
        )
    return out


MAX_TERMS = 25
"""The most telling words of the source item that a lookup asks for."""
MIN_DOC_FREQ = 2
MIN_WORD = 3


def _telling_terms(snap: Snapshot, texts: dict[str, str]) -> list[tantivy.Query]:
    """Tantivy's more-like-this, made deterministic: the ``MAX_TERMS`` words that best tell this item apart.

    As tantivy chooses them: a word's count in the text times its idf in the
    section; but ties go by section and word. (Tantivy's own picks among
    tied words in hash order, so the same letter gave different similar
    cases from one call to the next.) Each word is one plain term query, as
    tantivy-py's more-like-this asks them (it applies no boost).
    """
    n = max(snap.searcher.num_docs, 1)
    scored: list[tuple[float, str, str]] = []
    for section, text in texts.items():
        counts = Counter(w for w in STEMMED_ANALYZER.analyze(text) if len(w) >= MIN_WORD)
        for word, tf in counts.items():
            df = snap.searcher.doc_freq(section, word)
            if df >= MIN_DOC_FREQ:
                scored.append((tf * math.log(1 + (n - df + 0.5) / (df + 0.5)), section, word))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [tantivy.Query.term_query(snap.schema, section, word, index_option="basic") for _, section, word in scored[:MAX_TERMS]]


def _query(snap: Snapshot, letter: Letter, it: Item, contrast: bool) -> tantivy.Query:
    s = snap.schema
    should: list[tuple[tantivy.Occur, tantivy.Query]] = []
    should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "treatment_name", it.treatment.lower()), 8.0)))
    if it.category:
        should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "category", it.category.lower()), 1.5)))
    for w in re.findall(r"\w+", (it.body_part or "").lower()):
        should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "body", w), 2.0)))
    # Not SECTION_FIELDS: this is what makes two cases alike (the diagnoses say
    # more than the whole summary's story), not everything a section holds.
    fields = {"rationale": it.rationale, "summary": " ".join(letter.diagnoses) or letter.summary[:400], "treatment": it.request}
    should.extend((tantivy.Occur.Should, q) for q in _telling_terms(snap, fields))
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = [
        (tantivy.Occur.Must, tantivy.Query.boolean_query(should)),
        (tantivy.Occur.MustNot, tantivy.Query.term_query(s, "id", letter.id)),
    ]
    if contrast:
        other = "overturned" if it.outcome == "upheld" else "upheld"
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(s, "outcome", other)))
    return snap.alive(tantivy.Query.boolean_query(clauses))
