"""What a Word or Markdown export says, as plain text the two writers only lay out.

Both are a binder a paralegal prints: a title with the query, the date made
and the count; a table of authorities; then one section per item with its
facts, the request as written, both guidelines, the rationale in full with
the query's words marked, and the user's note. Deciding the words here once
keeps the two formats saying the same thing. Every string from a letter is
cleaned of terminal escape sequences and control characters; escaping
markup is each writer's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..read.text import clean
from ..records import OUTCOME_MARK, citation_text, counted
from .entries import ExportEntry

AUTHORITY_COLUMNS = ("Case", "Decided", "Treatment", "Outcome", "Reviewer specialty", "Guideline")
NONE = "—"
MISSING = "no longer in the index"
MISSING_TEXT = f"This item is {MISSING}: its letter was removed or renumbered since it was marked."

Run = tuple[str, bool]
"""Some text, and whether it is a hit of the query (bold)."""


@dataclass(frozen=True)
class Section:
    """One item's part of the binder."""

    heading: str
    facts: list[tuple[str, str]]
    """Label and value, in order; empty for a missing entry."""
    rationale: list[list[Run]]
    """Paragraphs, each a list of runs."""
    note: str
    missing: bool


def one_line(text: str | None) -> str:
    """Letter text for a table cell or a label's value: clean, on one line."""
    return " ".join(clean(text or "").split())


def intro(title: str, query: str | None, count: int, made: date) -> tuple[str, list[str]]:
    """The title, and the lines under it."""
    lines = [f"Query: {one_line(query)}"] if query is not None else []
    return one_line(title), [*lines, f"Made {made.isoformat()} with imr-search · {counted(count, 'item')}"]


def reviewer_citations(entry: ExportEntry) -> str:
    assert entry.item is not None
    return "; ".join(citation_text(c) for c in entry.item.citations if c.by == "reviewer")


def authority_row(entry: ExportEntry) -> list[str]:
    """The entry's row of the table of authorities (a missing entry says so)."""
    if entry.missing:
        return [one_line(entry.name), NONE, f"item {entry.item_no}: {MISSING}", NONE, NONE, NONE]
    letter, item = entry.letter, entry.item
    assert letter is not None and item is not None
    return [
        one_line(entry.name),
        letter.decision_date or NONE,
        one_line(item.request),
        OUTCOME_MARK[item.outcome],
        one_line("; ".join(letter.reviewer.specialties)) or NONE,
        one_line(reviewer_citations(entry)) or NONE,
    ]


def section(entry: ExportEntry) -> Section:
    heading = f"{one_line(entry.name)}, item {entry.item_no}"
    if entry.missing:
        return Section(f"{heading}: {MISSING}", [], [], clean(entry.note), True)
    letter, item = entry.letter, entry.item
    assert letter is not None and item is not None
    facts = [
        ("Decided", letter.decision_date or "date not stated"),
        ("Outcome", OUTCOME_MARK[item.outcome]),
        ("Reviewer", "; ".join(letter.reviewer.specialties) or NONE),
        ("Request", item.request),
    ]
    if item.line and item.line != item.request:
        facts.append(("As the letter writes it", item.line))
    facts += [
        ("Claims administrator's guideline", item.claims_administrator_guideline or NONE),
        ("Reviewer's guideline", item.reviewer_guideline or NONE),
    ]
    return Section(
        f"{heading}: {one_line(item.request)}",
        [(label, one_line(value)) for label, value in facts],
        paragraphs(item.rationale, entry.hits),
        clean(entry.note),
        False,
    )


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str, hits: tuple[tuple[int, int], ...]) -> list[list[Run]]:
    """``text`` cut into paragraphs at blank lines, each a list of runs, the ``hits`` ranges bold."""
    out: list[list[Run]] = [[]]
    pos = 0
    for start, end in [*sorted(hits), (len(text), len(text))]:
        if start < pos:  # overlapping ranges: the first one marks them
            continue
        for chunk, bold in ((text[pos:start], False), (text[start:end], True)):
            for n, piece in enumerate(_PARAGRAPH_BREAK.split(chunk)):
                if n:
                    out.append([])
                piece = clean(piece).replace("\n", " ")
                if piece:
                    out[-1].append((piece, bold))
        pos = end
    return [_joined(p) for p in out if p]


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of one kind as one, and hits apart only by spaces as one ("**physical therapy**")."""
    out: list[Run] = []
    for n, (text, bold) in enumerate(runs):
        between = 0 < n < len(runs) - 1 and not text.strip() and runs[n - 1][1] and runs[n + 1][1]
        bold = bold or between
        if out and out[-1][1] == bold:
            out[-1] = (out[-1][0] + text, bold)
        else:
            out.append((text, bold))
    return out
