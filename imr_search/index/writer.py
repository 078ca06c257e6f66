"""Building an index: walk, parse in parallel, de-duplicate, write, switch.

Parsing runs in worker processes (one per core); the parent owns the single
Tantivy writer, kept open to the end of the build. Duplicates (one case in
two shapes or files: same id, or same fingerprint) are resolved as they
arrive: the copy with the most fields stays, the other's documents are
deleted and it is reported. Only a complete build is published (see
``store``), so a failed or interrupted one leaves the previous index live.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import msgspec
import tantivy

from .. import corpus
from ..errors import IndexBuildError
from ..records import Letter
from ..workers import PARSE_TIMEOUT, Result, parse_all, parse_one
from . import store
from .schema import EXACT_SUFFIX, build_schema

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) as the build goes."""


@dataclass
class BuildReport:
    index: Path
    files: int = 0
    letters: int = 0
    items: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)
    """(dropped path, kept path, letter id)"""
    seconds: float = 0.0


def _io_reason(e: BaseException) -> str:
    text = str(e)
    if getattr(e, "errno", None) in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or re.search(
        r"No space left|File too large|Disk quota", text, re.I
    ):
        return "disk full"
    return getattr(e, "strerror", None) or re.sub(r"\s+", " ", text)[:120]


def completeness(letter: Letter) -> int:
    """How many fields a copy carries: the fuller copy of a duplicate wins."""
    score = sum(
        v is not None
        for v in (
            letter.case_number,
            letter.date_assigned,
            letter.date_of_injury,
            letter.decision_date,
            letter.ur_denial_date,
            letter.application_received,
            letter.priority,
            letter.patient.age,
            letter.patient.sex,
        )
    )
    score += len(letter.reviewer.specialties) + len(letter.reviewer.licensure) + len(letter.diagnoses)
    for it in letter.items:
        score += sum(v is not None for v in (it.category, it.body_part, it.quantity, it.frequency, it.duration))
        score += len(it.citations)
    return score


def _date(iso: str | None) -> datetime | None:
    if not iso:
        return None
    return datetime.fromisoformat(iso).replace(tzinfo=timezone.utc)


def item_documents(letter: Letter, letter_json: bytes, lno: int) -> list[tantivy.Document]:
    """One document per item, each carrying the letter's filter fields."""
    decided = _date(letter.decision_date)
    specialties = [s.lower() for s in letter.reviewer.specialties]
    summary = letter.summary
    if letter.diagnoses:
        summary = summary + "\n\n" + "; ".join(letter.diagnoses)
    docs = []
    for it in letter.items:
        d = tantivy.Document()
        d.add_text("id", letter.id)
        d.add_integer("item", it.item)
        d.add_integer("lno", lno)
        sections = {
            "treatment": f"{it.request}\n{it.treatment}",
            "rationale": it.rationale,
            "guideline": f"{it.claims_administrator_guideline}\n{it.reviewer_guideline}",
            "summary": summary,
        }
        for name, text in sections.items():
            d.add_text(name, text)
            d.add_text(name + EXACT_SUFFIX, text)
        d.add_text("outcome", it.outcome)
        d.add_text("treatment_name", it.treatment.lower())
        if it.category:
            d.add_text("category", it.category.lower())
        if it.subcategory:
            d.add_text("subcategory", it.subcategory.lower())
        if it.body_part:
            d.add_text("body", it.body_part)
        for s in specialties:
            d.add_text("specialty", s)
        for source in sorted({c.source.lower() for c in it.citations}):
            d.add_text("cites", source)
        d.add_text("case", (letter.case_number or letter.id).lower())
        if decided:
            d.add_date("decided", decided)
            d.add_integer("year", decided.year)
        if it.item == 1:
            d.add_bytes("letter", letter_json)
        docs.append(d)
    return docs


class _Tally:
    """Per-treatment counts, kept current as duplicates replace each other."""

    def __init__(self) -> None:
        self.treatments: dict[str, dict[str, object]] = {}

    def apply(self, items: list[tuple[str, str | None, str]], sign: int) -> None:
        for treatment, category, outcome in items:
            row = self.treatments.setdefault(treatment, {"category": category, "items": 0, "upheld": 0, "overturned": 0})
            row["items"] = int(row["items"]) + sign  # type: ignore[call-overload]
            row[outcome] = int(row[outcome]) + sign  # type: ignore[call-overload]

    def table(self) -> dict[str, dict[str, object]]:
        return {k: v for k, v in sorted(self.treatments.items()) if int(v["items"]) > 0}  # type: ignore[call-overload]


