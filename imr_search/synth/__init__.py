"""The letter generator: realistic IMR letters for tests, benchmarks and the sample corpus.

Why this exists: the real letters cannot be copied into the project, yet the
parser, the index and the benchmarks need many letters whose every field is
known. It is not part of the search tool's data flow: nothing in the core
imports it. ``make_letter`` composes a complete record from a seeded
``Random``; ``render`` writes it in one of the text shapes the state's
letters come in (see ../shared/FORMAT.md); ``render_file`` as a text, PDF or
HTML file; ``expected`` says what the parser must return for that file;
``write_corpus`` fills a folder. All prose is written here.

Modules, code apart from the tables it draws on:

- ``letters``: ``make_letter``; ``item_requests``, ``guidelines`` and
  ``prose`` write a letter's requests, guideline paragraphs (their grammar
  is in ``guidelines``) and summary and rationales;
- their tables: ``kinds`` (the two keys, kind of request and body region),
  ``request_tables``, ``guideline_tables``, ``summary_phrases``,
  ``rationale_phrases``, ``letter_mix`` (how common everything is);
- the renderers: ``text_shapes`` (the text shapes), ``pdf`` and ``html``
  (files); they share ``wording`` (headings, boilerplate, labels) and
  ``sections`` (the text every layout writes alike), and never import the
  generator;
- ``files``: file kinds, ``expected``, ``corpus`` and ``write_corpus``.

Other text the parser reads:

- credentials, inline (html-text, mostly): "The expert reviewer is Board
  Certified in A, B and is licensed to practice in California, Ohio and
  Texas." (specialties comma-separated, since names hold "and"/"&"; states
  as a series); listed (pdf shapes, some html): "State(s) of Licensure:
  Florida,California" and "Certification(s)/Specialty: A, B".
- patient: the summary's first sentence holds "<age> year old <sex>",
  "<age>-year-old <sex>" or, age redacted, "a year old <sex>"; one
  sentence "<lead> a, b and c." (or "a, b, and c.") lists the diagnoses,
  <lead> one of "Diagnoses include", "The diagnoses include", "Diagnoses
  included", "The diagnoses included", "Current diagnoses include".
- partial items: "<original> was the original request. <authorized> was
  authorized by the Claims Administrator. The remaining IMR eligible portion
  of the original request, <request> is: Upheld".
- rationales end "<lead> the request for <request> is (not) medically
  necessary." with <lead> "Therefore," (mostly), "As such,", "Accordingly,",
  "Consequently," or "Given the above,".

Dates in records are ISO (``2017-01-12``); in text they are ``MM/DD/YYYY``
(header) or either that or "March 4, 2016" (prose).

Besides the text shapes, a letter can be written as a file the way users
hold them (``FILE_SHAPES``): a PDF laid out like the state's (``pdf``, needs
the optional ``pdf`` extra) or a saved HTML page (``html``).
``render_file`` gives any kind's bytes, ``expected`` covers them too (record
shape "pdf"/"html", header fields present), and ``write_corpus(...,
formats=("text", "pdf", "html"))`` spreads the letters across the formats
asked for, deterministically from the seed.
"""

from __future__ import annotations

from .files import (
    FILE_SHAPES,
    FORMATS,
    corpus,
    expected,
    normalize_formats,
    render_file,
    suffix,
    write_corpus,
)
from .letters import make_letter
from .pdf import MissingExtra
from .text_shapes import SHAPES, render

__all__ = [
    "FILE_SHAPES",
    "FORMATS",
    "SHAPES",
    "MissingExtra",
    "corpus",
    "expected",
    "make_letter",
    "normalize_formats",
    "render",
    "render_file",
    "suffix",
    "write_corpus",
]
