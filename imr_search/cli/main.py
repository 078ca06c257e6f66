"""The ``imr-search`` command: a thin adapter over the core.

Every subcommand prints text for people by default and JSON Lines with
``--json`` (one object per line, streamed as results come), problems go to
stderr as ``path: reason``, and no input ever produces a traceback.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..read import corpus
from ..errors import IndexProblem, LetterError
from ..query import SearchIndex, open_index
from ..parse import parse_file
from ..records import OUTCOME_MARK, Letter, to_json
from ..query.results import Snippet


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _style(text: str, **kw: Any) -> str:
    return click.style(text, **kw) if _color() else text


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """The shared output switch: ``--json`` streams JSON Lines."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON Lines, one object per line.")(f)


def _emit_json(record: Any) -> None:
    sys.stdout.buffer.write(to_json(record) + b"\n")
    sys.stdout.flush()


def _warn(message: str) -> None:
    click.echo(message, err=True)




def _outcome(outcome: str) -> str:
    return _style(OUTCOME_MARK[outcome], fg="red" if outcome == "upheld" else "green", bold=outcome == "overturned")


def format_letter(letter: Letter) -> str:
    """A short human summary of one parsed letter."""
    upheld = sum(1 for it in letter.items if it.outcome == "upheld")
    head = [
        _style(letter.id, bold=True),
        letter.shape,
        f"decided {letter.decision_date}" if letter.decision_date else "undated",
    ]
    if letter.reviewer.specialties:
        head.append(", ".join(letter.reviewer.specialties))
    patient = " ".join(str(x) for x in (letter.patient.age, letter.patient.sex) if x)
    facts = [
        patient or "patient not stated",
        f"{len(letter.diagnoses)} diagnoses",
        f"{len(letter.items)} items ({upheld} upheld, {len(letter.items) - upheld} overturned)",
    ]
    lines = ["  ".join(head), "  " + " · ".join(facts)]
    for it in letter.items:
        tags = " · ".join(x for x in (it.treatment, it.body_part) if x)
        partial = " (partial)" if it.partial else ""
        lines.append(f"  {it.item:>2}. {_outcome(it.outcome):<13} {it.request}{partial}  [{tags}]")
    return "\n".join(lines)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="imr-search")
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index folder for the app [default: $IMR_SEARCH_INDEX or ./index].",
)
@click.pass_context
def main(ctx: click.Context, index_dir: Path | None) -> None:
    """Search California workers' compensation IMR decision letters, offline.

    With no command, opens the app on the index (built from sample_corpus/
    on a first run when the default index is missing).
    """
    if ctx.invoked_subcommand is None:
        from ..tui import run

        sys.exit(run(index_dir))
    if index_dir is not None:  # `imr-search --index DIR search ...` means that index too
        ctx.default_map = {name: {"index_dir": index_dir} for name in main.commands}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
def parse(paths: tuple[Path, ...], as_json: bool) -> None:
    """Parse letter files (or folders of them) into records."""
    ok = failed = items = 0
    started = time.perf_counter()
    for path, problem in corpus.walk(paths):
        if problem is None:
            try:
                letter = parse_file(path)
            except LetterError as e:
                problem = e.reason
        if problem is not None:
            failed += 1
            _warn(f"{path}: {problem}")
            continue
        ok += 1
        items += len(letter.items)
        if as_json:
            _emit_json(letter)
        else:
            click.echo(format_letter(letter))
    elapsed = time.perf_counter() - started
    if not as_json:
        _warn(f"parsed {ok} letters ({items} items), {failed} failed, in {elapsed:.2f}s")
    if failed:
        sys.exit(1)


def index_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """The shared ``--index DIR`` option (default ``$IMR_SEARCH_INDEX``, else ``./index``)."""
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Index folder [default: $IMR_SEARCH_INDEX or ./index].",
    )(f)


def _open(index_dir: Path | None) -> SearchIndex:
    try:
        return open_index(index_dir)
    except IndexProblem as e:
        _warn(f"error: {e}")
        sys.exit(1)


class _Progress:
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


