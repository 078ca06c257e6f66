"""Building an index: walk, parse in parallel, de-duplicate, write, switch.

Parsing runs in worker processes (one per core); the parent owns the single
Tantivy writer, kept open to the end of the build. Duplicates (one case in
two shapes or files: same id, or same fingerprint) are settled as they
arrive: the copy with the most fields stays and the other is reported. Only
a complete build is published (see ``store``), so a failed or interrupted
one leaves the previous index live.

A manifest of every file seen (path, size, mtime, content hash, and what
became of it) lets ``update=True`` parse only new and changed files: the
new version starts as hard links to the live one's segments, new letters
go into a new segment, and letters that were removed or replaced are
tombstoned (listed in the metadata and filtered out of every query) rather
than deleted, because Tantivy's scoring must never see a term in more
documents than it counts. A full rebuild clears the tombstones.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

import msgspec
import tantivy

from ..read import corpus
from ..errors import IndexBuildError, IndexProblem, is_engine_panic
from ..records import Item, Letter, letter_from_json
from ..vocab.guidelines import NONE_KEY, administrator_rows, key_text, reviewer_rows, spelling
from .workers import PARSE_TIMEOUT, Result, parse_files
from . import letter_store, store
from .all_items import STATS_KEY, all_items_stats, treatment_table
from .schema import (
    CITED_BY_ADMINISTRATOR,
    CITED_BY_REVIEWER,
    CITED_KEY,
    EXACT_SUFFIX,
    GRAM_SUFFIX,
    build_schema,
    gram_text,
    section_values,
    without_letters,
)

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
    parsed: int = 0
    """Files parsed this run (all of them for a rebuild; new and changed ones for an update)."""
    updated: bool = False
    noted: int = 0
    """Letters indexed from the files parsed this run on which the parser left notes (what it had to guess)."""
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each phase of the build, in order: parsing (the workers, duplicates settled as
    they come), documents (the letters' documents handed to Tantivy), commit, merge (Tantivy's
    merges after the commit), finish (the manifest and the metadata). What a profile of a slow build starts from."""


def _io_reason(e: BaseException, where: Path) -> str:
    """Name the cause of a failed write in words a user can act on.

    Tantivy's writer threads report a full disk only as "io::Error", so a
    small probe write tells a full disk from other failures.
    """
    text = str(e)
    if getattr(e, "errno", None) in _FULL or re.search(r"No space left|File too large|Disk quota", text, re.I):
        return "disk full"
    probe = where / ".imr-probe"
    try:
        with open(probe, "wb") as f:
            f.write(b"\0" * (1 << 20))
            f.flush()
            os.fsync(f.fileno())
    except OSError as pe:
        if pe.errno in _FULL:
            return "disk full"
        return pe.strerror or str(pe)
    finally:
        probe.unlink(missing_ok=True)
    return getattr(e, "strerror", None) or re.sub(r"\s+", " ", text)[:160]


_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


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


def item_documents(letter: Letter, stored: bytes, lno: int) -> list[tantivy.Document]:
    """One document per item, each carrying the letter's filter fields; the first stores the letter (``letter_store``).

    The searchable sections hold what ``schema.SECTION_FIELDS`` says, the
    same texts the query layer cuts snippets and hits from.
    """
    decided = _date(letter.decision_date)
    specialties = [s.lower() for s in letter.reviewer.specialties]
    grams: dict[str, str] = {}  # the letter's own texts are on every item: their pairs are found once
    docs = []
    for it in letter.items:
        d = tantivy.Document()
        d.add_text("id", letter.id)
        d.add_integer("item", it.item)
        d.add_integer("lno", lno)
        for name, texts in section_values(letter, it).items():
            for text in texts:
                d.add_text(name, text)
                d.add_text(name + EXACT_SUFFIX, text)
                pairs = grams.get(text)
                if pairs is None:
                    pairs = grams[text] = gram_text(text)
                if pairs:
                    d.add_text(name + GRAM_SUFFIX, pairs)
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
        for source in sorted({c.source.lower() for c in it.citations if c.by == "reviewer"}):
            d.add_text("cites", source)  # what the decision rests on: `cites:` and stats count the reviewer's
        d.add_text("case", (letter.case_number or letter.id).lower())
        _add_cited(d, it)
        if decided:
            d.add_date("decided", decided)
            d.add_integer("year", decided.year)
        if it.item == 1:
            d.add_bytes("letter", stored)
        docs.append(d)
    return docs


