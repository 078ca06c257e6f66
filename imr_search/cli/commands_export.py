"""``export``: a query's results or the precedent packet written to a file, in Word, Markdown, CSV or NDJSON.

Not one of the listing commands: its formats are files for people and
other tools (``imr_search.export`` writes them), so it has its own
``--format``. The file appears whole or not at all (a temporary file renamed
at the end); ``-o -`` prints the text formats, never a Word file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import msgspec

from ..export import BINARY_FORMATS, FORMATS, entries_for_packet, query_entries, title_for, write_export
from ..records import counted
from ..userdata.packet import load_packet, packet_path
from ..userdata.paths import open_atomically
from .index_option import index_option, open_or_exit
from .output import warn


@click.command("export")
@click.argument("query", required=False)
@click.option("--packet", is_flag=True, help="Export the precedent packet (its items, order and notes) instead of a query's results.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="docx (Word), md (Markdown), csv, or ndjson (one JSON object per item).")
@click.option("--output", "-o", "output", required=True, help="The file to write; - for standard output (not for docx).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, help="Items to export [default: all the query finds].")
@click.option("--title", default=None, help='The title of a Word or Markdown export [default: "Precedent packet", or "IMR decisions: QUERY"].')
@index_option()
def export_cmd(query: str | None, packet: bool, fmt: str, output: str, limit: int | None, title: str | None, index_dir: Path | None) -> None:
    """Write the items QUERY finds (or the packet, with --packet) to a file.

    Word and Markdown are a binder: a table of authorities, then each item
    with its rationale in full, the query's words in bold. CSV and NDJSON
    have one row (object) per item, every record field a column.
    """
    if (query is None) == (not packet):
        raise click.UsageError("give a QUERY or --packet (one of them)")
    if packet and limit is not None:
        raise click.UsageError("--limit applies to a QUERY, not to --packet")
    if output == "-" and fmt in BINARY_FORMATS:
        raise click.UsageError(f"a {fmt} file cannot go to standard output: give -o FILE.{fmt}")
    idx = open_or_exit(index_dir)
    if packet:
        try:
            marked = load_packet()
        except (OSError, msgspec.DecodeError) as e:
            warn(f"error: cannot read the packet {packet_path()}: {e}")
            sys.exit(1)
        entries = entries_for_packet(idx, marked)
        if not entries:
            warn("the packet is empty: mark items in the app (space) first")
        missing = [f"{e.name} item {e.item_no}" for e in entries if e.missing]
        if missing:
            warn(f"{counted(len(missing), 'packet item')} no longer in the index, exported as missing: {', '.join(missing)}")
    else:
        found = query_entries(idx, query or "", limit)
        for hint in found.hints:
            warn(f"hint: {hint}")
        if found.corrected:
            warn(f"showing results for {found.corrected}")
        entries = found.entries
        if not entries:
            warn(f"no items match {query!r}")
    heading = title or title_for(None if packet else query)
    try:
        if output == "-":
            write_export(entries, fmt, sys.stdout.buffer, title=heading, query=query)
        else:
            with open_atomically(Path(output)) as out:
                write_export(entries, fmt, out, title=heading, query=query)
    except OSError as e:
        warn(f"error: cannot write {output}: {e.strerror or e}")
        sys.exit(1)
    warn(f"wrote {counted(len(entries), 'item')} to {'standard output' if output == '-' else output} ({fmt})")
