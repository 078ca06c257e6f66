"""Similar cases: items of other letters most like one letter's item(s).

The item's most telling words (its rationale and request, the letter's
diagnoses or the start of its summary; see ``_telling_words``), plus boosts
for the same canonical treatment, category and body part. ``contrast`` keeps only items decided the
other way, which is what a reviewer or an applicant looks for. Each item found
says why it is similar (``_reasons``): the same treatment, body part or
guideline section (named as the citator names them), and the telling words it shares.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import msgspec
import tantivy

from ..index.schema import STEMMED_ANALYZER
from ..records import Item, Letter, citation_text
from .citator import shared_citations
from .results import SimilarItem, item_summary
from .snapshot import Snapshot


def similar(snap: Snapshot, letter_id: str, item: int | None, contrast: bool, limit: int) -> list[SimilarItem] | None:
    """The ``limit`` best items, ties by id; None for an unknown id or item."""
    letter = snap.letter(letter_id)
    if letter is None:
        return None
    if item is not None and not 1 <= item <= len(letter.items):
        return None
    sources = [letter.items[item - 1]] if item else letter.items
    texts = [_texts(letter, it) for it in sources]
    telling = [_telling_words(snap, t) for t in texts]
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (letter ordinal, item) -> (score, the source item's place)
    # Each item's lookup whole, the items' lookups side by side on the cores: split by ordinals,
    # one lookup (an OR of some 28 words) gained nothing at 2,000,000 letters.
    queries = [_query(snap, letter, it, contrast, telling[n]) for n, it in enumerate(sources)]
    for n, found in enumerate(snap.search_each(queries, limit * 3)):
        for key, score in snap.keyed(found):
            if key not in best or score > best[key][0]:
                best[key] = (score, n)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    cutoff = ranked[min(limit, len(ranked)) - 1][1][0] if ranked else 0.0
    found = [(score, other, no, n) for (lno, no), (score, n) in ranked if score >= cutoff and (other := snap.letter_at(lno))]
    out = []
    for score, other, no, n in sorted(found, key=lambda f: (-f[0], f[1].id, f[2]))[:limit]:  # ties by id
        o = other.items[no - 1]
        summary = item_summary(other, o)
        reasons = _reasons(sources[n], texts[n], telling[n], o, _texts(other, o))
        out.append(SimilarItem(**msgspec.structs.asdict(summary), score=round(score, 4), reasons=reasons))
    return out


MAX_TERMS = 25
"""The most telling words of the source item that a lookup asks for."""
MIN_DOC_FREQ = 2
MIN_WORD = 3


def _telling_words(snap: Snapshot, texts: dict[str, str]) -> list[tuple[str, str]]:
    """Tantivy's more-like-this, made deterministic: the ``MAX_TERMS`` (section, word) that best tell this item apart.

    As tantivy chooses them: a word's count in the text times its idf in the
    section; but ties go by section and word. (Tantivy's own picks among
    tied words in hash order, so the same letter gave different similar
    cases from one call to the next.)
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
    return [(section, word) for _, section, word in scored[:MAX_TERMS]]


def _texts(letter: Letter, it: Item) -> dict[str, str]:
    """What makes two cases alike, by section: not SECTION_FIELDS (the diagnoses say more than the whole summary's story)."""
    return {"rationale": it.rationale, "summary": " ".join(letter.diagnoses) or letter.summary[:400], "treatment": it.request}


SHOWN_WORDS = 5
"""The shared telling words a reason names."""


def _reasons(it: Item, texts: dict[str, str], telling: list[tuple[str, str]], o: Item, other_texts: dict[str, str]) -> list[str]:
    """Why ``o`` is like ``it``: the same treatment, body part, guideline sections, and the telling words both use."""
    reasons = []
    if it.treatment and it.treatment == o.treatment:
        reasons.append(f"same treatment: {it.treatment}")
    if it.body_part and it.body_part.lower() == (o.body_part or "").lower():
        reasons.append(f"same body part: {it.body_part}")
    for c in shared_citations(it, o):
        reasons.append(f"same guideline{' section' if c.section else ''}: {citation_text(c)}")
    theirs = {section: set(STEMMED_ANALYZER.analyze(text)) for section, text in other_texts.items()}
    spelled = _spellings(" ".join(texts.values()), telling)
    words: list[str] = []
    for section, word in telling:
        shown = spelled.get(word, word)
        if word in theirs.get(section, ()) and shown not in words:
            words.append(shown)
    if words:
        reasons.append("shared words: " + ", ".join(words[:SHOWN_WORDS]))
    return reasons


def _spellings(text: str, telling: list[tuple[str, str]]) -> dict[str, str]:
    """Each telling word (a stem) as ``text`` first writes it, lower-cased: "injections" for "inject"."""
    wanted = {word for _, word in telling}
    out: dict[str, str] = {}
    for token in re.findall(r"\w+", text.lower()):
        stems = STEMMED_ANALYZER.analyze(token)
        if stems and stems[0] in wanted:
            out.setdefault(stems[0], token)
    return out


def _query(snap: Snapshot, letter: Letter, it: Item, contrast: bool, telling: list[tuple[str, str]]) -> tantivy.Query:
    s = snap.schema
    should: list[tuple[tantivy.Occur, tantivy.Query]] = []
    should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "treatment_name", it.treatment.lower()), 8.0)))
    if it.category:
        should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "category", it.category.lower()), 1.5)))
    for w in re.findall(r"\w+", (it.body_part or "").lower()):
        should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "body", w), 2.0)))
    # Each word is one plain term query, as tantivy-py's more-like-this asks them (it applies no boost).
    should.extend((tantivy.Occur.Should, tantivy.Query.term_query(s, section, word, index_option="basic")) for section, word in telling)
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = [
        (tantivy.Occur.Must, tantivy.Query.boolean_query(should)),
        (tantivy.Occur.MustNot, tantivy.Query.term_query(s, "id", letter.id)),
    ]
    if contrast:
        other = "overturned" if it.outcome == "upheld" else "upheld"
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(s, "outcome", other)))
    return snap.alive(tantivy.Query.boolean_query(clauses))
