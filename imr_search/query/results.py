"""What the query layer returns: msgspec Structs shaped like the JSON output.

Items are numbered from 1 everywhere; highlight ranges are ``[start, end)``
in characters of the snippet's ``text``.
"""

from __future__ import annotations

import msgspec

from ..records import Citation, Item, Letter, citation_text


class Snippet(msgspec.Struct):
    field: str
    text: str
    highlights: list[tuple[int, int]]


class ItemHit(msgspec.Struct):
    item: int
    request: str
    treatment: str
    category: str | None
    outcome: str
    score: float
    snippets: list[Snippet]


class LetterHit(msgspec.Struct):
    """One letter in a result list, with the items that matched."""

    id: str
    case_number: str | None
    decision_date: str | None
    score: float
    specialties: list[str]
    items: list[ItemHit]


class SearchResults(msgspec.Struct):
    query: str
    letters: list[LetterHit]
    total_items: int | None
    """Matching items in the whole index (``letters`` is cut at the limit); None when not counted."""
    hints: list[str] = msgspec.field(default_factory=list)
    corrected: str | None = None
    """Set when typos were corrected: "showing results for personal trainer"."""
    sort: str = "relevance"
    """The order ``letters`` are in (``date`` falls back to ``relevance`` when dates cannot order them)."""
    elapsed_ms: float = 0.0


class Hit(msgspec.Struct):
    """A query hit inside a letter: ``[start, end)`` in ``field`` of ``item``."""

    item: int | None
    field: str
    start: int
    end: int


class LetterView(msgspec.Struct):
    letter: Letter
    hits: list[Hit]


class ItemSummary(msgspec.Struct):
    """One item of one letter, as a list of items shows it (the letters citing a guideline section)."""

    id: str
    case_number: str | None
    item: int
    request: str
    treatment: str
    body_part: str | None
    outcome: str
    decision_date: str | None


def item_summary(letter: Letter, it: Item) -> ItemSummary:
    return ItemSummary(
        id=letter.id, case_number=letter.case_number, item=it.item, request=it.request, treatment=it.treatment,
        body_part=it.body_part, outcome=it.outcome, decision_date=letter.decision_date,
    )


class SimilarItem(ItemSummary):
    score: float
    reasons: list[str] = msgspec.field(default_factory=list)
    """Why it is similar: "same treatment: naproxen", "same body part", "same guideline: ...", "shared words: ..."."""


class TreatmentMatch(msgspec.Struct):
    treatment: str
    category: str | None
    score: float
    items: int
    upheld: int
    overturned: int


class StatRow(msgspec.Struct):
    dimension: str
    key: str
    items: int
    upheld: int
    overturned: int


class CitationRow(msgspec.Struct):
    """One guideline section the matching items cite (``source`` None: the items whose reviewer cited none)."""

    source: str | None
    title: str
    section: str | None
    pages: str | None
    items: int
    """Items whose reviewer relied on it."""
    upheld: int
    overturned: int
    claims_administrator_items: int
    """Items whose claims administrator cited it."""

    def citation(self) -> Citation | None:
        """The row's guideline as a reviewer's citation (None for the no-guideline row)."""
        if self.source is None:
            return None
        return Citation(by="reviewer", source=self.source, title=self.title, section=self.section, pages=self.pages)  # type: ignore[arg-type]

    def name(self) -> str:
        """The guideline as every view writes a citation (the no-guideline row: its title)."""
        c = self.citation()
        return citation_text(c) if c else self.title
class NewCount(msgspec.Struct):
    """A saved search's counts: letters matching, and those first indexed after the user last looked."""

    letters: int
    new: int
