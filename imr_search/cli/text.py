"""Text for people: how each kind of record reads at a terminal.

One function per record kind, each returning the whole text of one record,
so ``output.write_text`` can stream them. Colour only helps, never carries
meaning: it is used only on a terminal and never with ``NO_COLOR``, outcomes
carry a symbol as well as a word, and highlights fall back to ``[brackets]``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from ..query.results import CitationRow, Hit, LetterHit, SimilarItem, Snippet, StatRow, TreatmentMatch
from ..records import OUTCOME_BAR, OUTCOME_MARK, Letter, citation_text, counted, document_text, moment, noun
from ..userdata.saved import SavedRow, shown_query


def color() -> bool:
    """Whether stdout gets colour: a terminal, and no ``NO_COLOR`` in the environment."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def style(text: str, **kw: Any) -> str:
    return click.style(text, **kw) if color() else text


def outcome(name: str) -> str:
    return style(OUTCOME_MARK[name], fg="red" if name == "upheld" else "green", bold=name == "overturned")


def letter_summary(letter: Letter) -> str:
    """A short summary of one parsed letter (``parse``; the head of ``show``)."""
    upheld = sum(1 for it in letter.items if it.outcome == "upheld")
    head = [
        style(letter.id, bold=True),
        letter.shape,
        f"decided {letter.decision_date}" if letter.decision_date else "undated",
    ]
    if letter.reviewer.specialties:
        head.append(", ".join(letter.reviewer.specialties))
    patient = " ".join(str(x) for x in (letter.patient.age, letter.patient.sex) if x)
    facts = [
        patient or "patient not stated",
        counted(len(letter.diagnoses), "diagnosis"),
        f"{counted(len(letter.items), 'item')} ({upheld} upheld, {len(letter.items) - upheld} overturned)",
    ]
    lines = ["  ".join(head), "  " + " · ".join(facts)]
    for it in letter.items:
        tags = " · ".join(x for x in (it.treatment, it.body_part) if x)
        partial = " (partial)" if it.partial else ""
        lines.append(f"  {it.item:>2}. {outcome(it.outcome):<13} {it.request}{partial}  [{tags}]")
    # What the parser had to guess: the reader should know which fields to check against the letter.
    lines.extend("  " + style(f"note: {note}", dim=True) for note in letter.notes)
    return "\n".join(lines)


def letter_full(letter: Letter, hits: Sequence[Hit] = ()) -> str:
    """The whole letter (``show``): the summary, the header facts, then each item in full, ``hits`` marked."""
    where: dict[tuple[int | None, str], list[tuple[int, int]]] = {}
    for h in hits:
        where.setdefault((h.item, h.field), []).append((h.start, h.end))

    def text_of(item: int | None, field: str, value: str) -> str:
        return marked(value, sorted(where.get((item, field), [])))

    out = [letter_summary(letter), ""]
    facts = [
        ("Case number", letter.case_number), ("Decision date", letter.decision_date), ("Date assigned", letter.date_assigned),
        ("Date of injury", letter.date_of_injury), ("UR denial date", letter.ur_denial_date),
        ("Application received", letter.application_received), ("Priority", letter.priority),
        ("Licensure", ", ".join(letter.reviewer.licensure)), ("Diagnoses", "; ".join(letter.diagnoses)),
    ]
    out.extend(f"{k + ':':<22}{v}" for k, v in facts if v)
    out += ["", style("CLINICAL CASE SUMMARY", bold=True), text_of(None, "summary", letter.summary), ""]
    if letter.documents:
        out += [style("DOCUMENTS REVIEWED", bold=True), *(f"  - {document_text(d)}" for d in letter.documents), ""]
    for it in letter.items:
        out.append(style(f"Item {it.item}: ", bold=True) + text_of(it.item, "request", it.request) + f"  {outcome(it.outcome)}")
        out.append(f"  treatment: {it.treatment}  category: {it.category or '-'} / {it.subcategory or '-'}  body part: {it.body_part or '-'}")
        out.append("  Claims administrator guideline: " + text_of(it.item, "claims_administrator_guideline", it.claims_administrator_guideline))
        out.append("  Reviewer guideline: " + text_of(it.item, "reviewer_guideline", it.reviewer_guideline))
        out.extend(f"    - {c.by}: {citation_text(c)}" for c in it.citations)
        out += ["", text_of(it.item, "rationale", it.rationale), ""]
    return "\n".join(out)


