"""The terminal app: the screens, the keys that work everywhere, and navigation between screens.

Widgets and screens post what the user asked for (``messages``); the app
turns each request into a screen. The app opens the index (or, on a first
run, builds it) and owns the clock, so tests can pin the times shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Input

from ..errors import IndexProblem, UserDataError
from ..query import SearchIndex, open_index
from ..index import BuildReport
from ..records import counted
from ..userdata import saved
from ..userdata.packet import Packet, load_packet, save_packet
from .keys import GLOBAL_KEYS
from .messages import IndexReloaded, OpenCitator, OpenCompare, OpenLetter, OpenSimilar, OpenStats, PacketChanged, RunQuery, SaveSearch, ToggleMark
from .screens.ask import AskScreen
from .screens.base import EXPORT_DELIVERY
from .screens.build import BuildScreen
from .screens.citator import CitatorScreen
from .screens.compare import CompareScreen
from .screens.help import HelpScreen
from .screens.letter import LetterScreen
from .screens.packet import PacketScreen
from .screens.saved import SavedScreen
from .screens.search import SearchScreen
from .screens.similar import SimilarScreen
from .screens.stats import StatsScreen

SCREENSHOT = "Screenshot"
"""Textual's palette command that saves the screen: a download in a browser, a file anywhere else."""

RELOAD_EVERY = 5.0
"""Seconds between checks for a rebuilt index (``imr-search index`` in another terminal)."""


