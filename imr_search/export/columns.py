"""The columns of a CSV or NDJSON export, read off the record Structs so a new record field is a new column.

One row per item: every field of its letter (``Letter``, in order, less
``items``), then every field of the item, then the user's packet note. A
column is named as its field; a nested Struct's fields are flattened as
``parent_child`` (``reviewer_specialties``, ``patient_age``,
``partial_original``, ``frequency_count``); a list of Structs is a list of
strings, each written by its one-place writer (``records.citation_text``,
``records.document_text``), and the citations are split by who cited them
(``citations_reviewer``, ``citations_claims_administrator``), because which
guideline the reviewer relied on is what the decision rests on.

Every string is cleaned of terminal escape sequences and control characters
here, once, whatever format writes it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import msgspec

from ..read.text import clean
from ..records import DATE_FIELDS, Citation, Document, Item, Letter, citation_text, document_text
from .entries import ExportEntry

Kind = Literal["text", "date", "int", "list"]

WRITERS: dict[type, Callable[[Any], str]] = {Citation: citation_text, Document: document_text}
"""How a list of Structs is written: one string each."""
SPLIT_BY = {Citation: "by"}
"""Lists of Structs written as one column per value of this field."""
PACKET_NOTE = "packet_note"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    get: Callable[[Any], Any]
    """The value from the Struct the column belongs to (the letter or the item)."""


def _optional(tp: Any) -> Any:
    """``X | None`` as ``X``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (tp,) = [a for a in typing.get_args(tp) if a is not type(None)]
    return tp


def _is_struct(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, msgspec.Struct)


def _columns(struct: type[msgspec.Struct], prefix: str = "", via: Callable[[Any], Any] = lambda s: s) -> Iterator[Column]:
    for f in msgspec.structs.fields(struct):
        tp, name = _optional(f.type), prefix + f.name

        def get(s: Any, name: str = f.name) -> Any:
            return None if (parent := via(s)) is None else getattr(parent, name)

        if _is_struct(tp):
            yield from _columns(tp, f"{name}_", get)
        elif typing.get_origin(tp) is list:
            (of,) = typing.get_args(tp)
            if of is Item:
                continue  # items are the rows
            if of in SPLIT_BY:
                key = SPLIT_BY[of]
                (by,) = [g for g in msgspec.structs.fields(of) if g.name == key]
                for value in typing.get_args(by.type):
                    yield Column(f"{name}_{value}", "list", _written(get, WRITERS[of], lambda x, k=key, v=value: getattr(x, k) == v))
            elif of in WRITERS:
                yield Column(name, "list", _written(get, WRITERS[of]))
            else:
                yield Column(name, "list", get)
        else:
            yield Column(name, "int" if tp is int else "date" if name in DATE_FIELDS else "text", get)


def _written(get: Callable[[Any], Any], writer: Callable[[Any], str], keep: Callable[[Any], bool] = lambda x: True) -> Callable[[Any], list[str]]:
    return lambda s: [writer(x) for x in get(s) if keep(x)]


LETTER_COLUMNS = tuple(_columns(Letter))
ITEM_COLUMNS = tuple(_columns(Item))
COLUMNS: tuple[str, ...] = (*(c.name for c in LETTER_COLUMNS), *(c.name for c in ITEM_COLUMNS), PACKET_NOTE)
KINDS: dict[str, Kind] = {c.name: c.kind for c in (*LETTER_COLUMNS, *ITEM_COLUMNS)} | {PACKET_NOTE: "text"}
"""Each column's kind: how CSV and NDJSON write it, and how a search engine should map it."""


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def row(entry: ExportEntry) -> dict[str, Any]:
    """One item's values by column: None where the record holds none (every value but the ids for a missing entry)."""
    out: dict[str, Any] = dict.fromkeys(COLUMNS)
    if entry.letter is not None and entry.item is not None:
        out.update((c.name, _safe(c.get(entry.letter))) for c in LETTER_COLUMNS)
        out.update((c.name, _safe(c.get(entry.item))) for c in ITEM_COLUMNS)
    else:
        out.update(id=entry.letter_id, case_number=entry.case_number, item=entry.item_no)
    out[PACKET_NOTE] = clean(entry.note)
    return out