def marked(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` with ``[start, end)`` ranges in colour, or else in ``[brackets]``."""
    mark: Callable[[str], str] = (lambda s: click.style(s, bold=True, fg="yellow")) if color() else (lambda s: f"[{s}]")
    out, pos = [], 0
    for s, e in ranges:
        if s < pos:
            continue  # overlapping ranges: the first one marks the words
        out.append(text[pos:s] + mark(text[s:e]))
        pos = e
    return "".join(out) + text[pos:]


def snippet(sn: Snippet) -> str:
    """A snippet on one line, its highlights in colour or else in ``[brackets]``."""
    return marked(sn.text.replace("\n", " "), sn.highlights)


def search_hit(hit: LetterHit) -> str:
    """A letter in a result list: its line, then each matching item with up to two snippets."""
    lines = [f"{style(hit.case_number or hit.id, bold=True)}  {hit.decision_date or 'undated'}  {', '.join(hit.specialties)}"]
    for ih in hit.items:
        lines.append(f"  {ih.item:>2}. {outcome(ih.outcome):<13} {ih.request}  [{ih.treatment}]")
        lines.extend(f"      {sn.field}: {snippet(sn)}" for sn in ih.snippets[:2])
    return "\n".join(lines)


def similar_item(s: SimilarItem) -> str:
    """The item's line, then why it is similar."""
    tags = s.treatment + (f" · {s.body_part}" if s.body_part else "")
    line = f"{s.score:7.2f}  {s.case_number or s.id:<14} {s.item:>2}. {outcome(s.outcome):<13} {s.request}  [{tags}]"
    return line + ("\n" + style("         why: " + " · ".join(s.reasons), dim=True) if s.reasons else "")


def treatment_match(m: TreatmentMatch) -> str:
    return f"{m.score:5.1f}  {m.treatment:<40} {m.category or '':<26} {m.items:>6} {noun(m.items, 'item'):<5}  {m.upheld:>6} upheld  {m.overturned:>5} overturned"


BAR_WIDTH = 20


def bar(upheld: int, overturned: int, width: int = BAR_WIDTH) -> str:
    """The upheld/overturned split of a row as ``width`` cells (empty for no items)."""
    total = upheld + overturned
    over = round(width * overturned / total) if total else 0
    up = width - over if total else 0
    return style(OUTCOME_BAR["upheld"] * up, fg="red") + style(OUTCOME_BAR["overturned"] * over, fg="green") + " " * (width - up - over)


def citation_rows() -> Callable[[CitationRow], str]:
    """Citator rows as an aligned table under a header line (a fresh function per listing: it heads the first row)."""
    headed: list[bool] = []

    def row(r: CitationRow) -> str:
        head = ""
        if not headed:
            headed.append(True)
            head = style(f"{'items':>6}  {'upheld / overturned':<{BAR_WIDTH}}  {'upheld':>8} {'overturned':>10}  {'claims admin':>12}  guideline", bold=True) + "\n"
        return head + f"{r.items:>6}  {bar(r.upheld, r.overturned)}  {r.upheld:>6} ✗ {r.overturned:>8} ✓  {r.claims_administrator_items:>12}  {r.name() if r.source else f'({r.name()})'}"

    return row


def stat_rows() -> Callable[[StatRow], str]:
    """Stat rows as a table, a ``by DIMENSION`` heading before the first row of each dimension.

    A fresh function per listing, since it remembers the dimension it is in.
    """
    current: list[str] = []

    def row(r: StatRow) -> str:
        heading = ""
        if current[-1:] != [r.dimension]:
            current.append(r.dimension)
            heading = style(f"\nby {r.dimension}", bold=True) + "\n"
        share = r.overturned / r.items if r.items else 0.0
        return heading + f"  {r.key[:40]:<40} {r.items:>7} {noun(r.items, 'item'):<5}  {r.upheld:>7} upheld  {r.overturned:>6} overturned ({share:5.1%})"

    return row


def saved_row(r: SavedRow) -> str:
    return f"{style(r.name, bold=True)}  {counted(r.letters, 'letter')}, {r.new} new since {moment(r.last_seen)}\n  {shown_query(r.query)}"
