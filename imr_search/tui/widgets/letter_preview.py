"""The highlighted result, read-only, beside the list on wide terminals.

One text (not the letter screen's many blocks): it is replaced on every
cursor move, and swapping one ``Content`` is cheaper and steadier than
unmounting and mounting a few dozen widgets each time.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...query.results import LetterView
from ...records import citation_text
from .. import text
from .letter_document import letter_title


def _facts(pairs: list[tuple[str, str | None]]) -> list[Content]:
    return [Content.assemble((f"{label:<14}", "$text-muted"), text.plain(value, one_line=True)) for label, value in pairs if value]


def preview_content(view: LetterView) -> Content:
    """The letter as one text: title, key facts, summary, then each item with outcome, citations, rationale."""
    letter = view.letter
    hits: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for h in view.hits:
        hits.setdefault((h.item or 0, h.field), []).append((h.start, h.end))
    lines: list[Content] = [letter_title(letter), Content("")]
    lines += _facts(
        [
            ("Reviewer", ", ".join(letter.reviewer.specialties)),
            ("Patient", ", ".join(str(x) for x in (letter.patient.age, letter.patient.sex) if x)),
            ("Diagnoses", "; ".join(letter.diagnoses)),
            ("Injured", letter.date_of_injury),
            ("UR denial", letter.ur_denial_date),
        ]
    )
    lines += [Content(""), Content.styled("Clinical case summary", "bold $text-accent")]
    lines.append(text.highlighted(letter.summary, hits.get((0, "summary"), [])))
    for it in letter.items:
        lines += [
            Content(""),
            Content.assemble(f"Item {it.item}  ", text.outcome(it.outcome), "  ", text.highlighted(it.request, hits.get((it.item, "request"), []), one_line=True)),
        ]
        cites = "; ".join(dict.fromkeys(citation_text(c) for c in it.citations if c.by == "reviewer"))
        if cites:
            lines.append(Content.assemble(("Reviewer cites  ", "$text-muted"), text.plain(cites, one_line=True)))
        lines.append(text.highlighted(it.rationale, hits.get((it.item, "rationale"), [])))
    return Content("\n").join(lines)


class LetterPreview(VerticalScroll):
    """A scrollable, read-only view of one letter."""

    def compose(self) -> ComposeResult:
        yield Static(id="preview-text")

    def show(self, view: LetterView | None) -> None:
        body = self.query_one("#preview-text", Static)
        body.update(preview_content(view) if view is not None else Content.styled("nothing to preview", "$text-muted"))
        self.scroll_home(animate=False)
