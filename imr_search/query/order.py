"""How results are ordered: the one place that says it, for the CLI, the app and the API alike."""

from __future__ import annotations

from typing import Literal

from .results import LetterHit

Sort = Literal["relevance", "date"]


def ordered(letters: list[LetterHit], sort: Sort) -> list[LetterHit]:
    """Best first (or newest first), ties broken by id, so a query lists the same way after every rebuild.

    Equal scores are common (BM25 on short fields) and the index breaks them
    by where documents happen to sit, which changes from build to build.
    Undated letters come last when sorting by date.
    """
    if sort == "date":
        by_id = sorted(letters, key=lambda h: h.id)
        return sorted(by_id, key=lambda h: h.decision_date or "", reverse=True)
    return sorted(letters, key=lambda h: (-h.score, h.id))
