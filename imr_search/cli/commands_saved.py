"""``saved``: searches kept under a name, and the letters new since each was last seen.

``imr-search saved`` lists them with their counts, ``saved add NAME QUERY``
and ``saved remove NAME`` manage them, ``saved NAME`` prints one and ``saved
NAME --new`` its new letters (and marks them seen unless ``--peek``), so a
scheduled job can mail what came in. One command rather than a group, so
every form takes the same options. The file and what "new" means are
``userdata.saved``'s; this module only reads arguments and writes output.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..records import counted, moment
from ..userdata import saved as store
from . import tables, text
from .index_option import index_option, open_or_exit
from .output import Format, emit, format_option, warn

ROW = tables.flat(store.SavedRow)


@click.command("saved")
@click.argument("words", nargs=-1, metavar="[NAME | add NAME QUERY | remove NAME]")
@index_option()
@click.option("--new", "new", is_flag=True, help="With NAME: print the letters first indexed since it was last seen, and mark them seen.")
@click.option("--peek", is_flag=True, help="With --new: leave them unseen.")
@format_option
def saved(words: tuple[str, ...], index_dir: Path | None, new: bool, peek: bool, fmt: Format) -> None:
    """Saved searches: each one's query, matching letters, how many are new, when last seen.

    `saved NAME --new` prints the letters first indexed since NAME was last
    seen (CSV: one row per matching item) and marks them seen, unless --peek.
    """
    if peek and not new:
        raise click.UsageError("--peek goes with --new")
    if new and len(words) != 1:
        raise click.UsageError("--new needs the NAME of one saved search")
    match words:
        case ():
            searches = store.load_saved()
            if not searches:
                warn("no saved searches: add one with `imr-search saved add NAME QUERY` (or ctrl+s in the app)")
                return
            idx = open_or_exit(index_dir)
            emit(fmt, (store.row(idx, name, s) for name, s in searches.items()), text.saved_row, ROW)
        case ("add", name, query):
            replaced = store.add(name, query)
            warn(f"{'replaced' if replaced else 'saved'} {name.strip()!r}: {store.shown_query(query)}")
        case ("remove", name):
            if not store.remove(name):
                _unknown(name)
            warn(f"removed {name!r}")
        case (name,):
            _one(name, index_dir, new, peek, fmt)
        case _:
            raise click.UsageError("give no words (the list), NAME, `add NAME QUERY` or `remove NAME`")


def _one(name: str, index_dir: Path | None, new: bool, peek: bool, fmt: Format) -> None:
    search = store.load_saved().get(name)
    if search is None:
        _unknown(name)
        return
    idx = open_or_exit(index_dir)
    if not new:
        emit(fmt, [store.row(idx, name, search)], text.saved_row, ROW)
        return
    results = store.new_letters(idx, name, peek=peek)
    letters = results.letters if results is not None else []
    emit(fmt, letters, text.search_hit, tables.search_hits(idx))
    seen = "left unseen (--peek)" if peek else "now marked seen"
    warn(f"{counted(len(letters), 'new letter')} since {moment(search.last_seen)}; {seen}")


def _unknown(name: str) -> None:
    names = ", ".join(repr(n) for n in store.load_saved()) or "none yet"
    warn(f"error: no saved search {name!r} (saved: {names})")
    sys.exit(1)
