"""What the commands write: one output option, one writer per format, and stderr messages.

Every command that lists things takes the same ``--format text|json|csv``
(``--json`` and ``--csv`` are its short forms, as in sqlite-utils) and hands
its records to ``emit``, so a format behaves the same whichever command asks
for it: JSON Lines streamed one object per line, CSV with a header row, text
for people. Asking for two formats at once is a usage error, never a silent
choice. Hints, errors and summaries go to stderr (``warn``), so stdout holds
only the records.
"""

from __future__ import annotations

import csv
import functools
import io
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, get_args

import click
import msgspec

from ..records import to_json

Format = Literal["text", "json", "csv"]
FORMATS: tuple[Format, ...] = get_args(Format)

R = TypeVar("R", bound=msgspec.Struct)


def warn(message: str) -> None:
    """A line for the person at the terminal (hints, problems, summaries): stderr, never stdout."""
    click.echo(message, err=True)


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """The shared output switch: ``--format``, with ``--json`` and ``--csv`` as aliases.

    The command receives one ``fmt`` argument (``"text"`` unless asked
    otherwise); two different formats are a usage error (exit status 2).
    """

    @functools.wraps(f)
    def command(*args: Any, format_name: Format | None, as_json: bool, as_csv: bool, **kwargs: Any) -> Any:
        asked = [(f"--format {format_name}", format_name)] if format_name else []
        asked += [(flag, name) for flag, name, on in (("--json", "json", as_json), ("--csv", "csv", as_csv)) if on]
        if len({name for _, name in asked}) > 1:
            raise click.UsageError(
                f"{' and '.join(flag for flag, _ in asked)} ask for different output formats; give one",
                ctx=click.get_current_context(),
            )
        return f(*args, fmt=asked[0][1] if asked else "text", **kwargs)

    for option in (
        click.option("--csv", "as_csv", is_flag=True, help="Same as --format csv."),
        click.option("--json", "as_json", is_flag=True, help="Same as --format json."),
        click.option(
            "--format",
            "format_name",
            type=click.Choice(FORMATS),
            default=None,
            help="text for people [default], json for JSON Lines (one object per line), csv with a header row.",
        ),
    ):
        command = option(command)
    return command


@dataclass(frozen=True)
class Table(Generic[R]):
    """How one kind of record becomes CSV: the header, and the flat rows of one record."""

    columns: tuple[str, ...]
    rows: Callable[[R], Iterable[Sequence[object]]]


def emit(fmt: Format, records: Iterable[R], text: Callable[[R], str], table: Table[R]) -> None:
    """Write ``records`` as they come, in ``fmt``: the one place a command's output is written."""
    if fmt == "json":
        write_json(records)
    elif fmt == "csv":
        write_csv(records, table)
    else:
        write_text(records, text)


def write_text(records: Iterable[R], text: Callable[[R], str]) -> None:
    """For people: ``text`` of each record (colour is ``text``'s business: see ``cli.text``)."""
    for record in records:
        click.echo(text(record))


def write_json(records: Iterable[R | bytes]) -> None:
    """JSON Lines: each record's JSON (the record model's contract) on a line, flushed as it comes.

    A record may come encoded already (bytes: ``to_json`` of it, made in a
    parser worker), so that ``parse`` does not decode each letter only to
    encode it again: the same line, without the cost.
    """
    out = sys.stdout.buffer
    for record in records:
        out.write((record if isinstance(record, bytes) else to_json(record)) + b"\n")
        out.flush()


def write_csv(records: Iterable[R], table: Table[R]) -> None:
    """CSV (RFC 4180, UTF-8 whatever the locale, no BOM): the header, then each record's rows as they come."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    out = sys.stdout.buffer

    def flush() -> None:
        out.write(buf.getvalue().encode("utf-8"))
        out.flush()
        buf.seek(0)
        buf.truncate()

    writer.writerow(table.columns)
    flush()
    for record in records:
        writer.writerows(table.rows(record))
        flush()
