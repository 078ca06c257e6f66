"""Where a query hits a letter: result snippets, and hit ranges for the letter view.

Both are cut from the record's own fields, one field at a time, as
``index.schema.SECTION_FIELDS`` lists them: the texts the writer indexed,
so every field that can make an item match can show why it matched, and
each range is an offset into the field's own text (what the app displays).
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Literal

import tantivy

from ..index.schema import EXACT_SUFFIX, SECTION_FIELDS, SECTIONS, SectionField, field_text, field_texts
from ..records import Item, Letter
from .language import Parsed
from .results import Hit, Snippet
from .snapshot import Snapshot

SNIPPET_CHARS = 160

_BY_SECTION: dict[str, tuple[SectionField, ...]] = {s: tuple(f for f in SECTION_FIELDS if f.section == s) for s in SECTIONS}
_TWINS = {s: (s, s + EXACT_SUFFIX) for s in SECTIONS}
"""Each section's index fields: stemmed, then the unstemmed twin."""
_SCOPED = re.compile(rf"\b(?:{'|'.join(SECTIONS)})(?:{EXACT_SUFFIX})?:\\?\"?([\w ]+)")


class Snippets:
    """The snippets of one query's results: at most one per section per item.

    A section's snippet comes from the first of its fields (in table order)
    that the query hits, so an item matched by its request shows the request,
    and one matched only by its canonical treatment name shows that name.
    """

    def __init__(self, snap: Snapshot, q: tantivy.Query, parsed: Parsed) -> None:
        # Stemmed fields for bare words, unstemmed twins for phrases (both when unsure).
        bare = bool(parsed.words) or not parsed.phrases
        exact = bool(parsed.phrases) or not parsed.words
        self._gens: dict[str, tantivy.SnippetGenerator] = {}
        for section in SECTIONS:
            for f, wanted in zip(_TWINS[section], (bare, exact)):
                if wanted:
                    gen = tantivy.SnippetGenerator.create(snap.searcher, q, snap.schema, f)
                    gen.set_max_num_chars(SNIPPET_CHARS)
                    self._gens[f] = gen
        self._words = tuple(query_words(parsed))
        self._letter_level: dict[tuple[str, str], Snippet | None] = {}
        """Snippets of letter fields (the summary), made once for all of a letter's items."""

    def of(self, letter: Letter, item: Item) -> list[Snippet]:
        """``item``'s snippets, in section order; a section the query does not hit has none."""
        out = []
        for section in SECTIONS:
            for source in _BY_SECTION[section]:
                if source.level == "letter":
                    key = (letter.id, source.field)
                    if key not in self._letter_level:
                        self._letter_level[key] = self._best(section, field_text(source, letter, None))
                    best = self._letter_level[key]
                else:
                    best = self._best(section, field_text(source, letter, item))
                if best is not None:
                    out.append(best)
                    break
        return out

    def _best(self, section: str, text: str) -> Snippet | None:
        """The snippet of ``text`` with the most highlights (stemmed before unstemmed on a tie)."""
        # Snippets cost more than the search: skip text that cannot hold a hit.
        if self._words:
            lowered = text.lower()
            for w in self._words:
                if w in lowered:
                    break
            else:
                return None
        best: Snippet | None = None
        for f in _TWINS[section]:
            gen = self._gens.get(f)
            if gen is None:
                continue
            snip = gen.snippet_from_doc(_doc(f, text))
            ranges = char_ranges(snip.fragment(), snip.highlighted())
            if ranges and (best is None or len(ranges) > len(best.highlights)):
                best = Snippet(field=section, text=snip.fragment(), highlights=ranges)
        return best


def letter_hits(snap: Snapshot, letter: Letter, q: tantivy.Query, fields: Container[str] | None = None) -> list[Hit]:
    """Every range of ``letter`` that ``q`` hits, field by field: each item's fields, then the letter's.

    ``fields`` keeps only the hits in the record fields named.
    """
    gens: dict[str, tantivy.SnippetGenerator] = {}
    hits: list[Hit] = []
    places: list[tuple[Item | None, Literal["letter", "item"]]] = [(it, "item") for it in letter.items] + [(None, "letter")]
    for it, level in places:
        for source, text in field_texts(letter, it, level):
            if fields is None or source.field in fields:
                no = it.item if it else None
                hits.extend(Hit(item=no, field=source.field, start=s, end=e) for s, e in _ranges(snap, gens, q, source.section, text))
    return hits


def _ranges(snap: Snapshot, gens: dict[str, tantivy.SnippetGenerator], q: tantivy.Query, section: str, text: str) -> list[tuple[int, int]]:
    """Every highlighted range of ``q`` in the whole of ``text`` (one snippet as long as the text)."""
    if not text:
        return []
    out: set[tuple[int, int]] = set()
    for f in _TWINS[section]:
        gen = gens.get(f)
        if gen is None:
            gen = gens[f] = tantivy.SnippetGenerator.create(snap.searcher, q, snap.schema, f)
        gen.set_max_num_chars(len(text.encode()) + 1)
        snip = gen.snippet_from_doc(_doc(f, text))
        frag = snip.fragment()
        base = max(text.find(frag), 0) if frag else 0
        for s, e in char_ranges(frag, snip.highlighted()):
            out.add((base + s, base + e))
    return sorted(out)


def _doc(field: str, text: str) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text(field, text)
    return doc


def query_words(parsed: Parsed) -> list[str]:
    """Lower-case word stems of the query, for a cheap "could this text hit?" test.

    Empty means "don't know" (corrected or operator-only queries): then every
    field is tried.
    """
    words = list(parsed.words)
    for _, phrase, _ in parsed.phrases:
        words.extend(re.findall(r"\w+", phrase.lower()))
    for m in _SCOPED.finditer(parsed.text):
        words.extend(re.findall(r"\w+", m.group(1).lower()))
    return [w[:4] if len(w) > 4 else w for w in words]


def char_ranges(fragment: str, ranges: list[tantivy.Range]) -> list[tuple[int, int]]:
    """Tantivy gives byte offsets into the UTF-8 fragment; callers want characters."""
    if fragment.isascii():
        return [(r.start, r.end) for r in ranges]
    data = fragment.encode()
    return [(len(data[: r.start].decode(errors="ignore")), len(data[: r.end].decode(errors="ignore"))) for r in ranges]
