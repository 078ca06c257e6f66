"""Generated letters as saved HTML pages, laid out like the state's web pages.

The state once published the letters as web pages: the header block as a
table whose labels are bold, the three section titles as headings, and in
the issues section each item title and field label in bold at the start of
its paragraph. ``render_html`` writes such a page for a ``Letter``;
``imr_search.htmlpage`` reads it back to text that parses to
``synth.expected(letter, "html", path)``.

Pages vary as saved pages do (all choices seeded by the letter, so the same
letter gives the same page): ``<b>``, ``<strong>`` or a bold-styled
``<span>``; ``<h2>``-``<h4>`` headings; the body in a ``<div>`` or in a
one-cell layout table; the credentials inline or listed; long values
occasionally split by a ``<br>``; the source hard-wrapped at about a hundred
columns. Only the standard library is used.
"""

from __future__ import annotations

import html
import random
import textwrap
from collections.abc import Callable

from ..records import Letter
from . import wording
from .older_layouts import blocks as older_blocks
from .sections import header_rows, item_fields, item_title, letter_rng, web_reviewer_paragraphs

_CSS = """body { font-family: "Times New Roman", serif; font-size: 12pt; margin: 1in; }
table.hdr { border-collapse: collapse; width: 100%; font-family: Arial, sans-serif; font-size: 10pt; }
table.hdr td { border: 1px solid #000; padding: 1px 3px; vertical-align: top; }
h2, h3, h4 { text-align: center; font-size: 12pt; }"""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _wrap_source(text: str, width: int) -> str:
    """Hard-wrap a paragraph's HTML source (whitespace in HTML is one space)."""
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)) or text


def _with_break(rng: random.Random, text: str) -> str:
    """Escaped ``text``, sometimes with a ``<br>`` at a space in a long value (as the pages' editors left them)."""
    if len(text) >= 160 and rng.random() < 0.12:
        lo = len(text) // 3
        i = text.find(" ", lo + rng.randrange(lo))
        # never right after a hyphenated word start ("non-" + break + "certified" would join)
        if 0 < i < len(text) - 20 and text[i - 1] != "-":
            return _esc(text[:i]) + "<br>\n" + _esc(text[i + 1:])
    return _esc(text)


def _page_style(rng: random.Random) -> tuple[tuple[str, str], str, int, bool]:
    """Bold markup, heading tag, source wrap width, whether the body sits in a layout table."""
    bold = rng.choice((
        ("<b>", "</b>"), ("<b>", "</b>"), ("<strong>", "</strong>"),
        ('<span style="font-weight: bold">', "</span>"),
    ))
    return bold, rng.choice(("h2", "h3", "h3", "h4")), rng.randint(88, 110), rng.random() < 0.3


def render_html(letter: Letter, variant: int = 0) -> str:
    """The letter as a saved HTML page (deterministic for a given letter and
    ``variant``; another variant is another layout of the same letter)."""
    rng = letter_rng(letter, f"html#{variant}" if variant else "html")
    (bold_open, bold_close), h, width, layout_table = _page_style(rng)
    if variant and width == _page_style(letter_rng(letter, "html"))[2]:
        width = width + 1 if width < 110 else 88  # another layout for sure: the source wraps elsewhere

    def b(text: str) -> str:
        return f"{bold_open}{_esc(text)}{bold_close}"

    def p(inner: str) -> str:
        return _wrap_source(f"<p>{inner}</p>", width)

    def heading(text: str) -> str:
        return f"<{h}>{_esc(text)}</{h}>"

    if letter.layout != "standard":
        body = [_older_block(kind, text, b, p, heading) for kind, text in older_blocks(letter, rng, header=True)]
        return _page(letter, body, layout_table)

    body: list[str] = ['<table class="hdr">']
    for l1, v1, l2, v2 in header_rows(letter):
        cells = [f"<td>{b(l1)}</td>", f"<td>{_esc(v1)}</td>",
                 f"<td>{b(l2) if l2 else '&nbsp;'}</td>", f"<td>{_esc(v2) if v2 else '&nbsp;'}</td>"]
        body.append("<tr>" + "".join(cells) + "</tr>")
    body.append("</table>")

    body.append(heading(wording.HOW))
    body.extend(p(_esc(para)) for para in web_reviewer_paragraphs(rng, letter.reviewer))

    body.append(heading(wording.SUMMARY_HEADING))
    body.append(p(_esc(wording.SUMMARY_INTRO)))
    for para in letter.summary.split("\n\n"):
        body.append(p(_with_break(rng, para)))

    body.append(heading(wording.ISSUES_HEADING))
    body.append(p(_esc(wording.ISSUES_INTRO)))
    for it in letter.items:
        body.append(p(f"{b(item_title(it) + ':')} {it.outcome.capitalize()}"))
        for label, text in item_fields(it):
            body.append(p(f"{b(label + ':')} {_with_break(rng, text)}" if label else _with_break(rng, text)))

    return _page(letter, body, layout_table)


def _older_block(kind: str, text: str, b: Callable[[str], str], p: Callable[[str], str],
                 heading: Callable[[str], str]) -> str:
    """One block of an older layout: upper-case titles as headings, labels in bold, lines apart by ``<br>``."""
    text = text.replace("\x00", " ")
    if kind in ("title", "heading") and text.isupper() and not text.endswith(":"):
        return heading(text)
    if kind == "heading":
        return p(b(text.replace("\n", " ")))
    if kind == "lines":
        return p("<br>\n".join(_esc(line) for line in text.split("\n")))
    return p(_esc(text))


def _page(letter: Letter, body: list[str], layout_table: bool) -> str:
    """The whole page around ``body``."""
    title = _esc(f"IMR Final Determination {letter.case_number or ''}".strip())
    if layout_table:
        content = ['<table width="100%" border="0" cellpadding="0"><tr><td>', *body, "</td></tr></table>"]
    else:
        content = ['<div id="letter">', *body, "</div>"]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        *content,
        "</body>",
        "</html>",
        "",
    ])
