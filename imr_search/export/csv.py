"""The export as CSV: a header row of column names, then one row per item, UTF-8 without a byte-order mark.

Lists are joined with "; ", as every CSV this tool writes. A cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``
or a tab) gets a leading apostrophe: letters are other people's text, and a
spreadsheet is where exports are opened.
"""

from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

from .columns import COLUMNS, row
from .entries import ExportEntry

_FORMULA_START = ("=", "+", "-", "@", "\t")


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write(entries: list[ExportEntry], out: BinaryIO) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([cell(v) for v in row(entry).values()])
    text.detach()
