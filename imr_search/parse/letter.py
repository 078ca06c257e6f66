"""Letter text to a ``Letter`` record: the entry points, and which layout reader a letter goes to.

The parser reads the layout, not the file: it finds paragraphs (blank lines
in HTML-converted text, lone-space lines in PDF-extracted text) and the
headings. A letter with the standard issues heading (or the "maximus"
layout's) goes to ``standard``; a 2013 notice or a professional review to
``older``. A letter is refused (``LetterError``) only on evidence that text
is missing (a section absent, an item without rationale, a file that stops
in its header) or when it is no letter the parser knows, and the reason
says which, naming the headings it saw. Where the parser had to guess, the
record says so in ``notes``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import LetterError
from ..read import file_text
from ..read import text as textio
from ..records import Letter, Shape, fingerprint
from . import common, older, standard

_HTML_HEADING = re.compile(r"^#{2,4} ", re.M)
_CASE_IN_NAME = re.compile(r"CM\d{2}-\d{4,8}", re.I)
_IMR_WORDS = re.compile(r"MAXIMUS|Independent\s+Medical\s+Review|\bIMR\b|:\s*(?:Upheld|Overturned)\b", re.I)


def parse_file(path: str | os.PathLike[str]) -> Letter:
    """Parse one letter file (text, PDF or HTML page); ``LetterError`` names the file and the reason."""
    return parse_bytes(textio.read_bytes(path), str(path))


def parse_bytes(data: bytes, source: str) -> Letter:
    """Parse a letter file's bytes; the name (``source``) decides PDF and HTML by extension."""
    try:
        text, shape = file_text(data, source)
        return parse_text(text, source=source, shape=shape)
    except LetterError as e:
        raise LetterError(e.reason, source) from None


def _check_pages(text: str) -> None:
    """A letter whose page footers count to more pages than it holds has lost its last page(s)."""
    footers = [(int(a), int(b)) for a, b in common.PAGE_FOOTER.findall(text)]
    if footers:
        last, total = max(footers)[0], max(b for _, b in footers)
        if last < total:
            raise LetterError(f"cut short: the text stops at page {last} of {total}")


def _looks_html(text: str) -> bool:
    """Bold tags, Markdown bold or a Markdown heading: text an HTML page was turned into.

    Plain substring tests first: one regex over the whole text with its
    alternatives cost more than the rest of telling the shape apart.
    """
    return "<b>" in text or "**" in text or (("\n##" in text or text.startswith("##")) and bool(_HTML_HEADING.search(text)))


def parse_text(text: str, source: str = "", shape: Shape | None = None) -> Letter:
    """Parse the text of one letter (any text shape, any layout) into a record.

    ``shape`` names where the text came from when it was extracted here
    ("pdf", "html"); by default it is read off the text itself.
    """
    text = textio.clean(text)
    _check_pages(text)
    is_html = _looks_html(text)
    lines, breaks = common.lines_of(text, is_html, unescape=shape is None)
    sections = standard.sections(lines)
    if "issues" in sections:
        fields = standard.read(lines, breaks, sections)
    else:
        found = older.read(lines, breaks)
        if found is None:
            raise LetterError(_unreadable(lines, sections, text))
        fields = found
    summary = fields["summary"]
    fp = fingerprint(fields["items"])
    case_number = fields.pop("case_number", None)
    name_case = _CASE_IN_NAME.search(Path(source).name) if source else None
    letter_id = case_number or (name_case.group(0).upper() if name_case else f"h-{fp[:12]}")
    return Letter(
        id=letter_id,
        case_number=case_number,
        fingerprint=fp,
        source=source,
        shape=shape or ("html-text" if is_html else "pdf-text"),
        patient=common.patient(summary),
        diagnoses=common.diagnoses(summary),
        **fields,
    )


def _unreadable(lines: list[str], sections: dict[str, tuple[int, int]], text: str) -> str:
    """Why a letter no reader took cannot be read: cut short, an unknown layout, or no letter at all."""
    if sections:
        return "cut short: no 'IMR ISSUES, DECISIONS AND RATIONALES' section"
    if common.header(text) and len(lines) <= 12:
        return "cut short: the file stops inside the header block"
    if _IMR_WORDS.search(text):
        seen = common.heading_like(lines)
        return "unrecognised layout; headings seen: " + ("; ".join(h[:60] for h in seen) if seen else "none")
    return "not an IMR letter (no IMR headings or decisions found)"
