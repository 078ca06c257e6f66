"""The keys that work on every screen: the app binds them, the key list (`?`) lists them.

Here rather than on the app class so the help screen can read them without
importing the app (which imports every screen, the help screen among them).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

GLOBAL_KEYS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit the app"),
    Binding("question_mark", "help", "Keys", id="app.help", tooltip="Show every key (this list)"),
    Binding("slash", "focus_search", "Search", id="app.search", tooltip="Back to the search box, from anywhere"),
    Binding("p", "packet", "Packet", show=False, id="app.packet", tooltip="The packet: marked items to order, note, open"),
    Binding("l", "saved", "Saved", show=False, id="app.saved", tooltip="Saved searches and their new letters"),
    Binding("f1", "help", "Keys", show=False, priority=True, id="app.help-f1", tooltip="Show every key, even while typing"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit-now", tooltip="Quit, even while typing"),
]
