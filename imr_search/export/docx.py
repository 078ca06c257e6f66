"""The binder as a Word document (python-docx): what a paralegal prints and tabs.

A title page part (the query, the date made, the count), the table of
authorities as a real table whose header row repeats on every page, then one
item a page: its facts, both guidelines, the rationale with the query's words
in bold, the note. Letter text goes in as plain runs, never as markup; page
numbers are in the footer.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import BinaryIO

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from . import binder
from .entries import ExportEntry

FONT = "Times New Roman"
WIDTHS = (1.15, 0.85, 1.6, 0.95, 1.05, 1.9)
"""Inches for each column of the table of authorities (6.5 in between one-inch margins)."""


def _styles(doc: docx.document.Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # the theme's font would win over ours
            fonts.attrib.pop(qn(theme), None)
    for s in doc.sections:
        s.left_margin = s.right_margin = s.top_margin = s.bottom_margin = Inches(1)


def _page_numbers(doc: docx.document.Document, title: str) -> None:
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(f"{title} · page ")
    run = p.add_run()
    for tag, attrs in (("w:fldChar", {"w:fldCharType": "begin"}), ("w:instrText", {}), ("w:fldChar", {"w:fldCharType": "end"})):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if tag == "w:instrText":
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        run._r.append(el)
    for r in p.runs:
        r.font.size = Pt(9)


def _authorities(doc: docx.document.Document, entries: list[ExportEntry]) -> None:
    table = doc.add_table(rows=1, cols=len(binder.AUTHORITY_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS):
        column.width = Inches(width)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
    rows = [(header, list(binder.AUTHORITY_COLUMNS), True)] + [(table.add_row(), binder.authority_row(e), False) for e in entries]
    for row, values, bold in rows:
        for cell, value, width in zip(row.cells, values, WIDTHS):
            cell.width = Inches(width)
            run = cell.paragraphs[0].add_run(value)
            run.font.size = Pt(9)
            run.bold = bold or cell is row.cells[0]


def _section(doc: docx.document.Document, s: binder.Section) -> None:
    doc.add_heading(s.heading, level=1).paragraph_format.page_break_before = True
    if s.missing:
        doc.add_paragraph(binder.MISSING_TEXT)
    for label, value in s.facts:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    if s.rationale:
        doc.add_heading("Rationale", level=2)
        for paragraph in s.rationale:
            p = doc.add_paragraph()
            for text, bold in paragraph:
                p.add_run(text).bold = bold or None
    if s.note:
        doc.add_heading("Note", level=2)
        doc.add_paragraph(s.note)


def write(entries: list[ExportEntry], out: BinaryIO, *, title: str, query: str | None, made: date) -> None:
    doc = docx.Document()
    _styles(doc)
    heading, lines = binder.intro(title, query, len(entries), made)
    doc.core_properties.title = heading
    doc.core_properties.author = "imr-search"
    doc.core_properties.created = datetime.combine(made, datetime.min.time(), timezone.utc)
    _page_numbers(doc, heading)
    doc.add_heading(heading, level=0)
    for line in lines:
        doc.add_paragraph(line)
    doc.add_heading("Table of authorities", level=1)
    if entries:
        _authorities(doc, entries)
    else:
        doc.add_paragraph("No items.")
    for e in entries:
        _section(doc, binder.section(e))
    doc.save(out)
