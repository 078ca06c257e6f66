"""Every key (`?`), grouped by where it works, the current place first.

Built from the ``BINDINGS`` of the screens and widgets themselves, so it
cannot drift from what the keys really do.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

KEY_NAMES = {
    "question_mark": "?", "slash": "/", "escape": "esc", "enter": "enter", "down": "↓", "up": "↑",
    "space": "space", "ctrl+p": "ctrl+p", "ctrl+r": "ctrl+r", "ctrl+q": "ctrl+q", "f1": "f1",
}


def key_name(key: str) -> str:
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


def groups() -> list[tuple[str, list[type[DOMNode]], list[tuple[str, str]]]]:
    """(title, the classes whose bindings it lists, extra keys not in BINDINGS)."""
    from ..app import IMRSearchApp
    from ..widgets.filter_panel import FilterPanel
    from ..widgets.letter_document import LetterDocument
    from ..widgets.results_list import ResultsList
    from ..widgets.search_box import SearchBox
    from ..widgets.similar_list import SimilarList
    from ..widgets.treatment_picker import TreatmentPicker
    from .compare import CompareScreen
    from .letter import LetterScreen
    from .search import SearchScreen
    from .similar import SimilarScreen
    from .stats import StatsScreen

    return [
        ("Everywhere", [IMRSearchApp], [("ctrl+p", "Command palette: every action by name"), ("tab, shift+tab", "Move between parts of the screen")]),
        ("Search", [SearchBox, SearchScreen, ResultsList], [("↑ ↓ home end pgup pgdn", "Move in the results")]),
        ("Filter panel", [FilterPanel, TreatmentPicker], [("enter", "In the treatment box: take the highlighted suggestion"), ("↓", "In the treatment box: into the suggestions")]),
        ("Letter", [LetterScreen, LetterDocument], [("↑ ↓ pgup pgdn", "Scroll")]),
        ("Similar cases", [SimilarScreen, SimilarList], [("enter", "Open the highlighted case")]),
        ("Compare", [CompareScreen], []),
        ("Stats", [StatsScreen], []),
    ]


def describe(title: str, classes: list[type[DOMNode]], extra: list[tuple[str, str]], current: bool) -> Content:
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for cls in classes:
        for b in cls.BINDINGS:
            if not isinstance(b, Binding):
                continue
            key = key_name(b.key)
            if key not in seen:  # a key listed once per place: the first class's meaning wins
                seen.add(key)
                rows.append((key, b.tooltip or b.description or b.action))
    rows += [row for row in extra if row[0] not in seen]
    head = Content.styled(title + ("  (you are here)" if current else ""), "bold $text-accent" if current else "bold")
    body = [Content.assemble((("  " + k).ljust(26), "bold"), d) for k, d in rows]
    return Content("\n").join([head, *body])


class HelpScreen(ModalScreen[None]):
    """The key list over the current screen; any of esc, q, ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close", tooltip="Close this list"),
        Binding("q", "close", "Close", show=False, id="help.close-q", tooltip="Close this list"),
        Binding("question_mark", "close", "Close", show=False, id="help.close-help", tooltip="Close this list"),
    ]

    def __init__(self, context: Screen[object] | None = None) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        here = type(self.context).__name__ if self.context is not None else ""
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static("Keys", id="help-title", markup=False)
            parts = groups()
            parts.sort(key=lambda g: not any(c.__name__ == here for c in g[1]))
            for title, classes, extra in parts:
                yield Static(describe(title, classes, extra, any(c.__name__ == here for c in classes)), classes="help-group")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()
