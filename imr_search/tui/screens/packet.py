"""The precedent packet (`p`): the marked items in order, to reorder, annotate, prune and open.

The packet is the user's working set for a petition or a resubmission, so
its order and notes are theirs to set and every change is saved at once.
Its letters are read through the query layer in a worker; an entry the index
no longer holds is listed as missing, never dropped.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.worker import get_current_worker

from ...records import Letter, counted
from .. import text
from ..messages import IndexReloaded, OpenLetter, PacketChanged
from ..widgets.packet_list import PacketList, marked_item
from .ask import AskScreen
from .detail import DetailScreen

READ_WORK = "Reading the packet's letters"


class PacketScreen(DetailScreen):
    """The packet's items; every change is saved as it is made."""

    AUTO_FOCUS = "#packet"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("K,shift+up", "move(-1)", "Move up", id="packet.up", tooltip="Move the highlighted item up"),
        Binding("J,shift+down", "move(1)", "Move down", id="packet.down", tooltip="Move the highlighted item down"),
        Binding("n", "note", "Note", id="packet.note", tooltip="Write or edit the highlighted item's note"),
        Binding("x,delete", "remove", "Remove", id="packet.remove", tooltip="Take the highlighted item out of the packet"),
        Binding("e", "export", "Export", id="packet.export", tooltip="Export the packet, in its order, to a file"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.letters: dict[str, Letter | None] = {}
        """The packet's letters by id, as the index has them (None: not in the index)."""
        self.read = False

    def compose(self) -> ComposeResult:
        yield Static(id="packet-title")
        yield PacketList(id="packet")
        yield Footer()

    @property
    def packet_list(self) -> PacketList:
        return self.query_one("#packet", PacketList)

    def on_mount(self) -> None:
        self._title()
        self._load()

    def on_index_reloaded(self, event: IndexReloaded) -> None:
        self._load()

    def on_packet_changed(self, event: PacketChanged) -> None:
        self._show()

    def _load(self) -> None:
        self.body.loading = True
        self._read(sorted({e.letter_id for e in self.packet.entries}))

    @work(thread=True, exclusive=True, group="packet", name=READ_WORK, exit_on_error=False)
    def _read(self, letter_ids: list[str]) -> None:
        found: dict[str, Letter | None] = {}
        for letter_id in letter_ids:
            if get_current_worker().is_cancelled:
                return
            view = self.index.letter(letter_id)
            found[letter_id] = view.letter if view is not None else None
        self.app.call_from_thread(self._read_done, found)

    def _read_done(self, found: dict[str, Letter | None]) -> None:
        self.letters, self.read = found, True
        self.loaded()
        self._show()

    def _show(self, highlight: int | None = None) -> None:
        if not self.read:
            return
        self.packet_list.show([(e, self.letters.get(e.letter_id)) for e in self.packet.entries], highlight)
        self._title()
        self.refresh_bindings()

    def _title(self) -> None:
        entries = self.packet.entries
        facts: list[Content | str | tuple[str, str]] = [("Precedent packet", "bold"), " · ", counted(len(entries), "item")]
        missing = sum(marked_item(row) is None for row in self.packet_list.rows)
        if missing:
            facts += [" · ", (f"{missing} not in the index", "$text-warning")]
        hint = "empty: space marks an item in the results or similar cases" if not entries else "saved as you change it · enter opens an item's letter"
        self.query_one("#packet-title", Static).update(Content("\n").join([Content.assemble(*facts), Content.styled(hint, "$text-muted")]))

    # -- actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "note", "remove"):
            return True if self.read and self.packet_list.current is not None else None
        return True

    def action_move(self, by: int) -> None:
        at = self.packet_list.current
        if at is not None:
            to = self.packet.move(at, by)
            self._show(to)
            self.packet_changed()

    def action_remove(self) -> None:
        at = self.packet_list.current
        if at is None:
            return
        entry = self.packet.entries.pop(at)
        self._show(at)
        self.packet_changed()
        self.notify(f"Removed {text.clean(entry.case_number or entry.letter_id, True)} item {entry.item} from the packet", markup=False, timeout=3)

    def action_note(self) -> None:
        at = self.packet_list.current
        if at is None:
            return
        entry = self.packet.entries[at]
        name = f"{entry.case_number or entry.letter_id} item {entry.item}"

        def noted(note: str | None) -> None:
            if note is None or at >= len(self.packet.entries) or self.packet.entries[at] is not entry:
                return
            entry.note = note
            self._show(at)
            self.packet_changed()

        self.app.push_screen(AskScreen("Note", text.clean(name, True), entry.note, "why this case matters"), noted)

    def action_export(self) -> None:
        self.export(None)

    @on(OptionList.OptionSelected, "#packet")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.packet_list.rows[event.option_index]
        if marked_item(row) is None:
            self.notify("That item is not in the index (it was rebuilt without it)", severity="warning", timeout=4)
            return
        self.post_message(OpenLetter(row[0].letter_id))
