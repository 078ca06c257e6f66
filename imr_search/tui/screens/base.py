"""What every screen of the app shares: typed access to the open index and the app's clock."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from ...query import SearchIndex
from .. import text

if TYPE_CHECKING:
    from ..app import IMRSearchApp


class IndexScreen(Screen[None]):
    """A screen that reads the index the app opened."""

    @property
    def imr(self) -> IMRSearchApp:
        return cast("IMRSearchApp", self.app)

    @property
    def index(self) -> SearchIndex:
        return self.imr.index

    @property
    def clock(self) -> Callable[[], float]:
        return self.imr.clock

    def copy_case(self, case: str | None) -> None:
        """Copy a case number to the system clipboard (OSC 52) and say so."""
        if not case:
            self.notify("Nothing to copy", severity="warning")
            return
        case = text.clean(case, one_line=True)
        self.app.copy_to_clipboard(case)
        self.notify(f"Copied {case} to the clipboard", markup=False, timeout=3)
