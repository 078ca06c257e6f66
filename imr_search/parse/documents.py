"""A list of documents reviewed to ``Document`` records: title, author where given, date or date range.

Why: which records the reviewer considered is a common ground of appeal.
Lists vary (bullets, numbers, one report a line or a paragraph each; "by
Dr. X", "from a clinic", "(Dr. X)"; one date or a range), so an entry is
read by its parts: everything before "by"/"from" is the title, the first
date or range is when.
"""

from __future__ import annotations

import re

from ..records import Document
from .common import iso, join

_D = r"(?:\d{1,2}/\d{1,2}/\d{2,4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
_WHEN = re.compile(rf"(?P<a>{_D})(?:\s*(?:-|–|to|through|thru)\s*(?P<b>{_D}))?")
_ENDS_WITH_DATE = re.compile(rf"{_D}\)?\.?$")
_BULLET = re.compile(r"^(?:[-•*·▪–]|\d{1,3}[.)])\s*")
_LEAD = re.compile(r"[\s,;:(]*(?<![A-Za-z])(?:dated|dates?\s+of\s+service|DOS|on|from|for|of)?[\s,;:(]*$", re.I)
_BY = re.compile(r"\s+(?:by|from)\s+|\s*\((?=[^)]*\)\s*$)|,\s+(?=(?:Dr\.|Doctor\b)|[^,]*\b(?:M\.?D\.?|D\.?C\.?|D\.?O\.?|P\.?T\.?|Ph\.?D\.?)\s*$)", re.I)


def documents(lines: list[str], breaks: list[bool], start: int, end: int, lead: str = "") -> list[Document]:
    """The documents listed in ``lines[start:end]`` (``lead``: text after the heading on its own line)."""
    entries: list[list[str]] = [[lead]] if lead else []
    for i in range(start, end):
        line = lines[i]
        if not entries or breaks[i] or _BULLET.match(line) or _ENDS_WITH_DATE.search(entries[-1][-1]):
            entries.append([])
        entries[-1].append(line)
    out = []
    for entry in entries:
        doc = _document(_BULLET.sub("", join(entry)).strip())
        if doc:
            out.append(doc)
    return out


def _document(text: str) -> Document | None:
    """One entry; None for an intro line ("The following records were reviewed:")."""
    if not text or text.endswith(":"):
        return None
    when = _WHEN.search(text)
    first = last = None
    if when:
        first = iso(when.group("a"))
        last = iso(when.group("b")) if when.group("b") else None
        text = text[: when.start()]
    text = _LEAD.sub("", text.rstrip(" .,;")).strip()
    author = None
    m = _BY.search(text)
    if m:
        text, author = text[: m.start()].strip(" ,"), text[m.end() :].strip(" ,)")
    if not text:
        return None
    return Document(title=text, author=author or None, date=first, date_to=last)