@main.command("index")
@click.argument("corpus_paths", metavar="CORPUS...", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parser processes [default: all cores].")
@click.option("--strict", is_flag=True, help="Exit 1 if any file was skipped (for scripts).")
@click.option("--update", is_flag=True, help="Parse only new and changed files; drop deleted ones.")
def index_cmd(corpus_paths: tuple[Path, ...], index_dir: Path | None, jobs: int | None, strict: bool, update: bool) -> None:
    """Parse every letter under CORPUS and build the search index.

    Exit status 0 when at least one letter was indexed, 1 when none was (or,
    with --strict, when any file was skipped), 2 for usage errors.
    """
    from ..index.writer import build

    try:
        report = build(corpus_paths, index_dir, jobs=jobs, progress=_Progress(), update=update)
    except IndexProblem as e:
        _warn(f"error: {e}")
        sys.exit(1)
    for path, reason in report.skipped:
        _warn(f"skipped {path}: {reason}")
    for dropped, kept, letter_id in report.duplicates:
        _warn(f"duplicate {dropped}: same case as {kept} ({letter_id}), kept the fuller copy")
    rate = report.parsed / report.seconds if report.seconds else 0.0
    how = f"updated ({report.parsed} new or changed files parsed)" if report.updated else f"parsed {report.parsed} files"
    _warn(
        f"indexed {report.letters} letters ({report.items} items) from {report.files} files into {report.index} "
        f"in {report.seconds:.1f}s, {how}, {rate:,.0f} files/s; {len(report.skipped)} skipped, "
        f"{len(report.duplicates)} duplicates"
    )
    if report.letters == 0 or (strict and report.skipped):
        sys.exit(1)


def _snippet_text(snippet: Snippet) -> str:
    text = snippet.text.replace("\n", " ")
    if not _color():
        out, pos = [], 0
        for s, e in snippet.highlights:
            out.append(text[pos:s] + "[" + text[s:e] + "]")
            pos = e
        return "".join(out) + text[pos:]
    out, pos = [], 0
    for s, e in snippet.highlights:
        out.append(text[pos:s] + click.style(text[s:e], bold=True, fg="yellow"))
        pos = e
    return "".join(out) + text[pos:]


@main.command()
@click.argument("query")
@index_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="Letters to show.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="One CSV row per matching item.")
def search(query: str, index_dir: Path | None, limit: int, sort: str, as_json: bool, as_csv: bool) -> None:
    """Search the letters (see the README for the query language)."""
    idx = _open(index_dir)
    results = idx.search(query, limit=limit, sort=sort, count=not (as_json or as_csv))  # type: ignore[arg-type]
    for hint in results.hints:
        _warn(f"hint: {hint}")
    if results.corrected:
        _warn(f"showing results for {results.corrected}")
    if as_json:
        for hit in results.letters:
            _emit_json(hit)
        return
    if as_csv:
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["case_number", "decision_date", "item", "treatment", "request", "outcome", "specialties", "citations", "snippet"])
        for hit in results.letters:
            letter = idx.letter(hit.id)
            for ih in hit.items:
                cites = "; ".join(
                    f"{c.source} {c.title}" + (f", {c.section}" if c.section else "") + (f", p. {c.pages}" if c.pages else "")
                    for c in letter.letter.items[ih.item - 1].citations
                    if c.by == "reviewer"
                ) if letter else ""
                snippet = ih.snippets[0].text.replace("\n", " ") if ih.snippets else ""
                w.writerow([hit.case_number or hit.id, hit.decision_date or "", ih.item, ih.treatment, ih.request, ih.outcome, "; ".join(hit.specialties), cites, snippet])
        return
    shown = sum(len(h.items) for h in results.letters)
    for hit in results.letters:
        click.echo(f"{_style(hit.case_number or hit.id, bold=True)}  {hit.decision_date or 'undated'}  {', '.join(hit.specialties)}")
        for ih in hit.items:
            click.echo(f"  {ih.item:>2}. {_outcome(ih.outcome):<13} {ih.request}  [{ih.treatment}]")
            for sn in ih.snippets[:2]:
                click.echo(f"      {sn.field}: {_snippet_text(sn)}")
    _warn(f"{len(results.letters)} letters ({shown} items shown, {results.total_items} matching items) in {results.elapsed_ms:.0f} ms")


@main.command()
@click.argument("letter_id", metavar="ID")
@index_option
@click.option("--query", "-q", default=None, help="Mark this query's hits.")
@json_option
def show(letter_id: str, index_dir: Path | None, query: str | None, as_json: bool) -> None:
    """Print one letter."""
    idx = _open(index_dir)
    view = idx.letter(letter_id, query=query)
    if view is None:
        _warn(f"error: no letter {letter_id!r} in {idx.root}")
        sys.exit(1)
    if as_json:
        _emit_json(view.letter)
        return
    click.echo(format_letter_full(view.letter))


