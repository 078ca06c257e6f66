"""PDF and HTML letters to parser-ready text.

The real PDFs in ../shared/real (skipped where absent) must parse to the same
record as the text twin published beside each; the synthetic PDFs and the
HTML page here are written by these tests, with made-up content.
"""

from __future__ import annotations

import io
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_search.errors import LetterError
from imr_search.read.html import html_to_text
from imr_search.parse import parse_file, parse_text
from imr_search.read import pdf as pdf_module
from imr_search.read.pdf import pdf_bytes_to_text, pdf_to_text

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"
REAL_PDFS = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
needs_real = pytest.mark.skipif(not REAL_PDFS, reason="../shared/real not present")

NEEDS_PASSWORD = "encrypted: needs a password"
NO_TEXT = "no text layer: scanned PDF, needs OCR"


# -- a tiny PDF writer, so the tests own their fixtures ------------------------------


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def make_pdf(pages: list[list[tuple[float, float, str]]], image: bool = False) -> bytes:
    """A PDF whose pages hold the given (x, baseline y, text) lines in 11 pt
    Helvetica, optionally with a grey image filling each page (a "scan")."""
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    image_ref = b""
    if image:
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream")
        image_ref = f"/XObject << /Im1 {len(objects)} 0 R >>".encode()
    kids = []
    for lines in pages:
        ops = [b"q 512 0 0 692 50 50 cm /Im1 Do Q"] if image else []
        ops += [b"BT /F1 11 Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (x, y, _escape(t)) for x, y, t in lines]
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> %s >> >>" % (content, image_ref)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _column(top: float, rows: list[str | None], pitch: float = 14.0) -> list[tuple[float, float, str]]:
    """Lines down the left margin from ``top``; ``None`` is an empty line."""
    out = []
    y = top
    for row in rows:
        if row is not None:
            out.append((72.0, y, row))
        y -= pitch
    return out


RUNNING = [(72.0, 760.0, "Independent Medical Review - synthetic test letter"), (500.0, 760.0, "CONFIDENTIAL")]


def _footer(n: int, of: int) -> list[tuple[float, float, str]]:
    return [(280.0, 40.0, f"Page {n} of {of}")]


SYNTHETIC_PAGES = [
    RUNNING
    + _column(720, [
        "Case Number: CM99-0000001",
        "Date Assigned: 01/05/2099 Date of Injury: 02/03/2098",
        "Decision Date: 03/01/2099 UR Denial Date: 12/20/2098",
        "Priority: Standard Application Received: 12/28/2098",
        None,
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
        "A physician who has never met the parties read every page of this made-up file.",
        "State(s) of Licensure: Oregon",
        "Certification(s)/Specialty: Sports Medicine",
        None,
        "CLINICAL CASE SUMMARY",
        "The expert reviewer developed the following clinical case summary based on a review of the",
        "case file, including all medical records:",
        None,
        "The patient is a 40-year-old female who strained the left wrist while stacking boxes of",
        "printer paper. Diagnoses include wrist sprain and tendinitis.",
        None,
        "IMR ISSUES, DECISIONS AND RATIONALES",
        None,
        "Splint fitting for the left wrist: Upheld",
        None,
        "Claims Administrator guideline: Decision based on MTUS Forearm, Wrist, and Hand",
        "Complaints.",
        None,
        "MAXIMUS guideline: Decision based on MTUS Forearm, Wrist, and Hand Complaints.",
        None,
        "Decision rationale: A splint helps in the first weeks after a sprain; the notes describe an",
        "old injury with full motion and no swelling, so the fitting is not medically",
    ])
    + _footer(1, 3),
    # Continues the sentence from page 1: no paragraph break at the top.
    RUNNING + _column(720, ["necessary.", None, "Follow-up visit for the left wrist: Overturned", None,
                            "Claims Administrator guideline: The Claims Administrator did not cite any",
                            "medical evidence for its decision."]) + _footer(2, 3),
    # Starts one line lower than page 2: an empty line above it, so a new paragraph.
    RUNNING + _column(706, ["MAXIMUS guideline: Decision based on MTUS Forearm, Wrist, and Hand Complaints.", None,
                            "Decision rationale: A visit to review a new diagnosis is reasonable and the",
                            "notes ask a question only an examination can answer. The visit is",
                            "medically necessary."]) + _footer(3, 3),
]


@pytest.fixture(scope="module")
def synthetic_pdf() -> bytes:
    return make_pdf(SYNTHETIC_PAGES)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _reason(path_or_data: Path | bytes) -> str:
    with pytest.raises(LetterError) as e:
        if isinstance(path_or_data, Path):
            pdf_to_text(path_or_data)
        else:
            pdf_bytes_to_text(path_or_data)
    return e.value.reason


# -- the real letters ------------------------------------------------------------------


def _record(letter) -> dict:
    data = msgspec.to_builtins(letter)
    for key in ("source", "shape", "fingerprint"):
        data.pop(key)
    return data


@needs_real
@pytest.mark.parametrize("pdf", REAL_PDFS, ids=lambda p: p.stem)
def test_real_pdf_parses_like_its_twin(pdf):
    got = parse_text(pdf_to_text(pdf), source=str(pdf))
    want = parse_file(pdf.with_suffix(".txt"))
    differing = sorted(k for k, v in _record(got).items() if _record(want)[k] != v)
    assert differing == []
    assert got.fingerprint == want.fingerprint
    assert got.shape == "pdf-text"


@needs_real
def test_real_pdf_text_has_the_twins_paragraphs():
    """Same lines and the same paragraph breaks as the twin, whitespace aside."""

    def shape(text: str) -> list[str]:
        out: list[str] = []
        for line in text.split("\n"):
            if line == " ":
                if out and out[-1] != "<p>":
                    out.append("<p>")
            elif line.strip():
                out.append(" ".join(line.split()))
        return out

    for pdf in REAL_PDFS:
        assert shape(pdf_to_text(pdf)) == shape(pdf.with_suffix(".txt").read_text(encoding="utf-8")), pdf.stem


@needs_real
def test_truncated_real_pdf(tmp_path):
    data = REAL_PDFS[0].read_bytes()
    reason = _reason(_write(tmp_path, "half.pdf", data[: len(data) // 2]))
    assert reason.startswith("corrupt PDF: ")


@needs_real
def test_real_pdf_with_a_real_password(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("cryptography")  # pypdf needs it for the letters' AES
    reader = pypdf.PdfReader(REAL_PDFS[0])
    reader.decrypt("")
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert _reason(_write(tmp_path, "locked.pdf", buf.getvalue())) == NEEDS_PASSWORD


# -- synthetic PDFs --------------------------------------------------------------------


def test_synthetic_letter_layout(synthetic_pdf):
    text = pdf_bytes_to_text(synthetic_pdf)
    lines = text.split("\n")
    assert "CONFIDENTIAL" not in text and "synthetic test letter" not in text  # running header
    assert not any(line.startswith("Page ") for line in lines)  # page numbers
    # Wrapped lines follow each other; a lone space starts each paragraph.
    i = lines.index("CLINICAL CASE SUMMARY")
    assert lines[i - 1] == " " and lines[i + 1].startswith("The expert reviewer")
    # A sentence running over a page break is not split ...
    i = lines.index("necessary.")
    assert lines[i - 1].endswith("so the fitting is not medically")
    # ... but a page that starts one line low starts a paragraph.
    i = lines.index("MAXIMUS guideline: Decision based on MTUS Forearm, Wrist, and Hand Complaints.", i)
    assert lines[i - 1] == " "


def test_synthetic_letter_parses(synthetic_pdf, tmp_path):
    letter = parse_text(pdf_to_text(_write(tmp_path, "CM99-0000001.pdf", synthetic_pdf)))
    assert letter.case_number == "CM99-0000001"
    assert letter.date_of_injury == "2098-02-03"
    assert letter.reviewer.licensure == ["Oregon"]
    assert [(i.request, i.outcome) for i in letter.items] == [
        ("Splint fitting for the left wrist", "upheld"),
        ("Follow-up visit for the left wrist", "overturned"),
    ]
    assert letter.items[0].rationale.endswith("so the fitting is not medically necessary.")
    assert "Complaints" in letter.items[1].reviewer_guideline
    assert (letter.patient.age, letter.patient.sex) == (40, "female")


def test_page_break_after_a_short_closing_line_starts_a_paragraph():
    """Without empty lines to go by, a page whose last line ends a sentence well
    short of the margin ends a paragraph; one ending mid-sentence does not."""
    long_line = "This line runs the full width of the text block so that it sets the margin ok"
    pages = [
        _column(720, [long_line, long_line, "A short closing line."]),
        _column(720, ["Next paragraph starts here and", long_line, "and ends mid sentence without"]),
        _column(720, ["punctuation at the end of the page.", long_line]),
    ]
    lines = pdf_bytes_to_text(make_pdf(pages)).split("\n")
    assert lines[lines.index("Next paragraph starts here and") - 1] == " "
    assert lines[lines.index("punctuation at the end of the page.") - 1] == "and ends mid sentence without"


def test_repeated_body_line_at_page_tops_is_kept():
    """Letters repeat guideline text item after item; two pages that happen to
    start with the same wrapped line have no running header to drop."""
    same = "Claims Administrator guideline: Decision based on MTUS Chronic Pain 2016,"
    pages = [_column(720, [same, "Section(s): Opioids.", "Item one: Upheld."]),
             _column(720, [same, "Section(s): Opioids.", "Item two: Upheld."])]
    assert pdf_bytes_to_text(make_pdf(pages)).count(same) == 2


def test_hyphen_at_a_line_end_is_kept():
    """pdfium joins a line ending in a hyphen to the next; the split and the
    hyphen are put back, as the PDF shows them."""
    text = pdf_bytes_to_text(make_pdf([_column(720, ["The first clinic visit was a follow-", "up with no new flags."])]))
    assert "a follow-\nup with" in text


def test_synthetic_pdf_with_a_real_password(synthetic_pdf, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(synthetic_pdf)))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert _reason(_write(tmp_path, "locked.pdf", buf.getvalue())) == NEEDS_PASSWORD


def test_empty_password_opens(synthetic_pdf):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(synthetic_pdf)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert pdf_bytes_to_text(buf.getvalue()) == pdf_bytes_to_text(synthetic_pdf)


def test_image_only_pdf(tmp_path):
    assert _reason(_write(tmp_path, "scan.pdf", make_pdf([[], []], image=True))) == NO_TEXT


def test_blank_page_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    assert _reason(_write(tmp_path, "blank.pdf", buf.getvalue())) == NO_TEXT


def test_page_numbers_only_is_no_text(tmp_path):
    pages = [_footer(n, 2) for n in (1, 2)]
    assert _reason(make_pdf(pages, image=True)) == NO_TEXT


def test_truncated_pdf(synthetic_pdf, tmp_path):
    path = _write(tmp_path, "cut.pdf", synthetic_pdf[: len(synthetic_pdf) // 2])
    with pytest.raises(LetterError) as e:
        pdf_to_text(path)
    assert e.value.reason.startswith("corrupt PDF: ")
    assert str(path) in str(e.value)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"Dear customer, your invoice is attached.\n", "corrupt PDF: "),
        (b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", "corrupt PDF: "),
    ],
)
def test_not_pdfs(tmp_path, data, reason):
    assert _reason(_write(tmp_path, "x.pdf", data)).startswith(reason)


def test_missing_file(tmp_path):
    with pytest.raises(LetterError, match="cannot read"):
        pdf_to_text(tmp_path / "nope.pdf")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.binary(max_size=20)), min_size=1, max_size=4))
def test_damaged_pdfs_give_text_or_a_reason(synthetic_pdf, cuts):
    data = synthetic_pdf
    for a, b, junk in cuts:
        i, j = sorted((int(a * len(data)), int(b * len(data))))
        data = data[:i] + junk + data[j:]
    try:
        assert isinstance(pdf_bytes_to_text(data), str)
    except LetterError as e:
        assert e.reason and "\n" not in e.reason


# -- HTML pages ------------------------------------------------------------------------

HTML_LETTER = """<!DOCTYPE html>
<html><head><title>Decision CM98-7654321</title>
<style>td { padding: 2px }</style><script>document.write("<p>not letter text</p>");</script></head>
<body><div class="page">
<table class="header">
<tr><td><b>Case Number:</b></td><td>CM98-7654321</td><td></td><td></td></tr>
<tr><td><b>Date Assigned:</b></td><td>04/02/2098</td><td><b>Date of Injury:</b></td><td>09/14/2097</td></tr>
<tr><td><p><b>Decision Date:</b></p></td><td><p>05/01/2098</p></td><td><strong>UR Denial Date:</strong></td><td>03/20/2098</td></tr>
<tr><td><b>Priority:</b></td><td>Standard</td><td><b>Application Received:</b></td><td>03/27/2098&nbsp;</td></tr>
</table>
<h2>HOW THE IMR FINAL DETERMINATION WAS MADE</h2>
<p>A reviewer with no tie to anyone in the dispute read the whole
   file &amp; wrote this made-up decision.</p>
<p>The Expert Reviewer has the following credentials:</p>
<p>State(s) of Licensure: Nevada<br>Certification(s)/Specialty: Physical Medicine &amp; Rehabilitation</p>
<h3>CLINICAL CASE SUMMARY</h3>
<p>The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:</p>
<p>The patient is a 51-year-old male whose ankle rolled on a loading ramp. Diagnoses include ankle sprain.</p>
<h3>IMR ISSUES, DECISIONS AND RATIONALES</h3>
<p>The Final Determination was based on decisions for the disputed items/services set forth below:</p>
<p><b>Ankle brace for the right ankle: </b>Upheld</p>
<p><b>Claims Administrator guideline:</b> Decision based on MTUS Ankle and Foot Complaints.</p>
<p><b>MAXIMUS guideline:</b> Decision based on MTUS Ankle and Foot Complaints.</p>
<p><b>Decision rationale:</b> The ankle is stable on every recent exam &ndash; a brace adds nothing.
Therefore the brace is not medically necessary.</p>
</div>
<!-- saved from the web -->
</body></html>
"""

HTML_EXPECTED = (
    "<b>Case Number:</b>\tCM98-7654321\t\t\n"
    "<b>Date Assigned:</b>\t04/02/2098\t<b>Date of Injury:</b>\t09/14/2097\n"
    "<b>Decision Date:</b>\t05/01/2098\t<b>UR Denial Date:</b>\t03/20/2098\n"
    "<b>Priority:</b>\tStandard\t<b>Application Received:</b>\t03/27/2098\n"
    "\n"
    "### HOW THE IMR FINAL DETERMINATION WAS MADE\n"
    "\n"
    "A reviewer with no tie to anyone in the dispute read the whole file & wrote this made-up decision.\n"
    "\n"
    "The Expert Reviewer has the following credentials:\n"
    "\n"
    "State(s) of Licensure: Nevada  \n"
    "Certification(s)/Specialty: Physical Medicine & Rehabilitation\n"
    "\n"
    "### CLINICAL CASE SUMMARY\n"
    "\n"
    "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:\n"
    "\n"
    "The patient is a 51-year-old male whose ankle rolled on a loading ramp. Diagnoses include ankle sprain.\n"
    "\n"
    "### IMR ISSUES, DECISIONS AND RATIONALES\n"
    "\n"
    "The Final Determination was based on decisions for the disputed items/services set forth below:\n"
    "\n"
    "**Ankle brace for the right ankle:** Upheld\n"
    "\n"
    "**Claims Administrator guideline:** Decision based on MTUS Ankle and Foot Complaints.\n"
    "\n"
    "**MAXIMUS guideline:** Decision based on MTUS Ankle and Foot Complaints.\n"
    "\n"
    "**Decision rationale:** The ankle is stable on every recent exam \u2013 a brace adds nothing. "
    "Therefore the brace is not medically necessary.\n"
)


def test_html_letter_text():
    assert html_to_text(HTML_LETTER) == HTML_EXPECTED


def test_html_letter_parses():
    letter = parse_text(html_to_text(HTML_LETTER))
    assert letter.shape == "html-text"
    assert letter.case_number == "CM98-7654321"
    assert (letter.date_assigned, letter.date_of_injury, letter.application_received) == ("2098-04-02", "2097-09-14", "2098-03-27")
    assert letter.priority == "standard"
    assert letter.reviewer.licensure == ["Nevada"]
    assert [(i.request, i.outcome) for i in letter.items] == [("Ankle brace for the right ankle", "upheld")]
    assert letter.items[0].rationale.endswith("not medically necessary.")
    assert (letter.patient.age, letter.patient.sex) == (51, "male")


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>one<br><br>two</p>", "one\n\ntwo\n"),
        ("<div>loose <span style='font-weight:bold'>bold</span> words<p>inner</p>tail</div>", "loose **bold** words\n\ninner\n\ntail\n"),
        ("<font face=Arial><p>first</p><p>second</p></font>", "first\n\nsecond\n"),
        ("<ul><li>a<li>b</ul>", "a\n\nb\n"),
        ("<table><tr><td><h3>Layout</h3><p>cell text</p></td></tr></table>", "### Layout\n\ncell text\n"),
        ("<p>x &lt;b&gt; &#8217; &eacute;</p><script>bad()</script><style>p{}</style>", "x <b> \u2019 \u00e9\n"),
        ("<head><title>t</title><p>body without closing head</p>", "body without closing head\n"),
        ("<table><tr><td><b>A:</b><td>1<tr><th>B:<td>2</table>", "<b>A:</b>\t1\n<b>B:</b>\t2\n"),
        ("<div><table><tr><td>cell</td></div>stray</table>", "cell\n\nstray\n"),
        ("", ""),
        ("<div>" * 5000 + "deep" + "</div>" * 5000, "deep\n"),
    ],
)
def test_html_edges(html, text):
    assert html_to_text(html) == text


