"""PDF letter to text in the shape the parser reads ("pdf-text").

The parser was written against text a PDF library extracted from the state's
letters: lines in reading order, wrapped lines following each other, and a
line holding a single space between paragraphs. This module rebuilds that
shape from the PDF itself with pdfium (through pypdfium2): on the 24 real
letters it gives the same records as the twins at about ten times the speed
of pypdf (the library the twins came from) and of pdfminer.six, and its
licence (Apache-2.0 or BSD-3-Clause) fits an MIT project. ``bench/pdf.py``
holds the measurement.

pdfium gives the text of each page in reading order with a line break per
text line, but it does not say where paragraphs end: that is recovered from
geometry.

* Within a page, a paragraph starts where the gap between two baselines is
  clearly more than one line pitch. The letters are Word documents where a
  paragraph break is an empty paragraph, i.e. two pitches, while a heading's
  extra spacing is about one and a half; the threshold sits between.
* Across a page break the gap says nothing, so three signals are used: a
  blank line (a text object holding only spaces, which pdfium's text layer
  leaves out) right below the last line or right above the first line; a
  first line that starts lower than the first line of the other pages after
  the first (an empty paragraph pushed it down); and, only in documents that have no blank
  lines at all, a last line that ends a sentence well short of the margin.

Running headers, footers and page numbers are dropped, hyphens at line ends
are kept as printed, and ligatures are left for the parser to normalise.
Every failure is a ``LetterError`` with a one-line reason.
"""

from __future__ import annotations

import bisect
import ctypes
import os
import re
import stat
import statistics
import threading
from collections import defaultdict
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import text as textio
from ..errors import LetterError

MAX_PAGES = 500
"""More pages than any letter has (twenty items run to about forty); a file
past this is refused rather than read for minutes."""

PARAGRAPH_GAP = 1.75
"""A baseline gap above this many line pitches starts a paragraph. Measured
on the real letters: wrapped lines sit 1.0 pitch apart, headings 1.5, and
paragraphs (an empty line between) 2.0 or more."""

_ON_LINE = 4.0
"""Points a text object's bottom may sit from a line's baseline (descenders)
and still belong to that line rather than be a line of its own."""

_LOCK = threading.Lock()
"""pdfium is not thread-safe; worker processes each have their own copy, but
threads in one process (a TUI preview, say) must take turns."""

_LINE_SPLIT = re.compile(r"\r\n|[\r\n\ufffe\x02]")
"""pdfium ends each text line with CRLF; when a line ends in a hyphen it
joins the next line to it and writes U+FFFE (older builds: U+0002) in place
of the hyphen. Both are line ends here, and the hyphen is put back."""

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-\u2013(\[]?\s*\d{1,3}\s*[-\u2013)\]]?(?:\s*(?:of|/)\s*\d{1,3})?$", re.I)
_BARE_NUMBER = re.compile(r"^[-\u2013(\[]?\s*\d{1,3}\s*[-\u2013)\]]?$")
_SENTENCE_END = (".", ":", "?", "!", '."', ".\u201d", ".)")
_PDF_ERRORS = {
    pdfium_c.FPDF_ERR_SUCCESS: "no pages",  # loaded, but the page tree is empty or broken
    pdfium_c.FPDF_ERR_FILE: "cannot read the file",
    pdfium_c.FPDF_ERR_FORMAT: "not a PDF or damaged",
    pdfium_c.FPDF_ERR_PAGE: "page tree damaged",
    pdfium_c.FPDF_ERR_UNKNOWN: "unreadable",
}


@dataclass(slots=True)
class _Line:
    """One text line of a page: its text, baseline, left and right edges."""

    text: str
    y: float
    x0: float
    x1: float


@dataclass(slots=True)
class _Page:
    lines: list[_Line]
    blanks: list[float]
    """Baselines of lines that hold only spaces (empty paragraphs)."""


