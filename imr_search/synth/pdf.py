"""Generated letters as PDF files laid out like the state's.

The state's PDFs are Word documents printed to PDF: US letter pages with
one-inch margins, 11-12 pt Times text hard-wrapped ragged right, a
four-column bordered table at the top of page 1 with the header fields
(labels in bold Arial, "Application Received:" wrapping inside its cell),
the section headings centred in bold caps, item titles and field labels in
bold at the start of their paragraphs, and an empty paragraph (a text object
holding one space) between paragraphs. These files add a page number at the
foot of every page. ``render_pdf`` writes such a file for a ``Letter``; the
text ``imr_search.pdftext`` gets back from it parses to
``synth.expected(letter, "pdf", path)``.

Rendering uses ReportLab (BSD licence), an optional dependency: the
``pdf`` extra. ``available()`` says whether it is installed, and
``render_pdf`` raises ``MissingExtra`` with the install hint when it is not.
Output is deterministic: the layout choices come from a generator seeded by
the letter, and the canvas is made ``invariant`` (fixed dates and document
id), so the same letter gives the same bytes.

Layout rules that keep the text layer faithful (each one is also how Word
writes the real letters):

* lines break only at spaces, never inside a word; a word ending in a hyphen
  is kept with the next word when that starts with a letter, since a line
  ending "non-" would be read back as the first half of "non-certified";
* an item's last title word, its colon and the outcome never split across
  lines ("L5-S1:  Upheld");
* a heading is kept on the page of the line that follows it.
"""

from __future__ import annotations

import functools
import io
import random
from typing import TYPE_CHECKING, NamedTuple

from ..records import Letter
from . import wording
from .older_layouts import blocks as older_blocks
from .sections import header_rows, item_fields, item_title, letter_rng, listed_credentials

if TYPE_CHECKING:  # pragma: no cover
    from reportlab.pdfgen.canvas import Canvas

INSTALL_HINT = "PDF output needs the pdf extra: pip install 'imr-search[pdf]'"


class MissingExtra(RuntimeError):
    """An optional dependency is not installed; the message says how to install it."""


def available() -> bool:
    """Whether the PDF writer (ReportLab) can be imported."""
    try:
        import reportlab.pdfgen.canvas  # noqa: F401
    except ImportError:
        return False
    return True


def require() -> None:
    """Raise ``MissingExtra`` with the install hint unless ReportLab is installed."""
    if not available():
        raise MissingExtra(INSTALL_HINT)


# -- geometry (points; US letter) ----------------------------------------------------

PAGE_W, PAGE_H = 612.0, 792.0
LEFT = 72.0
TEXT_W = 468.0
TOP = 709.2
"""Baseline of the first line on pages after the first, as in the real letters."""
BOTTOM = 74.0
"""No body baseline below this; the page number sits well under it."""
FOOTER_Y = 40.0

ROMAN, BOLD = "Times-Roman", "Times-Bold"
SANS, SANS_BOLD = "Helvetica", "Helvetica-Bold"


@functools.lru_cache(maxsize=1 << 16)
def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


# -- paragraphs to lines --------------------------------------------------------------

_Run = tuple[str, str]  # (text, font)
NBSP = "\x00"
"""In paragraph text: a space the line breaker must not break at (drawn as a space)."""
_SENTENCE_END = (".", '."', "?", ":")


def _units(runs: list[_Run]) -> list[list[_Run]]:
    """Split runs into unbreakable units (words, with their fonts), in order."""
    units: list[list[_Run]] = []
    cur: list[_Run] = []
    for text, font in runs:
        for k, part in enumerate(text.split(" ")):
            if k and cur:
                units.append(cur)
                cur = []
            if part:
                cur.append((part.replace(NBSP, " "), font))
    if cur:
        units.append(cur)
    # "non-" at a line end followed by "certified" would read back as "non-certified".
    merged: list[list[_Run]] = []
    for unit in units:
        if merged:
            last = merged[-1][-1][0]
            if len(last) > 1 and last.endswith("-") and last[-2].isalpha() and unit[0][0][:1].isalpha():
                merged[-1] = merged[-1] + [(" ", merged[-1][-1][1])] + unit
                continue
        merged.append(unit)
    return merged


def _wrap(runs: list[_Run], size: float, width: float, double: bool) -> list[list[_Run]]:
    """Greedy line filling, ragged right, breaking only between units."""
    lines: list[list[_Run]] = []
    cur: list[_Run] = []
    used = 0.0
    for unit in _units(runs):
        w = sum(_width(t, f, size) for t, f in unit)
        if cur:
            prev_text, prev_font = cur[-1]
            sep = "  " if double and prev_text.endswith(_SENTENCE_END) else " "
            sw = _width(sep, prev_font, size)
            if used + sw + w <= width:
                cur.append((sep, prev_font))
                cur.extend(unit)
                used += sw + w
                continue
            lines.append(cur)
        cur = list(unit)
        used = w
    if cur:
        lines.append(cur)
    return [_merge(line) for line in lines]


