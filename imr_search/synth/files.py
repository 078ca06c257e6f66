"""Letters as files and folders of them: the kinds, what the parser must return, the corpus.

Why: tests, benchmarks and ``imr-search synth`` need whole folders of
letters in the formats users hold (text, PDF, HTML), reproducible from a
seed, and for each file the record the parser must give back
(``expected``).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import msgspec

from ..records import HEADER_FIELDS, Letter
from .html import render_html
from .letter_mix import FORMAT_WEIGHTS, YEAR_WEIGHTS
from .letters import make_letter
from .pdf import render_pdf, require
from .text_shapes import SHAPES, render

FILE_SHAPES = ("pdf", "html")
"""File kinds ``render_file`` writes besides the text shapes: a PDF letter and a saved HTML page."""

FORMATS = ("text", "pdf", "html")
"""What ``write_corpus(formats=...)`` and ``synth --formats`` accept."""

_SUFFIX = {"pdf": ".pdf", "html": ".html"}


def expected(letter: Letter, shape: str, source: str) -> Letter:
    """What the parser must return for ``render(letter, shape)`` read from ``source``.

    Shares the items and sub-records with ``letter`` (no deep copy): treat
    both as read-only.
    """
    if shape not in SHAPES and shape not in FILE_SHAPES:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES + FILE_SHAPES}")
    changes: dict[str, object] = {
        "id": letter.case_number or letter.id,
        "source": source,
        "shape": shape if shape in FILE_SHAPES else "html-text" if shape == "html-text" else "pdf-text",
    }
    if shape == "pdf-text-noheader":
        # the header block, or in a notice or review (dates in the body) the case-number line
        dropped = {"notice": ("case_number", "date_of_injury"), "professional-review": ("case_number",)}
        changes.update(dict.fromkeys(dropped.get(letter.layout, HEADER_FIELDS)))
    return msgspec.structs.replace(letter, **changes)


def normalize_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """``"text,pdf"`` or ``("pdf", "text")`` -> ``("text", "pdf")``; ``ValueError`` for an unknown or empty list."""
    names = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = {n.strip().lower() for n in names if n.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; expected some of {', '.join(FORMATS)}")
    if not wanted:
        raise ValueError(f"no format given; expected some of {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in wanted)


def corpus(
    count: int, seed: int = 0, formats: Iterable[str] = ("text",), first_number: int = 0
) -> Iterator[tuple[Letter, str, str | None]]:
    """The corpus ``write_corpus`` writes, as ``(letter, kind, duplicate kind or None)``.

    A kind is a text shape (``SHAPES``) or, when ``formats`` asks for them,
    "pdf" or "html". Case numbers are distinct (each year's numbers only
    grow), so the letters are too; about one in a hundred is also written in
    a second kind. Letters of 2013 and 2014 may take an older layout (a few
    percent of a corpus, ``letter_mix.LAYOUT_WEIGHTS``), in any format. The
    letters and their text shapes do not depend on
    ``formats``: which letters become files is drawn from a second generator
    seeded by ``seed``, so asking for PDFs turns some of the same letters
    into PDFs.
    """
    fmts = normalize_formats(formats)
    weights = [FORMAT_WEIGHTS[f] for f in fmts]
    pick = random.Random(f"formats|{seed}")
    rng = random.Random(seed)
    years = list(YEAR_WEIGHTS)
    cum = list(accumulate(YEAR_WEIGHTS.values()))
    next_no = {y: first_number + rng.randint(1, 400) for y in years}
    for _ in range(count):
        yy = rng.choices(years, cum_weights=cum)[0]
        case = f"CM{yy:02d}-{next_no[yy]:07d}"
        next_no[yy] += rng.randint(1, 60)
        letter = make_letter(rng, case, older=True)
        shape = rng.choice(SHAPES)
        dup = rng.choice([s for s in SHAPES if s != shape]) if rng.random() < 0.01 else None
        first_fmt, dup_fmt = pick.choices(fmts, weights, k=2)  # two draws per letter, always
        kind = shape if first_fmt == "text" else first_fmt
        dup_kind = None
        if dup is not None:
            dup_kind = dup if dup_fmt == "text" else dup_fmt
            if dup_kind == kind and "text" in fmts:
                dup_kind = dup  # one case in two formats, as real corpora hold them
        yield letter, kind, dup_kind


def render_file(letter: Letter, kind: str, variant: int = 0) -> bytes:
    """The bytes of ``letter`` as a file of ``kind`` (a text shape, "pdf" or "html").

    ``variant`` > 0 gives another layout of the same letter ("pdf"/"html"
    only), for a duplicate written in the same format. PDF needs the ``pdf``
    extra (``MissingExtra`` otherwise).
    """
    if kind == "pdf":
        return render_pdf(letter, variant)
    if kind == "html":
        return render_html(letter, variant).encode("utf-8")
    return render(letter, kind).encode("utf-8")


def suffix(kind: str) -> str:
    """The file name suffix for a kind: ".pdf", ".html", else ".txt"."""
    return _SUFFIX.get(kind, ".txt")


def write_corpus(
    out_dir: Path, count: int, seed: int = 0, formats: Iterable[str] = ("text",), first_number: int = 0
) -> dict[str, Any]:
    """Write ``count`` distinct letters as ``{case_number}.txt`` (or ``.pdf``/``.html``), ~1% also as
    ``{case_number}_2.*`` in another kind.

    ``formats`` is any of "text", "pdf", "html" (or a comma-separated
    string); with several, about 8 letters in 10 stay text and the rest are
    split evenly among the file formats. Same seed and formats, same bytes:
    every choice comes from ``Random(seed)``, a second generator seeded from
    ``seed`` for the formats, and the renderers' per-letter generators.
    Raises ``MissingExtra`` before writing anything if PDFs are
    asked for and the ``pdf`` extra is not installed. ``first_number`` shifts
    every case number up, so slices written with their own seeds can be
    added to one corpus without two letters sharing a case number.
    """
    fmts = normalize_formats(formats)
    if "pdf" in fmts:
        require()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    duplicates = 0
    by_format = dict.fromkeys(fmts, 0)
    for letter, kind, dup in corpus(count, seed, fmts, first_number):
        _write_kind(out_dir / f"{letter.case_number}{suffix(kind)}", letter, kind, 0)
        by_format[kind if kind in FILE_SHAPES else "text"] += 1
        if dup:
            variant = 1 if dup == kind else 0
            _write_kind(out_dir / f"{letter.case_number}_2{suffix(dup)}", letter, dup, variant)
            by_format[dup if dup in FILE_SHAPES else "text"] += 1
            duplicates += 1
    return {"letters": count, "duplicates": duplicates, "files": count + duplicates, "formats": by_format}


def _write_kind(path: Path, letter: Letter, kind: str, variant: int) -> None:
    if kind in SHAPES:
        _write(path, render(letter, kind))
    else:
        path.write_bytes(render_file(letter, kind, variant))


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
