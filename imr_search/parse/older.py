"""The older layouts: the 2013 "notice" and the "professional-review" report.

Why a reader of its own: these letters have no ``item: Upheld`` lines.
A notice states each decision as a sentence ("has determined the request
for X is not medically necessary and appropriate"), then gives each item's
guideline and rationale under labels, in the same order; a professional
review decides one item, named under ISSUE AT DISPUTE, whose outcome is
only in its rationale's closing sentence. Both are read by their headings
and labels (``labels.OLDER_HEADINGS``), whatever order and wording they
come in; dates come from the body, since there is no header block.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import LetterError
from ..records import Item
from . import common
from .documents import documents
from .labels import (
    ASSIGNED, CA_SENTENCE, CLOSING_OUTCOME, DATED, DETERMINATION, FILED, ISSUE_QUESTION, NOTICE_MARK, OLDER_HEADINGS,
    REVIEW_MARK, SUMMARY_DISCLAIMER, UR_DENIAL,
)

_SPACE = re.compile(r"\s+")


class Segment(NamedTuple):
    """A heading's or label's section: its name, the text after its colon, its lines [start, end)."""

    name: str
    lead: str
    start: int
    end: int


def read(lines: list[str], breaks: list[bool]) -> dict[str, Any] | None:
    """The fields of a notice or professional review, or None when the text is neither."""
    plain = "\n".join(lines)  # markup stripped
    if REVIEW_MARK.search(plain):
        layout = "professional-review"
    elif NOTICE_MARK.search(plain):
        layout = "notice"
    else:
        return None
    segs = segments(lines, breaks)
    opening = " ".join(lines[: segs[0].start - 1] if segs else lines)
    fields: dict[str, Any] = common.header(opening)
    fields.pop("priority", None)
    body = " ".join(lines)
    for name, rx in (("decision_date", DATED), ("application_received", FILED), ("ur_denial_date", UR_DENIAL),
                     ("date_assigned", ASSIGNED)):
        m = rx.search(body)
        if m and not fields.get(name):
            fields[name] = common.iso(m.group("date").rstrip(".,"))
    notes: list[str] = []
    first = {s.name: s for s in reversed(segs)}
    summary = "\n\n".join(_text(lines, breaks, first["summary"])) if "summary" in first else ""
    summary = SUMMARY_DISCLAIMER.sub("", summary, count=1).lstrip()
    quals = " ".join(_text(lines, breaks, first["qualifications"])) if "qualifications" in first else body
    docs = first.get("documents")
    items = _review_item(lines, breaks, segs) if layout == "professional-review" else _notice_items(
        lines, breaks, segs, opening, notes)
    fields.update(
        layout=layout,
        reviewer=common.reviewer(quals),
        summary=summary,
        documents=documents(lines, breaks, docs.start, docs.end, docs.lead) if docs else [],
        items=items,
        notes=notes,
    )
    return fields


def segments(lines: list[str], breaks: list[bool] | None = None) -> list[Segment]:
    """Every older-layout heading and label, in order, with the lines under it.

    A heading that should end at a colon and has none on its line continues
    on the next line or two (wrapped headings), never into the next
    paragraph; text after the colon is the section's first words. Such a
    heading found inside a paragraph that never reaches its colon is a
    wrapped line of text that happens to begin with the heading's words
    ("Medical Treatment Guidelines." closing a guideline paragraph), not a
    heading.
    """
    found: list[tuple[int, int, str, str]] = []  # (heading line, first body line, name, lead)
    i = 0
    while i < len(lines):
        line = lines[i]
        hit = None
        if len(line) <= 160:
            for name, rx, colon in OLDER_HEADINGS:
                if rx.match(line):
                    hit = (name, colon)
                    break
        if hit is None:
            i += 1
            continue
        name, colon = hit
        head, nxt = line, i + 1
        while (colon and ":" not in head and nxt < len(lines) and nxt - i <= 2 and len(lines[nxt]) <= 100
               and not (breaks and breaks[nxt])):
            head, nxt = f"{head} {lines[nxt]}", nxt + 1
        if colon and ":" not in head and breaks and not breaks[i]:
            i += 1
            continue
        lead = head.split(":", 1)[1].strip() if colon and ":" in head else ""
        if name == "regarding":
            lead = head
        found.append((i, nxt, name, lead))
        i = nxt
    return [Segment(name, lead, body, found[k + 1][0] if k + 1 < len(found) else len(lines))
            for k, (_, body, name, lead) in enumerate(found)]


def _text(lines: list[str], breaks: list[bool], seg: Segment) -> list[str]:
    """A segment's paragraphs, its lead (text after the heading's colon) opening the first."""
    paras = common.paragraphs(lines, breaks, seg.start, seg.end)
    if seg.lead:
        if paras and seg.start < seg.end and not breaks[seg.start]:
            paras[0] = common.join([seg.lead, paras[0]])
        else:
            paras.insert(0, seg.lead)
    return [p for p in paras if p]


def _guidelines(text: str) -> tuple[str, str]:
    """The claims administrator's sentences apart from the reviewer's, where a notice gives both in one field."""
    ca = " ".join(m.group(0).strip() for m in CA_SENTENCE.finditer(text))
    return ca, _SPACE.sub(" ", CA_SENTENCE.sub("", text)).strip()


def _notice_items(lines: list[str], breaks: list[bool], segs: list[Segment], opening: str,
                  notes: list[str]) -> list[Item]:
    """One item per determination sentence (the opening's, else the decision section's); the k-th guideline
    and rationale labels belong to the k-th item."""
    decided = list(DETERMINATION.finditer(opening))
    if not decided:
        decision = next((s for s in segs if s.name == "decision"), None)
        source = " ".join(_text(lines, breaks, decision)) if decision else " ".join(lines)
        decided = list(DETERMINATION.finditer(source))
    seen: set[str] = set()
    unique = []
    for m in decided:
        key = _SPACE.sub("", m.group("request").lower())
        if key not in seen:
            seen.add(key)
            unique.append(m)
    if not unique:
        raise LetterError("no IMR items: the notice states no 'has determined the request for' decision")
    guides = [" ".join(_text(lines, breaks, s)) for s in segs if s.name == "guideline"]
    rationales = ["\n\n".join(_text(lines, breaks, s)) for s in segs if s.name == "rationale"]
    items = []
    for k, m in enumerate(unique):
        request = _SPACE.sub(" ", m.group("request")).strip()
        if k >= len(rationales) or not rationales[k]:
            raise LetterError(f"cut short: item {k + 1} ({request[:40]!r}) has no rationale")
        ca, rg = _guidelines(guides[k]) if k < len(guides) else ("", "")
        if k >= len(guides):
            notes.append(f"item {k + 1}: no guideline given")
        outcome = "overturned" if m.group("not") is None else "upheld"
        items.append(common.make_item(k + 1, request, _SPACE.sub(" ", m.group("line")).strip(), outcome, ca, rg,
                                      rationales[k]))
    if len(rationales) > len(unique):
        notes.append(f"{len(rationales) - len(unique)} rationale(s) without a stated decision were left out")
    return items


def _review_item(lines: list[str], breaks: list[bool], segs: list[Segment]) -> list[Item]:
    """A professional review's one item: the request under ISSUE AT DISPUTE, the outcome from the rationale."""
    issue = next((s for s in segs if s.name == "issue"), None)
    rationale_seg = next((s for s in segs if s.name == "rationale"), None)
    if issue is None:
        raise LetterError("cut short: the review names no ISSUE AT DISPUTE")
    line = " ".join(_text(lines, breaks, issue))
    rationale = "\n\n".join(_text(lines, breaks, rationale_seg)) if rationale_seg else ""
    if not line or not rationale:
        raise LetterError("cut short: the review has no " + ("issue" if not line else "rationale"))
    outcomes = list(CLOSING_OUTCOME.finditer(rationale))
    if not outcomes:
        raise LetterError("cut short: the review's rationale states no decision ('is (not) medically necessary')")
    m = ISSUE_QUESTION.match(line)
    request = m.group("request") if m else line.rstrip(" ?.")
    guide = next((s for s in segs if s.name == "guideline"), None)
    ca, rg = _guidelines(" ".join(_text(lines, breaks, guide))) if guide else ("", "")
    outcome = "overturned" if outcomes[-1].group("not") is None else "upheld"
    return [common.make_item(1, request.strip(), line, outcome, ca, rg, rationale)]
