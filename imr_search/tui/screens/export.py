"""The export question (`e`): where to write the packet or the query's items, and in which format.

In the terminal the answer is a file name (prefilled with one in the current
folder) and a format: the format follows an extension typed in the name, and
the name's extension follows a format picked in the list, so the two never
disagree. Served to a browser the app writes no path on the server, so only
the format is asked and the file becomes a download. The screen that asked
does the writing (``IndexScreen.export``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...export import FORMATS

FORMAT_LABELS = {"docx": "Word (.docx)", "md": "Markdown (.md)", "csv": "CSV (.csv)", "ndjson": "NDJSON (.ndjson): one JSON object per item"}
"""How each of ``export.FORMATS`` is offered; each format's name is its file extension."""
SLUG_LENGTH = 40


def export_stem(query: str | None, today: date) -> str:
    """A file name without its extension: ``packet-2026-11-29`` for the packet (None), ``imr-<query words>`` for a query."""
    if query is None:
        return f"packet-{today.isoformat()}"
    slug = "-".join(re.findall(r"[a-z0-9]+", query.lower()))[:SLUG_LENGTH].strip("-")
    return f"imr-{slug or 'all'}"


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    path: Path | None
    """Where to write, as typed, made absolute (``file_path`` settles a folder or a missing extension); None: a download."""

    def file_path(self, stem: str) -> Path:
        """The file to write: in a folder named, the proposed name; a name without an extension gets the format's."""
        path = self.path
        assert path is not None, "a download has no path"
        if path.is_dir():
            return path / f"{stem}.{self.fmt}"
        return path if path.suffix else path.with_name(f"{path.name}.{self.fmt}")


class ExportScreen(ModalScreen[ExportChoice | None]):
    """``what`` (plain text) is being exported; ``ask_path``: a file name is asked too (never when served)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without exporting"),
    ]

    def __init__(self, what: str, stem: str, ask_path: bool) -> None:
        super().__init__()
        self.what, self.stem, self.ask_path = what, stem, ask_path

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(Content.styled("Export to a file" if self.ask_path else "Download as", "bold"), id="export-title")
            yield Static(Content(self.what), id="export-detail")
            if self.ask_path:
                yield Input(f"{self.stem}.{FORMATS[0]}", placeholder="a file name (in the current folder) or a path", id="export-path", select_on_focus=False)
            yield OptionList(*(Option(FORMAT_LABELS[fmt], id=fmt) for fmt in FORMATS), id="export-format")
            keys = "enter: export · tab: the format · esc: cancel" if self.ask_path else "↑ ↓: the format · enter: download · esc: cancel"
            yield Static(Content.styled(keys, "$text-muted"), id="export-keys")

    def on_mount(self) -> None:
        self.formats.highlighted = 0
        (self.query_one("#export-path") if self.ask_path else self.formats).focus()

    @property
    def formats(self) -> OptionList:
        return self.query_one("#export-format", OptionList)

    @property
    def fmt(self) -> str:
        return FORMATS[self.formats.highlighted or 0]

    @on(Input.Changed, "#export-path")
    def _typed(self, event: Input.Changed) -> None:
        """A name ending in a format's extension picks that format."""
        event.stop()
        typed = Path(event.value.strip()).suffix[1:].lower()
        if typed in FORMATS and typed != self.fmt:
            self.formats.highlighted = FORMATS.index(typed)

    @on(OptionList.OptionHighlighted, "#export-format")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        """A format picked in the list gives the name its extension, where the name ends in another format's."""
        event.stop()
        if not self.ask_path:
            return
        box = self.query_one("#export-path", Input)
        name = box.value.strip()
        suffix = Path(name).suffix
        if suffix[1:].lower() in FORMATS and suffix[1:].lower() != event.option.id:
            box.value = f"{name[: -len(suffix)]}.{event.option.id}"

    @on(Input.Submitted, "#export-path")
    @on(OptionList.OptionSelected, "#export-format")
    def _answered(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        event.stop()
        if not self.ask_path:
            self.dismiss(ExportChoice(self.fmt, None))
            return
        name = self.query_one("#export-path", Input).value.strip()
        if not name:
            self.notify("Give the file a name", severity="warning", timeout=3)
            return
        self.dismiss(ExportChoice(self.fmt, Path(name).expanduser().absolute()))

    def action_cancel(self) -> None:
        self.dismiss(None)
