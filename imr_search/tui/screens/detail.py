"""What the screens opened from another share: esc goes back, j/k scroll, letters read off the UI thread.

Letter, similar cases, compare and stats each show one thing in a body that
scrolls (the widget ``AUTO_FOCUS`` names) and keep only their own keys. The
letter screens ask ``load_letters`` for their letters: an id the index does
not have closes the screen with "No letter …", in one place for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.worker import get_current_worker

from ...query.results import LetterView
from .. import text
from .base import IndexScreen


class DetailScreen(IndexScreen):
    """A screen over another: ``escape`` back to it, ``j``/``k`` scroll the body.

    The body is what ``AUTO_FOCUS`` names: what scrolls, and has focus on arrival.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="detail.back", tooltip="Back to where you came from"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up", tooltip="Scroll up"),
    ]

    @property
    def body(self) -> Widget:
        assert self.AUTO_FOCUS, f"{type(self).__name__} names its body in AUTO_FOCUS"
        return self.query_one(self.AUTO_FOCUS)

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll_down(self) -> None:
        self.body.scroll_down()

    def action_scroll_up(self) -> None:
        self.body.scroll_up()

    def loaded(self) -> None:
        """The body's content arrived: stop its spinner, give it focus (a loading widget cannot take it)."""
        self.body.loading = False
        if self.focused is None:
            self.body.focus()

    # -- the letters a screen shows -------------------------------------------

    def load_letters(self, *letter_ids: str, query: str | None = None) -> None:
        """Read the letters off the UI thread, the body spinning meanwhile; then ``show_letters``.

        A letter the index does not have closes the screen with "No letter …".
        """
        self.body.loading = True
        self._read_letters(letter_ids, query)

    def show_letters(self, views: Sequence[LetterView]) -> None:
        """The letters asked for, in that order (each screen lays them out)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="letters", name="Loading the letter", exit_on_error=False)
    def _read_letters(self, letter_ids: tuple[str, ...], query: str | None) -> None:
        views = [self.index.letter(letter_id, query=query) for letter_id in letter_ids]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._letters_read, letter_ids, views)

    def _letters_read(self, letter_ids: tuple[str, ...], views: list[LetterView | None]) -> None:
        missing = [letter_id for letter_id, view in zip(letter_ids, views) if view is None]
        if missing:
            self.notify(f"No letter {text.clean(missing[0], True)} in the index", severity="error", markup=False)
            if self.is_active:
                self.dismiss()
            return
        self.loaded()
        self.show_letters([view for view in views if view is not None])
        self.refresh_bindings()