def format_letter_full(letter: Letter) -> str:
    out = [format_letter(letter), ""]
    facts = [
        ("Case number", letter.case_number), ("Decision date", letter.decision_date), ("Date assigned", letter.date_assigned),
        ("Date of injury", letter.date_of_injury), ("UR denial date", letter.ur_denial_date),
        ("Application received", letter.application_received), ("Priority", letter.priority),
        ("Licensure", ", ".join(letter.reviewer.licensure)), ("Diagnoses", "; ".join(letter.diagnoses)),
    ]
    out.extend(f"{k + ':':<22}{v}" for k, v in facts if v)
    out += ["", _style("CLINICAL CASE SUMMARY", bold=True), letter.summary, ""]
    for it in letter.items:
        out.append(_style(f"Item {it.item}: {it.request}", bold=True) + f"  {_outcome(it.outcome)}")
        out.append(f"  treatment: {it.treatment}  category: {it.category or '-'} / {it.subcategory or '-'}  body part: {it.body_part or '-'}")
        out.append(f"  Claims administrator guideline: {it.claims_administrator_guideline}")
        out.append(f"  Reviewer guideline: {it.reviewer_guideline}")
        for c in it.citations:
            out.append(f"    - {c.by}: {c.source} {c.title}" + (f" / {c.section}" if c.section else "") + (f" p. {c.pages}" if c.pages else ""))
        out.append("")
        out.append(it.rationale)
        out.append("")
    return "\n".join(out)


@main.command()
@click.argument("letter_id", metavar="ID")
@index_option
@click.option("--item", type=click.IntRange(min=1), default=None, help="Only this item of the letter.")
@click.option("--contrast", is_flag=True, help="Only similar items decided the other way.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True)
@json_option
def similar(letter_id: str, index_dir: Path | None, item: int | None, contrast: bool, limit: int, as_json: bool) -> None:
    """Items of other letters most like this one's."""
    idx = _open(index_dir)
    found = idx.similar(letter_id, item=item, contrast=contrast, limit=limit)
    if found is None:
        _warn(f"error: no letter {letter_id!r}" + (f" with item {item}" if item else "") + f" in {idx.root}")
        sys.exit(1)
    for s in found:
        if as_json:
            _emit_json(s)
        else:
            click.echo(f"{s.score:7.2f}  {s.case_number or s.id:<14} {s.item:>2}. {_outcome(s.outcome):<13} {s.request}  [{s.treatment}{' · ' + s.body_part if s.body_part else ''}]")


@main.command()
@click.argument("text")
@index_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True)
@json_option
def treatments(text: str, index_dir: Path | None, limit: int, as_json: bool) -> None:
    """Canonical treatment names nearest TEXT, with how they were decided."""
    idx = _open(index_dir)
    for m in idx.treatments(text, limit=limit):
        if as_json:
            _emit_json(m)
        else:
            click.echo(f"{m.score:5.1f}  {m.treatment:<40} {m.category or '':<26} {m.items:>6} items  {m.upheld:>6} upheld  {m.overturned:>5} overturned")


@main.command()
@click.argument("query", default="")
@index_option
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="CSV rows: dimension, key, items, upheld, overturned.")
def stats(query: str, index_dir: Path | None, as_json: bool, as_csv: bool) -> None:
    """How the matching items were decided, by category, treatment, specialty, citation source and year."""
    idx = _open(index_dir)
    rows, hints = idx.stats(query)
    for hint in hints:
        _warn(f"hint: {hint}")
    if as_json:
        for row in rows:
            _emit_json(row)
        return
    if as_csv:
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["dimension", "key", "items", "upheld", "overturned"])
        for r in rows:
            w.writerow([r.dimension, r.key, r.items, r.upheld, r.overturned])
        return
    current = None
    for r in rows:
        if r.dimension != current:
            current = r.dimension
            click.echo(_style(f"\nby {current}", bold=True))
        share = r.overturned / r.items if r.items else 0.0
        click.echo(f"  {r.key[:40]:<40} {r.items:>7} items  {r.upheld:>7} upheld  {r.overturned:>6} overturned ({share:5.1%})")


@main.command()
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
def synth(out_dir: Path, count: int, seed: int, formats: str) -> None:
    """Write COUNT realistic generated letters into OUT_DIR."""
    from ..synth import MissingExtra, normalize_formats, write_corpus

    try:
        fmts = normalize_formats(formats)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--formats") from None
    started = time.perf_counter()
    try:
        stats = write_corpus(out_dir, count, seed=seed, formats=fmts)
    except MissingExtra as e:
        _warn(f"error: {e}")
        sys.exit(1)
    elapsed = time.perf_counter() - started
    split = ""
    if fmts != ("text",):
        split = ": " + ", ".join(f"{n} {fmt}" for fmt, n in stats["formats"].items())
    _warn(
        f"wrote {stats['files']} files ({stats['letters']} letters, {stats['duplicates']} duplicates{split}) "
        f"to {out_dir} in {elapsed:.1f}s"
    )

