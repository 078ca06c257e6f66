"""Commands that ask an index: ``search``, ``show``, ``similar``, ``treatments``, ``stats``, ``citations``.

Each is a thin adapter: it calls one ``SearchIndex`` method and hands the
records it returns to ``output.emit`` with their text and CSV forms, so the
query layer alone decides what is found and ``output`` alone how it is
written. Hints go to stderr; an unknown id is an ``error:`` line and exit 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import tables, text
from .index_option import index_option, open_or_exit
from ..records import counted
from .output import Format, emit, format_option, warn


@click.command()
@click.argument("query")
@index_option()
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="Letters to show.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@format_option
def search(query: str, index_dir: Path | None, limit: int, sort: str, fmt: Format) -> None:
    """Search the letters (see the README for the query language).

    CSV has one row per matching item.
    """
    idx = open_or_exit(index_dir)
    results = idx.search(query, limit=limit, sort=sort, count=fmt == "text")  # type: ignore[arg-type]
    for hint in results.hints:
        warn(f"hint: {hint}")
    if results.corrected:
        warn(f"showing results for {results.corrected}")
    emit(fmt, results.letters, text.search_hit, tables.search_hits(idx))
    if fmt == "text":
        shown = sum(len(h.items) for h in results.letters)
        letters, matching = counted(len(results.letters), "letter"), counted(results.total_items or 0, "matching item")
        warn(f"{letters} ({counted(shown, 'item')} shown, {matching}) in {results.elapsed_ms:.0f} ms")


@click.command()
@click.argument("letter_id", metavar="ID")
@index_option()
@click.option("--query", "-q", default=None, help="Mark this query's hits.")
@format_option
def show(letter_id: str, index_dir: Path | None, query: str | None, fmt: Format) -> None:
    """Print one letter (CSV: one row per item)."""
    idx = open_or_exit(index_dir)
    view = idx.letter(letter_id, query=query)
    if view is None:
        warn(f"error: no letter {letter_id!r} in {idx.root}")
        sys.exit(1)
    emit(fmt, [view.letter], lambda letter: text.letter_full(letter, view.hits), tables.LETTERS)


@click.command()
@click.argument("letter_id", metavar="ID")
@index_option()
@click.option("--item", type=click.IntRange(min=1), default=None, help="Only this item of the letter.")
@click.option("--contrast", is_flag=True, help="Only similar items decided the other way.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True)
@format_option
def similar(letter_id: str, index_dir: Path | None, item: int | None, contrast: bool, limit: int, fmt: Format) -> None:
    """Items of other letters most like this one's."""
    idx = open_or_exit(index_dir)
    found = idx.similar(letter_id, item=item, contrast=contrast, limit=limit)
    if found is None:
        warn(f"error: no letter {letter_id!r}" + (f" with item {item}" if item else "") + f" in {idx.root}")
        sys.exit(1)
    emit(fmt, found, text.similar_item, tables.SIMILAR)


@click.command()
@click.argument("words", metavar="TEXT")
@index_option()
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True)
@format_option
def treatments(words: str, index_dir: Path | None, limit: int, fmt: Format) -> None:
    """Canonical treatment names nearest TEXT, with how they were decided."""
    idx = open_or_exit(index_dir)
    emit(fmt, idx.treatments(words, limit=limit), text.treatment_match, tables.TREATMENTS)


@click.command()
@click.argument("query", default="")
@index_option()
@format_option
def stats(query: str, index_dir: Path | None, fmt: Format) -> None:
    """How the matching items were decided, by category, treatment, specialty, citation source and year."""
    idx = open_or_exit(index_dir)
    rows, hints = idx.stats(query)
    for hint in hints:
        warn(f"hint: {hint}")
    emit(fmt, rows, text.stat_rows(), tables.STATS)


@click.command()
@click.argument("query", default="")
@index_option()
@format_option
def citations(query: str, index_dir: Path | None, fmt: Format) -> None:
    """Every guideline section the matching items cite: items relying on it, how they were decided, the claims administrator's use."""
    idx = open_or_exit(index_dir)
    rows = idx.citations(query)
    emit(fmt, rows, text.citation_rows(), tables.CITATIONS)
    if not rows and fmt == "text":
        warn("no items match")
