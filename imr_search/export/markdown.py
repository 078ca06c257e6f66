"""The binder as Markdown (CommonMark with a pipe table), letter text escaped so it stays text.

Whatever a letter holds, it can neither make markup nor break the table: every
character Markdown or inline HTML could read as syntax is backslash-escaped
(pipes above all), an HTML entity loses its power the same way, and a
paragraph that would start a heading, a list or a quote is escaped at its start.
"""

from __future__ import annotations

import re
from datetime import date
from typing import BinaryIO

from . import binder
from .entries import ExportEntry

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=#])")


def _inline(text: str) -> str:
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


def _block(text: str) -> str:
    """A paragraph that would open a list or a heading, escaped at its start."""
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def escape(text: str) -> str:
    """Letter text as Markdown that shows exactly that text, wherever it stands."""
    return _block(_inline(text))


def _runs(runs: list[binder.Run]) -> str:
    return _block("".join(f"**{_inline(text)}**" if bold else _inline(text) for text, bold in runs))


def _lines(lines: list[str]) -> str:
    """Lines kept as lines (hard breaks)."""
    return "  \n".join(escape(line) for line in lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(escape(c) for c in cells) + " |"


def render(entries: list[ExportEntry], *, title: str, query: str | None, made: date) -> str:
    heading, lines = binder.intro(title, query, len(entries), made)
    out = [f"# {escape(heading)}", "", _lines(lines), ""]
    out += ["## Table of authorities", ""]
    if entries:
        out += [_row(list(binder.AUTHORITY_COLUMNS)), "|" + "---|" * len(binder.AUTHORITY_COLUMNS)]
        out += [_row(binder.authority_row(e)) for e in entries]
    else:
        out.append("No items.")
    for e in entries:
        s = binder.section(e)
        out += ["", f"## {escape(s.heading)}", ""]
        out += [binder.MISSING_TEXT] if s.missing else [f"- **{label}:** {escape(value)}" for label, value in s.facts]
        if s.rationale:
            out += ["", "### Rationale"]
            for paragraph in s.rationale:
                out += ["", _runs(paragraph)]
        if s.note:
            out += ["", "### Note", "", _lines(s.note.splitlines())]
    return "\n".join(out) + "\n"


def write(entries: list[ExportEntry], out: BinaryIO, *, title: str, query: str | None, made: date) -> None:
    out.write(render(entries, title=title, query=query, made=made).encode("utf-8"))
