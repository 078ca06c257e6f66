"""The older layouts as a list of blocks every renderer lays out: titles, headings, paragraphs, forced lines.

Why: a notice, a "maximus" letter and a professional review differ from the
standard letter in headings and order, not in how text is laid out; giving
the renderers (text shapes, PDF, HTML page) one list of blocks keeps the
words in one place. Block kinds: "title" (a line of the letterhead),
"heading" (a heading or label on its own line; a "\\n" in it is where a long
one wraps), "para" (a paragraph), "lines" (lines kept apart, such as the
header block).
"""

from __future__ import annotations

import random

from ..records import Document, Letter
from . import document_tables as t
from . import wording
from .sections import header_rows, inline_credentials, item_fields, item_title, listed_credentials, us_date

Block = tuple[str, str]


def _short_date(iso: str | None) -> str:
    """"2013-09-03" -> "9/3/2013", as the notices print dates."""
    m, d, y = us_date(iso).split("/")
    return f"{int(m)}/{int(d)}/{y}"


def document_line(doc: Document) -> str:
    """One reviewed document as the lists write it."""
    text = doc.title
    if doc.author:
        text += f" by {doc.author}" if doc.author.startswith("Dr.") else f" from {doc.author}"
    if doc.date and doc.date_to:
        return f"{text}, {us_date(doc.date)} to {us_date(doc.date_to)}"
    return f"{text}, dated {us_date(doc.date)}" if doc.date else text


def blocks(letter: Letter, rng: random.Random, header: bool) -> list[Block]:
    """The letter (an older layout) as blocks; ``header`` False leaves out the case-number lines."""
    if letter.layout == "notice":
        return _notice(letter, rng, header)
    if letter.layout == "professional-review":
        return _review(letter, rng, header)
    if letter.layout == "maximus":
        return _maximus(letter, header)
    raise ValueError(f"not an older layout: {letter.layout!r}")


def _docs(letter: Letter) -> list[Block]:
    return [("para", document_line(d)) for d in letter.documents]


def _paras(text: str) -> list[Block]:
    return [("para", p) for p in text.split("\n\n")]


def _notice(letter: Letter, rng: random.Random, header: bool) -> list[Block]:
    numbered = rng.random() < 0.75
    out: list[Block] = [("title", t.COMPANY), ("title", t.IMR_TITLE), ("title", t.NOTICE_TITLE),
                        ("para", f"Dated: {_short_date(letter.decision_date)}")]
    if header:
        out.append(("para", f"IMR Case Number: {letter.case_number} Date of Injury: {us_date(letter.date_of_injury)}"))
    out.append(("para", t.NOTICE_INTRO.format(company=t.COMPANY_SHORT)))
    out += [("para", f"{it.item}) {it.line}" if numbered else it.line) for it in letter.items]
    out += [("para", t.NOTICE_FINAL), ("heading", t.DECISION_HEADING),
            ("para", t.DECISION_DATES.format(filed=_short_date(letter.application_received),
                                             denied=_short_date(letter.ur_denial_date),
                                             assigned=_short_date(letter.date_assigned))),
            ("heading", t.QUALIFICATIONS), ("para", inline_credentials(letter.reviewer)),
            ("heading", rng.choice(t.CASE_SUMMARY))]
    summary = _paras(letter.summary)
    disclaimer = t.DISCLAIMER.format(denied=_short_date(letter.ur_denial_date))
    out += [("para", f"{disclaimer} {summary[0][1]}")] + summary[1:]
    out += [("heading", t.DOCUMENTS)] + _docs(letter)
    for it in letter.items:
        out += [("para", t.REGARDING.format(n=it.item, request=it.request)), ("heading", t.GUIDELINE_LABEL),
                ("para", it.reviewer_guideline), ("heading", t.RATIONALE_LABEL)] + _paras(it.rationale)
    return out


def _wrapped(rng: random.Random, heading: str) -> str:
    """A long heading, sometimes wrapped before its last word or two, as narrow PDF columns print it."""
    words = heading.split(" ")
    if len(heading) < 60 or rng.random() < 0.5:
        return heading
    k = len(words) - rng.choice((1, 2))
    return " ".join(words[:k]) + "\n" + " ".join(words[k:])


def _review(letter: Letter, rng: random.Random, header: bool) -> list[Block]:
    issue, summary, docs, guide, why, quals = t.REVIEW_HEADINGS
    (it,) = letter.items
    out: list[Block] = [("title", t.REVIEW_TITLE)]
    if header:
        out.append(("para", f"IMR Case Number: {letter.case_number}"))
    out += [("para", f"Dated: {_short_date(letter.decision_date)}"), ("heading", issue), ("para", it.line),
            ("heading", summary), *_paras(letter.summary), ("heading", docs), *_docs(letter),
            ("heading", _wrapped(rng, guide)), ("para", it.reviewer_guideline),
            ("heading", _wrapped(rng, why)), *_paras(it.rationale),
            ("heading", quals), ("para", inline_credentials(letter.reviewer))]
    return out


def _maximus(letter: Letter, header: bool) -> list[Block]:
    out: list[Block] = [("title", t.COMPANY), ("title", t.IMR_TITLE)]
    if header:
        rows = [f"{label} {value}" for row in header_rows(letter) for label, value in (row[:2], row[2:]) if value]
        out.append(("lines", "\n".join(rows)))
    intro, states, specialties = listed_credentials(letter.reviewer)
    creds = [intro, states, specialties] if letter.reviewer.licensure else [intro, specialties]
    out += [("heading", wording.HOW), ("para", f"{wording.BOILER_A} {wording.BOILER_B}"),
            ("lines", "\n".join(creds)), ("heading", t.MAXIMUS_DOCUMENTS), *_docs(letter),
            ("heading", wording.SUMMARY_HEADING), ("para", wording.SUMMARY_INTRO), *_paras(letter.summary),
            ("heading", t.MAXIMUS_ISSUES), ("para", wording.ISSUES_INTRO)]
    for it in letter.items:
        out.append(("para", f"{item_title(it)}:\x00{it.outcome.capitalize()}"))
        out += [("para", f"{label}: {text}" if label else text) for label, text in item_fields(it)]
    return out
