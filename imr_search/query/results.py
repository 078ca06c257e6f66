"""What the query layer returns: msgspec Structs shaped like the JSON output.

Items are numbered from 1 everywhere; highlight ranges are ``[start, end)``
in characters of the snippet's ``text``.
"""

from __future__ import annotations

import msgspec

from ..records import Letter


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


class SimilarItem(msgspec.Struct):
    id: str
    case_number: str | None
    item: int
    request: str
    treatment: str
    body_part: str | None
    outcome: str
    decision_date: str | None
    score: float


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


class NewCount(msgspec.Struct):
    """A saved search's counts: letters matching, and those first indexed after the user last looked."""

    letters: int
    new: int