def pdf_to_text(path: str | os.PathLike[str]) -> str:
    """Extract a letter PDF as parser-ready text, or raise ``LetterError`` naming the file."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError as e:
        raise LetterError(f"cannot read: {e.strerror or e}", str(path)) from None
    if not regular:
        # Opening a FIFO or a device would wait for a writer that may never come.
        raise LetterError("not a regular file", str(path))
    data = textio.read_bytes(path)
    try:
        return pdf_bytes_to_text(data)
    except LetterError as e:
        raise LetterError(e.reason, str(path)) from None


def pdf_bytes_to_text(data: bytes) -> str:
    """Extract the bytes of a letter PDF as parser-ready text.

    Opens with the empty password (the state encrypts every letter with one,
    which only restricts editing); a document that needs a real password, an
    image-only PDF and a damaged or cut-short file are ``LetterError``\\ s.
    """
    _check_envelope(data)
    with _LOCK:
        pages = _read_pages(data)
    pages = _drop_running_lines(pages)
    if not any(any(ch.isalnum() for ch in line.text) for page in pages for line in page.lines):
        raise LetterError("no text layer: scanned PDF, needs OCR")
    return _layout(pages)


# -- reading ---------------------------------------------------------------------


def _check_envelope(data: bytes) -> None:
    """Refuse what is not a whole PDF before pdfium sees it.

    pdfium rebuilds a missing cross-reference table from whatever objects it
    finds, so a file cut short in transfer can open and silently lose its last
    pages; the end-of-file marker is the cheap, reliable check for that.
    """
    if not data.strip():
        raise LetterError("empty file")
    if b"%PDF-" not in data[:1024]:
        raise LetterError("corrupt PDF: no %PDF header, not a PDF file")
    if b"%%EOF" not in data[-2048:]:
        raise LetterError("corrupt PDF: truncated (no %%EOF marker at the end)")


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as e:
        code = e.err_code
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise LetterError("encrypted: needs a password") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise LetterError("encrypted: unsupported security handler") from None
        detail = _PDF_ERRORS.get(code, f"pdfium error {code}") if code is not None else str(e)
        raise LetterError(f"corrupt PDF: {detail}") from None


def _read_pages(data: bytes) -> list[_Page]:
    doc = _open(data)
    try:
        if len(doc) > MAX_PAGES:
            raise LetterError(f"too many pages to be a letter ({len(doc)}, limit {MAX_PAGES})")
        pages = []
        for index in range(len(doc)):
            try:
                page = doc[index]
            except pdfium.PdfiumError:
                raise LetterError(f"corrupt PDF: page {index + 1} cannot be loaded") from None
            try:
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(textpage)
                    blanks = _blank_lines(page, textpage, lines)
                finally:
                    textpage.close()
            except pdfium.PdfiumError:
                raise LetterError(f"corrupt PDF: page {index + 1} has no readable text layer") from None
            finally:
                page.close()
            pages.append(_Page(lines, blanks))
        return pages
    finally:
        doc.close()


def _page_lines(textpage: pdfium.PdfTextPage) -> list[_Line]:
    """The page's text lines in pdfium's reading order, each with its geometry.

    The whole page's text is fetched in one call (per-character calls through
    ctypes would cost most of the time); only each line's first and last
    character are looked up for position.
    """
    raw = textpage.raw
    text = textpage.get_text_range()
    # pdfium counts text positions in UTF-16 units; Python counts characters.
    wide = [i for i, ch in enumerate(text) if ch > "\uffff"] if not text.isascii() else []
    count = pdfium_c.FPDFText_CountChars(raw)
    x = ctypes.c_double()
    y = ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    lines: list[_Line] = []
    pos = 0
    for m in [*_LINE_SPLIT.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if m is not None and m.group() in "\ufffe\x02":
            chunk += "-"
        body = chunk.strip()
        if body:
            first = pos + (len(chunk) - len(chunk.lstrip()))
            last = min(end, pos + len(chunk.rstrip())) - 1
            if wide:
                first += bisect.bisect_left(wide, first)
                last += bisect.bisect_left(wide, last)
            ci = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, first)
            cj = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, max(first, last))
            if 0 <= ci < count:
                pdfium_c.FPDFText_GetCharOrigin(raw, ci, x, y)
                x0, y0 = x.value, y.value
                x1 = x0
                if 0 <= cj < count and pdfium_c.FPDFText_GetLooseCharBox(raw, cj, box):
                    x1 = box.right
                lines.append(_Line(chunk.rstrip(), y0, x0, x1))
            elif lines:
                lines[-1].text += " " + body
        pos = m.end() if m else len(text)
    return lines


def _blank_lines(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, lines: list[_Line]) -> list[float]:
    """Baselines of text objects that hold only spaces.

    Word writes an empty paragraph as a text object with one space; pdfium's
    text layer leaves such objects out (their text reads back empty), so they
    are found in the page's object list. Reading an object's text makes
    pdfium search the page's characters, so only objects whose box sits off
    every text line's baseline are read: on a typical page that is a handful
    of the few hundred objects, and it halves the cost of this step. The
    caller drops the ones that still turn out to share a line with text.
    """
    baselines = sorted(ln.y for ln in lines)
    out: list[float] = []
    raw_page = page.raw
    left = ctypes.c_float()
    bottom = ctypes.c_float()
    right = ctypes.c_float()
    top = ctypes.c_float()
    buf_len = 64
    buf = (ctypes.c_ushort * buf_len)()
    for k in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        obj = pdfium_c.FPDFPage_GetObject(raw_page, k)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        y = bottom.value
        i = bisect.bisect_left(baselines, y - _ON_LINE)
        if i < len(baselines) and baselines[i] <= y + _ON_LINE:
            continue  # on a text line: a word or a trailing space, not a blank line
        size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
        if size > buf_len * 2:
            continue  # too long to be a blank line
        if size > 2:
            pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, buf, size)
            if any(buf[i] not in (0x20, 0xA0, 0x09) for i in range(size // 2 - 1)):
                continue
        out.append(y)
    return out


# -- running headers and footers ----------------------------------------------------


def _edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _drop_running_lines(pages: list[_Page]) -> list[_Page]:
    """Drop page headers, footers and page numbers.

    A line among the first or last two of a page, set off from the body by
    a gap, is a running line when the same text (digits aside, so "Page 2 of
    3" matches "Page 3 of 3") stands at the same height on at least half the
    pages, two at the least. A page number ("2", "- 2 -", "Page 2 of
    3") as a page's first or last line goes too, unless it is a bare number
    after a line ending in a colon (then it is a value).
    """
    pitch = _pitch(pages)
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for p, page in enumerate(pages):
        ys = [ln.y for ln in page.lines]
        n = len(ys)
        for i in {0, 1, n - 2, n - 1}:
            if not 0 <= i < n:
                continue
            # Set off from the body by a gap: a page that merely starts with the
            # same wrapped line as another (a repeated guideline) is no header.
            steps = range(i, min(i + 2, n - 1)) if i < 2 and i < n - 2 else range(max(i - 2, 0), i)
            if any(abs(ys[k] - ys[k + 1]) > 1.3 * pitch for k in steps):
                seen[_edge_key(page.lines[i].text)].append((p, ys[i]))
    # On every page: the state's letters carry no running headers, while the
    # same guideline or rationale line often opens or closes two pages of one
    # letter (real letters repeat them item after item), and must be kept.
    need = max(2, len(pages))
    running: set[tuple[int, float]] = set()
    for spots in seen.values():
        if len({p for p, _ in spots}) < need:
            continue
        y_mid = statistics.median(y for _, y in spots)
        near = [(p, y) for p, y in spots if abs(y - y_mid) <= 3.0]
        if len({p for p, _ in near}) >= need:
            running.update(near)
    out = []
    for p, page in enumerate(pages):
        lines = [ln for ln in page.lines if (p, ln.y) not in running]
        for edge in (0, -1):
            if lines and _PAGE_NUMBER.match(lines[edge].text.strip()):
                bare = _BARE_NUMBER.match(lines[edge].text.strip())
                if bare and edge == -1 and len(lines) > 1 and lines[-2].text.rstrip().endswith(":"):
                    continue
                lines.pop(edge)
        out.append(_Page(lines, page.blanks))
    return out


# -- layout --------------------------------------------------------------------------


_PITCH_SHARE = 0.15
"""The share of all line gaps (three at the least) a cluster of gaps needs to
be the wrapped-line pitch rather than a few stray lines set close."""


def _pitch(pages: list[_Page]) -> float:
    """The document's usual distance between the baselines of wrapped lines.

    The median of the lowest common cluster of gaps, not of all gaps: in a
    letter of many one-line paragraphs (the older notices and reviews:
    letterhead lines, numbered decisions, document lists) paragraph gaps
    outnumber wrapped-line ones, and the median of all gaps would land on a
    paragraph or heading gap. The cluster is the smallest gap with at least
    ``_PITCH_SHARE`` of the gaps within 10% of it, and its gaps are all those
    up to 1.25 times that one (below a heading's 1.5 pitches). With no such
    cluster (a few lines), the median of all gaps.
    """
    gaps = sorted(
        round(a.y - b.y, 1)
        for page in pages
        for a, b in zip(page.lines, page.lines[1:])
        if 4.0 < a.y - b.y < 40.0
    )
    if not gaps:
        return 14.0
    need = max(min(3, len(gaps)), _PITCH_SHARE * len(gaps))
    for v in dict.fromkeys(gaps):
        near = bisect.bisect_right(gaps, v * 1.1) - bisect.bisect_left(gaps, v * 0.9)
        if near >= need:
            return statistics.median(gaps[: bisect.bisect_right(gaps, v * 1.25)])
    return statistics.median(gaps)


def _layout(pages: list[_Page]) -> str:
    """Join the pages' lines, with a lone-space line before each paragraph."""
    pitch = _pitch(pages)
    # Blank lines on a text line's own baseline are trailing spaces, not blank lines.
    for page in pages:
        page.blanks = [b for b in page.blanks if all(abs(b - ln.y) > pitch * 0.5 for ln in page.lines)]
    any_blanks = any(page.blanks for page in pages)
    # Where text starts on a page. The first page is left out (a letterhead or
    # header block moves it), so this needs two later pages to compare.
    tops = [page.lines[0].y for page in pages[1:] if page.lines]
    top_ref = max(tops) if len(tops) >= 2 else None
    right_ref = _right_margin(pages)

    out: list[str] = []
    prev: _Line | None = None
    prev_page: _Page | None = None
    for page in pages:
        lowest = None
        for i, line in enumerate(page.lines):
            if i == 0:
                brk = prev is None or _page_break_is_paragraph(
                    prev, prev_page, line, page, pitch, top_ref, right_ref, any_blanks
                )
            else:
                assert lowest is not None
                brk = lowest - line.y > PARAGRAPH_GAP * pitch
            if brk:
                out.append(" ")
            out.append(line.text)
            lowest = line.y if lowest is None else min(lowest, line.y)
            prev = line
        if page.lines:
            prev_page = page
    if prev is not None and prev_page is not None and _blank_below(prev, prev_page, pitch):
        out.append(" ")  # the document ends in an empty paragraph, as the letters do
    return "\n".join(out) + "\n"


def _blank_below(last: _Line, page: _Page, pitch: float) -> bool:
    """Whether an empty line sits in the line slot right below ``last``."""
    return any(0.5 * pitch < last.y - b < 2.5 * pitch for b in page.blanks)


def _right_margin(pages: list[_Page]) -> float:
    rights = sorted(ln.x1 for page in pages for ln in page.lines)
    return rights[int(len(rights) * 0.9)] if rights else 0.0


def _page_break_is_paragraph(
    last: _Line,
    last_page: _Page | None,
    first: _Line,
    page: _Page,
    pitch: float,
    top_ref: float | None,
    right_ref: float,
    any_blanks: bool,
) -> bool:
    """Whether the text after a page break starts a new paragraph."""
    if last_page is not None and _blank_below(last, last_page, pitch):
        return True  # an empty line below the previous page's last line
    if any(0.5 * pitch < b - first.y < 2.5 * pitch for b in page.blanks):
        return True  # an empty line above this page's first line
    if top_ref is not None and top_ref - first.y > 0.75 * pitch:
        return True  # this page starts lower than the others: an empty line pushed it down
    if not any_blanks:
        # No empty paragraphs anywhere: paragraphs are spaced, not separated, so
        # judge by the last line: a sentence ending well short of the margin.
        return last.text.rstrip().endswith(_SENTENCE_END) and last.x1 < right_ref - 3 * pitch
    return False
