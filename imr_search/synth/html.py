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

from ..records import Letter

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
    from . import generate as synth

    rng = synth._letter_rng(letter, f"html#{variant}" if variant else "html")
    (bold_open, bold_close), h, width, layout_table = _page_style(rng)
    if variant and width == _page_style(synth._letter_rng(letter, "html"))[2]:
        width = width + 1 if width < 110 else 88  # another layout for sure: the source wraps elsewhere

    def b(text: str) -> str:
        return f"{bold_open}{_esc(text)}{bold_close}"

    def p(inner: str) -> str:
        return _wrap_source(f"<p>{inner}</p>", width)

    def heading(text: str) -> str:
        return f"<{h}>{_esc(text)}</{h}>"

    r = letter.reviewer
    pri = (letter.priority or "standard").capitalize()
    us = synth._us_iso
    rows = [
        ("Case Number:", letter.case_number or "", "", ""),
        ("Date Assigned:", us(letter.date_assigned), "Date of Injury:", us(letter.date_of_injury)),
        ("Decision Date:", us(letter.decision_date), "UR Denial Date:", us(letter.ur_denial_date)),
        ("Priority:", pri, "Application Received:", us(letter.application_received)),
    ]
    body: list[str] = ['<table class="hdr">']
    for l1, v1, l2, v2 in rows:
        cells = [f"<td>{b(l1)}</td>", f"<td>{_esc(v1)}</td>",
                 f"<td>{b(l2) if l2 else '&nbsp;'}</td>", f"<td>{_esc(v2) if v2 else '&nbsp;'}</td>"]
        body.append("<tr>" + "".join(cells) + "</tr>")
    body.append("</table>")

    body.append(heading(synth._HOW))
    boiler_a, boiler_b, inline = synth._BOILER_A, synth._BOILER_B, synth._inline_credentials(r)
    if rng.random() < 0.3:  # older letters say "physician reviewer"
        boiler_a = boiler_a.replace("an expert reviewer", "a physician reviewer")
        boiler_b = boiler_b.replace("expert reviewer", "physician reviewer")
        inline = inline.replace("expert reviewer", "physician reviewer")
    if rng.random() < 0.8:
        body.append(p(_esc(f"{boiler_a} {inline} {boiler_b}")))
    else:
        body.append(p(_esc(f"{boiler_a} {boiler_b}")))
        body.append(p(_esc("The Expert Reviewer has the following credentials:")))
        body.append(p(_esc(f"State(s) of Licensure: {', '.join(r.licensure)}")))
        body.append(p(_esc(f"Certification(s)/Specialty: {', '.join(r.specialties)}")))

    body.append(heading(synth._SUMMARY_H))
    body.append(p(_esc(synth._SUMMARY_INTRO)))
    for para in letter.summary.split("\n\n"):
        body.append(p(_with_break(rng, para)))

    body.append(heading(synth._ISSUES_H))
    body.append(p(_esc(synth._ISSUES_INTRO)))
    for it in letter.items:
        body.append(p(f"{b(synth._title(it) + ':')} {it.outcome.capitalize()}"))
        body.append(p(f"{b('Claims Administrator guideline:')} {_with_break(rng, it.claims_administrator_guideline)}"))
        body.append(p(f"{b('MAXIMUS guideline:')} {_with_break(rng, it.reviewer_guideline)}"))
        paras = it.rationale.split("\n\n")
        body.append(p(f"{b('Decision rationale:')} {_with_break(rng, paras[0])}"))
        for para in paras[1:]:
            body.append(p(_with_break(rng, para)))

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
