"""The packet's items, in the packet's order: each with its letter's facts, or dimmed "not in the index".

An entry names an item by letter id and item number; the letter is read
from the index by the screen. One the index no longer holds (a rebuild
dropped the letter, or it has fewer items now) stays in the list, dimmed,
with its note, so the user decides whether to remove it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...records import Item, Letter, citation_text
from ...userdata.packet import PacketEntry
from .. import text

PacketRow = tuple[PacketEntry, Letter | None]
"""An entry and its letter (None: not in the index)."""


def marked_item(row: PacketRow) -> Item | None:
    entry, letter = row
    if letter is None or not 0 < entry.item <= len(letter.items):
        return None
    return letter.items[entry.item - 1]


def packet_entry(n: int, row: PacketRow) -> Content:
    """Number, case and item, date, outcome, request; treatment and specialty; the reviewer's citations; the note."""
    entry, letter = row
    item = marked_item(row)
    name = text.clean(entry.case_number or entry.letter_id, True)
    if letter is None or item is None:
        lines = [Content.styled(f"{n:>2}. {name} item {entry.item}  not in the index", "$text-disabled")]
    else:
        specialty = ", ".join(letter.reviewer.specialties) or "specialty not stated"
        cited = "; ".join(citation_text(c) for c in item.citations if c.by == "reviewer") or "no guideline cited"
        lines = [
            Content.assemble(
                f"{n:>2}. ", (name, "bold"), (f" item {item.item}", "$text-muted"), "  ", (letter.decision_date or "undated", "$text-secondary"),
                "  ", text.outcome(item.outcome), "  ", text.plain(item.request, one_line=True),
            ),
            Content.assemble("    ", text.plain(item.treatment, one_line=True), " · ", text.plain(specialty, "italic $text-muted", True)),
            Content.assemble("    ", text.plain(cited, "$text-muted", True)),
        ]
    if entry.note:
        lines.append(Content.assemble(("    note: ", "$text-muted"), text.plain(entry.note, "$text-accent", True)))
    return Content("\n").join(lines)


class PacketList(OptionList):
    """The packet's rows; the screen moves, removes and annotates the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="packet-list.down", tooltip="Next item"),
        Binding("k", "cursor_up", "Up", show=False, id="packet-list.up", tooltip="Previous item"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.rows: list[PacketRow] = []

    def show(self, rows: list[PacketRow], highlight: int | None = None) -> None:
        """Replace the rows, highlighting ``highlight`` (else the one highlighted before, kept in range)."""
        at = self.highlighted if highlight is None else highlight
        self.rows = rows
        self.set_options(Option(packet_entry(n, row)) for n, row in enumerate(rows, 1))
        if rows:
            self.highlighted = max(0, min(at or 0, len(rows) - 1))

    @property
    def current(self) -> int | None:
        """The highlighted row's position in the packet."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.rows):
            return None
        return self.highlighted
