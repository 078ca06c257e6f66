"""Generated letters as files: PDF (``synth_pdf``) and saved HTML pages (``synth_html``).

The round trips are the point: a generated record, written as a PDF or an
HTML page, read back by ``parse_file`` (pdftext / htmlpage, then the parser)
gives ``synth.expected(letter, "pdf"|"html", path)`` on every field. The PDF
tests need ReportLab (the ``pdf`` extra, part of the ``test`` extra) and skip
with a reason without it; the missing-extra behaviour itself is tested by
hiding the library.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import msgspec
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_search import synth
from imr_search.read import pdf as pdftext
from imr_search.synth import pdf as synth_pdf
from imr_search.cli import main
from imr_search.read.html import html_to_text
from imr_search.parse import parse_bytes, parse_file
from imr_search.records import HEADER_FIELDS, Letter

needs_pdf = pytest.mark.skipif(
    not synth_pdf.available(), reason="ReportLab (the pdf extra: pip install 'imr-search[pdf]') is not installed"
)
_HIDE = ("reportlab", "reportlab.pdfgen", "reportlab.pdfgen.canvas")


def _letter(seed: int) -> Letter:
    rng = random.Random(seed)
    return synth.make_letter(rng, f"CM{rng.randrange(13, 26)}-{rng.randrange(10**7):07d}")


def _repeated_edge_line(data: bytes) -> bool:
    """One text (digits aside, page numbers left out) among the first or last two lines of at
    least two pages, within 3 pt of one height: the layout that once read as a running header."""
    pages = pdftext._read_pages(data)
    spots: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for p, page in enumerate(pages):
        lines = [ln for ln in page.lines if not pdftext._PAGE_NUMBER.match(ln.text.strip())]
        for i in {0, 1, len(lines) - 2, len(lines) - 1}:
            if 0 <= i < len(lines):
                spots[pdftext._edge_key(lines[i].text)].append((p, lines[i].y))
    for found in spots.values():
        ys = sorted(y for _, y in found)
        mid = ys[len(ys) // 2]
        if len({p for p, y in found if abs(y - mid) <= 3.0}) >= 2:
            return True
    return False


def _check(letter: Letter, kind: str, folder: Path, variant: int = 0) -> bool:
    """Round-trip one letter: the parsed file equals the record it was made from."""
    path = folder / f"{letter.case_number}{synth.suffix(kind)}"
    data = synth.render_file(letter, kind, variant)
    path.write_bytes(data)
    got = msgspec.to_builtins(parse_file(path))
    want = msgspec.to_builtins(synth.expected(letter, kind, str(path)))
    assert got == want, (kind, letter.case_number, sorted(k for k in want if got.get(k) != want[k]))
    assert got["shape"] == kind and all(got[f] is not None for f in HEADER_FIELDS if f != "priority")
    return True


# -- round trips -----------------------------------------------------------------------


@needs_pdf
@pytest.mark.parametrize("chunk", range(4))
def test_pdf_round_trip_many_seeds(chunk: int, tmp_path: Path) -> None:
    for seed in range(chunk * 80, chunk * 80 + 80):
        assert _check(_letter(seed), "pdf", tmp_path)


@needs_pdf
def test_pdf_round_trip_second_layout(tmp_path: Path) -> None:
    for seed in range(1000, 1060):
        letter = _letter(seed)
        assert _check(letter, "pdf", tmp_path, variant=1)
        assert synth.render_file(letter, "pdf", 1) != synth.render_file(letter, "pdf")


@needs_pdf
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_pdf_round_trip_any_seed(seed: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        assert _check(_letter(seed), "pdf", Path(d))


@needs_pdf
@pytest.mark.parametrize("variant", [0, 1])
def test_pdf_round_trip_older_layouts(variant: int, tmp_path: Path) -> None:
    """Older-layout letters of 2013 as PDFs: their many one-line paragraphs (letterhead lines, numbered
    decisions, document lists) make wide gaps outnumber wrapped-line ones, and the reader's line pitch
    must still come from the wrapped lines, or paragraph breaks are lost and the letter unreadable."""
    rng = random.Random(f"older-pdf|{variant}")
    layouts: Counter[str] = Counter()
    n = 0
    while min(layouts[k] for k in ("notice", "maximus", "professional-review")) < 8:
        n += 1
        assert n < 2000, layouts
        letter = synth.make_letter(rng, f"CM13-{1000 + 37 * n:07d}", older=True)
        if letter.layout == "standard":
            continue
        layouts[letter.layout] += 1
        data = synth.render_file(letter, "pdf", variant)
        source = f"/letters/{letter.case_number}.pdf"
        got = msgspec.to_builtins(parse_bytes(data, source))
        want = msgspec.to_builtins(synth.expected(letter, "pdf", source))
        assert got == want, (letter.case_number, letter.layout, sorted(k for k in want if got.get(k) != want[k]))
        assert got["layout"] == letter.layout


@needs_pdf
@pytest.mark.parametrize("seed", [15415, 15483])
def test_pdf_repeated_edge_line_is_kept(seed: int, tmp_path: Path) -> None:
    """Letters whose PDF repeats a guideline line at the top of two pages: it is text, not a running header."""
    letter = _letter(seed)
    path = tmp_path / f"{letter.case_number}.pdf"
    path.write_bytes(synth.render_file(letter, "pdf"))
    if not _repeated_edge_line(path.read_bytes()):
        pytest.skip("the generated layout changed and this seed no longer repeats a line at a page edge")
    assert msgspec.to_builtins(parse_file(path)) == msgspec.to_builtins(synth.expected(letter, "pdf", str(path)))


@pytest.mark.parametrize("chunk", range(2))
def test_html_round_trip_many_seeds(chunk: int, tmp_path: Path) -> None:
    for seed in range(chunk * 250, chunk * 250 + 250):
        letter = _letter(seed)
        _check(letter, "html", tmp_path)
        if seed % 10 == 0:
            _check(letter, "html", tmp_path, variant=1)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_html_round_trip_any_seed(seed: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        _check(_letter(seed), "html", Path(d))


def test_expected_for_file_shapes() -> None:
    letter = _letter(5)
    for kind in synth.FILE_SHAPES:
        exp = synth.expected(letter, kind, f"/c/{letter.case_number}{synth.suffix(kind)}")
        assert exp.shape == kind and exp.id == letter.case_number
        assert all(getattr(exp, f) == getattr(letter, f) for f in HEADER_FIELDS)
    with pytest.raises(ValueError):
        synth.expected(letter, "docx", "x")


# -- what the files look like -------------------------------------------------------------


def _pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    """(page size, raw text layer) per page, through pdfium."""
    doc = pdfium.PdfDocument(data, password="")
    out = []
    try:
        for page in doc:
            out.append((tuple(page.get_size()), page.get_textpage().get_text_range()))
    finally:
        doc.close()
    return out


@needs_pdf
def test_pdf_layout_like_the_real_letters() -> None:
    pages_seen = Counter()
    encrypted = 0
    for seed in range(40):
        letter = _letter(seed)
        data = synth.render_file(letter, "pdf")
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
        assert data == synth.render_file(letter, "pdf")  # deterministic, dates and ids included
        encrypted += b"/Encrypt" in data
        pages = _pdf_pages(data)
        pages_seen[len(pages)] += 1
        n = len(pages)
        for k, (size, text) in enumerate(pages, 1):
            assert size == (612, 792)  # US letter
            lines = [x for x in text.split("\r\n") if x.strip()]
            assert re.fullmatch(rf"(Page {k} of {n}|{k}|- {k} -)", lines[-1].strip()), lines[-1]  # the foot
            if k == 1:
                # the header block: a table, so "Application" / "Received:" wrap in their cell
                assert lines[0] == f"Case Number: {letter.case_number}"
                assert lines[1].startswith("Date Assigned: ") and " Date of Injury: " in lines[1]
                assert lines[3].startswith("Priority: ") and lines[3].endswith(" Application")
                assert lines[4] == "Received:"
                assert "HOW THE IMR FINAL DETERMINATION WAS MADE" in lines
            body = [x for x in lines[:-1] if not x.startswith(("Case Number:", "Date ", "Decision Date:", "Priority:"))]
            assert all(len(x) <= 110 for x in body)  # hard-wrapped at a page's width
    assert 0.2 < encrypted / 40 < 0.8  # like the state's: some open only with the empty password
    assert max(pages_seen) >= 3 and min(pages_seen) <= 2


@needs_pdf
def test_pdf_fonts() -> None:
    """Serif body with bold labels and headings, the header table in a bold/regular sans, none embedded."""
    for seed in range(5):
        data = synth.render_file(_letter(seed), "pdf")
        fonts = set(re.findall(rb"/BaseFont /([\w-]+)", data))
        assert fonts == {b"Times-Roman", b"Times-Bold", b"Helvetica", b"Helvetica-Bold"}, fonts


def test_html_layout() -> None:
    for seed in range(30):
        letter = _letter(seed)
        page = synth.render_file(letter, "html").decode()
        assert page.startswith("<!DOCTYPE html>") and page == synth.render_file(letter, "html").decode()
        assert re.search(r"<td><(b|strong|span[^>]*)>Case Number:</(b|strong|span)></td><td>" + letter.case_number, page)
        assert re.search(r"<h[234]>IMR ISSUES, DECISIONS AND RATIONALES</h[234]>", page)
        assert len(re.findall(r"<(b|strong|span[^>]*)>Decision rationale:</", page)) == len(letter.items)
        text = html_to_text(page)
        assert text.count("**Decision rationale:**") == len(letter.items)
        assert re.search(r"^<b>Priority:</b>\t(Standard|Expedited)\t<b>Application Received:</b>\t\d\d/\d\d/\d{4}$",
                         text, re.MULTILINE)


# -- the corpus -------------------------------------------------------------------------------


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@needs_pdf
def test_mixed_corpus_is_deterministic_and_mostly_text(tmp_path: Path) -> None:
    fmts = ("text", "pdf", "html")
    a = synth.write_corpus(tmp_path / "a", 150, seed=4, formats=fmts)
    b = synth.write_corpus(tmp_path / "b", 150, seed=4, formats="html,pdf,text")
    assert a == b
    assert {n: (tmp_path / "a" / n).read_bytes() for n in _names(tmp_path / "a")} == {
        n: (tmp_path / "b" / n).read_bytes() for n in _names(tmp_path / "b")
    }
    kinds = Counter(Path(n).suffix for n in _names(tmp_path / "a"))
    assert kinds == Counter({".txt": a["formats"]["text"], ".pdf": a["formats"]["pdf"], ".html": a["formats"]["html"]})
    assert kinds[".pdf"] >= 5 and kinds[".html"] >= 5 and kinds[".txt"] / a["files"] > 0.7


def test_formats_keep_the_letters_and_text_shapes(tmp_path: Path) -> None:
    """Asking for other formats turns some of the same letters into files; the rest keep their bytes."""
    text_only = list(synth.corpus(600, seed=8))
    mixed = list(synth.corpus(600, seed=8, formats=("text", "html")))
    assert [letter for letter, _, _ in mixed] == [letter for letter, _, _ in text_only]
    same = [(k1, d1) == (k2, d2) for (_, k1, d1), (_, k2, d2) in zip(text_only, mixed) if k2 != "html"]
    assert all(same)
    share = sum(k == "html" for _, k, _ in mixed) / len(mixed)
    assert 0.06 < share < 0.18  # about one in nine with two formats
    # duplicates stay (same cases as text-only) and may land in another format
    assert [i for i, (_, _, d) in enumerate(mixed) if d] == [i for i, (_, _, d) in enumerate(text_only) if d]
    for _, kind, dup in mixed:
        assert dup is None or dup != kind

    synth.write_corpus(tmp_path / "t", 60, seed=8)
    synth.write_corpus(tmp_path / "m", 60, seed=8, formats="text,html")
    for name in _names(tmp_path / "m"):
        if name.endswith(".txt"):
            assert (tmp_path / "m" / name).read_bytes() == (tmp_path / "t" / name).read_bytes()


@needs_pdf
def test_corpus_older_layouts_round_trip(tmp_path: Path) -> None:
    """A corpus's 2013-2014 letters in the older layouts, in every format (PDFs too), each file parsing
    to the record it was made from."""
    layouts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for letter, kind, dup in synth.corpus(800, seed=2024, formats=("text", "pdf", "html")):
        if letter.layout == "standard":
            continue
        layouts[letter.layout] += 1
        for k, name in ((kind, letter.case_number), (dup, f"{letter.case_number}_2")):
            if k is None:
                continue
            kinds[k] += 1
            path = tmp_path / f"{name}{synth.suffix(k)}"
            path.write_bytes(synth.render_file(letter, k, 1 if name.endswith("_2") and k == kind else 0))
            got = msgspec.to_builtins(parse_file(path))
            assert got == msgspec.to_builtins(synth.expected(letter, k, str(path))), (path.name, letter.layout)
    assert set(layouts) == {"notice", "maximus", "professional-review"}, layouts
    assert kinds["pdf"] >= 1 and kinds["html"] >= 1, kinds


def test_html_only_corpus_and_duplicates(tmp_path: Path) -> None:
    stats = synth.write_corpus(tmp_path, 400, seed=11, formats=["html"])
    names = _names(tmp_path)
    assert stats["files"] == len(names) and stats["formats"] == {"html": stats["files"]}
    assert all(re.fullmatch(r"CM\d{2}-\d{7}(_2)?\.html", n) for n in names)
    dups = [n for n in names if n.endswith("_2.html")]
    assert len(dups) == stats["duplicates"] >= 1
    by_id: dict[str, set[str]] = {}
    for n in dups + [d.replace("_2", "") for d in dups]:
        letter = parse_file(tmp_path / n)
        by_id.setdefault(letter.id, set()).add(letter.fingerprint)
    assert all(len(fps) == 1 for fps in by_id.values())
    for n in dups:  # the same case in another layout, not a byte copy
        assert (tmp_path / n).read_bytes() != (tmp_path / n.replace("_2", "")).read_bytes()


def test_normalize_formats() -> None:
    assert synth.normalize_formats("pdf, TEXT") == ("text", "pdf")
    assert synth.normalize_formats(["html", "html"]) == ("html",)
    for bad in ("", "text,docx", ()):
        with pytest.raises(ValueError):
            synth.normalize_formats(bad)


# -- the command and the optional extra ------------------------------------------------------


@needs_pdf
def test_cli_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["synth", str(tmp_path / "c"), "--count", "40", "--seed", "2", "--formats", "pdf,html"])
    assert result.exit_code == 0, result.output
    kinds = Counter(p.suffix for p in (tmp_path / "c").iterdir())
    assert set(kinds) == {".pdf", ".html"} and sum(kinds.values()) >= 40
    assert re.search(r"\d+ pdf, \d+ html", result.output)
    letter = parse_file(next((tmp_path / "c").glob("*.pdf")))
    assert letter.shape == "pdf" and letter.case_number


def test_cli_rejects_unknown_formats(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", str(tmp_path / "c"), "--count", "2", "--formats", "text,docx"])
    assert result.exit_code == 2 and "unknown format docx" in result.output
    assert not (tmp_path / "c").exists()


def test_missing_pdf_extra_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _HIDE:
        monkeypatch.setitem(sys.modules, name, None)  # import now raises ImportError
    assert not synth_pdf.available()
    with pytest.raises(synth_pdf.MissingExtra, match=re.escape(synth_pdf.INSTALL_HINT)):
        synth.write_corpus(tmp_path / "api", 5, seed=1, formats=("text", "pdf"))
    assert not (tmp_path / "api").exists()  # refused before writing anything
    result = CliRunner().invoke(main, ["synth", str(tmp_path / "cli"), "--count", "5", "--formats", "text,pdf"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "PDF output needs the pdf extra: pip install 'imr-search[pdf]'" in result.output
    assert "Traceback" not in result.output
    # text and HTML need nothing extra
    assert CliRunner().invoke(main, ["synth", str(tmp_path / "t"), "-n", "5", "--formats", "text,html"]).exit_code == 0
