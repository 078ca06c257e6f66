"""The search screen: the box, the status line, the results, the filter panel and (wide) a preview.

Typing must never wait for the index. A change of the box after a pause
searches at once; changes in quick succession restart a short timer
(``DEBOUNCE``) so a burst costs one query. The query runs in a thread worker
(``exclusive``: a newer query cancels the older), and results are shown only
if they are still for what the box, filters and sort say now. The status
line's time is the user's wait: from the query starting to its results
arriving, by the app's clock.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList
from textual.worker import get_current_worker

from ...query import Sort
from ...query.results import LetterHit, SearchResults
from ..filters import Filters
from ..messages import FiltersChanged, IndexReloaded, OpenCitator, OpenLetter, OpenSimilar, OpenStats, PacketChanged, SaveSearch, ToggleMark
from ..widgets.filter_panel import FilterPanel
from ..widgets.letter_preview import LetterPreview
from ..widgets.results_list import ResultsList
from ..widgets.search_box import SearchBox
from ..widgets.status_line import StatusLine
from .base import IndexScreen

DEBOUNCE = 0.04
"""Keys closer together than this (seconds) are one burst, searched once at its end.
At most 50 ms, so even the trailing wait goes unnoticed."""
PAGE = 30
"""Letters per fetch; scrolling to the last one fetches the next page."""
WIDE = 150
"""From this many columns the highlighted letter is previewed beside the list."""
PREVIEW_DELAY = 0.12

SEARCH_WORK = "Search"
"""The search worker's name: its failure is said in the status line."""

SearchKey = tuple[str, Sort, int]
"""(query sent, sort, limit): what a result set answers."""


