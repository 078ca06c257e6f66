"""The line under the search box: how many hits, how fast, and what the index made of the query.

It is the app's only feedback about the query itself, so it says everything
the CLI prints to stderr: hints ("ignored an unbalanced quote"), the typo
correction ("showing results for personal trainer"), and the filters in force.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...query.results import SearchResults
from ...records import counted, noun
from .. import text
from ..filters import Filters

SYNTAX = 'try  "exact phrase"  -word  a OR b  outcome:overturned  cites:ODG  specialty:"pain management"  decided:2014..2016'
"""Shown while the box is empty: the query language at a glance."""


class StatusLine(Static):
    """Two lines of facts about the current results (always two, so updates never move the list),
    and the precedent packet's size once it holds anything ("Packet: 3")."""

    packet = 0
    """Items in the packet (set by the screen)."""

    def show(
        self,
        results: SearchResults,
        elapsed_ms: float,
        filters: Filters,
        sort: str,
        letters_in_index: int,
        typed: str,
    ) -> None:
        shown = len(results.letters)
        if not typed.strip() and not filters:
            facts = Content.assemble(
                (f"{letters_in_index:,}", "bold"), f" {noun(letters_in_index, 'letter')} in the index", " · newest first" if sort == "date" else "", " · type to search",
            )
        elif not results.letters:
            facts = Content.assemble(("no matches", "bold $text-warning"), f" · {elapsed_ms:.0f} ms")
        else:
            total = results.total_items or 0
            facts = Content.assemble(
                (f"{total:,}", "bold"),
                f" matching {noun(total, 'item')} · {counted(shown, 'letter')} shown · ",
                f"{elapsed_ms:.0f} ms · {'newest first' if sort == 'date' else 'best first'}",
            )
        if self.packet:
            facts = Content.assemble(facts, " · ", (f"Packet: {self.packet}", "bold $text-accent"))
        lines = [facts]
        notes: list[Content] = []
        if results.corrected:
            notes.append(Content.assemble(("showing results for ", "$text-accent"), (text.clean(results.corrected, True), "bold $text-accent")))
        notes += [Content.styled("⚠ " + text.clean(h, True), "$text-warning") for h in results.hints]
        if filters:
            notes.append(Content.assemble(("filters: ", "$text-muted"), (text.clean(" ".join(filters.terms()), True), "$text-primary")))
        if notes:
            lines.append(Content(" · ").join(notes))
        elif not typed.strip():
            lines.append(Content.styled(SYNTAX, "$text-muted"))
        self.update(Content("\n").join(lines), layout=False)  # fixed height: no relayout per keystroke

    def busy(self, message: str) -> None:
        self.update(Content.styled(message, "$text-muted"), layout=False)

    def failed(self, message: str) -> None:
        self.update(Content.styled("⚠ " + text.clean(message, True), "bold $text-error"), layout=False)