def _merge(line: list[_Run]) -> list[_Run]:
    """Adjacent runs in one font become one string (one Tj)."""
    out: list[_Run] = []
    for text, font in line:
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + text, font)
        else:
            out.append((text, font))
    return out


# -- the letter as blocks ---------------------------------------------------------------


class _Style(NamedTuple):
    size: float
    pitch: float
    double: bool
    head_size: float
    page_label: str  # "Page {n} of {m}" | "{n}" | "- {n} -"
    encrypt: bool


_SIZES = (11.0, 11.5, 12.0)


def _style(rng: random.Random) -> _Style:
    size = rng.choice(_SIZES + (12.0,))
    return _Style(
        size=size,
        pitch=round(size * 1.15, 2),
        double=rng.random() < 0.4,
        head_size=rng.choice((9.0, 9.5, 10.0)),
        page_label=rng.choice(("Page {n} of {m}", "Page {n} of {m}", "{n}", "- {n} -")),
        encrypt=rng.random() < 0.5,
    )


def _blocks(letter: Letter, rng: random.Random) -> list[tuple[str, list[_Run]]]:
    """The body after the header table, in reading order: ("heading", [run]), ("para", runs)
    or ("lines", one run per forced line)."""
    out: list[tuple[str, list[_Run]]] = []
    if letter.layout != "standard":
        for kind, text in older_blocks(letter, rng, header=True):
            if kind in ("title", "heading") and "\n" not in text:
                out.append(("heading", [(text, BOLD)]))
            elif kind == "para":
                out.append(("para", [(text, ROMAN)]))
            else:
                out.append(("lines", [(line, BOLD if kind == "heading" else ROMAN) for line in text.split("\n")]))
        return out

    def para(*runs: _Run) -> None:
        out.append(("para", list(runs)))

    out.append(("heading", [(wording.HOW, BOLD)]))
    para((f"{wording.BOILER_A} {wording.BOILER_B}", ROMAN))
    sep = rng.choice((",", ", ", ", "))
    # one paragraph of three lines (line breaks, not paragraph breaks)
    out.append(("lines", [(line, ROMAN) for line in listed_credentials(letter.reviewer, sep)]))
    out.append(("heading", [(wording.SUMMARY_HEADING, BOLD)]))
    para((wording.SUMMARY_INTRO, ROMAN))
    for p in letter.summary.split("\n\n"):
        para((p, ROMAN))
    out.append(("heading", [(wording.ISSUES_HEADING, BOLD)]))
    para((wording.ISSUES_INTRO, ROMAN))
    for it in letter.items:
        head, _, last = item_title(it).rpartition(" ")
        glue = rng.choice((NBSP * 2, NBSP))
        para((f"{head} " if head else "", BOLD), (f"{last}:", BOLD), (f"{glue}{it.outcome.capitalize()}", ROMAN))
        for label, text in item_fields(it):
            if label:
                para((f"{label}:", BOLD), (f" {text}", ROMAN))
            else:
                para((text, ROMAN))
    return out


class _Placed(NamedTuple):
    page: int
    y: float
    x: float
    runs: list[_Run]
    size: float


