"""First run: no index yet, so say so and build one from the bundled sample corpus.

``make run`` on a fresh clone must end in a working app, so when the default
index is missing the app builds it in a worker thread (the writer itself
parses in processes) and shows progress, then opens the search screen.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.widgets import ProgressBar, Static

from ...index import BuildReport, build
from .base import WorkScreen


class BuildScreen(WorkScreen[BuildReport | str]):
    """Builds ``index`` from ``corpus``; dismisses with the report, or the error message."""

    def __init__(self, corpus: Path, index: Path) -> None:
        super().__init__()
        self.corpus, self.index_path = corpus, index

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(id="build-message")
            with Center():
                yield ProgressBar(id="build-progress", show_eta=True)

    def on_mount(self) -> None:
        self.query_one("#build-message", Static).update(
            Content.assemble(
                (f"No index at {self.index_path.absolute()}.", "bold"), "\n",
                f"Building one from the sample letters in {self.corpus} …",
            )
        )
        self._build()

    @work(thread=True, exclusive=True, name="Building the index", exit_on_error=False)
    def _build(self) -> None:
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if done == total or now - last > 0.05:  # not one UI round trip per file
                last = now
                self.app.call_from_thread(self.query_one("#build-progress", ProgressBar).update, total=total, progress=done)

        report = build([self.corpus], self.index_path, progress=progress)
        self.app.call_from_thread(self.dismiss, report)

    def worker_failed(self, what: str, reason: str) -> None:
        """The build could not finish: the app ends with the reason."""
        self.dismiss(reason)
