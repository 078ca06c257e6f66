"""Every key (`?`), grouped by where it works, the current place first.

Built from the ``BINDINGS`` of the screens and widgets themselves, so it
cannot drift from what the keys really do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..keys import GLOBAL_KEYS
from ..widgets.citation_list import CitationList
from ..widgets.filter_panel import FilterPanel
from ..widgets.letter_document import LetterDocument
from ..widgets.packet_list import PacketList
from ..widgets.results_list import ResultsList
from ..widgets.saved_list import SavedList
from ..widgets.search_box import SearchBox
from ..widgets.similar_list import SimilarList
from ..widgets.treatment_picker import TreatmentPicker
from .citator import CitatorScreen
from .compare import CompareScreen
from .letter import LetterScreen
from .packet import PacketScreen
from .saved import SavedScreen
from .search import SearchScreen
from .similar import SimilarScreen
from .stats import StatsScreen

KEY_NAMES = {
    "question_mark": "?", "slash": "/", "escape": "esc", "enter": "enter", "down": "↓", "up": "↑",
    "space": "space", "shift+up": "shift+↑", "shift+down": "shift+↓", "delete": "delete", "ctrl+s": "ctrl+s", "ctrl+p": "ctrl+p", "ctrl+r": "ctrl+r", "ctrl+q": "ctrl+q", "f1": "f1",
}

Holder = type[DOMNode] | Sequence[BindingType]
"""Where a place's keys come from: a screen or widget class, or a list of bindings (the app's)."""

GROUPS: list[tuple[str, list[Holder], list[tuple[str, str]]]] = [
    ("Everywhere", [GLOBAL_KEYS], [("ctrl+p", "Command palette: every action by name"), ("tab, shift+tab", "Move between parts of the screen")]),
    ("Search", [SearchBox, SearchScreen, ResultsList], [("↑ ↓ home end pgup pgdn", "Move in the results")]),
    ("Filter panel", [FilterPanel, TreatmentPicker], [("enter", "In the treatment box: take the highlighted suggestion"), ("↓", "In the treatment box: into the suggestions")]),
    ("Letter", [LetterScreen, LetterDocument], [("↑ ↓ pgup pgdn", "Scroll")]),
    ("Similar cases", [SimilarScreen, SimilarList], [("enter", "Open the highlighted case")]),
    ("Compare", [CompareScreen], []),
    ("Stats", [StatsScreen], []),
    ("Authorities (the citator)", [CitatorScreen, CitationList], [("enter", "List the letters citing the highlighted guideline; on a letter, open it")]),
    ("Packet", [PacketScreen, PacketList], [("enter", "Open the highlighted item's letter")]),
    ("Saved searches", [SavedScreen, SavedList], [("enter", "Run the highlighted search and mark it seen")]),
]
"""(title, where its keys come from, extra keys not in any BINDINGS), in the order shown."""


def key_name(key: str) -> str:
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


def bindings_of(holder: Holder) -> list[Binding]:
    """A holder's bindings; a class's include those it inherits from the app's own bases (a base's first, as Textual merges them)."""
    if not isinstance(holder, type):
        return [b for b in holder if isinstance(b, Binding)]
    own = [c for c in reversed(holder.__mro__) if c.__module__.startswith("imr_search.") and "BINDINGS" in vars(c)]
    return [b for c in own for b in c.BINDINGS if isinstance(b, Binding)]


def describe(title: str, holders: list[Holder], extra: list[tuple[str, str]], current: bool) -> Content:
    """One place's keys, each once: a widget's meaning of a key wins over its screen's (the focused widget gets the key first)."""
    rows: dict[str, tuple[str, bool]] = {}  # key -> (what it does, said by a screen)
    for holder in holders:
        by_screen = isinstance(holder, type) and issubclass(holder, Screen)
        for b in bindings_of(holder):
            key = key_name(b.key)
            if key not in rows or (rows[key][1] and not by_screen):
                rows[key] = (b.tooltip or b.description or b.action, by_screen)
    for key, meaning in extra:
        rows.setdefault(key, (meaning, False))
    head = Content.styled(title + ("  (you are here)" if current else ""), "bold $text-accent" if current else "bold")
    body = [Content.assemble((("  " + k).ljust(26), "bold"), d) for k, (d, _) in rows.items()]
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
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static("Keys", id="help-title", markup=False)
            for title, holders, extra in sorted(GROUPS, key=lambda g: not self._here(g[1])):
                yield Static(describe(title, holders, extra, self._here(holders)), classes="help-group")
        yield Footer()

    def _here(self, holders: list[Holder]) -> bool:
        """Is this the place the list was opened from?"""
        return any(isinstance(h, type) and type(self.context) is h for h in holders)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()
