"""Files to text: the first step of the data flow.

A letter arrives as a text file, a PDF as the state publishes it, or a saved
HTML page; ``file_text`` turns any of them into the plain text the parser
reads, and says which it was. ``corpus`` finds the files under a folder.
"""

from __future__ import annotations

from ..records import Shape
from . import html, pdf, text


def file_text(data: bytes, source: str) -> tuple[str, Shape | None]:
    """A letter file's text and, for PDF and HTML, the shape it came in.

    The name (``source``) and the first bytes decide PDF and HTML; anything
    else is decoded as text (its shape is read off the text by the parser).
    """
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf") or source.lower().endswith(".pdf"):
        return pdf.pdf_bytes_to_text(data), "pdf"
    decoded = text.decode(data)
    if source.lower().endswith((".html", ".htm")) or head.startswith((b"<!doctype html", b"<html")):
        return html.html_to_text(text.clean(decoded)), "html"
    return decoded, None
