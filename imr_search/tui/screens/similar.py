"""Cases like this one (`s`), or like it but decided the other way (`o`).

The useful question is rarely "what else was decided like this" but "was
this ever decided the other way, and why": `o` flips the list to contrast
cases, `c` puts the highlighted one beside the source letter. `i` narrows
the likeness to one item of a letter with several.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, OptionList, Static
from textual.worker import get_current_worker

from ...query.results import LetterView, SimilarItem
from ...records import Letter
from .. import text
from ..messages import OpenCompare, OpenLetter, PacketChanged, ToggleMark
from ..widgets.similar_list import SimilarList
from .detail import DetailScreen

LIMIT = 20


class SimilarScreen(DetailScreen):
    """Similar items of other letters, best first."""

    AUTO_FOCUS = "#similar"

    contrast: reactive[bool] = reactive(False, init=False)
    """Only cases decided the other way."""
    item: reactive[int | None] = reactive(None, init=False)
    """Which item of the source letter to match (None: all of them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "toggle_contrast", "Opposite outcome", id="similar.opposite", tooltip="Toggle: only cases decided the other way"),
        Binding("c", "compare", "Compare", id="similar.compare", tooltip="Compare the highlighted case with this letter"),
        Binding("i", "next_item", "Item", id="similar.item", tooltip="Match on all items / item 1 / item 2 …"),
        Binding("y", "copy", "Copy no.", id="similar.copy", tooltip="Copy the highlighted case's number"),
        Binding("Y", "cite", "Copy cite", show=False, id="similar.copy-citation", tooltip="Copy a citation-ready line for this case"),
        Binding("space", "mark", "Mark", show=False, id="similar.mark", tooltip="Mark/unmark the highlighted item for the packet"),
    ]

    def __init__(self, letter_id: str, contrast: bool = False) -> None:
        super().__init__()
        self.letter_id = letter_id
        self.set_reactive(SimilarScreen.contrast, contrast)
        self.letter: Letter | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="similar-title")
        yield Static(id="similar-source")
        yield SimilarList(id="similar")
        yield Footer()

    def on_mount(self) -> None:
        self._update_header("searching…")
        self.load_letters(self.letter_id)

    def show_letters(self, views: Sequence[LetterView]) -> None:
        self.letter = views[0].letter
        self._load()

    @property
    def similar(self) -> SimilarList:
        return self.query_one("#similar", SimilarList)

    def watch_contrast(self) -> None:
        self._load()

    def watch_item(self) -> None:
        self._load()

    def _update_header(self, count: str) -> None:
        """The title (what is listed, and ``count``) and the source letter's items (once it is known)."""
        letter = self.letter
        what = "decided the other way" if self.contrast else "like it"
        if letter is None:
            source, scope = self.letter_id, ""
        else:
            source = letter.case_number or letter.id
            items = f"item {self.item}" if self.item else ("all items" if len(letter.items) > 1 else "its item")
            scope = f" ({items})"
        self.query_one("#similar-title", Static).update(
            Content.assemble(
                ("Cases ", "bold"), (what, "bold $text-warning" if self.contrast else "bold"),
                " · similar to ", (text.clean(source, True), "bold"),
                f"{scope} · {count}",
                (f" · Packet: {len(self.packet.entries)}", "bold $text-accent") if self.packet.entries else "",
            )
        )
        if letter is None:
            return
        lines = []
        for it in letter.items:
            marker = "▶ " if self.item in (None, it.item) else "  "
            lines.append(Content.assemble(marker, f"{it.item}. ", text.outcome(it.outcome), "  ", text.plain(it.request, one_line=True)))
        self.query_one("#similar-source", Static).update(Content("\n").join(lines))

    def _load(self) -> None:
        if self.letter is None:
            return
        self._update_header("searching…")
        self.similar.loading = True
        self._fetch(self.letter.id, self.item, self.contrast)

    @work(thread=True, exclusive=True, group="similar", name="Similar cases", exit_on_error=False)
    def _fetch(self, letter_id: str, item: int | None, contrast: bool) -> None:
        found = self.index.similar(letter_id, item=item, contrast=contrast, limit=LIMIT) or []
        if get_current_worker().is_cancelled or (item, contrast) != (self.item, self.contrast):
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[SimilarItem]) -> None:
        self.similar.show(found, self.packet.marked())
        self.loaded()
        self._update_header(f"{len(found)} found")
        self.refresh_bindings()

    def on_packet_changed(self, event: PacketChanged) -> None:
        self.similar.show(self.similar.items, self.packet.marked(), keep_highlight=True)
        self._update_header(f"{len(self.similar.items)} found")

    def worker_failed(self, what: str, reason: str) -> None:
        super().worker_failed(what, reason)
        self._update_header("could not search")

    @on(OptionList.OptionSelected, "#similar")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self.similar.current
        if chosen is not None:
            self.post_message(OpenLetter(chosen.id, compare_with=self.letter_id, compare_item=chosen.item))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("compare", "copy", "cite", "mark"):
            return True if self.is_mounted and self.similar.current is not None else None
        if action == "next_item":
            return self.letter is not None and len(self.letter.items) > 1
        return True

    def action_toggle_contrast(self) -> None:
        self.contrast = not self.contrast

    def action_next_item(self) -> None:
        """All items → item 1 → item 2 → … → all items."""
        if self.letter is None or len(self.letter.items) < 2:
            return
        self.item = None if self.item == len(self.letter.items) else (self.item or 0) + 1

    def action_compare(self) -> None:
        chosen = self.similar.current
        if chosen is not None:
            self.post_message(OpenCompare(self.letter_id, chosen.id, right_item=chosen.item, left_item=self.item))

    def action_mark(self) -> None:
        chosen = self.similar.current
        if chosen is not None:
            self.post_message(ToggleMark(chosen.id, chosen.item, chosen.case_number))

    def action_copy(self) -> None:
        chosen = self.similar.current
        if chosen is not None:
            self.copy_case(chosen.case_number or chosen.id)

    def action_cite(self) -> None:
        chosen = self.similar.current
        if chosen is not None:
            self.copy_citation(chosen.id, chosen.item)