def _add_cited(d: tantivy.Document, it: Item) -> None:
    """The citator's fields: the item's guideline sections under their one name each."""
    for key, c in reviewer_rows(it).items() or [(NONE_KEY, None)]:
        d.add_text(CITED_BY_REVIEWER, spelling(c))
        d.add_text(CITED_KEY, key_text(key))
    for c in administrator_rows(it).values() or [None]:
        d.add_text(CITED_BY_ADMINISTRATOR, spelling(c))


MANIFEST = "manifest.json"
TOMBSTONE_LIMIT = 0.25
"""An update that would leave more than this share of documents tombstoned rebuilds instead."""


class Entry(msgspec.Struct, array_like=True, omit_defaults=True, gc=False):
    """What became of one file: indexed (with its letter's ordinal), duplicate, or skipped.

    Not tracked by the garbage collector (it holds only strings and numbers,
    so it can be in no cycle): 16 bytes less a file, two million times over.
    """

    size: int
    mtime_ns: int
    hash: str
    status: str
    id: str | None = None
    lno: int | None = None
    fingerprint: str | None = None
    score: int = 0
    headed: bool = False
    """The letter carried its own case number (a header)."""
    reason: str | None = None


class Manifest(msgspec.Struct):
    files: dict[str, Entry] = msgspec.field(default_factory=dict)
    next_lno: int = 0
    tombstones: list[int] = msgspec.field(default_factory=list)
    first_indexed: dict[str, datetime] = msgspec.field(default_factory=dict)
    """Letter id -> when a build first published it; carried through updates
    and rebuilds, so "new since" means new to the user, not newly rebuilt."""