class IMRSearchApp(App[int]):
    """``imr-search`` with no command: search, read, compare IMR letters in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "imr-search"

    BINDINGS: ClassVar[list[BindingType]] = GLOBAL_KEYS

    def __init__(
        self,
        index_path: str | Path | None = None,
        *,
        build_from: Path | None = None,
        served: bool = False,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        """``build_from``: no index yet, build one at ``index_path`` from this corpus first.

        ``served``: the app runs for a browser (``imr-search serve``) and is
        read-only: it writes no path on the server (see ``get_system_commands``).

        ``clock`` times what the status line reports; tests pass a fixed one
        so screenshots do not change from run to run.
        """
        super().__init__()
        self.index_path = Path(index_path) if index_path is not None else None
        assert not (served and build_from), "a served app never builds"
        self.build_from = build_from
        self.served = served
        if build_from is not None:
            # The build parses in worker processes, and multiprocessing starts its resource
            # tracker with sys.stderr's file descriptor. Once running, Textual's stderr
            # stand-in reports fd -1 and the start fails, so start the tracker now.
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()
        self.clock = clock
        self._index: SearchIndex | None = None
        self.packet = Packet()
        self._packet_problem: str | None = None
        """Why the packet file could not be read: then it is left alone, never overwritten."""

    @property
    def index(self) -> SearchIndex:
        assert self._index is not None, "the index is opened on mount"
        return self._index

    # -- start-up -----------------------------------------------------------

    def on_mount(self) -> None:
        if self.build_from is not None:
            assert self.index_path is not None
            self.push_screen(BuildScreen(self.build_from, self.index_path), callback=self._built)
        else:
            self._open()

    def _built(self, outcome: BuildReport | str | None) -> None:
        if isinstance(outcome, str) or outcome is None:
            self.exit(return_code=1, message=Text(f"error: {outcome or 'the build stopped'}"))
            return
        letters, items = counted(outcome.letters, "letter", True), counted(outcome.items, "item", True)
        self.notify(f"Indexed {letters} ({items}) in {outcome.seconds:.1f} s", timeout=4)
        self._open()

    def _open(self) -> None:
        try:
            self._index = open_index(self.index_path)
        except IndexProblem as e:
            self.exit(return_code=1, message=Text(f"error: {e}"))  # Text: a path is not markup
            return
        self.sub_title = counted(self._index.letters_count, "letter", True)
        try:
            self.packet = load_packet()
        except UserDataError as e:
            self._packet_problem = str(e)
            self.notify(f"{e}: marks made now are not kept", title="Packet", severity="error", timeout=10, markup=False)
        self.push_screen(SearchScreen())
        self.set_interval(RELOAD_EVERY, self._reload)

    def _reload(self) -> None:
        """Pick up a rebuilt index between searches, and search again on it."""
        if self._index is None or any(w.is_running for w in self.workers):
            return
        if self._index.reload():
            self.notify("The index was rebuilt; results refreshed", timeout=3)
            self._reloaded()

    def _reloaded(self) -> None:
        """Tell every open screen the index changed (those showing answers ask again)."""
        for screen in self.screen_stack:
            screen.post_message(IndexReloaded())

    # -- navigation ---------------------------------------------------------

    def on_open_letter(self, message: OpenLetter) -> None:
        self.push_screen(LetterScreen(message.letter_id, message.query, message.compare_with, message.compare_item))

    def on_open_similar(self, message: OpenSimilar) -> None:
        self.push_screen(SimilarScreen(message.letter_id, message.contrast))

    def on_open_compare(self, message: OpenCompare) -> None:
        self.push_screen(CompareScreen(message.left, message.right, message.right_item, message.left_item))

    def on_open_stats(self, message: OpenStats) -> None:
        self.push_screen(StatsScreen(message.query))

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """A browser download that never left says so (Textual itself only reports its screenshots)."""
        if event.name == EXPORT_DELIVERY:
            self.notify(f"The export did not reach the browser: {event.exception}", severity="error", markup=False)

    def on_open_citator(self, message: OpenCitator) -> None:
        self.push_screen(CitatorScreen(message.query))

    def on_save_search(self, message: SaveSearch) -> None:
        def named(name: str | None) -> None:
            if not name:
                return
            try:
                replaced = saved.add(name, message.query)
            except (UserDataError, OSError) as e:
                self.notify(f"Not saved: {e}", severity="error", markup=False)
                return
            self.notify(f"{'Replaced' if replaced else 'Saved'} the search {name!r}; l lists saved searches", markup=False, timeout=4)

        query = saved.shown_query(message.query)
        self.push_screen(AskScreen("Save this search as", query, placeholder="a name (an existing one is replaced)"), named)

    async def on_run_query(self, message: RunQuery) -> None:
        await self.action_focus_search()
        if (target := self.search_screen) is not None:
            target.run_query(message.query)

    # -- the packet ---------------------------------------------------------

    def on_toggle_mark(self, message: ToggleMark) -> None:
        marked = self.packet.toggle(message.letter_id, message.item, message.case_number)
        name = message.case_number or message.letter_id
        self.notify(f"{'Marked' if marked else 'Unmarked'} {name} item {message.item}", markup=False, timeout=2)
        self.packet_changed()

    def packet_changed(self) -> None:
        """Keep the packet as it is now (at once: nothing is lost to a crash) and tell every screen."""
        if self._packet_problem is None:
            try:
                save_packet(self.packet)
            except OSError as e:
                self.notify(f"The packet could not be saved: {e.strerror or e}", severity="error", markup=False)
        for screen in self.screen_stack:
            screen.post_message(PacketChanged())

    def action_packet(self) -> None:
        if not isinstance(self.screen, PacketScreen):
            self.push_screen(PacketScreen())

    def action_saved(self) -> None:
        if not isinstance(self.screen, SavedScreen):
            self.push_screen(SavedScreen())

    @property
    def search_screen(self) -> SearchScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, SearchScreen)), None)

    # -- global actions -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys a focused text box would swallow are hidden while it has focus (False hides, None dims)."""
        if action in ("quit", "help", "focus_search", "packet", "saved") and isinstance(self.focused, Input):
            return False
        return not (action in ("focus_search", "packet", "saved") and self.search_screen is None)

    async def action_focus_search(self) -> None:
        """`/`: back to the search screen, in the box, from wherever the user is."""
        target = self.search_screen
        if target is None:
            return
        while self.screen is not target and len(self.screen_stack) > 1:
            await self.pop_screen()
        target.focus_box()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action the current screen's keys offer, by name, then the defaults."""
        actions: set[str] = set()
        titles: set[str] = set()
        for key, (node, binding, enabled, tooltip) in screen.active_bindings.items():
            if not enabled or not binding.description or binding.action in actions:
                continue
            actions.add(binding.action)
            titles.add(binding.description)
            yield SystemCommand(binding.description, tooltip or f"key: {key}", partial(self.run_action, binding.action, node))
        if (search := self.search_screen) is not None:
            for command in (*search.palette_commands(), SystemCommand("Reload the index", "pick up a rebuild now", self.action_reload_index)):
                titles.add(command.title)
                yield command
        for command in super().get_system_commands(screen):
            if command.title in titles:  # ours already cover Quit and Keys
                continue
            if self.served and command.title == SCREENSHOT and not self.is_web:
                continue  # off the web driver, Textual saves the screenshot in a folder of the server
            yield command

    def action_reload_index(self) -> None:
        if self._index is not None and self._index.reload():
            self.notify("Switched to the rebuilt index", timeout=3)
            self._reloaded()
        else:
            self.notify("The index is up to date", timeout=3)
