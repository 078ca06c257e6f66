"""Saved searches (`l`): each with its count of letters and how many are new since it was last opened.

"New" is counted by the index (letters first indexed after the search was
last seen), in a worker, and counted again when the app picks up an index
update. Opening one runs it on the search screen and marks it seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.worker import get_current_worker

from ...errors import UserDataError
from ...records import counted
from ...userdata import saved
from .. import text
from ..messages import IndexReloaded, RunQuery
from ..widgets.saved_list import SavedList
from .detail import DetailScreen

COUNT_WORK = "Counting saved searches"


class SavedScreen(DetailScreen):
    """The saved searches, in the order they were saved."""

    AUTO_FOCUS = "#saved"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x,delete", "remove", "Remove", id="saved.remove", tooltip="Forget the highlighted saved search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.searches: saved.Saved = {}
        self.rows: dict[str, saved.SavedRow] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="saved-title")
        yield SavedList(id="saved")
        yield Footer()

    @property
    def saved_list(self) -> SavedList:
        return self.query_one("#saved", SavedList)

    def on_mount(self) -> None:
        try:
            self.searches = saved.load_saved()
        except UserDataError as e:
            self.notify(str(e), title="Error", severity="error", timeout=10, markup=False)
        self._show()
        self._recount()

    def on_index_reloaded(self, event: IndexReloaded) -> None:
        self._recount()

    def _recount(self) -> None:
        if self.searches:
            self._count(dict(self.searches))

    @work(thread=True, exclusive=True, group="saved", name=COUNT_WORK, exit_on_error=False)
    def _count(self, searches: saved.Saved) -> None:
        rows = {}
        for name, search in searches.items():
            if get_current_worker().is_cancelled:
                return
            rows[name] = saved.row(self.index, name, search)
        self.app.call_from_thread(self._counted, rows)

    def _counted(self, rows: dict[str, saved.SavedRow]) -> None:
        self.rows = rows
        self._show()

    def _show(self) -> None:
        self.saved_list.show(self.searches, self.rows)
        new = sum(r.new for r in self.rows.values())
        facts: list[Content | str | tuple[str, str]] = [("Saved searches", "bold"), " · ", str(len(self.searches))]
        if new:
            facts += [" · ", (f"{counted(new, 'new letter', True)} in all", "bold $text-accent")]
        hint = (
            "enter runs one and marks it seen · new: first indexed since you last opened it"
            if self.searches
            else "none yet: ctrl+s on the search screen saves the query and its filters"
        )
        self.query_one("#saved-title", Static).update(Content("\n").join([Content.assemble(*facts), Content.styled(hint, "$text-muted")]))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return True if self.saved_list.current is not None else None
        return True

    def action_remove(self) -> None:
        name = self.saved_list.current
        if name is None:
            return
        if not self._kept(saved.remove, name):
            return
        self.searches.pop(name, None)
        self._show()
        self.notify(f"Removed the saved search {text.clean(name, True)}", markup=False, timeout=3)

    @on(OptionList.OptionSelected, "#saved")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = self.saved_list.current
        if name is None:
            return
        if self._kept(saved.mark_seen, name):
            self.post_message(RunQuery(self.searches[name].query))

    def _kept(self, change: Callable[[str], object], name: str) -> bool:
        """Apply ``change`` to the file; a file that cannot be read or written is said, and left as it is."""
        try:
            change(name)
        except (UserDataError, OSError) as e:
            self.notify(f"Saved searches unchanged: {e}", severity="error", markup=False)
            return False
        return True
