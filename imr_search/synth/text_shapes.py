"""A letter as text, in the shapes the state's letters reach users in: "html-text" and "pdf-text".

Why: most letters users hold are text already extracted from the state's
web pages (markdown-ish, ``<b>`` header labels) or PDFs (hard-wrapped lines
that keep their trailing spaces, page breaks as runs of empty lines).
``render`` imitates both, with the layout choices seeded by the letter so
the same letter always gives the same text.
"""

from __future__ import annotations

import random

from ..records import Letter
from . import wording
from .older_layouts import blocks as older_blocks
from .sections import header_rows, item_fields, item_title, letter_rng, listed_credentials, web_reviewer_paragraphs

SHAPES = ("html-text", "pdf-text", "pdf-text-noheader")
"""Text shapes ``render`` writes; "pdf-text-noheader" is a "pdf-text" record without header fields."""


def render(letter: Letter, shape: str) -> str:
    """The letter's text in ``shape`` (one of ``SHAPES``), laid out as real letters of that shape are."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")
    rng = letter_rng(letter, shape)
    if letter.layout != "standard":
        return _render_older(letter, rng, shape)
    if shape == "html-text":
        return _render_html(letter, rng)
    if shape in ("pdf-text", "pdf-text-noheader"):
        return _render_pdf(letter, rng, header=shape == "pdf-text")
    raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")


def _hard_break(rng: random.Random, text: str) -> str:
    """A markdown hard break (two spaces, newline) somewhere inside a long value."""
    if len(text) < 160 or rng.random() > 0.12:
        return text
    lo = len(text) // 3
    i = text.find(" ", lo + rng.randrange(lo))
    if i < 0 or i > len(text) - 20 or text[i + 1] in "#*<":
        return text
    return text[:i] + "  \n" + text[i + 1:]


def _render_html(letter: Letter, rng: random.Random) -> str:
    out = ["", ""]
    for l1, v1, l2, v2 in header_rows(letter):
        out.append("\t".join((f"<b>{l1}</b>", v1, f"<b>{l2}</b>" if l2 else "", v2)))
    out += ["", f"### {wording.HOW}", ""]
    for p in web_reviewer_paragraphs(rng, letter.reviewer):
        out += [p, ""]
    out += [f"### {wording.SUMMARY_HEADING}", "", wording.SUMMARY_INTRO, ""]
    for p in letter.summary.split("\n\n"):
        out += [_hard_break(rng, p), ""]
    out += [f"### {wording.ISSUES_HEADING}", "", wording.ISSUES_INTRO, ""]
    for it in letter.items:
        out += [f"**{item_title(it)}:** {it.outcome.capitalize()}", ""]
        for label, text in item_fields(it):
            out += [f"**{label}:** {_hard_break(rng, text)}" if label else _hard_break(rng, text), ""]
    return "\n".join(out[:-1])


_SENT_END = (".", ".\"", "?")


def _wrap(rng: random.Random, text: str, width: int, double: bool) -> list[str]:
    """Hard-wrap like a PDF text layer: every line keeps the space it broke at.

    Line lengths wander a few characters around ``width`` (the PDF's font is
    proportional). A word with a hyphen between two letters may break after
    the hyphen, and that line then ends in "-" with no space, as extracted
    PDFs do. With ``double``, sentences are followed by two spaces.
    """
    lines: list[str] = []
    cur = ""
    jitter = rng.random
    limit = width - 5 + int(jitter() * 9)
    for w in text.split(" "):
        if not cur:
            cur = w
            continue
        sep = "  " if double and cur.endswith(_SENT_END) else " "
        if len(cur) + len(sep) + len(w) <= limit:
            cur = cur + sep + w
            continue
        k = w.find("-")
        if 0 < k < limit - len(cur) - len(sep) and k + 1 < len(w) and w[k - 1].isalpha() and w[k + 1].isalpha():
            lines.append(cur + sep + w[: k + 1])
            cur = w[k + 1:]
        else:
            lines.append(cur + sep)
            cur = w
        limit = width - 5 + int(jitter() * 9)
    lines.append(cur + " ")
    return lines


def _render_pdf(letter: Letter, rng: random.Random, header: bool) -> str:
    width = rng.randint(92, 97)
    double = rng.random() < 0.3
    blocks: list[list[str]] = []  # paragraphs; a lone-space line goes between consecutive ones

    def para(text: str, tail: str = "") -> list[str]:
        lines = _wrap(rng, text, width, double)
        if tail:
            lines[-1] = lines[-1] + tail
        return lines

    head: list[str] = []
    if header:
        # the header table's text layer: labels wrap inside their cells
        (_, case, _, _), (_, assigned, _, injured), (_, decided, _, denied), (_, priority, _, received) = (
            header_rows(letter))
        head = [
            " ",
            f"Case Number: {case}  ",
            f"Date Assigned: {assigned} Date of Injury:  {injured} ",
            f"Decision Date: {decided} UR Denial Date:  {denied} ",
            f"Priority:  {priority} Application ",
            "Received:  ",
            f"{received} ",
            " ",
        ]
    how_head = f"{wording.HOW} " if header else f" {wording.HOW} "
    blocks.append([how_head] + para(f"{wording.BOILER_A} {wording.BOILER_B}"))
    sep = rng.choice((",", ", ", ", "))
    intro, states, specialties = listed_credentials(letter.reviewer, sep)
    blocks.append([f"{intro} "] + para(states) + para(specialties))
    blocks.append([f"{wording.SUMMARY_HEADING} "] + para(wording.SUMMARY_INTRO))
    for p in letter.summary.split("\n\n"):
        blocks.append(para(p))
    blocks.append([f"{wording.ISSUES_HEADING} "] + para(wording.ISSUES_INTRO))
    for it in letter.items:
        # "<last word>: Upheld" never splits across lines (\x00 is a space the wrap keeps)
        glue = rng.choice((":\x00\x00", ":\x00"))
        blocks.append([x.replace("\x00", " ") for x in para(f"{item_title(it)}{glue}{it.outcome.capitalize()}")])
        for label, text in item_fields(it):
            if label is None:
                blocks.append(para(text))
            elif label == wording.RATIONALE:
                blocks.append(para(f"{label}: {text}"))
            else:  # a guideline paragraph keeps the space after its last sentence
                lines = para(f"{label}: {text}", tail=" ")
                k = text.find(" Decision based on ")
                if label == wording.REVIEWER_GUIDELINE and k > 0 and rng.random() < 0.3:
                    # some reviewers' guidelines break the line before the first citation
                    lines = para(f"{label}: {text[:k]}") + para(text[k + 1:], tail=" ")
                blocks.append(lines)

    return _finish(rng, head, blocks, header)


def _render_older(letter: Letter, rng: random.Random, shape: str) -> str:
    """An older layout's blocks as html-text (headings marked, paragraphs apart) or pdf-text (wrapped)."""
    header = shape != "pdf-text-noheader"
    parts = older_blocks(letter, rng, header)
    if shape == "html-text":
        out = ["", ""]
        for kind, text in parts:
            text = text.replace("\x00", " ")
            if kind == "heading":
                text = f"### {text}" if text.isupper() and not text.endswith(":") else f"**{text}**"
            out += [text.replace("\n", "  \n") if kind == "lines" else text, ""]
        return "\n".join(out[:-1])
    width = rng.randint(92, 97)
    double = rng.random() < 0.3
    blocks = []
    for kind, text in parts:
        if kind in ("heading", "lines", "title"):
            blocks.append([f"{line} " for line in text.split("\n")])
        else:
            blocks.append([x.replace("\x00", " ") for x in _wrap(rng, text, width, double)])
    return _finish(rng, [" "] if header else [], blocks, shape == "pdf-text")


def _finish(rng: random.Random, head: list[str], blocks: list[list[str]], header: bool) -> str:
    """Paragraphs apart by lone-space lines, then the text layer's page breaks and line ends."""
    lines: list[str] = list(head)
    for i, b in enumerate(blocks):
        if i:
            lines.append(" ")
        lines.extend(b)
    # the very last line often loses its trailing space; some files end with lone-space lines
    end = rng.random()
    if end < 0.5:
        lines[-1] = lines[-1].rstrip(" ")
    tail_lines = [" "] if end < 0.85 else [" ", " ", " ", " "]

    # page breaks: every ~48 lines a run of empty lines, anywhere (mid-paragraph too)
    out: list[str] = []
    page = rng.randint(44, 52)
    n = 0
    for line in lines:
        if n >= page:
            n = 0
            page = rng.randint(44, 52)
            if rng.random() < 0.55:
                out.extend([""] * (1 if header else 2))
        out.append(line)
        if not header:
            out.append("")
        n += 1
    if header:
        out.extend(tail_lines)
        return "\n".join(out)
    out.extend(x for t in tail_lines for x in (t, ""))
    return "\n".join(out) + "\n"
