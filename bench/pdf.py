"""PDF text extraction: speed and fidelity of candidate libraries, on one core.

For each library installed, extracts every real letter in ../shared/real
(skipped cleanly where absent), parses the text, and compares the record with
the one parsed from the letter's published text twin, on every field but
``source``, ``shape`` and ``fingerprint`` (the fingerprint is counted apart).
Then times extraction alone in CPU time, repeating the set until the time
is stable.

A second table is about throughput on a generated PDF corpus (``synth
--formats pdf``, needs the ``pdf`` extra; skipped cleanly without it): how
fast ReportLab writes the letters, PDF letters parsed per second per core by
``parse_file`` (target 100+), how that time splits between text extraction
(``pdftext.pdf_bytes_to_text``) and the rest of ``parse_file`` (reading,
layout, fields), the same letters as text files for comparison, and an
index build (``index.writer.build([dir], tmp, jobs=1)``, one worker process)
with the share of its time spent in text extraction.
Prints both tables and writes them to ``bench/results/pdf.json``.

    python bench/pdf.py [--seconds 3] [--cpu 0] [--generated 2000] [--seed 7]

Candidates:

* ``pypdfium2``: the project's extractor (``imr_search.read.pdf``), pdfium's
  text layer plus line geometry for the paragraph breaks.
* ``pypdf``: ``extract_text()`` per page joined by newlines, the way the
  twins were made (so it matches them by construction); needs
  ``cryptography`` for the letters' AES encryption.
* ``pdfminer.six``: its characters grouped into lines by baseline, then the
  same paragraph, header and footer logic as the project's extractor.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from imr_search.read import pdf as pdftext  # noqa: E402
from imr_search.errors import LetterError  # noqa: E402
from imr_search.parse import parse_file, parse_text  # noqa: E402

REAL = Path(os.environ.get("IMR_SHARED", ROOT.parent / "shared")) / "real"
IGNORED = ("source", "shape", "fingerprint")
LICENCES = {"pypdfium2": "Apache-2.0 OR BSD-3-Clause", "pypdf": "BSD-3-Clause", "pdfminer.six": "MIT"}

Extract = Callable[[bytes], str]


def _pypdfium2() -> Extract:
    return pdftext.pdf_bytes_to_text


def _pypdf() -> Extract:
    import pypdf

    def extract(data: bytes) -> str:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LetterError("encrypted: needs a password")
        return "\n".join(page.extract_text() for page in reader.pages)

    return extract


def _pdfminer() -> Extract:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    def extract(data: bytes) -> str:
        doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        pages = []
        for page in PDFPage.create_pages(doc):
            interpreter.process_page(page)
            rows: list[list] = []  # [baseline, x0, x1, chars]
            for ch in device.get_result():
                if not isinstance(ch, LTChar):
                    continue
                y = ch.matrix[5]
                if rows and abs(rows[-1][0] - y) < 2 and ch.x0 >= rows[-1][2] - 1:
                    rows[-1][3].append(ch.get_text())
                    rows[-1][2] = max(rows[-1][2], ch.x1)
                else:
                    rows.append([y, ch.x0, ch.x1, [ch.get_text()]])
            lines, blanks = [], []
            for y, x0, x1, chars in rows:
                text = "".join(chars)
                if text.strip():
                    lines.append(pdftext._Line(text.rstrip(), y, x0, x1))
                else:
                    blanks.append(y)
            pages.append(pdftext._Page(lines, blanks))
        return pdftext._layout(pdftext._drop_running_lines(pages))

    return extract


CANDIDATES: dict[str, Callable[[], Extract]] = {"pypdfium2": _pypdfium2, "pypdf": _pypdf, "pdfminer.six": _pdfminer}


def _record(letter) -> dict:
    data = msgspec.to_builtins(letter)
    return {k: v for k, v in data.items() if k not in IGNORED}


def _fidelity(extract: Extract, pdfs: list[Path]) -> dict:
    matches, same_fp = 0, 0
    differing: dict[str, list[str]] = {}
    for pdf in pdfs:
        want = parse_file(pdf.with_suffix(".txt"))
        try:
            got = parse_text(extract(pdf.read_bytes()), source=str(pdf))
        except Exception as e:  # noqa: BLE001 - a candidate's failure is a result
            differing[pdf.stem] = [f"error: {type(e).__name__}: {e}"]
            continue
        a, b = _record(got), _record(want)
        fields = sorted(k for k in b if a.get(k) != b[k])
        if fields:
            differing[pdf.stem] = fields
        else:
            matches += 1
        same_fp += got.fingerprint == want.fingerprint
    return {"matching": matches, "fingerprint_equal": same_fp, "differing": differing}


def _speed(extract: Extract, blobs: list[bytes], seconds: float) -> dict:
    """PDFs per second of CPU time (what one core gives, even on a busy
    machine where other processes take turns on it), and per wall-clock second."""
    for data in blobs[:2]:  # warm up imports and caches
        try:
            extract(data)
        except Exception:  # noqa: BLE001
            pass
    cpu: list[float] = []
    rounds = 0
    wall_started = time.perf_counter()
    while rounds < 2 or sum(cpu) < seconds:
        for data in blobs:
            t0 = time.process_time()
            try:
                extract(data)
            except Exception:  # noqa: BLE001
                pass
            cpu.append(time.process_time() - t0)
        rounds += 1
    wall = time.perf_counter() - wall_started
    return {
        "rounds": rounds,
        "pdfs_per_s": round(len(cpu) / sum(cpu), 1),
        "median_ms": round(statistics.median(cpu) * 1000, 2),
        "wall_pdfs_per_s": round(len(cpu) / wall, 1),
    }


def _pin(cpu: int | None) -> str:
    """Run on one core, so the figure is per core whatever the machine."""
    if not hasattr(os, "sched_setaffinity"):
        return "unpinned"
    allowed = sorted(os.sched_getaffinity(0))
    chosen = cpu if cpu in allowed else allowed[0]
    os.sched_setaffinity(0, {chosen})
    return f"cpu {chosen}"


def _generated(count: int, seed: int) -> dict[str, Any] | None:
    """Throughput on ``count`` generated PDF letters; None when the pdf extra is missing."""
    from imr_search import synth
    from imr_search.synth import pdf as synth_pdf
    from imr_search.index.writer import build

    if not synth_pdf.available():
        print(f"generated corpus: skipped ({synth_pdf.INSTALL_HINT})")
        return None
    tmp = Path(tempfile.mkdtemp(prefix="imr-bench-pdf-"))
    try:
        pdf_dir, text_dir = tmp / "pdf", tmp / "text"
        synth.write_corpus(tmp / "warm", 5, seed=seed + 1, formats=("pdf",))  # imports, font metrics
        t0 = time.process_time()
        stats = synth.write_corpus(pdf_dir, count, seed=seed, formats=("pdf",))
        gen_cpu = time.process_time() - t0
        synth.write_corpus(text_dir, count, seed=seed)
        pdfs = sorted(pdf_dir.iterdir())
        texts = sorted(text_dir.iterdir())
        blobs = [p.read_bytes() for p in pdfs]
        pages = 0
        for data in blobs[:200]:
            doc = pdfium.PdfDocument(data, password="")
            pages += len(doc)
            doc.close()
        for p in pdfs[:20]:  # warm up
            parse_file(p)

        def each(fn: Callable[[Any], Any], args: list[Any]) -> list[float]:
            out = []
            for a in args:
                t = time.process_time()
                fn(a)
                out.append(time.process_time() - t)
            return out

        parse_times = each(parse_file, pdfs)
        extract_times = each(pdftext.pdf_bytes_to_text, blobs)
        text_times = each(parse_file, texts)
        parse_s, extract_s = sum(parse_times), sum(extract_times)

        index_dir = tmp / "index"
        t_wall = time.perf_counter()
        t_cpu = time.process_time()
        report = build([pdf_dir], index_dir, jobs=1)
        build_wall = time.perf_counter() - t_wall
        build_parent_cpu = time.process_time() - t_cpu
        if report.letters != count or report.skipped:
            print(f"warning: index holds {report.letters} of {count} letters; skipped {report.skipped[:3]}")
        return {
            "letters": count,
            "files": stats["files"],
            "seed": seed,
            "command": f"imr-search synth DIR --count {count} --seed {seed} --formats pdf",
            "mb": round(sum(map(len, blobs)) / 1e6, 2),
            "mean_pages": round(pages / min(200, len(blobs)), 2),
            "writer": {"library": "reportlab", "version": metadata.version("reportlab"), "licence": "BSD-3-Clause",
                       "letters_per_s": round(stats["files"] / gen_cpu, 1),
                       "ms_per_letter": round(gen_cpu / stats["files"] * 1000, 2)},
            "parse_file_pdfs_per_s": round(len(pdfs) / parse_s, 1),
            "parse_file_median_ms": round(statistics.median(parse_times) * 1000, 2),
            "extract_pdfs_per_s": round(len(blobs) / extract_s, 1),
            "extract_share_of_parse_file": round(extract_s / parse_s, 3),
            "rest_of_parse_file_ms": round((parse_s - extract_s) / len(pdfs) * 1000, 2),
            "same_letters_as_text_per_s": round(len(texts) / sum(text_times), 1),
            "index_build": {
                "jobs": 1,
                "wall_s": round(build_wall, 2),
                "parent_cpu_s": round(build_parent_cpu, 2),
                "letters_per_s": round(report.letters / build_wall, 1),
                "indexed": report.letters,
                "extract_share_of_build": round(extract_s / build_wall, 3),
                "parse_file_share_of_build": round(parse_s / build_wall, 3),
            },
            "target_pdfs_per_s": 100,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _real(args: argparse.Namespace, core: str) -> dict[str, Any] | None:
    pdfs = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
    pdfs = [p for p in pdfs if p.with_suffix(".txt").is_file()]
    if not pdfs:
        print(f"real letters: skipped, none (PDF with .txt twin) in {REAL}")
        return None
    blobs = [p.read_bytes() for p in pdfs]

    rows: list[dict[str, Any]] = []
    for name, make in CANDIDATES.items():
        try:
            version = metadata.version(name)
            extract = make()
        except (metadata.PackageNotFoundError, ImportError) as e:
            print(f"{name}: not installed ({e}), skipped")
            continue
        row: dict[str, Any] = {"library": name, "version": version, "licence": LICENCES[name]}
        row.update(_fidelity(extract, pdfs))
        row.update(_speed(extract, blobs, args.seconds))
        rows.append(row)

    n = len(pdfs)
    print(f"{n} real letters, {sum(map(len, blobs)) / 1e6:.2f} MB, one core ({core}), CPU time")
    print(f"{'library':<14} {'version':<10} {'PDFs/s':>8} {'(wall)':>8} {'median ms':>10} {'records':>8} {'fingerprint':>12}  licence")
    for r in rows:
        print(
            f"{r['library']:<14} {r['version']:<10} {r['pdfs_per_s']:>8,.1f} {r['wall_pdfs_per_s']:>8,.1f} {r['median_ms']:>10.2f} "
            f"{r['matching']:>5}/{n:<2} {r['fingerprint_equal']:>9}/{n:<2}  {r['licence']}"
        )
        for stem, fields in r["differing"].items():
            print(f"    {stem}: {', '.join(fields)}")
    return {
        "pdfs": n,
        "core": core,
        "compared": "parse_text(extract(pdf)) vs parse_file(twin .txt), all fields but " + ", ".join(IGNORED),
        "libraries": rows,
        "chosen": "pypdfium2",
        "target_pdfs_per_s": 100,
    }


def _print_generated(g: dict[str, Any], core: str) -> None:
    b = g["index_build"]
    w = g["writer"]
    print()
    print(f"{g['letters']} generated PDF letters ({g['files']} files, {g['mb']:.1f} MB, ~{g['mean_pages']} pages each), "
          f"one core ({core}), CPU time unless noted")
    print(f"  write (ReportLab {w['version']}):         {w['letters_per_s']:>8,.1f} letters/s  ({w['ms_per_letter']:.2f} ms each)")
    print(f"  parse_file on the PDFs:              {g['parse_file_pdfs_per_s']:>8,.1f} letters/s  "
          f"(median {g['parse_file_median_ms']:.2f} ms; target {g['target_pdfs_per_s']}+)")
    print(f"    of which text extraction:          {g['extract_share_of_parse_file']:>8.1%}    "
          f"({g['extract_pdfs_per_s']:,.1f} PDFs/s alone; rest {g['rest_of_parse_file_ms']:.2f} ms per letter)")
    print(f"  parse_file on the same letters as text: {g['same_letters_as_text_per_s']:>5,.1f} letters/s")
    print(f"  index build, jobs=1 (wall):          {b['letters_per_s']:>8,.1f} letters/s  ({b['wall_s']:.1f} s for {b['indexed']})")
    print(f"    share in text extraction:          {b['extract_share_of_build']:>8.1%}    "
          f"(all of parse_file: {b['parse_file_share_of_build']:.1%})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="minimum timing per library")
    ap.add_argument("--cpu", type=int, default=None, help="core to pin to (default: the first allowed)")
    ap.add_argument("--generated", type=int, default=2000, metavar="N", help="generated PDF letters (0: skip)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the generated corpus")
    args = ap.parse_args()

    core = _pin(args.cpu)
    result: dict[str, Any] = {}
    real = _real(args, core)
    if real:
        result.update(real)
    if args.generated > 0:
        generated = _generated(args.generated, args.seed)
        if generated:
            generated["core"] = core
            _print_generated(generated, core)
            result["generated"] = generated
    if not result:
        return
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "pdf.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