class _Build:
    """One run's state: the writer, the manifest being made, and the kept letters."""

    def __init__(self, version: Path, index: tantivy.Index, manifest: Manifest, report: BuildReport) -> None:
        self.version = version
        self.index = index
        self.writer = index.writer(heap_size=256_000_000, num_threads=max(1, min(4, os.cpu_count() or 1)))
        self.manifest = manifest
        self.report = report
        self.tombstones = set(manifest.tombstones)
        # Letters parsed this run are spooled and written at the end, once
        # duplicates are settled: a copy that loses is never written, so a
        # rebuild leaves no tombstones (each one costs every query a filter).
        self.spool = open(version / "spool.jsonl", "w+b")
        # Where each letter parsed this run lies in the spool, by ordinal: this run's ordinals are
        # consecutive from ``first``, so two flat arrays (16 bytes a letter, not a dict's ~130).
        self.first = manifest.next_lno
        self.offsets, self.lengths = array("q"), array("q")
        self.kept: dict[str, str] = {}  # id -> path
        self.by_fingerprint: dict[str, str] = {}
        self.specialties: set[str] = set()  # names as letters spell them, for the app's pickers
        self.noted: set[str] = set()  # ids of kept letters parsed this run that carry parser notes
        for path, e in manifest.files.items():
            if e.status == "indexed" and e.id is not None:
                self.kept[e.id] = path
                if e.fingerprint:
                    self.by_fingerprint[e.fingerprint] = e.id

    def drop(self, path: str) -> Entry | None:
        """Forget a file; tombstone its letter if it was the indexed copy."""
        e = self.manifest.files.pop(path, None)
        if e is not None and e.status == "indexed" and e.id is not None:
            if self._spooled_here(e.lno):
                self.lengths[e.lno - self.first] = -1  # never written
            elif e.lno is not None:
                self.tombstones.add(e.lno)
            self.kept.pop(e.id, None)
            self.noted.discard(e.id)
            if e.fingerprint:
                self.by_fingerprint.pop(e.fingerprint, None)
        return e

    def add(self, result: Result) -> None:
        """Settle one parsed file against the kept letters, and index it if it wins."""
        path, data, reason, stamp = result
        size, mtime, digest = stamp or (-1, -1, "")
        if data is None:
            self.report.skipped.append((path, reason or "unreadable"))
            self.manifest.files[path] = Entry(size, mtime, digest, "skipped", reason=reason)
            return
        letter = letter_from_json(data)
        self.specialties.update(letter.reviewer.specialties)
        score = completeness(letter)
        headed = letter.case_number is not None
        entry = Entry(size, mtime, digest, "indexed", id=letter.id, fingerprint=letter.fingerprint, score=score, headed=headed)
        rival_id = letter.id if letter.id in self.kept else self.by_fingerprint.get(letter.fingerprint)
        if rival_id is not None and rival_id != letter.id and headed and self.manifest.files[self.kept[rival_id]].headed:
            rival_id = None  # two case numbers: two cases, however alike their text
        if rival_id is not None:
            rival_path = self.kept[rival_id]
            rival = self.manifest.files[rival_path]
            if (score, rival_path) > (rival.score, path):  # the fuller copy wins; ties go to the first path by name
                self.drop(rival_path)
                self.manifest.files[rival_path] = msgspec.structs.replace(
                    rival, status="duplicate", lno=None, reason=f"same case as {path}"
                )
                self.report.duplicates.append((rival_path, path, letter.id))
            else:
                self.manifest.files[path] = msgspec.structs.replace(entry, status="duplicate", reason=f"same case as {rival_path}")
                self.report.duplicates.append((path, rival_path, rival_id))
                return
        entry.lno = self.manifest.next_lno
        self.manifest.next_lno += 1
        self.manifest.files[path] = entry
        self.kept[letter.id] = path
        self.by_fingerprint[letter.fingerprint] = letter.id
        if letter.notes:
            self.noted.add(letter.id)
        self.offsets.append(self.spool.tell())
        self.lengths.append(len(data))
        self.spool.write(data)

    def _spooled_here(self, lno: int | None) -> bool:
        """The letter ``lno`` was parsed this run and waits in the spool."""
        return lno is not None and 0 <= lno - self.first < len(self.lengths) and self.lengths[lno - self.first] >= 0

    def _pending(self) -> Iterator[int]:
        """The ordinals waiting in the spool, in order."""
        return (self.first + i for i, n in enumerate(self.lengths) if n >= 0)

    def _spooled(self, lno: int) -> bytes:
        self.spool.seek(self.offsets[lno - self.first])
        return self.spool.read(self.lengths[lno - self.first])

    def finish(self) -> None:
        phases, started = self.report.phases, time.perf_counter()
        # Duplicates are settled: the tables that settled them go before Tantivy's heap fills.
        kept, self.kept, self.by_fingerprint = sorted(self.kept), {}, {}
        step = max(1, sum(n >= 0 for n in self.lengths) // letter_store.SAMPLES)  # a sample from the whole build, not its first files
        codec = letter_store.for_build(
            self.version, lambda: [self._spooled(n) for n in islice(self._pending(), 0, step * letter_store.SAMPLES, step)]
        )
        for lno in self._pending():
            data = self._spooled(lno)
            for doc in item_documents(letter_from_json(data), codec.encode(data), lno):
                self.writer.add_document(doc)
        self.spool.close()
        (self.version / "spool.jsonl").unlink()
        started = _lap(phases, "documents", started)
        self.writer.commit()
        started = _lap(phases, "commit", started)
        self.writer.wait_merging_threads()
        started = _lap(phases, "merge", started)
        # What only writing needed goes before the manifest is made: the writer's memory
        # (its indexing heap) and the spool's places, so a big build's peak is not at its end.
        del self.writer
        self.offsets, self.lengths = array("q"), array("q")
        self.index.reload()
        self.manifest.tombstones = sorted(self.tombstones)
        now, known = datetime.now(timezone.utc), self.manifest.first_indexed
        self.manifest.first_indexed = {i: known.get(i, now) for i in kept}
        with open(self.version / MANIFEST, "wb") as f:
            write_chunked(f, self.manifest)
            f.flush()
            os.fsync(f.fileno())
        searcher = self.index.searcher()
        alive = without_letters(tantivy.Query.all_query(), self.index.schema, self.manifest.tombstones)
        self.report.letters = len(kept)
        self.report.noted = len(self.noted)
        self.report.items = searcher.search(alive, 1, count=True).count or 0
        store.write_meta(
            self.version,
            {
                "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "letters": self.report.letters,
                "items": self.report.items,
                "treatments": treatment_table(searcher, alive),
                STATS_KEY: all_items_stats(searcher, alive),
                "specialties": sorted(self.specialties),
                "tombstones": self.manifest.tombstones,
            },
        )
        _lap(phases, "finish", started)


def write_chunked(f: BinaryIO, struct: msgspec.Struct, chunk: int = 50_000) -> None:
    """Write ``struct`` as ``msgspec.json.encode`` would, byte for byte, its dict fields a chunk at a time.

    A manifest of two million files is about 460 MB of JSON: encoded whole,
    it would sit in memory beside everything it was made from.
    """
    encode = msgspec.json.Encoder().encode
    f.write(b"{")
    for n, name in enumerate(struct.__struct_fields__):
        value = getattr(struct, name)
        f.write((b"," if n else b"") + encode(name) + b":")
        if not isinstance(value, dict):
            f.write(encode(value))
            continue
        f.write(b"{")
        items, written = iter(value.items()), False
        while part := dict(islice(items, chunk)):
            f.write((b"," if written else b"") + encode(part)[1:-1])
            written = True
        f.write(b"}")
    f.write(b"}")


def _lap(phases: dict[str, float], name: str, started: float) -> float:
    """Add the time since ``started`` to phase ``name``; the time now, for the next phase."""
    now = time.perf_counter()
    phases[name] = phases.get(name, 0.0) + now - started
    return now


def build(
    paths: Iterable[str | os.PathLike[str]],
    root: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    timeout: float = PARSE_TIMEOUT,
    update: bool = False,
) -> BuildReport:
    """Build the index from the letters under ``paths`` and make it live.

    With ``update``, start from the live index and parse only what changed
    since (new, changed and deleted files under ``paths``).
    """
    started = time.perf_counter()
    root = store.resolve(root)
    paths = list(paths)
    report = BuildReport(index=root)
    candidates: list[str] = []
    for path, problem in corpus.walk(paths):
        if problem is None:
            candidates.append(os.path.abspath(path))
        else:
            report.skipped.append((str(path), problem))
    report.files = len(candidates) + len(report.skipped)

    with store.locked(root):
        try:
            store.remove_stale(root)
            live = _live_manifest(root)
            base = live if update else None
            carried = live[1].first_indexed if live else {}
            version = store.new_version(root)
        except OSError as e:
            raise IndexBuildError(f"cannot write to {root}: {e.strerror or e}; the previous index is unchanged") from None
        try:
            if base is not None:
                _update(base, version, paths, candidates, report, jobs, progress, timeout)
            else:
                _rebuild(version, candidates, report, jobs, progress, timeout, carried)
            store.publish(root, version)
        except BaseException as e:
            shutil.rmtree(version, ignore_errors=True)
            if isinstance(e, (OSError, ValueError)):
                raise IndexBuildError(
                    f"could not write the index in {root} ({_io_reason(e, root)}); the previous index is unchanged"
                ) from None
            if is_engine_panic(e):
                raise IndexBuildError(f"the index engine failed in {root} ({str(e)[:120]}); the previous index is unchanged") from e
            raise
        store.remove_stale(root, keep=version)
    report.seconds = time.perf_counter() - started
    return report


def _run(b: _Build, todo: list[str], jobs: int | None, progress: Progress | None, timeout: float) -> None:
    started = time.perf_counter()
    for done, result in enumerate(parse_files(todo, jobs, timeout), 1):
        if progress:
            progress(done, len(todo))
        b.add(result)
    b.report.parsed = len(todo)
    b.report.phases["parse"] = time.perf_counter() - started


def _rebuild(
    version: Path,
    candidates: list[str],
    report: BuildReport,
    jobs: int | None,
    progress: Progress | None,
    timeout: float,
    first_indexed: dict[str, datetime],
) -> None:
    index = tantivy.Index(build_schema(), str(version))
    b = _Build(version, index, Manifest(first_indexed=first_indexed), report)
    _run(b, candidates, jobs, progress, timeout)
    b.finish()


def _live_manifest(root: Path) -> tuple[Path, Manifest, dict] | None:
    """The live version, its manifest and metadata, or None when an update must rebuild."""
    try:
        live = store.current(root)
        meta = store.read_meta(live)
        manifest = msgspec.json.decode((live / MANIFEST).read_bytes(), type=Manifest)
    except (IndexProblem, OSError, msgspec.DecodeError):
        return None
    return live, manifest, meta


def _update(
    base: tuple[Path, Manifest, dict],
    version: Path,
    roots: list[str | os.PathLike[str]],
    candidates: list[str],
    report: BuildReport,
    jobs: int | None,
    progress: Progress | None,
    timeout: float,
) -> None:
    live, manifest, meta = base
    tops = [os.path.abspath(r) for r in roots]
    seen = set(candidates)
    todo: list[str] = []
    still_skipped: list[tuple[str, str]] = []
    for path in candidates:
        e = manifest.files.get(path)
        try:
            st = os.stat(path)
        except OSError:
            todo.append(path)
            continue
        if e is None or (e.size, e.mtime_ns) != (st.st_size, st.st_mtime_ns):
            todo.append(path)
        elif e.status == "skipped":
            still_skipped.append((path, e.reason or "unreadable"))
    # Deleted: files of the named folders (or the named files) not found now.
    gone = [p for p in manifest.files if p not in seen and any(p == t or p.startswith(t + os.sep) for t in tops)]
    leaving = [manifest.files[p] for p in gone + todo if p in manifest.files]
    tombstones = len(manifest.tombstones) + sum(e.status == "indexed" for e in leaving)
    if tombstones > TOMBSTONE_LIMIT * max(1, manifest.next_lno - tombstones):
        # Too much has changed: a rebuild is smaller and clears the tombstones.
        _rebuild(version, candidates, report, jobs, progress, timeout, manifest.first_indexed)
        return
    report.skipped.extend(still_skipped)  # unchanged files that still are not letters
    report.updated = True
    _clone(live, version)
    b = _Build(version, tantivy.Index.open(str(version)), manifest, report)
    orphaned = {e.id for e in (b.drop(p) for p in gone + todo) if e is not None and e.status == "indexed" and e.id}
    # A kept letter that went away may have a duplicate copy that should now stand.
    revived = [p for p, e in manifest.files.items() if e.status == "duplicate" and e.id in orphaned and p in seen]
    for p in revived:
        manifest.files.pop(p)
    b.specialties.update(meta.get("specialties", []))
    _run(b, sorted(set(todo + revived)), jobs, progress, timeout)
    b.finish()


def _clone(live: Path, version: Path) -> None:
    """Start a version as hard links to the live one's immutable segment files."""
    for f in live.iterdir():
        if f.name.startswith(".tantivy-") or f.name in (store.META, MANIFEST):
            continue
        if f.name in ("meta.json", ".managed.json"):
            shutil.copy2(f, version / f.name)
        else:
            os.link(f, version / f.name)
