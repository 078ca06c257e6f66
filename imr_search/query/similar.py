"""Similar cases: items of other letters most like one letter's item(s).

More-like-this over the item's rationale and request and the letter's
diagnoses (or the start of its summary), plus boosts for the same canonical
treatment, category and body part. ``contrast`` keeps only items decided the
other way, which is what a reviewer or an applicant looks for.
"""

from __future__ import annotations

import re
from typing import Any

import tantivy

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
    fields: dict[str, Any] = {"rationale": it.rationale, "summary": " ".join(letter.diagnoses) or letter.summary[:400], "treatment": it.request}
    should.append(
        (
            tantivy.Occur.Should,
            tantivy.Query.more_like_this_document_fields_query(
                s, fields, min_doc_frequency=2, max_doc_frequency=None, min_term_frequency=1, max_query_terms=25, min_word_length=3, boost_factor=1.0
            ),
        )
    )
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = [
        (tantivy.Occur.Must, tantivy.Query.boolean_query(should)),
        (tantivy.Occur.MustNot, tantivy.Query.term_query(s, "id", letter.id)),
    ]
    if contrast:
        other = "overturned" if it.outcome == "upheld" else "upheld"
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(s, "outcome", other)))
    return snap.alive(tantivy.Query.boolean_query(clauses))
