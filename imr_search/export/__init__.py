"""Items written out for people and for other tools: Word and Markdown binders, CSV and NDJSON.

The app, the command line and the browser server all export through
``write_export``, so a format is written one way wherever it is asked for.
What is exported (``entries_for_query``, ``entries_for_packet``) is decided
apart from how it is written.
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from . import csv, docx, markdown, ndjson
from .entries import ExportEntry, QueryExport, entries_for_packet, entries_for_query, query_entries

FORMATS = ("docx", "md", "csv", "ndjson")
BINARY_FORMATS = frozenset({"docx"})
"""Formats that are no text to print to a terminal."""

__all__ = ["FORMATS", "BINARY_FORMATS", "ExportEntry", "QueryExport", "entries_for_packet", "entries_for_query", "query_entries", "title_for", "write_export"]


def title_for(query: str | None) -> str:
    """A binder's title when the user gives none: the packet's (``query`` None) or the query's."""
    return "Precedent packet" if query is None else f"IMR decisions: {query}"


def write_export(entries: list[ExportEntry], fmt: str, out: BinaryIO, *, title: str, query: str | None = None, made: date | None = None) -> None:
    """Write ``entries`` to ``out`` in ``fmt`` (one of ``FORMATS``); ``made`` (default today) is the date the binders show."""
    if fmt == "csv":
        csv.write(entries, out)
    elif fmt == "ndjson":
        ndjson.write(entries, out)
    elif fmt in ("md", "docx"):
        (markdown if fmt == "md" else docx).write(entries, out, title=title, query=query, made=made or date.today())
    else:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
