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
from typing import Protocol, TypeVar, cast

from textual import work
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ...errors import IndexProblem
from ...query import SearchIndex
from ...records import citation_line
from ...userdata.packet import Packet
from .. import text

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
