"""The saved searches, one entry each: name, counts (new ones stand out), the query, when last seen."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...records import counted, moment
from ...userdata.saved import SavedRow, SavedSearch, shown_query
from .. import text


def saved_entry(name: str, search: SavedSearch, row: SavedRow | None) -> Content:
    """Name and counts ("counting…" until they come); the query and when it was last seen."""
    if row is None:
        counts = Content.styled("counting…", "$text-muted")
    else:
        counts = Content.assemble(
            counted(row.letters, "letter", True), " · ",
            (f"{row.new:,} new", "bold $text-accent") if row.new else (f"{row.new} new", "$text-muted"),
        )
    head = Content.assemble((text.clean(name, True), "bold"), "  ", counts)
    detail = Content.assemble(
        "  ", text.plain(shown_query(search.query), "$text-primary", True), (f"  · seen {moment(search.last_seen)}", "$text-muted")
    )
    return Content("\n").join([head, detail])


class SavedList(OptionList):
    """Saved searches by name; the option id is the name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="saved-list.down", tooltip="Next search"),
        Binding("k", "cursor_up", "Up", show=False, id="saved-list.up", tooltip="Previous search"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.names: list[str] = []

    def show(self, searches: dict[str, SavedSearch], rows: dict[str, SavedRow]) -> None:
        at = self.highlighted
        self.names = list(searches)
        self.set_options(Option(saved_entry(name, s, rows.get(name)), id=name) for name, s in searches.items())
        if self.names:
            self.highlighted = max(0, min(at or 0, len(self.names) - 1))

    @property
    def current(self) -> str | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.names):
            return None
        return self.names[self.highlighted]
