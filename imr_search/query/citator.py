"""The guideline citator: which guidelines the matching items rest on, and how those items were decided.

Letters write one guideline many ways ("Chronic Pain Medical Treatment 2016",
"CA MTUS Chronic Pain Treatment Guidelines"; "Low Back - Lumbar & Thoracic
(Acute & Chronic) Chapter" for the ODG's Low Back chapter; "pages 98 - 99"),
so citations are first given one name each (``canonical``, from the tables of
``citation_names``) and counted by that name's folded form (``citation_key``).
Similar cases use the same names to say they rest on the same section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..records import CITATION_SOURCES, Citation, Item
from . import citation_names
from .results import CitationRow, ItemSummary, item_summary
from .snapshot import Snapshot
from .stats import matching_items

NO_GUIDELINE = "no guideline cited"
"""The title of the row of items whose reviewer cited no guideline (its ``source`` is None)."""

Key = tuple[str, str, str, str]
"""(source, title, section, pages), folded: what makes two citations one row."""
_NONE_KEY: Key = ("", "", "", "")

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MTUS_PREFIX = re.compile(r"^(?:the\s+)?(?:ca\s+|california\s+)?mtus\b[\s:,-]*", re.I)
_PAGE_WORD = re.compile(r"^(?:page\(s\)|pages?|pgs?\.?|pp?\.)\s*:?\s*", re.I)
_TRIM = " ,;:-/."
_TITLES = {source: [(re.compile(p, re.I), name) for p, name in rules] for source, rules in citation_names.TITLES.items()}
_ODG_CHAPTERS = [
    (re.compile(rf"(?:{p}){citation_names.ODG_CHAPTER_TAIL}(?=$|[\s,;:/-])", re.I), name) for p, name in citation_names.ODG_CHAPTERS
]


def fold(text: str | None) -> str:
    """What is left of a name once case, spacing and punctuation are set aside ("&" reads "and")."""
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower().replace("&", " and ")))


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(_TRIM)


def canonical(c: Citation) -> Citation:
    """``c`` under the one name the citator gives it (applying it twice changes nothing)."""
    return Citation(by=c.by, source=c.source, title=_title(c.source, c.title), section=_section(c.source, c.section), pages=_pages(c.pages))


def citation_key(c: Citation) -> Key:
    """The row ``c`` counts in: its canonical name, folded."""
    n = canonical(c)
    return (n.source, fold(n.title), fold(n.section), fold(n.pages))


def _title(source: str, title: str) -> str:
    bare = _space(_YEAR.sub("", _MTUS_PREFIX.sub("", title) if source == "MTUS" else title)) or title
    for pattern, name in _TITLES.get(source, ()):
        m = pattern.fullmatch(bare)
        if m:
            return m.expand(name)
    return bare


def _section(source: str, section: str | None) -> str | None:
    text = _space(section or "")
    if source == "ODG":
        text = _odg_section(text)
    return citation_names.SECTIONS.get(fold(text), text) or None


def _odg_section(text: str) -> str:
    """"Low back chapter - MRI" -> "Low Back, MRI": the chapter's one name, then the topic as written."""
    for pattern, chapter in _ODG_CHAPTERS:
        m = pattern.match(text)
        if m:
            topic = text[m.end() :].strip(_TRIM + " ")
            return f"{chapter}, {topic}" if topic else chapter
    return text


def _pages(pages: str | None) -> str | None:
    text = _PAGE_WORD.sub("", _space(pages or ""))
    return re.sub(r"\s*,\s*", ", ", re.sub(r"\s*[-–]\s*", "-", text)) or None


def reviewer_keys(item: Item) -> dict[Key, Citation]:
    """The reviewer's citations of ``item`` under their canonical names, each row once."""
    return _keyed(c for c in item.citations if c.by == "reviewer")


def _keyed(citations: Iterable[Citation]) -> dict[Key, Citation]:
    out: dict[Key, Citation] = {}
    for c in citations:
        out.setdefault(citation_key(c), canonical(c))
    return out


class _Row:
    def __init__(self) -> None:
        self.names: Counter[tuple[str, str | None, str | None]] = Counter()
        self.items = self.upheld = self.overturned = self.claims_administrator_items = 0


def citations(snap: Snapshot, query: str) -> tuple[list[CitationRow], list[str]]:
    """One row per guideline section the matching items cite, most relied on first; and the query's hints."""
    found, hints = matching_items(snap, query)
    rows: dict[Key, _Row] = {}
    for _, it in found:
        relied = reviewer_keys(it)
        for key, c in relied.items() or [(_NONE_KEY, None)]:
            row = rows.setdefault(key, _Row())
            row.items += 1
            row.upheld += it.outcome == "upheld"
            row.overturned += it.outcome == "overturned"
            if c is not None:
                row.names[(c.title, c.section, c.pages)] += 1
        administrator = _keyed(c for c in it.citations if c.by == "claims_administrator")
        for key, c in administrator.items() or [(_NONE_KEY, None)]:
            row = rows.setdefault(key, _Row())
            row.claims_administrator_items += 1
            if c is not None:
                row.names[(c.title, c.section, c.pages)] += 1
    out = []
    for key, row in rows.items():
        # The spelling most items use names the row (ties: the first in order).
        title, section, pages = min(row.names.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or "", kv[0][2] or ""))[0] if row.names else (NO_GUIDELINE, None, None)
        out.append(
            CitationRow(
                source=key[0] or None, title=title, section=section, pages=pages, items=row.items,
                upheld=row.upheld, overturned=row.overturned, claims_administrator_items=row.claims_administrator_items,
            )
        )
    source_order = {s: n for n, s in enumerate(CITATION_SOURCES)}
    out.sort(key=lambda r: (-r.items, source_order.get(r.source or "", len(source_order)), fold(r.title), fold(r.section), fold(r.pages)))
    return out, hints


def row_key(row: CitationRow) -> Key:
    """The key a row was counted under (its name is one of the row's own spellings)."""
    c = row.citation()
    return citation_key(c) if c else _NONE_KEY


def citing(snap: Snapshot, query: str, row: CitationRow) -> list[ItemSummary]:
    """The matching items whose reviewer relied on ``row``'s guideline (or on none), newest first, ties by id and item."""
    found, _ = matching_items(snap, query)
    key = row_key(row)
    hits = [(letter, it) for letter, it in found if key in (reviewer_keys(it) or {_NONE_KEY: None})]
    hits.sort(key=lambda h: (h[0].id, h[1].item))
    hits.sort(key=lambda h: h[0].decision_date or "", reverse=True)
    return [item_summary(letter, it) for letter, it in hits]


def shared_citations(a: Item, b: Item) -> list[Citation]:
    """The guideline sections both items' reviewers relied on, under their canonical names (for "why similar")."""
    other = reviewer_keys(b)
    return [c for key, c in reviewer_keys(a).items() if key in other]
