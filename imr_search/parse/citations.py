"""Guideline text to structured citations.

A guideline paragraph is a run of sentences; the ones that cite start with
"Decision based on". "MTUS ..." clauses may chain several chapters
("Low Back Complaints 2004, Section(s): Summary, and Chronic Pain Medical
Treatment 2016, Section(s): Facet blocks"); "Non-MTUS Citation ..." clauses
name ODG, ACOEM or anything else. ACOEM chapters adopted by MTUS count as
MTUS because the letter cites them through MTUS.
"""

from __future__ import annotations

import re

from ..records import Citation

_CLAUSE = re.compile(r"Decision\s+based\s+on\s+", re.I)
_NON_MTUS = re.compile(r"^Non[- ]?MTUS\s+Citations?\s*:?\s*", re.I)
_MTUS = re.compile(r"^(?:the\s+)?(?:CA\s+|California\s+)?MTUS\b[\s:,-]*", re.I)
# ", and Chronic Pain Medical Treatment 2016" starts a second MTUS chapter.
_MTUS_CHAIN = re.compile(r",\s+and\s+(?=[A-Z][A-Za-z ,&/()-]{2,80}?\s(?:19|20)\d{2}\b)")
_COMPLETE = re.compile(r"\b(?:19|20)\d{2}\b|Section\(s\)|Page\(s\)", re.I)
_PAGES = re.compile(
    r"(?:,\s*|\s+)(?:Page\(s\)|Pages?|pgs?\.?|pp?\.?)\s*:?\s*"
    r"(?P<pages>\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)(?:\s+of\s+\d+)?",
    re.I,
)
_SECTION = re.compile(r",?\s*Section\(s\)\s*:?\s*|\s+Section\s+on\s+", re.I)
_ODG = re.compile(
    r"^(?:the\s+)?(?:Official\s+Disability\s+Guidelines?(?:\s*\(ODG\))?|ODG\b)(?:\s+guidelines?\b)?[\s,:;-]*",
    re.I,
)
_ACOEM = re.compile(r"\bACOEM\b|American College of Occupational", re.I)
_ACOEM_TITLES = (
    re.compile(r"^(?P<title>.{0,120}?\b\d+(?:st|nd|rd|th)\s+ed(?:ition)?\.?)(?:[\s,;:-]+|$)", re.I),
    re.compile(r"^(?P<title>.{0,40}?\bACOEM\b(?:\s+(?:Practice\s+)?Guidelines?)?)(?:[\s,;:-]+|$)", re.I),
)
_GUIDELINES_THEN_SECTION = re.compile(r"^(?P<title>.*?\bGuidelines)\s+(?P<section>[A-Za-z].*)$", re.S)
_TRAIL = " \t,;:-"
_ABBREV_END = re.compile(r"\b(?:ed|al|vol|no|J)\.$", re.I)


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text).strip(_TRAIL)
    if text.endswith(".") and not _ABBREV_END.search(text):
        text = text.rstrip(".").rstrip()
    return text or None


def _split_pages(text: str) -> tuple[str, str | None]:
    """Pull the last "Page(s): 58-60 of 127" / "pg. 64" out of a clause."""
    matches = list(_PAGES.finditer(text))
    if not matches:
        return text, None
    m = matches[-1]
    pages = re.sub(r"\s*([-–,])\s*", lambda g: "-" if g.group(1) in "-–" else ", ", m.group("pages"))
    return text[: m.start()] + text[m.end() :], pages


def _chain(body: str) -> list[str]:
    """Split chained MTUS chapters at ", and <Title Year>", but only after a
    complete citation ("Forearm, Wrist, and Hand Complaints 2004" is one)."""
    parts, start = [], 0
    for m in _MTUS_CHAIN.finditer(body):
        if _COMPLETE.search(body, start, m.start()):
            parts.append(body[start : m.start()])
            start = m.end()
    parts.append(body[start:])
    return parts


def _mtus(body: str, by: str) -> list[Citation]:
    out = []
    for part in _chain(body):
        part, pages = _split_pages(part)
        title, section = (_SECTION.split(part, maxsplit=1) + [""])[:2]
        if not section:
            # "Chronic Pain Treatment Guidelines Physical Medicine": the words
            # after "Guidelines" name the section (but "8 C.C.R. ..." does not).
            m = _GUIDELINES_THEN_SECTION.match(title)
            if m:
                title, section = m.group("title"), m.group("section")
        title = _tidy(title)
        if title:
            out.append(Citation(by=by, source="MTUS", title=title, section=_tidy(section), pages=pages))
    return out


def _non_mtus(body: str, by: str) -> list[Citation]:
    body, pages = _split_pages(body)
    m = _ODG.match(body)
    if m:
        return [Citation(by=by, source="ODG", title="Official Disability Guidelines", section=_tidy(body[m.end():]), pages=pages)]
    if _ACOEM.search(body[:60]):
        m = _ACOEM_TITLES[0].match(body) or _ACOEM_TITLES[1].match(body)
        title, section = (m.group("title"), body[m.end():]) if m else (body, "")
        return [Citation(by=by, source="ACOEM", title=_tidy(title) or "ACOEM", section=_tidy(section), pages=pages)]
    if re.search(r"\bODG\b|Official Disability Guidelines", body, re.I):
        return [Citation(by=by, source="ODG", title="Official Disability Guidelines", section=_tidy(body), pages=pages)]
    title = _tidy(body)
    return [Citation(by=by, source="other", title=title, pages=pages)] if title else []


def extract(text: str, by: str) -> list[Citation]:
    """Every citation in one guideline paragraph, in the order written."""
    out: list[Citation] = []
    clauses = _CLAUSE.split(text)
    for clause in clauses[1:]:
        # A clause runs to the end of its sentence; later sentences that do not
        # start "Decision based on" are prose ("The Expert Reviewer ...").
        clause = re.split(r"(?<=[a-z0-9)\]])\.\s+(?=The\s|This\s)", clause)[0]
        clause = clause.strip()
        if _NON_MTUS.match(clause):
            out.extend(_non_mtus(_NON_MTUS.sub("", clause, count=1), by))
        elif _MTUS.match(clause):
            body = _MTUS.sub("", clause, count=1)
            if re.match(r"ACOEM\b", body) or not body:
                out.extend(_mtus(body or "MTUS", by))
            else:
                out.extend(_mtus(body, by))
        else:
            out.extend(_non_mtus(clause, by))
    return out
