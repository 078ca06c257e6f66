"""The search box: an Input whose footer keys say how to get out of it.

While the box has focus every printable key is text, so `q`, `s`, `f` and
the rest cannot act; the footer shows only what does (done, results, open).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class SearchBox(Input):
    """Typing here searches (the screen debounces and runs the query off the UI thread)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.leave", "Done typing", id="search-box.done", tooltip="Leave the search box (then q quits)"),
        Binding("down", "screen.focus_results", "Results", id="search-box.results", tooltip="Move into the results"),
        Binding("enter", "submit", "Open top", id="search-box.open", tooltip="Open the highlighted (at first the top) result"),
    ]
