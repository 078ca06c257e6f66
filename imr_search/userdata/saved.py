"""Saved searches: a query kept under a name, and when the user last looked at it.

The query is the text the search box holds (the app's filters are query
text too), so a saved search runs the same in the app and on the command
line. "When last seen" is what "new" is counted from: letters matching the
query that the index first published after that moment.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import msgspec

from ..errors import UserDataError
from ..query import SearchIndex
from ..query.results import SearchResults
from .paths import data_dir, write_atomically

FILE = "saved-searches.json"


class SavedRow(msgspec.Struct):
    """A saved search as it is listed: its counts on the index open now."""

    name: str
    query: str
    letters: int
    """Letters matching the query."""
    new: int
    """Of those, letters first indexed after ``last_seen``."""
    last_seen: datetime
    created: datetime


class SavedSearch(msgspec.Struct, kw_only=True):
    query: str
    created: datetime
    last_seen: datetime


Saved = dict[str, SavedSearch]
"""Name -> search, in the order they were saved."""


def shown_query(query: str) -> str:
    """A saved query as people read it: the empty query lists every letter."""
    return query or "(every letter)"


def saved_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / FILE


def now() -> datetime:
    return datetime.now(timezone.utc)


def load_saved(folder: Path | None = None) -> Saved:
    """The user's saved searches (none where none were kept yet)."""
    path = saved_path(folder)
    try:
        return msgspec.json.decode(path.read_bytes(), type=Saved)
    except FileNotFoundError:
        return {}
    except (OSError, msgspec.DecodeError) as e:
        raise UserDataError(f"cannot read the saved searches in {path} ({e}); the file is left as it is") from None


def save_saved(saved: Saved, folder: Path | None = None) -> None:
    write_atomically(saved_path(folder), msgspec.json.format(msgspec.json.encode(saved), indent=2) + b"\n")


def add(name: str, query: str, when: datetime | None = None, folder: Path | None = None) -> bool:
    """Save ``query`` as ``name``, seen now; True if it replaced a search of that name."""
    name = name.strip()
    if not name:
        raise UserDataError("a saved search needs a name")
    saved = load_saved(folder)
    replaced = name in saved
    when = when or now()
    saved[name] = SavedSearch(query=query, created=when, last_seen=when)
    save_saved(saved, folder)
    return replaced


def remove(name: str, folder: Path | None = None) -> bool:
    """Forget ``name``; False if there was no such search."""
    saved = load_saved(folder)
    if saved.pop(name, None) is None:
        return False
    save_saved(saved, folder)
    return True


def mark_seen(name: str, when: datetime | None = None, folder: Path | None = None) -> None:
    """The user has looked at ``name``'s letters now: nothing of them is new any more."""
    saved = load_saved(folder)
    if name in saved:
        saved[name].last_seen = when or now()
        save_saved(saved, folder)


def row(idx: SearchIndex, name: str, search: SavedSearch) -> SavedRow:
    count = idx.count_new(search.query, search.last_seen)
    return SavedRow(name, search.query, count.letters, count.new, search.last_seen, search.created)


def new_letters(idx: SearchIndex, name: str, peek: bool = False, folder: Path | None = None) -> SearchResults | None:
    """The letters of ``name`` that are new since it was last seen (None for an unknown name).

    Unless ``peek``, they are seen now: the moment is taken before the index
    is asked, so a letter published meanwhile is new next time, never lost.
    """
    search = load_saved(folder).get(name)
    if search is None:
        return None
    when = now()
    results = idx.new_since(search.query, search.last_seen)
    if not peek:
        mark_seen(name, when, folder)
    return results
