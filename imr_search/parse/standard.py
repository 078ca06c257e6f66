"""The standard layout (2013-2017 and after) and the "maximus" layout that differs from it in headings only.

Why one reader for both: a "maximus" letter has the same header block, the
same credentials and the same ``item: Upheld`` blocks with labelled fields;
it calls its issues section IMR DECISION(S) AND RATIONALE(S) and adds a
DOCUMENTS REVIEWED section. The reader finds the headings, the header block
before them, and in the issues section one block per line that ends in
": Upheld" / ": Overturned".
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import LetterError
from ..records import Item, Partial
from . import common
from .documents import documents
from .labels import ISSUES_INTRO, ITEM_LABEL, OUTCOME_WORDS, STANDARD_HEADINGS, SUMMARY_INTRO

_OUTCOME = re.compile(r"^(?P<title>.*?)\s*:\s*(?P<outcome>" + OUTCOME_WORDS + r")\s*\.?$", re.I)
_BARE_OUTCOME = re.compile(r"^(?P<outcome>" + OUTCOME_WORDS + r")\s*\.?$", re.I)
_ENUMERATION = re.compile(r"^\d{1,2}[.)]\s+(?=\D)")
"""A list number some letters put before each item ("1. ", "2) ")."""
_PARTIAL = re.compile(
    r"^(?P<original>.+?)\s+was\s+the\s+original\s+request\.?\s+"
    r"(?P<authorized>.+?)\s+was\s+(?:authorized|certified|approved|modified)(?:\s+by\s+the\s+Claims\s+Administrator)?\.?\s+"
    r"The\s+remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request,?\s+(?P<remaining>.+?)(?:\s+is)?$",
    re.I | re.S,
)
_PARTIAL_TAIL = re.compile(r"^(?:The\s+remaining\b|.*\bwas\s+(?:authorized|certified|approved|modified)\b)", re.I | re.S)
_CLOSING = common.SENTENCE_END + ('"', "”", ")")


def outcome_of(word: str) -> str:
    """"Upheld"/"Uphold" -> "upheld", "Overturned"/"Overturn" -> "overturned"."""
    return "upheld" if word.lower().startswith("uph") else "overturned"


def sections(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Where each heading's section starts and ends (line indices, heading excluded)."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if len(line) > 60:
            continue
        for name, rx in STANDARD_HEADINGS:
            if name not in seen and rx.match(line):
                found.append((i, name))
                seen.add(name)
                break
    out = {}
    for k, (i, name) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(lines)
        out[name] = (i + 1, end)
    return out


def read(lines: list[str], breaks: list[bool], secs: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """The fields of a standard or maximus letter whose issues section was found."""
    notes: list[str] = []
    issues_start, issues_end = secs["issues"]
    fields = common.header(" ".join(lines[: min(start for start, _ in secs.values()) - 1]))
    how_start, how_end = secs.get("how", (0, 0))
    items = _items(lines, breaks, issues_start, issues_end, notes)
    summary_paragraphs = common.paragraphs(lines, breaks, *secs.get("summary", (0, 0)))
    if summary_paragraphs:
        summary_paragraphs[0] = SUMMARY_INTRO.sub("", summary_paragraphs[0])
        summary_paragraphs = [p for p in summary_paragraphs if p]
    docs_start, docs_end = secs.get("documents", (0, 0))
    fields.update(
        layout="maximus" if lines[issues_start - 1].upper().startswith("IMR DECISION") else "standard",
        reviewer=common.reviewer(" ".join(lines[how_start:how_end])),
        summary="\n\n".join(summary_paragraphs),
        documents=documents(lines, breaks, docs_start, docs_end),
        items=items,
        notes=notes,
    )
    return fields


def _label(line: str) -> tuple[str, str] | None:
    m = ITEM_LABEL.match(line)
    return (m.lastgroup or "", line[m.end() :]) if m else None


def _items(lines: list[str], breaks: list[bool], start: int, end: int, notes: list[str]) -> list[Item]:
    """One Item per decision line, with the labelled fields that follow it."""
    while start < end and ISSUES_INTRO.match(lines[start]):
        start += 1
        while start < end and not breaks[start] and not lines[start - 1].endswith(":"):
            start += 1
    labels = [_label(lines[i]) for i in range(len(lines))]
    decisions: list[tuple[int, int, str, str]] = []  # (title start, decision line, title, outcome)
    lo = start
    for j in range(start, end):
        if labels[j]:
            continue
        m = _OUTCOME.match(lines[j])
        if m is None:
            bare = _BARE_OUTCOME.match(lines[j])
            if not (bare and j > lo and lines[j - 1].endswith(":")):
                continue
            m = bare
        s = j
        while s > lo and not breaks[s] and labels[s - 1] is None:
            s -= 1
        if s > lo and not breaks[s] and labels[s - 1] is not None:
            s = _title_start(lines, s, j)
        title = common.join(lines[s:j] + ([m.group("title")] if "title" in m.groupdict() else []))
        title = _ENUMERATION.sub("", title.rstrip(": ").strip())
        decisions.append((s, j, title, outcome_of(m.group("outcome"))))
        lo = j + 1
    if not decisions:
        raise LetterError("no IMR items: the issues section holds no 'Upheld' or 'Overturned' decision")

    items = []
    for k, (s, j, title, outcome) in enumerate(decisions):
        stop = decisions[k + 1][0] if k + 1 < len(decisions) else end
        fields: dict[str, list[list[str]]] = {}
        current: list[list[str]] | None = None
        for i in range(j + 1, stop):
            lab = labels[i]
            if lab:
                current = fields.setdefault(lab[0], [])
                current.append([lab[1]] if lab[1] else [])
            elif current is not None:
                if breaks[i] and current[-1]:
                    current.append([])
                current[-1].append(lines[i])
        items.append(_item(k + 1, title, outcome, fields))
    if not items[-1].rationale.rstrip().endswith(_CLOSING):
        notes.append(f"item {len(items)}: rationale has no closing sentence")
    return items


def _title_start(lines: list[str], lo: int, j: int) -> int:
    """Where a title starts when no paragraph break separates it from the
    rationale before it: after the last line ending a sentence, unless what
    follows continues a partial-request title."""
    for k in range(j, lo, -1):
        if lines[k - 1].endswith(common.SENTENCE_END) and not _PARTIAL_TAIL.match(" ".join(lines[k : j + 1])):
            return k
    return lo


def _item(number: int, title: str, outcome: str, fields: dict[str, list[list[str]]]) -> Item:
    def paragraphs(name: str) -> list[str]:
        return [common.join(p) for p in fields.get(name, []) if p]

    rationale = "\n\n".join(paragraphs("ra"))
    if not rationale:
        raise LetterError(f"cut short: item {number} ({title[:40]!r}) has no decision rationale")
    partial = None
    request = title
    m = _PARTIAL.match(title)
    if m:
        partial = Partial(original=m.group("original").strip(), authorized=m.group("authorized").strip())
        request = m.group("remaining").strip()
    return common.make_item(number, request, title, outcome, " ".join(paragraphs("ca")), " ".join(paragraphs("rg")),
                            rationale, partial)
