"""Which layout a generated letter takes, and what its record holds in each of the older ones.

Why: the state's archive starts in 2013 with letters laid out otherwise (a
"notice", "maximus" letters with documents reviewed, one-item "professional
review" reports), and the parser must read them all. The layout is drawn
from a generator of its own, seeded by the case number, so a standard
letter is the same record and text whatever the older letters around it
are. ``adapt`` turns a standard ground-truth letter into the record an
older layout states: no header block (dates from the body), documents
reviewed, guideline fields as the layout prints them, one item in a review.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import msgspec

from ..records import Document, Item, Layout, Letter, Reviewer, fingerprint
from .document_tables import ADMIN, AUTHORS, COMPANY_SHORT, RANGED, REPORTS, REVIEW_QUESTION
from .letter_mix import LAYOUT_WEIGHTS


def pick_layout(case_number: str) -> tuple[Layout, random.Random]:
    """The layout of ``case_number``'s letter, and the generator its older-layout choices come from."""
    rng = random.Random(f"layout|{case_number}")
    weights = LAYOUT_WEIGHTS.get(int(case_number[2:4]), {})
    r = rng.random()
    for layout, share in weights.items():
        if r < share:
            return layout, rng  # type: ignore[return-value]
        r -= share
    return "standard", rng


def notice_line(it: Item) -> str:
    """A notice's determination sentence for one item."""
    verdict = "is not medically necessary and appropriate" if it.outcome == "upheld" else (
        "is medically necessary and appropriate")
    return f"{COMPANY_SHORT} has determined the request for {it.request} {verdict}."


def _documents(rng: random.Random, d0: date, d1: date) -> list[Document]:
    """Two to six records dated between the injury (``d0``) and the UR denial (``d1``), oldest first."""
    span = max(1, (d1 - d0).days)
    docs: list[tuple[date, Document]] = []
    for title in rng.sample(REPORTS, rng.randint(1, 4)):
        first = d0 + timedelta(days=rng.randrange(span))
        last = first + timedelta(days=rng.randint(20, 200)) if title in RANGED else None
        if last is not None and last >= d1:
            last = None
        docs.append((first, Document(title, rng.choice(AUTHORS) if rng.random() < 0.85 else None,
                                     first.isoformat(), last.isoformat() if last else None)))
    for title in rng.sample(ADMIN[:2], rng.randint(1, 2)):
        docs.append((d1, Document(title, None, d1.isoformat())))
    docs.sort(key=lambda x: x[0])
    return [doc for _, doc in docs]


def adapt(letter: Letter, layout: Layout, rng: random.Random) -> Letter:
    """``letter`` (standard) as the record a letter of ``layout`` states."""
    if layout == "standard":
        return letter
    d = {k: date.fromisoformat(v) for k in ("date_of_injury", "ur_denial_date") if (v := getattr(letter, k))}
    docs = _documents(rng, d["date_of_injury"], d["ur_denial_date"])
    if layout == "maximus":
        reviewer = letter.reviewer
        if rng.random() < 0.3:
            reviewer = Reviewer(specialties=list(reviewer.specialties), licensure=[])
        return msgspec.structs.replace(
            letter, layout=layout, documents=docs, reviewer=reviewer,
            date_assigned=None if rng.random() < 0.4 else letter.date_assigned)
    items = []
    for it in letter.items[: 1 if layout == "professional-review" else None]:
        line = notice_line(it) if layout == "notice" else REVIEW_QUESTION.format(request=it.request)
        items.append(msgspec.structs.replace(
            it, partial=None, line=line, claims_administrator_guideline="",
            citations=[c for c in it.citations if c.by == "reviewer"]))
    changes: dict[str, object] = dict(layout=layout, documents=docs, items=items, fingerprint=fingerprint(items),
                                      priority=None)
    if layout == "professional-review":
        changes.update(date_assigned=None, date_of_injury=None, ur_denial_date=None, application_received=None)
    return msgspec.structs.replace(letter, **changes)
