"""One name per guideline section, however letters write it: what the citator counts by.

Letters write one guideline many ways ("Chronic Pain Medical Treatment 2016",
"CA MTUS Chronic Pain Treatment Guidelines"; "Low Back - Lumbar & Thoracic
(Acute & Chronic) Chapter" for the ODG's Low Back chapter; "pages 98 - 99"),
so citations are given one name each (``canonical``, from the tables of
``guideline_names``) and told apart by that name's folded form
(``citation_key``). It lives below the index because the index is built
with these names (each item's rows, ``rows``, written as ``spelling``s), and
the query layer counts them and names "why similar" with the same ones.
Letters cite the same few thousand guideline sections over and over, so
each name is worked out once per process (the caches), not once per item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..records import Citation, Item
from . import guideline_names

Key = tuple[str, str, str, str]
"""(source, title, section, pages), folded: what makes two citations one row."""
NONE_KEY: Key = ("", "", "", "")
"""The row of items that cite no guideline."""

Spelled = tuple[str, str, str | None, str | None]
"""(source, title, section, pages) as a row's name writes them."""
NONE_SPELLED: Spelled = ("", "", None, None)

_SEP = "\x1f"
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MTUS_PREFIX = re.compile(r"^(?:the\s+)?(?:ca\s+|california\s+)?mtus\b[\s:,-]*", re.I)
_PAGE_WORD = re.compile(r"^(?:page\(s\)|pages?|pgs?\.?|pp?\.)\s*:?\s*", re.I)
_TRIM = " ,;:-/."
_TITLES = {source: [(re.compile(p, re.I), name) for p, name in rules] for source, rules in guideline_names.TITLES.items()}
_ODG_CHAPTERS = [
    (re.compile(rf"(?:{p}){guideline_names.ODG_CHAPTER_TAIL}(?=$|[\s,;:/-])", re.I), name) for p, name in guideline_names.ODG_CHAPTERS
]


def fold(text: str | None) -> str:
    """What is left of a name once case, spacing and punctuation are set aside ("&" reads "and")."""
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower().replace("&", " and ")))


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(_TRIM)


@lru_cache(maxsize=1 << 16)
def canonical(c: Citation) -> Citation:
    """``c`` under the one name the citator gives it (applying it twice changes nothing)."""
    return Citation(by=c.by, source=c.source, title=_title(c.source, c.title), section=_section(c.source, c.section), pages=_pages(c.pages))


@lru_cache(maxsize=1 << 16)
def citation_key(c: Citation) -> Key:
    """The row ``c`` counts in: its canonical name, folded."""
    n = canonical(c)
    return (n.source, fold(n.title), fold(n.section), fold(n.pages))


def _title(source: str, title: str) -> str:
    bare = _space(_YEAR.sub("", _MTUS_PREFIX.sub("", title) if source == "MTUS" else title)) or title
    for pattern, name in _TITLES.get(source, ()):
        m = pattern.fullmatch(bare)
        if m:
            return m.expand(name)
    return bare


def _section(source: str, section: str | None) -> str | None:
    text = _space(section or "")
    if source == "ODG":
        text = _odg_section(text)
    return guideline_names.SECTIONS.get(fold(text), text) or None


def _odg_section(text: str) -> str:
    """"Low back chapter - MRI" -> "Low Back, MRI": the chapter's one name, then the topic as written."""
    for pattern, chapter in _ODG_CHAPTERS:
        m = pattern.match(text)
        if m:
            topic = text[m.end() :].strip(_TRIM + " ")
            return f"{chapter}, {topic}" if topic else chapter
    return text


def _pages(pages: str | None) -> str | None:
    text = _PAGE_WORD.sub("", _space(pages or ""))
    return re.sub(r"\s*,\s*", ", ", re.sub(r"\s*[-–]\s*", "-", text)) or None


def rows(citations: Iterable[Citation]) -> dict[Key, Citation]:
    """The rows these citations count in, each once, named by its first citation's canonical name."""
    out: dict[Key, Citation] = {}
    for c in citations:
        out.setdefault(citation_key(c), canonical(c))
    return out


def reviewer_rows(item: Item) -> dict[Key, Citation]:
    """The rows the item's reviewer relied on (what the decision rests on)."""
    return rows(c for c in item.citations if c.by == "reviewer")


def administrator_rows(item: Item) -> dict[Key, Citation]:
    """The rows the item's claims administrator cited."""
    return rows(c for c in item.citations if c.by == "claims_administrator")


@lru_cache(maxsize=1 << 16)
def spelling(c: Citation | None) -> str:
    """A row's name and its key as one string (None: the no-guideline row), as the index holds it.

    The key rides along so that counting reads it back without folding each name again.
    """
    name = NONE_SPELLED if c is None else (c.source, c.title, c.section, c.pages)
    return _SEP.join([*(part or "" for part in name), *(fold(part) for part in name[1:])])


def spelled(value: str) -> tuple[Spelled, Key]:
    """``spelling``'s string read back: the name and its key."""
    source, title, section, pages, *folded = value.split(_SEP)
    return (source, title, section or None, pages or None), (source, *folded)  # type: ignore[return-value]


def key_text(key: Key) -> str:
    """A key as one string, as the index holds it."""
    return _SEP.join(key)