def build(
    paths: Iterable[str | os.PathLike[str]],
    root: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    timeout: float = PARSE_TIMEOUT,
) -> BuildReport:
    """Build a fresh index from the letters under ``paths`` and make it live."""
    started = time.perf_counter()
    root = store.resolve(root)
    report = BuildReport(index=root)
    candidates: list[str] = []
    for path, problem in corpus.walk(paths):
        if problem is None:
            candidates.append(str(path))
        else:
            report.skipped.append((str(path), problem))
    report.files = len(candidates) + len(report.skipped)

    with store.locked(root):
        try:
            store.remove_stale(root)
            version = store.new_version(root)
        except OSError as e:
            raise IndexBuildError(f"cannot write to {root}: {e.strerror or e}; the previous index is unchanged") from None
        try:
            _write(version, candidates, report, jobs, progress, timeout)
            store.publish(root, version)
        except BaseException as e:
            shutil.rmtree(version, ignore_errors=True)
            if isinstance(e, (OSError, ValueError)):
                raise IndexBuildError(
                    f"could not write the index in {root} ({_io_reason(e)}); the previous index is unchanged"
                ) from None
            raise
        store.remove_stale(root, keep=version)
    report.seconds = time.perf_counter() - started
    return report


def _write(
    version: Path, candidates: list[str], report: BuildReport, jobs: int | None, progress: Progress | None, timeout: float
) -> None:
    """Parse into a spool file, settle duplicates, then index the winners.

    Settling duplicates before writing means no document is ever deleted:
    the index stays compact and Tantivy's statistics stay exact.
    """
    decoder = msgspec.json.Decoder(Letter)
    # id -> (score, path, fingerprint, spool offset, length)
    kept: dict[str, tuple[int, str, str, int, int]] = {}
    by_fingerprint: dict[str, str] = {}
    jobs = jobs or os.cpu_count() or 1
    total = len(candidates)

    def results() -> Iterable[Result]:
        # Small text-only sets parse in this process; anything else in workers
        # with a per-file time limit (a PDF can hang its library).
        if total < 64 and not any(p.lower().endswith(".pdf") for p in candidates):
            return map(parse_one, candidates)
        return parse_all(candidates, jobs, timeout=timeout)

    spool_path = version / "spool.jsonl"
    with open(spool_path, "w+b") as spool:
        done = 0
        for path, data, reason in results():
            done += 1
            if progress:
                progress(done, total)
            if data is None:
                report.skipped.append((path, reason or "unreadable"))
                continue
            letter = decoder.decode(data)
            score = completeness(letter)
            rival_id = letter.id if letter.id in kept else by_fingerprint.get(letter.fingerprint)
            if rival_id is not None:
                r_score, r_path, r_fp, _, _ = kept[rival_id]
                if (score, r_path) > (r_score, path):  # fuller copy wins; ties go to the first path by name
                    del kept[rival_id]
                    by_fingerprint.pop(r_fp, None)
                    report.duplicates.append((r_path, path, letter.id))
                else:
                    report.duplicates.append((path, r_path, rival_id))
                    continue
            offset = spool.tell()
            spool.write(data)
            kept[letter.id] = (score, path, letter.fingerprint, offset, len(data))
            by_fingerprint[letter.fingerprint] = letter.id

        index = tantivy.Index(build_schema(), str(version))
        writer = index.writer(heap_size=256_000_000, num_threads=max(1, min(4, os.cpu_count() or 1)))
        tally = _Tally()
        labels: dict[str, set[str]] = {"specialties": set()}
        for lno, letter_id in enumerate(sorted(kept, key=lambda k: kept[k][3])):
            _, _, _, offset, length = kept[letter_id]
            spool.seek(offset)
            data = spool.read(length)
            letter = decoder.decode(data)
            tally.apply([(it.treatment, it.category, it.outcome) for it in letter.items], +1)
            labels["specialties"].update(letter.reviewer.specialties)
            report.items += len(letter.items)
            for doc in item_documents(letter, data, lno):
                writer.add_document(doc)
        report.letters = len(kept)
        writer.commit()
        writer.wait_merging_threads()
    spool_path.unlink()
    store.write_meta(
        version,
        {
            "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "letters": report.letters,
            "items": report.items,
            "treatments": tally.table(),
            "specialties": sorted(labels["specialties"]),
        },
    )
