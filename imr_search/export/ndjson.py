"""The export as newline-delimited JSON, one object per item: what a search engine ingests (Quickwit among them).

The keys are the CSV's columns, but lists stay JSON arrays, numbers stay
numbers, a missing value is null and dates are RFC 3339 timestamps
(``2017-01-09T00:00:00Z``), the form ``deploy/quickwit/`` maps.
"""

from __future__ import annotations

from typing import BinaryIO

import msgspec

from .columns import KINDS, row
from .entries import ExportEntry

_encoder = msgspec.json.Encoder()


def obj(entry: ExportEntry) -> dict[str, object]:
    values = row(entry)
    for name, kind in KINDS.items():
        if kind == "date" and values[name]:
            values[name] = f"{values[name]}T00:00:00Z"
    return values


def write(entries: list[ExportEntry], out: BinaryIO) -> None:
    for entry in entries:
        out.write(_encoder.encode(obj(entry)) + b"\n")
