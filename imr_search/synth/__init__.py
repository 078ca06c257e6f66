"""The letter generator: realistic IMR letters for tests, benchmarks and the sample corpus.

It is not part of the search tool's data flow: nothing in the core imports
it. ``make_letter`` draws a record, ``render`` writes it in one text shape,
``render_file`` as a text, PDF or HTML file, ``write_corpus`` a folder.
"""

from __future__ import annotations

from .generate import (
    FILE_SHAPES,
    FORMATS,
    SHAPES,
    corpus,
    expected,
    make_letter,
    normalize_formats,
    render,
    render_file,
    suffix,
    write_corpus,
)
from .pdf import MissingExtra

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
