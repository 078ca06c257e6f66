"""Two letters side by side, section by section, with what they share and where they differ marked.

Each row is a label and two cells in one ``Horizontal`` of auto height, so
both columns of a section start on the same line however long either side
runs. The label carries the verdict: ``=`` the same on both sides, ``≠``
different. Citations are marked one by one (``=`` cited by both, ``+`` only
this side) and the rationales have the phrases they share underlined.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ...records import Citation, Item, Letter, citation_text
from .. import text

SAME = "="
DIFFERENT = "≠"


def pick_item(letter: Letter, like: Item | None, number: int | None = None) -> Item:
    """The item of ``letter`` to set against ``like``: by number, else same treatment, else same category, else the first."""
    if number is not None and 1 <= number <= len(letter.items):
        return letter.items[number - 1]
    if like is not None:
        for test in (lambda it: it.treatment == like.treatment, lambda it: it.category and it.category == like.category):
            for it in letter.items:
                if test(it):
                    return it
    return letter.items[0]


def _cite_key(c: Citation) -> tuple[str, str, str | None]:
    return (c.source, c.title, c.section)


def _norm(value: str | None) -> str:
    return " ".join((value or "").lower().split())


def _label(name: str, same: bool | None) -> Content:
    if same is None:
        return Content.styled(name, "bold")
    mark = SAME if same else DIFFERENT
    return Content.assemble((mark + " ", "$text-muted" if same else "bold $text-warning"), (name, "bold" if not same else ""))


class Comparison(VerticalScroll, can_focus=True):
    """The comparison of ``left`` item ``li`` with ``right`` item ``ri``."""

    def show(self, left: Letter, li: Item, right: Letter, ri: Item) -> None:
        self.remove_children()
        self.mount_all(list(self._rows(left, li, right, ri)))
        self.scroll_home(animate=False)

    def _row(self, label: Content | str, a: Content, b: Content, classes: str = "") -> Horizontal:
        return Horizontal(
            Static(label if isinstance(label, Content) else Content(label), classes="cmp-label"),
            Static(a, classes="cmp-cell"),
            Static(b, classes="cmp-cell"),
            classes=f"cmp-row {classes}".strip(),
        )

    def _fact(self, name: str, a: str | None, b: str | None) -> Horizontal:
        same = _norm(a) == _norm(b)
        style = "" if same else "bold"
        return self._row(_label(name, same), text.plain(a or "—", style), text.plain(b or "—", style), "" if same else "-differs")

    def _heading(self, title: str, note: Content | None = None) -> Static:
        return Static(Content.assemble((title, "bold"), "  ", note or ""), classes="cmp-heading")

    def _rows(self, left: Letter, li: Item, right: Letter, ri: Item) -> Iterator[Widget]:
        yield self._row(
            "",
            Content.assemble((text.clean(left.case_number or left.id, True), "bold"), f"  {left.decision_date or 'undated'}"),
            Content.assemble((text.clean(right.case_number or right.id, True), "bold"), f"  {right.decision_date or 'undated'}"),
            "cmp-title",
        )

        yield self._heading("Facts")
        yield self._fact("Reviewer", ", ".join(left.reviewer.specialties), ", ".join(right.reviewer.specialties))
        yield self._fact("Patient", _patient(left), _patient(right))
        shared_dx = {_norm(d) for d in left.diagnoses} & {_norm(d) for d in right.diagnoses}
        yield self._row(
            _label("Diagnoses", {_norm(d) for d in left.diagnoses} == {_norm(d) for d in right.diagnoses}),
            _marked_list(left.diagnoses, shared_dx),
            _marked_list(right.diagnoses, shared_dx),
        )

        same_outcome = li.outcome == ri.outcome
        verdict = Content.styled("same outcome", "$text-muted") if same_outcome else Content.styled("≠ the outcomes differ", "bold reverse $text-warning")
        yield self._heading("Items and outcomes", verdict)
        yield self._row(_label("Items", None), _item_list(left, li), _item_list(right, ri))
        yield self._fact("Request", li.request, ri.request)
        yield self._fact("Treatment", li.treatment, ri.treatment)
        yield self._fact("Category", li.category, ri.category)
        yield self._fact("Body part", li.body_part, ri.body_part)
        yield self._fact("Amount", _amount(li), _amount(ri))
        yield self._row(_label("Outcome", same_outcome), text.outcome(li.outcome), text.outcome(ri.outcome), "" if same_outcome else "-differs")

        keys_l = {_cite_key(c) for c in li.citations}
        keys_r = {_cite_key(c) for c in ri.citations}
        shared = keys_l & keys_r
        note = Content.styled(f"{len(shared)} shared · {len(keys_l - shared)} only left · {len(keys_r - shared)} only right", "$text-muted")
        yield self._heading("Citations", note)
        for by, name in (("reviewer", "Reviewer"), ("claims_administrator", "Claims admin.")):
            a = [c for c in li.citations if c.by == by]
            b = [c for c in ri.citations if c.by == by]
            same = {_cite_key(c) for c in a} == {_cite_key(c) for c in b}
            yield self._row(_label(name, same), _cite_list(a, keys_r), _cite_list(b, keys_l))

        phrases = text.shared_phrases(li.rationale, ri.rationale)
        note = (
            Content.assemble(("shared phrases underlined: ", "$text-muted"), *_join_phrases(phrases))
            if phrases
            else Content.styled("no phrases in common", "$text-muted")
        )
        yield self._heading("Rationale", note)
        yield self._row(
            _label("Rationale", None),
            text.highlighted(li.rationale, text.phrase_ranges(li.rationale, phrases), style=text.SHARED),
            text.highlighted(ri.rationale, text.phrase_ranges(ri.rationale, phrases), style=text.SHARED),
        )
        g_phrases = text.shared_phrases(li.reviewer_guideline, ri.reviewer_guideline)
        yield self._row(
            _label("Guideline", _norm(li.reviewer_guideline) == _norm(ri.reviewer_guideline)),
            text.highlighted(li.reviewer_guideline, text.phrase_ranges(li.reviewer_guideline, g_phrases), style=text.SHARED),
            text.highlighted(ri.reviewer_guideline, text.phrase_ranges(ri.reviewer_guideline, g_phrases), style=text.SHARED),
        )


def _patient(letter: Letter) -> str:
    return ", ".join(str(x) for x in (letter.patient.age, letter.patient.sex) if x)


def _amount(it: Item) -> str:
    parts = []
    if it.quantity is not None:
        parts.append(f"{it.quantity}")
    if it.frequency:
        parts.append(f"{it.frequency.count}/{it.frequency.per}")
    if it.duration:
        parts.append(f"{it.duration.count} {it.duration.unit}")
    return " · ".join(parts)


def _marked_list(values: list[str], shared: set[str]) -> Content:
    if not values:
        return Content.styled("—", "$text-muted")
    return Content("\n").join(
        text.plain(v, "underline $text-accent" if _norm(v) in shared else "", one_line=True) for v in values
    )


def _item_list(letter: Letter, chosen: Item) -> Content:
    lines = []
    for it in letter.items:
        marker = ("▶ ", "bold") if it.item == chosen.item else ("  ", "")
        lines.append(Content.assemble(marker, text.outcome(it.outcome, short=True), " ", text.plain(it.request, one_line=True)))
    return Content("\n").join(lines)


def _cite_list(cites: list[Citation], other: set[tuple[str, str, str | None]]) -> Content:
    if not cites:
        return Content.styled("none", "$text-muted")
    lines = []
    for c in cites:
        both = _cite_key(c) in other
        lines.append(
            Content.assemble(
                ("= " if both else "+ ", "$text-muted" if both else "bold $text-warning"),
                (c.source + " ", "bold"),
                text.plain(citation_text(c, source=False), "" if both else "italic", one_line=True),
            )
        )
    return Content("\n").join(lines)


def _join_phrases(phrases: list[str]) -> list[Content | str]:
    out: list[Content | str] = []
    for p in phrases:
        if out:
            out.append(" · ")
        out.append(text.plain(f"“{p}”", text.SHARED, one_line=True))
    return out
