"""What every screen of the app shares: how a failed worker is reported, and typed access to the index.

Screens run each blocking call in a thread worker (``exit_on_error=False``:
a failure must not end the app). Textual tells the screen that started a
worker when its state changes; ``WorkScreen.on_worker_state_changed`` is the
one place a failed worker is handled: the screen's spinners stop and it says
what failed and why (``worker_failed``; the search screen says it in its
status line).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from typing import Protocol, TypeVar, cast

from textual import work
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ...errors import IndexProblem
from ...export import entries_for_packet, entries_for_query, title_for, write_export
from ...query import SearchIndex
from ...records import citation_line, counted
from ...userdata.packet import Packet
from ...userdata.paths import open_atomically
from .. import text
from .export import ExportChoice, ExportScreen, export_stem

EXPORT_DELIVERY = "export"
"""The name a browser download of an export goes by, so the app can say when one failed."""

ResultType = TypeVar("ResultType")


def failure(error: BaseException | None) -> str:
    """An error as one line for the user: our own index errors say it themselves; others are named."""
    if error is None:
        return "unknown error"
    if isinstance(error, IndexProblem):
        return text.clean(str(error), one_line=True)
    return text.clean(f"{type(error).__name__}: {error}", one_line=True)


class WorkScreen(Screen[ResultType]):
    """A screen whose workers' failures are reported, never lost."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            event.stop()
            self.worker_failed(event.worker.name or "A task", failure(event.worker.error))

    def worker_failed(self, what: str, reason: str) -> None:
        """Stop every spinner on this screen and say what failed (a screen may say it elsewhere)."""
        for widget in self.query("*"):
            if widget.loading:
                widget.loading = False
        self.notify(f"{what} failed: {reason}", title="Error", severity="error", timeout=10, markup=False)


class IndexApp(Protocol):
    """What screens need of the app (a protocol, so screens never import the app)."""

    @property
    def index(self) -> SearchIndex: ...

    clock: Callable[[], float]
    packet: Packet
    served: bool

    def packet_changed(self) -> None: ...


class IndexScreen(WorkScreen[None]):
    """A screen that reads the index the app opened."""

    @property
    def index(self) -> SearchIndex:
        return cast(IndexApp, self.app).index

    @property
    def clock(self) -> Callable[[], float]:
        return cast(IndexApp, self.app).clock

    @property
    def packet(self) -> Packet:
        """The precedent packet the app keeps (change it, then call ``packet_changed``)."""
        return cast(IndexApp, self.app).packet

    def packet_changed(self) -> None:
        """Save the packet and tell every screen."""
        cast(IndexApp, self.app).packet_changed()

    def copy_case(self, case: str | None) -> None:
        """Copy a case number (or any one line) to the system clipboard (OSC 52) and say so."""
        if not case:
            self.notify("Nothing to copy", severity="warning")
            return
        case = text.clean(case, one_line=True)
        self.app.copy_to_clipboard(case)
        self.notify(f"Copied {case} to the clipboard", markup=False, timeout=3)

    @work(thread=True, exclusive=True, group="citation", name="Copying the citation", exit_on_error=False)
    def copy_citation(self, letter_id: str, item: int) -> None:
        """Copy the citation-ready line of one item (``records.citation_line``), its letter read off the UI thread."""
        view = self.index.letter(letter_id)
        if get_current_worker().is_cancelled:
            return
        letter = view.letter if view is not None else None
        line = citation_line(letter, letter.items[item - 1]) if letter is not None and 1 <= item <= len(letter.items) else None
        self.app.call_from_thread(self.copy_case, line)

    # -- export (`e` on the search and packet screens) --------------------------

    def export(self, query: str | None) -> None:
        """Ask where (served: only the format), then write the packet's items (``query`` None) or the query's.

        The query's items are those ``search`` returns for it, as ``imr-search export QUERY`` writes them.
        """
        if query is None and not self.packet.entries:
            self.notify("The packet is empty: space marks an item in the results or similar cases; nothing written", severity="warning")
            return
        served = cast(IndexApp, self.app).served
        if served and not self.app.is_web:
            self.notify("An export from the served app is a browser download: open it in a browser; nothing written", severity="warning")
            return
        what = counted(len(self.packet.entries), "packet item") if query is None else (f"The items matching {query}, best first" if query else "Every item in the index")
        stem = export_stem(query, date.today())

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                packet = Packet(list(self.packet.entries)) if query is None else None
                self._export(choice, query, packet, stem)

        self.app.push_screen(ExportScreen(text.clean(what, one_line=True), stem, ask_path=not served), chosen)

    def nothing_to_export(self, query: str) -> None:
        self.notify(f"No items match {query!r}: nothing written", severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="export", name="The export", exit_on_error=False)
    def _export(self, choice: ExportChoice, query: str | None, packet: Packet | None, stem: str) -> None:
        entries = entries_for_packet(self.index, packet) if packet is not None else entries_for_query(self.index, query or "")
        if get_current_worker().is_cancelled:
            return
        if not entries:
            self.app.call_from_thread(self.nothing_to_export, query or "")
            return
        missing = sum(e.missing for e in entries)
        count = counted(len(entries), "item") + (f" ({missing} not in the index, listed as missing)" if missing else "")
        title = title_for(query)
        if choice.path is None:
            data = BytesIO()
            write_export(entries, choice.fmt, data, title=title, query=query)
            self.app.call_from_thread(self._download, data, f"{stem}.{choice.fmt}", count)
            return
        path = choice.file_path(stem)
        if not path.parent.is_dir():
            problem = f"there is no folder {path.parent}"
        else:
            replaced = path.exists()
            try:
                with open_atomically(path) as out:
                    write_export(entries, choice.fmt, out, title=title, query=query)
            except OSError as e:
                problem = f"cannot write {path}: {e.strerror or e}"
            else:
                done = f"Exported {count} to {path}" + (" (it replaced the file there)" if replaced else "")
                self.app.call_from_thread(self.notify, done, timeout=8, markup=False)
                return
        self.app.call_from_thread(self.notify, f"Not exported: {problem}; nothing written", title="Export", severity="error", timeout=10, markup=False)

    def _download(self, data: BytesIO, name: str, count: str) -> None:
        """Hand the file to the browser (Textual's web driver sends it; the server's token guards the download)."""
        self.app.deliver_binary(data, save_filename=name, name=EXPORT_DELIVERY)
        self.notify(f"Sent {name} ({count}) to the browser as a download", timeout=8, markup=False)
