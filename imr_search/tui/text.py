"""Turning untrusted letter text into things the screen can show safely.

Letter text comes from files anyone could have written. It must reach the
terminal as *text*: never parsed as Textual or Rich markup (a ``[bold]`` in a
rationale is shown as typed) and never carrying control characters or escape
sequences (which a terminal would obey). Everything on screen that holds
letter text is built here as ``Content`` from plain strings plus spans.

``clean`` maps each unsafe character to exactly one visible stand-in, so the
character offsets the index reports (hits, snippet highlights) stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from textual.content import Content, Span

from ..records import OUTCOME_MARK

# C0 controls become their Control Pictures twin (ESC -> "␛"), so a reader can
# see something was there; C1 controls, DEL and the bidirectional overrides
# (which could reorder what the user sees) become U+FFFD. One char for one char.
_SAFE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
_SAFE[0x0A] = "\n"
_SAFE[0x09] = " "
_SAFE[0x7F] = "\u2421"
_SAFE.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_SAFE.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)})
_TABLE = str.maketrans(_SAFE)
_ONE_LINE = str.maketrans({**_SAFE, 0x0A: " "})

HIT = "bold $text-warning on $warning-muted"
"""A query hit inside letter text."""
CURRENT_HIT = "bold reverse $text-warning"
"""The hit `n`/`N` moved to."""
SHARED = "underline $text-accent"
"""A key phrase both letters of a comparison use."""

PACKET_MARK = "●"
"""Before an item that is in the precedent packet, in every list that shows items."""
PACKET_MARK_STYLE = "bold $text-accent"


def packet_mark(marked: bool) -> Content:
    """The mark (and its space) before a marked item; nothing before one that is not."""
    return Content.styled(PACKET_MARK + " ", PACKET_MARK_STYLE) if marked else Content("")


OUTCOME_STYLE = {"upheld": "bold $text-error", "overturned": "bold $text-success"}
"""Outcome colours; the words and symbols are ``records.OUTCOME_MARK``."""


def clean(text: str | None, one_line: bool = False) -> str:
    """``text`` with every control character replaced by a visible stand-in (same length)."""
    if not text:
        return ""
    return text.translate(_ONE_LINE if one_line else _TABLE)


def plain(text: str | None, style: str = "", one_line: bool = False) -> Content:
    """Untrusted text as literal ``Content`` (never markup)."""
    return Content.styled(clean(text, one_line), style) if style else Content(clean(text, one_line))


def highlighted(
    text: str | None,
    ranges: Iterable[tuple[int, int]],
    style: str = HIT,
    current: tuple[int, int] | None = None,
    one_line: bool = False,
) -> Content:
    """``text`` with ``[start, end)`` character ranges styled; ``current`` gets ``CURRENT_HIT``."""
    safe = clean(text, one_line)
    n = len(safe)
    spans = []
    for start, end in ranges:
        start, end = max(0, start), min(n, end)
        if start < end:
            spans.append(Span(start, end, CURRENT_HIT if current == (start, end) else style))
    return Content(safe, spans)


def outcome(value: str, short: bool = False) -> Content:
    """The outcome as symbol + word in its colour ("✓ overturned"); ``short``: the symbol alone."""
    mark = OUTCOME_MARK.get(value, value)
    return Content.styled(mark[0] if short else mark, OUTCOME_STYLE.get(value, "bold"))


def one_line_snippet(text: str, ranges: Sequence[tuple[int, int]], width: int | None = None) -> Content:
    """A snippet on one line with its highlights; when ``width`` is known, start near the first hit."""
    safe = clean(text, one_line=True)
    shift = 0
    if width and ranges and ranges[0][0] > width // 3:
        shift = ranges[0][0] - width // 4
        cut = safe.rfind(" ", 0, shift)
        shift = cut + 1 if cut > 0 else shift
        safe = "…" + safe[shift:]
        shift -= 1
    return highlighted(safe, [(s - shift, e - shift) for s, e in ranges], one_line=True)


# -- shared key phrases (compare) -------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'/-]*")
_STOP = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "case", "did", "do", "does",
        "for", "from", "had", "has", "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "no",
        "nor", "not", "of", "on", "or", "patient", "request", "requested", "she", "so", "such", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "was",
        "were", "which", "while", "who", "will", "with", "would",
    }
)


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def shared_phrases(a: str, b: str, limit: int = 8, longest: int = 12) -> list[str]:
    """Runs of words (2 to ``longest``) both texts use, longest first, each reported once.

    Scans ``a`` left to right taking the longest run also found in ``b``,
    trims stop words off its ends and keeps it if two real words are left:
    what two reviewers' reasoning has in common ("functional improvement",
    "conservative care"), not "of the".
    """
    wa, wb = [w for w, _, _ in _words(a)], [w for w, _, _ in _words(b)]
    grams_b: set[tuple[str, ...]] = set()
    for n in range(2, longest + 1):
        grams_b.update(tuple(wb[i : i + n]) for i in range(len(wb) - n + 1))
    found: list[tuple[str, ...]] = []
    i = 0
    while i < len(wa) - 1:
        n = next((n for n in range(min(longest, len(wa) - i), 1, -1) if tuple(wa[i : i + n]) in grams_b), 0)
        if not n:
            i += 1
            continue
        gram = wa[i : i + n]
        i += n
        while gram and gram[0] in _STOP:
            gram = gram[1:]
        while gram and gram[-1] in _STOP:
            gram = gram[:-1]
        if sum(w not in _STOP for w in gram) >= 2 and tuple(gram) not in found:
            found.append(tuple(gram))
    found.sort(key=len, reverse=True)
    return [" ".join(g) for g in found[:limit]]


def phrase_ranges(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Where each phrase occurs in ``text`` (word by word, case-insensitive, any spacing)."""
    words = _words(text)
    seq = [w for w, _, _ in words]
    out: list[tuple[int, int]] = []
    for phrase in phrases:
        target = phrase.split()
        n = len(target)
        for i in range(len(seq) - n + 1):
            if seq[i : i + n] == target:
                out.append((words[i][1], words[i + n - 1][2]))
    return sorted(set(out))
