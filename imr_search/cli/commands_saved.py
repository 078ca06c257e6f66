"""``saved``: searches kept under a name, and the letters new since each was last seen.

``imr-search saved`` lists them with their counts, ``saved add`` and
``saved remove`` manage them, ``saved NAME`` prints one and ``saved NAME
--new`` its new letters (and marks them seen unless ``--peek``), so a
scheduled job can mail what came in. The file and what "new" means are
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


def _index(index_dir: Path | None) -> Path | None:
    """``--index`` here, else as given before the command (``imr-search --index DIR saved ...``)."""
    return index_dir or click.get_current_context().find_root().params.get("index_dir")


class _SavedGroup(click.Group):
    """``add`` and ``remove`` are commands; any other word is the name of a saved search."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "NAME", one, args
        return super().resolve_command(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] [NAME [--new [--peek]] | add NAME QUERY | remove NAME]")


@click.group("saved", cls=_SavedGroup, invoke_without_command=True)
@index_option()
@format_option
@click.pass_context
def saved(ctx: click.Context, index_dir: Path | None, fmt: Format) -> None:
    """Saved searches: NAME, its query, matching letters, how many are new, when last seen.

    `saved NAME` prints one; `saved NAME --new` its letters first indexed
    since it was last seen (then marks them seen, unless --peek).
    """
    if ctx.invoked_subcommand is not None:
        return
    searches = store.load_saved()
    if not searches:
        warn("no saved searches: add one with `imr-search saved add NAME QUERY` (or ctrl+s in the app)")
        return
    idx = open_or_exit(_index(index_dir))
    emit(fmt, (store.row(idx, name, s) for name, s in searches.items()), text.saved_row, ROW)


@saved.command("add")
@click.argument("name")
@click.argument("query")
def add(name: str, query: str) -> None:
    """Save QUERY as NAME (replacing a search of that name); its letters count as seen."""
    replaced = store.add(name, query)
    warn(f"{'replaced' if replaced else 'saved'} {name.strip()!r}: {store.shown_query(query)}")


@saved.command("remove")
@click.argument("name")
def remove(name: str) -> None:
    """Forget the saved search NAME."""
    if not store.remove(name):
        _unknown(name)
    warn(f"removed {name!r}")


@click.command("NAME")
@click.argument("name")
@index_option()
@click.option("--new", "new", is_flag=True, help="Print the letters first indexed since the search was last seen, and mark them seen.")
@click.option("--peek", is_flag=True, help="With --new: leave them unseen.")
@format_option
def one(name: str, index_dir: Path | None, new: bool, peek: bool, fmt: Format) -> None:
    """One saved search; with --new, its new letters."""
    search = store.load_saved().get(name)
    if search is None:
        _unknown(name)
    idx = open_or_exit(_index(index_dir))
    if not new:
        emit(fmt, [store.row(idx, name, search)], text.saved_row, ROW)
        return
    results = store.new_letters(idx, name, peek=peek)
    assert results is not None
    emit(fmt, results.letters, text.search_hit, tables.search_hits(idx))
    seen = "left unseen (--peek)" if peek else "now marked seen"
    warn(f"{counted(len(results.letters), 'new letter')} since {moment(search.last_seen)}; {seen}")


def _unknown(name: str) -> None:
    names = ", ".join(repr(n) for n in store.load_saved()) or "none yet"
    warn(f"error: no saved search {name!r} (saved: {names})")
    sys.exit(1)