def _gapped_page(gaps: list[float]) -> pdf_module._Page:
    ys = [760.0]
    for g in gaps:
        ys.append(ys[-1] - g)
    return pdf_module._Page([pdf_module._Line(f"line {i}", y, 72.0, 300.0) for i, y in enumerate(ys)], [])


def test_pitch_is_the_wrapped_line_gap_when_paragraph_gaps_outnumber_it():
    """An older notice's gaps: 13.2 pt x38 (wrapped lines), 26.4 x33 (paragraphs), 19.6 x12 (headings).
    The median of all gaps is 19.6, which would put the 26.4 pt paragraph gaps under the break threshold."""
    gaps = [13.2] * 38 + [26.4] * 33 + [19.6] * 12
    pages = [_gapped_page(gaps[:40]), _gapped_page(gaps[40:])]
    assert pdf_module._pitch(pages) == 13.2
    assert 26.4 > pdf_module.PARAGRAPH_GAP * pdf_module._pitch(pages)
    # the real letters' spread: a few lines set closer, headings, paragraphs
    real = [13.8] * 60 + [27.6] * 20 + [20.4] * 3 + [13.1] * 2 + [12.7] + [28.0] * 2
    assert pdf_module._pitch([_gapped_page(real)]) == 13.8
    # few lines: the median of what there is
    assert pdf_module._pitch([_gapped_page([14.0, 28.0])]) == 21.0
    assert pdf_module._pitch([_gapped_page([])]) == 14.0
