"""Commands that work on letter files: ``parse`` them, ``index`` them, ``synth`` write generated ones.

Problems with single files are reported on stderr as ``path: reason`` and
never stop the run; the exit status says whether anything failed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import IndexProblem
from ..read import corpus
from ..records import Letter, counted, letter_from_json
from . import tables, text
from .index_option import index_option
from .output import Format, emit, format_option, warn


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
def parse(paths: tuple[Path, ...], fmt: Format) -> None:
    """Parse letter files (or folders of them) into records.

    Exit status 1 if any file could not be read as a letter.
    """
    from ..index.workers import parse_files

    counts = {"ok": 0, "failed": 0, "items": 0}
    started = time.perf_counter()
    walked = list(corpus.walk(paths))
    parsed = iter(parse_files([str(p) for p, problem in walked if problem is None]))  # both cores, in file order

    def letters() -> Iterator[Letter]:
        for path, problem in walked:
            data = None
            if problem is None:
                _, data, problem, _ = next(parsed)
            if data is None:
                counts["failed"] += 1
                warn(f"{path}: {problem}")
                continue
            counts["ok"] += 1
            if fmt == "json":
                yield data  # type: ignore[misc]  # the worker's JSON, written as it is (see write_json)
                continue
            letter = letter_from_json(data)
            counts["items"] += len(letter.items)
            yield letter

    emit(fmt, letters(), text.letter_summary, tables.LETTERS)
    if fmt == "text":
        parsed = f"{counted(counts['ok'], 'letter')} ({counted(counts['items'], 'item')})"
        warn(f"parsed {parsed}, {counts['failed']} failed, in {time.perf_counter() - started:.2f}s")
    if counts["failed"]:
        sys.exit(1)


class Progress:
    """A progress bar on a terminal, plain lines every few seconds elsewhere."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done != total and now - self.last < (0.1 if self.tty else 5.0):
            return
        self.last = now
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else 0.0
        if self.tty:
            width = 30
            filled = int(width * done / max(total, 1))
            bar = "█" * filled + "░" * (width - filled)
            sys.stderr.write(f"\r{bar} {done}/{total} files  {rate:,.0f}/s  ETA {eta:,.0f}s ")
            if done == total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(f"parsed {done}/{total} files, {rate:,.0f}/s, ETA {eta:,.0f}s\n")
        sys.stderr.flush()


@click.command("index")
@click.argument("corpus_paths", metavar="CORPUS...", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option()
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parser processes [default: all cores].")
@click.option("--strict", is_flag=True, help="Exit 1 if any file was skipped (for scripts).")
@click.option("--update", is_flag=True, help="Parse only new and changed files; drop deleted ones.")
def index_cmd(corpus_paths: tuple[Path, ...], index_dir: Path | None, jobs: int | None, strict: bool, update: bool) -> None:
    """Parse every letter under CORPUS and build the search index.

    Exit status 0 when at least one letter was indexed, 1 when none was (or,
    with --strict, when any file was skipped), 2 for usage errors.
    """
    from ..index import build

    try:
        report = build(corpus_paths, index_dir, jobs=jobs, progress=Progress(), update=update)
    except IndexProblem as e:
        warn(f"error: {e}")
        sys.exit(1)
    for path, reason in report.skipped:
        warn(f"skipped {path}: {reason}")
    for dropped, kept, letter_id in report.duplicates:
        warn(f"duplicate {dropped}: same case as {kept} ({letter_id}), kept the fuller copy")
    rate = report.parsed / report.seconds if report.seconds else 0.0
    parsed = counted(report.parsed, "new or changed file" if report.updated else "file")
    how = f"updated ({parsed} parsed)" if report.updated else f"parsed {parsed}"
    warn(
        f"indexed {counted(report.letters, 'letter')} ({counted(report.items, 'item')}) from {counted(report.files, 'file')} "
        f"into {report.index} in {report.seconds:.1f}s, {how}, {rate:,.0f} files/s; {len(report.skipped)} skipped, "
        f"{counted(len(report.duplicates), 'duplicate')}; {counted(report.noted, 'letter')} with parser notes"
    )
    if report.letters == 0 or (strict and report.skipped):
        sys.exit(1)


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--count", "-n", type=click.IntRange(min=1), default=300, show_default=True, help="Letters to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same letters.")
@click.option(
    "--formats",
    default="text",
    show_default=True,
    metavar="LIST",
    help="Comma-separated: text, pdf, html. With several, about 8 letters in 10 stay text "
    "and the rest are split among the others (pdf needs the pdf extra).",
)
@click.option(
    "--first-number",
    type=click.IntRange(min=0, max=9_000_000),
    default=0,
    show_default=True,
    help="Start case numbers above this, to add a slice with another seed to a corpus.",
)
def synth(out_dir: Path, count: int, seed: int, formats: str, first_number: int) -> None:
    """Write COUNT realistic generated letters into OUT_DIR."""
    from ..synth import MissingExtra, normalize_formats, write_corpus

    try:
        fmts = normalize_formats(formats)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--formats") from None
    started = time.perf_counter()
    try:
        stats = write_corpus(out_dir, count, seed=seed, formats=fmts, first_number=first_number)
    except MissingExtra as e:
        warn(f"error: {e}")
        sys.exit(1)
    elapsed = time.perf_counter() - started
    split = ""
    if fmts != ("text",):
        split = ": " + ", ".join(f"{n} {fmt}" for fmt, n in stats["formats"].items())
    warn(
        f"wrote {counted(stats['files'], 'file')} ({counted(stats['letters'], 'letter')}, "
        f"{counted(stats['duplicates'], 'duplicate')}{split}) "
        f"to {out_dir} in {elapsed:.1f}s"
    )