class SearchScreen(IndexScreen):
    """Where the app opens: type, read the results, narrow them, open one."""

    AUTO_FOCUS = "#query"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "similar", "Similar", id="search.similar", tooltip="Cases similar to the highlighted letter"),
        Binding("o", "opposite", "Opposite", show=False, id="search.opposite", tooltip="Similar cases decided the other way"),
        Binding("f", "toggle_filters", "Filters", id="search.filters", tooltip="Show or hide the filter panel"),
        Binding("t", "stats", "Stats", id="search.stats", tooltip="How the matching items were decided (bars)"),
        Binding("a", "authorities", "Authorities", id="search.authorities", tooltip="Guidelines the matching items cite (citator)"),
        Binding("y", "copy", "Copy no.", id="search.copy", tooltip="Copy the highlighted letter's case number"),
        Binding("Y", "cite", "Copy cite", show=False, id="search.copy-citation", tooltip="Copy a citation-ready line (first hit's item)"),
        Binding("d", "toggle_sort", "Sort", show=False, id="search.sort", tooltip="Sort: best matches first / newest first"),
        Binding("escape", "leave", "Leave", show=False, id="search.leave", tooltip="Leave the search box or the filter panel"),
        Binding("space", "mark", "Mark", show=False, id="search.mark", tooltip="Mark/unmark the letter's best-matching item"),
        Binding("e", "export", "Export", show=False, id="search.export", tooltip="Export the query's items to a file"),
        Binding("ctrl+s", "save_search", "Save search", show=False, id="search.save", tooltip="Save the query and its filters under a name"),
    ]

    typed: reactive[str] = reactive("", init=False)
    """What is in the search box."""
    filters: reactive[Filters] = reactive(Filters, init=False)
    sort: reactive[Sort] = reactive("relevance", init=False)
    show_filters: reactive[bool] = reactive(False, init=False)
    results: reactive[SearchResults | None] = reactive(None, init=False, always_update=True)
    """What the list shows (set by ``_deliver``; equal answers still refresh the time shown)."""

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._limit = PAGE
        self._wanted: SearchKey | None = None
        self._shown: SearchKey | None = None
        self._started = 0.0
        self._had_current = False
        self._grew = False
        self._order = "relevance"
        self._last_typed = 0.0
        self.elapsed_ms = 0.0
        self.shown_at = 0.0
        """When the current results reached the screen (app clock): the benchmark reads it."""

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBox(placeholder='Search letters: personal trainer  outcome:overturned  "lumbar fusion"', id="query")
        yield StatusLine(id="status")
        with Horizontal(id="search-body"):
            yield FilterPanel(self.index.known_values(), lambda t: self.index.treatments(t, limit=8), id="filters")
            yield ResultsList(id="results", markup=False)
            yield LetterPreview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", SearchBox).border_title = "Search"
        self._run()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")

    @property
    def results_list(self) -> ResultsList:
        return self.query_one("#results", ResultsList)

    @property
    def effective_query(self) -> str:
        """What is sent to the index: the box narrowed by the filters."""
        return self.filters.apply(self.typed)

    # -- searching ----------------------------------------------------------

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.typed = event.value

    def watch_typed(self) -> None:
        """Search at once on the first key after a pause; a burst of keys waits for its end.

        A typist's keys are further apart than ``DEBOUNCE``, so each gets its
        answer without waiting; a paste or a fast burst costs one query.
        """
        self._limit = PAGE
        now = time.monotonic()
        quiet = now - self._last_typed >= DEBOUNCE
        self._last_typed = now
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if quiet:
            self._run()
        else:
            self._timer = self.set_timer(DEBOUNCE, self._run)

    def watch_filters(self) -> None:
        self._limit = PAGE
        self._run()

    def watch_sort(self) -> None:
        self._limit = PAGE
        self._run()

    @on(FiltersChanged)
    def _filters_changed(self, event: FiltersChanged) -> None:
        event.stop()
        self.filters = event.filters

    def on_packet_changed(self, event: PacketChanged) -> None:
        self._show_results(self.results, keep_highlight=True)

    def on_index_reloaded(self, event: IndexReloaded) -> None:
        """The app switched to a rebuilt index: search again as things stand."""
        self._run()

    def _run(self) -> None:
        query = self.effective_query
        sort = self.sort if query else "date"
        self._wanted = (query, sort, self._limit)
        self._started = self.clock()
        self._search(query, sort, self._limit)

    @work(thread=True, exclusive=True, group="search", name=SEARCH_WORK, exit_on_error=False)
    def _search(self, query: str, sort: Sort, limit: int) -> None:
        """Run one query off the UI thread; drop the answer if the user has moved on."""
        results = self.index.search(query, limit=limit, sort=sort)
        if get_current_worker().is_cancelled or (query, sort, limit) != self._wanted:
            return
        self.app.call_from_thread(self._deliver, (query, sort, limit), results)

    def worker_failed(self, what: str, reason: str) -> None:
        """A failed search is said where its results would be; anything else as a notification."""
        if what == SEARCH_WORK:
            self.query_one("#status", StatusLine).failed(f"{what} failed: {reason}")
        else:
            super().worker_failed(what, reason)

    def _deliver(self, key: SearchKey, results: SearchResults) -> None:
        """An answer arrived: keep it only if it is still for what the user has asked."""
        if key != self._wanted:  # typed on while the answer travelled
            return
        self.elapsed_ms = (self.clock() - self._started) * 1000
        self._grew = self._shown is not None and self._shown[:2] == key[:2] and key[2] > self._shown[2]
        self._shown = key
        self._order = results.sort
        self.results = results

    def watch_results(self, results: SearchResults | None) -> None:
        self._show_results(results, keep_highlight=self._grew)

    def _show_results(self, results: SearchResults | None, keep_highlight: bool) -> None:
        if results is None:
            return
        status = self.query_one("#status", StatusLine)
        status.packet = len(self.packet.entries)
        self.results_list.show(results.letters, keep_highlight=keep_highlight, marked=self.packet.marked())
        status.show(
            results, self.elapsed_ms, self.filters, self._order, self.index.letters_count, self.typed
        )
        self._refresh_keys()
        self.call_after_refresh(self._painted)
        self._schedule_preview()

    def _refresh_keys(self) -> None:
        """Redraw the footer only when the keys that apply change (it is rebuilt each time)."""
        has = self.current is not None
        if has != self._had_current:
            self._had_current = has
            # While typing those keys are off whatever the results (see
            # check_action), and rebuilding the footer costs a keystroke ~50 ms.
            if not isinstance(self.focused, Input):
                self.refresh_bindings()

    def _painted(self) -> None:
        self.shown_at = self.clock()

    @property
    def shown_key(self) -> SearchKey | None:
        """What the results on screen answer (None before the first)."""
        return self._shown

    # -- the list -----------------------------------------------------------

    @property
    def current(self) -> LetterHit | None:
        """The highlighted result."""
        if self.results is None:
            return None
        index = self.results_list.highlighted
        if index is None or not 0 <= index < len(self.results.letters):
            return None
        return self.results.letters[index]

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(OpenLetter(event.option.id, query=self.effective_query))

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._refresh_keys()
        self._schedule_preview()
        results = self.results
        if results is None or event.option_index < len(results.letters) - 1:
            return
        if len(results.letters) >= self._limit and self._shown is not None:
            self._limit += PAGE  # at the bottom of a full page: fetch the next
            self._run()

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the box opens the highlighted (at first the top) result."""
        event.stop()
        hit = self.current
        if hit is not None:
            self.post_message(OpenLetter(hit.id, query=self.effective_query))

    # -- preview (wide terminals) -------------------------------------------

    def _schedule_preview(self) -> None:
        if not self.has_class("-wide"):
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview)

    def _preview(self) -> None:
        hit = self.current
        if hit is None:
            self.query_one("#preview", LetterPreview).show(None)
            return
        self._load_preview(hit.id, self.effective_query)

    @work(thread=True, exclusive=True, group="preview", name="The preview", exit_on_error=False)
    def _load_preview(self, letter_id: str, query: str) -> None:
        view = self.index.letter(letter_id, query=query)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self.query_one("#preview", LetterPreview).show, view)

    # -- actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, Input)
        if action in ("similar", "opposite", "copy", "cite", "mark"):
            if typing:
                return False
            return True if self.current is not None else None
        if action in ("toggle_filters", "stats", "authorities", "toggle_sort", "export"):
            return not typing
        return True

    def action_leave(self) -> None:
        """Escape: out of the box or the filter panel, to the results (then `q` quits)."""
        focused = self.focused
        if isinstance(focused, SearchBox):
            self.action_focus_results()
        elif focused is not None and self.query_one("#filters", FilterPanel) in focused.ancestors_with_self:
            self.show_filters = False
        else:
            raise SkipAction()

    def action_focus_results(self) -> None:
        self.results_list.focus()

    def focus_box(self) -> None:
        """Into the search box, the filter panel closed (`/` from anywhere)."""
        self.show_filters = False
        self.query_one("#query", SearchBox).focus()

    def clear_filters(self) -> None:
        self.query_one("#filters", FilterPanel).action_clear()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """What the command palette offers for this screen beyond its keys."""
        yield SystemCommand("Sort: newest first / best first", "key: d on the search screen", self.action_toggle_sort)
        yield SystemCommand("Clear filters", "key: ctrl+r in the filter panel", self.clear_filters)

    def action_similar(self) -> None:
        if (hit := self.current) is not None:
            self.post_message(OpenSimilar(hit.id))

    def action_opposite(self) -> None:
        if (hit := self.current) is not None:
            self.post_message(OpenSimilar(hit.id, contrast=True))

    def action_copy(self) -> None:
        if (hit := self.current) is not None:
            self.copy_case(hit.case_number or hit.id)

    def action_cite(self) -> None:
        if (hit := self.current) is not None:
            self.copy_citation(hit.id, hit.items[0].item if hit.items else 1)

    def action_mark(self) -> None:
        if (hit := self.current) is not None and hit.items:
            self.post_message(ToggleMark(hit.id, hit.items[0].item, hit.case_number))

    def action_export(self) -> None:
        results = self.results
        if results is not None and not results.letters and self._shown == self._wanted:
            self.nothing_to_export(self.effective_query)
        else:
            self.export(self.effective_query)

    def action_save_search(self) -> None:
        self.post_message(SaveSearch(self.effective_query))

    def run_query(self, query: str) -> None:
        """Search for ``query`` as typed (a saved search: its filters are in its text), the panel cleared."""
        self.clear_filters()
        box = self.query_one("#query", SearchBox)
        box.value = query
        self.results_list.focus()

    def action_stats(self) -> None:
        self.post_message(OpenStats(self.effective_query))

    def action_authorities(self) -> None:
        self.post_message(OpenCitator(self.effective_query))

    def action_toggle_sort(self) -> None:
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.notify("Newest first" if self.sort == "date" else "Best matches first", timeout=2)

    def action_toggle_filters(self) -> None:
        self.show_filters = not self.show_filters

    def watch_show_filters(self, shown: bool) -> None:
        self.set_class(shown, "-filters")
        panel = self.query_one("#filters", FilterPanel)
        if shown:
            self.call_after_refresh(panel.focus_first)
        else:
            self.results_list.focus()