def _layout(letter: Letter, st: _Style, rng: random.Random, first_top: float) -> tuple[list[_Placed], list[tuple[int, float]], int]:
    """Place every body line: (text lines, blank-line positions, page count)."""
    placed: list[_Placed] = []
    blanks: list[tuple[int, float]] = []
    page, y = 0, first_top
    fresh = True  # the first line goes at first_top
    pitch = st.pitch

    def advance(step: float, keep: float = 0.0) -> None:
        """Move down ``step``; a new page if the line (and ``keep`` below it) would pass the bottom."""
        nonlocal page, y, fresh
        if fresh:
            fresh = False
            return
        if y - step - keep < BOTTOM:
            page += 1
            y = TOP
            return
        y -= step

    def blank() -> None:
        advance(pitch)
        blanks.append((page, y))

    def room(step: float) -> int:
        """How many lines of a paragraph fit on this page, the first ``step`` below the last line."""
        if fresh:
            return int((y - BOTTOM) // pitch) + 1
        if y - step < BOTTOM:
            return 0
        return int((y - step - BOTTOM) // pitch) + 1

    def new_page() -> None:
        nonlocal page, y, fresh
        page += 1
        y = TOP
        fresh = True

    step = 0.0  # extra distance before the next line (after a heading)
    blocks = _blocks(letter, rng)
    for k, (kind, runs) in enumerate(blocks):
        if kind == "heading":
            if k:
                blank()
            advance(pitch, keep=1.48 * pitch)  # keep with the next line
            text = runs[0][0]
            x = LEFT + (TEXT_W - _width(text, BOLD, st.size)) / 2
            placed.append(_Placed(page, y, x, runs, st.size))
            step = 0.48 * pitch
            continue
        if k and blocks[k - 1][0] != "heading":
            blank()
        if kind == "lines":
            lines = [ln for run in runs for ln in _wrap([run], st.size, TEXT_W, st.double)]
        else:
            lines = _wrap(runs, st.size, TEXT_W, st.double)
        # Widow and orphan control, as Word does by default: a paragraph split by a
        # page break leaves at least two lines on each page.
        fit = room(pitch + step)
        split_at = len(lines)
        if 0 < fit < len(lines):
            if fit == 1:
                new_page()
            elif len(lines) - fit == 1:
                split_at = fit - 1 if len(lines) >= 3 else 0
                if split_at < 2:
                    new_page()
                    split_at = len(lines)
        for n, line in enumerate(lines):
            if n == split_at:
                new_page()
            advance(pitch + step)
            step = 0.0
            placed.append(_Placed(page, y, LEFT, line, st.size))
    if rng.random() < 0.7 and y - pitch >= BOTTOM:
        blank()  # the documents end in an empty paragraph, as the letters do
    return placed, blanks, page + 1


# -- drawing --------------------------------------------------------------------------


_WRAPPED_LABELS = {"Application Received:": ["Application", "Received:"]}
"""Header labels wider than their cell, as Word wraps them there."""


def _header_table(c: Canvas, letter: Letter, st: _Style) -> float:
    """Draw the header block; return the baseline of the first body line."""
    size = st.head_size
    row_h = round(size * 1.38, 2)
    top = 730.0
    xs = (LEFT, LEFT + 106.0, LEFT + 254.0, LEFT + 352.0, LEFT + TEXT_W)
    rows = [([l1], v1, _WRAPPED_LABELS.get(l2, [l2] if l2 else []), v2) for l1, v1, l2, v2 in header_rows(letter)]
    c.setLineWidth(0.5)
    y_top = top
    for lab1, val1, lab2, val2 in rows:
        height = row_h * max(1, len(lab2))
        base = y_top - size - 0.6
        # cell by cell, left to right, as Word draws a table
        for col, (labels, font) in enumerate(((lab1, SANS_BOLD), ([val1], SANS), (lab2, SANS_BOLD), ([val2], SANS))):
            c.setFont(font, size)
            for n, text in enumerate(labels):
                if text:
                    c.drawString(xs[col] + 2.0, base - n * row_h, text)
        c.rect(xs[0], y_top - height, TEXT_W, height, stroke=1, fill=0)
        for x in xs[1:-1]:
            c.line(x, y_top, x, y_top - height)
        y_top -= height
    return y_top - 2.2 * st.pitch


def _logo(c: Canvas) -> None:
    """A letterhead mark in the top right corner: shapes only, no text (the real one is an image)."""
    c.saveState()
    c.setStrokeColorRGB(0.55, 0.45, 0.2)
    c.setFillColorRGB(0.55, 0.45, 0.2)
    x, y = 470.0, 748.0
    for k in range(5):
        c.rect(x + k * 7.0, y, 3.5, 22.0 - abs(2 - k) * 4.0, stroke=0, fill=1)
    c.setLineWidth(0.8)
    c.line(x - 4.0, y - 3.0, x + 38.0, y - 3.0)
    c.restoreState()


def render_pdf(letter: Letter, variant: int = 0) -> bytes:
    """The letter as a PDF file's bytes (deterministic for a given letter and
    ``variant``; another variant is another layout of the same letter)."""
    require()
    from reportlab.pdfgen.canvas import Canvas

    rng = letter_rng(letter, f"pdf#{variant}" if variant else "pdf")
    st = _style(rng)
    if variant:
        # another layout for sure: never the first layout's type size
        first = _style(letter_rng(letter, "pdf"))
        if st.size == first.size:
            size = _SIZES[(_SIZES.index(st.size) + 1) % len(_SIZES)]
            st = st._replace(size=size, pitch=round(size * 1.15, 2))
    buf = io.BytesIO()
    encrypt = None
    if st.encrypt:
        # The state's letters open with an empty password and forbid editing.
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption("", ownerPassword=f"imr-{letter.case_number}", canPrint=1, canModify=0,
                                     canCopy=0, canAnnotate=0, strength=128)
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1, encrypt=encrypt)
    c.setTitle(f"IMR Final Determination {letter.case_number or ''}".strip())
    c.setAuthor("imr-search synth")
    c.setCreator("imr-search synth")

    _logo(c)
    first_top = _header_table(c, letter, st) if letter.layout == "standard" else TOP
    placed, blanks, pages = _layout(letter, st, rng, first_top)  # all pages first: "Page n of m"
    current = 0
    for page in range(pages):
        if page:
            c.showPage()
        # an empty paragraph is a text object holding one space
        c.setFont(ROMAN, st.size)
        for p, y in blanks:
            if p == page:
                c.drawString(LEFT, y, " ")
        text = c.beginText()
        font = None
        for line in placed[current:]:
            if line.page != page:
                break
            current += 1
            text.setTextOrigin(line.x, line.y)
            for chunk, f in line.runs:
                if f != font:
                    text.setFont(f, line.size)
                    font = f
                text.textOut(chunk)
        c.drawText(text)
        c.setFont(ROMAN, st.size - 1.0)
        c.drawCentredString(PAGE_W / 2, FOOTER_Y, st.page_label.format(n=page + 1, m=pages))
    c.showPage()
    c.save()
    return buf.getvalue()
