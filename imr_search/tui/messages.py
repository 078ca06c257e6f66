"""Messages between the app's widgets and screens.

Widgets say what the user asked for ("open this letter"); the app decides
how (which screen, with what query). Keeping navigation in one place means a
widget never reaches into another screen, and tests can post the same
messages a keypress would. The app, in turn, tells its screens what changed
under them (``IndexReloaded``) rather than reaching into them. Textual's
``Message`` initialises itself in ``__post_init__``, so plain dataclasses are
messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from .filters import Filters


@dataclass
class OpenLetter(Message):
    """Show one letter, its hits for ``query`` marked.

    ``compare_with`` is the letter the user came from through a similar-cases
    list, so `c` on the letter can compare the two.
    """

    letter_id: str
    query: str = ""
    compare_with: str | None = None
    compare_item: int | None = None


@dataclass
class OpenSimilar(Message):
    """List the cases most like ``letter_id`` (``contrast``: decided the other way)."""

    letter_id: str
    contrast: bool = False


@dataclass
class OpenCompare(Message):
    """Compare ``left`` with ``right`` side by side, focusing on ``right_item`` of ``right``."""

    left: str
    right: str
    right_item: int | None = None
    left_item: int | None = None


@dataclass
class OpenStats(Message):
    """How the items matching ``query`` were decided."""

    query: str


@dataclass
class OpenCitator(Message):
    """The guidelines the items matching ``query`` cite (the citator)."""

    query: str


@dataclass
class FiltersChanged(Message):
    """The filter panel's values changed; search again narrowed by them."""

    filters: Filters


@dataclass
class TreatmentChosen(Message):
    """The user picked a canonical treatment from the fuzzy suggestions ("" clears it)."""

    treatment: str


@dataclass
class IndexReloaded(Message):
    """The app switched to a rebuilt index: screens showing answers ask again."""


@dataclass
class ToggleMark(Message):
    """Mark one item of a letter for the precedent packet, or unmark it."""

    letter_id: str
    item: int
    case_number: str | None = None


@dataclass
class PacketChanged(Message):
    """The packet changed (marked, unmarked, moved, noted): lists redraw their marks, counters their count."""


@dataclass
class SaveSearch(Message):
    """Ask for a name and keep ``query`` (the box with its filters) as a saved search."""

    query: str


@dataclass
class RunQuery(Message):
    """Search for ``query`` on the search screen (a saved search was opened)."""

    query: str
