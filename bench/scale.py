"""How build and query costs grow with the archive: one table per corpus size, SQLite FTS5 beside.

Each size adds a slice to the previous corpus (``imr-search synth`` with a
seed and first case number per slice, so every corpus is reproducible),
builds the index in a child process (letters/s with parsing, peak memory,
seconds in each phase of the build, segments), times both query mixes
through the Python API (top 20 with snippets and a match count), and does the
same with SQLite FTS5 up to ``--fts-max`` letters, loaded with the very
records the index holds (read back from it, so the peer gets the same winner
of each duplicate and no second parse). With ``--tui`` it also runs the
app's keystroke benchmark (``bench/tui.py``) on each size's index. Each size's
index and FTS5 database are deleted once measured; the corpus too at the end
unless ``--keep-corpus``. Free disk is
checked before anything is written. Prints a table per size, the growth from
size to size, and writes ``bench/results/scale.json``.

    python bench/scale.py --sizes 100000,500000,1000000,2000000 [--workdir DIR] [--keep-corpus] [--tui]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imr_search import open_index  # noqa: E402
from imr_search.query import language  # noqa: E402

from shared import Fts5, Query, du, pct, readme_mix, status_mb, timed, typo  # noqa: E402

TEXT_PER_LETTER = 4_200
"""Bytes of text a generated letter takes (407 MB for 100,000), for the disk check."""
INDEX_SHARE, FTS5_SHARE, SLACK = 1.0, 1.6, 1.2
"""The index and FTS5 as a share of the text (measured at 100,000: 0.93 and 1.52), and a margin."""

COMMON = ["patient", "pain", "guidelines", "request", '"medically necessary"', '"the patient"',
          '"not medically necessary"', '"of the"', '"in the"', '"is not"']
"""Ten common words and phrases: the long posting lists."""
FILTERS: list[Query] = [
    ("pain outcome:upheld", "pain", "outcome = 'upheld'"),
    ("therapy outcome:overturned", "therapy", "outcome = 'overturned'"),
    ("medication category:pharmaceuticals", "medication", "category = 'pharmaceuticals'"),
    ("lumbar decided:2015", "lumbar", "decided LIKE '2015%'"),
    ("injection decided:2016..2017 outcome:upheld", "injection", "decided BETWEEN '2016' AND '2017-12-31' AND outcome = 'upheld'"),
    ('"physical therapy" outcome:overturned decided:2019', '"physical therapy"', "outcome = 'overturned' AND decided LIKE '2019%'"),
]
"""Six filter queries, each with its FTS5 twin."""
TYPED = ["personal trainer", "lumbar fusion", "chronic pain medication", "knee arthroscopy"]
"""Queries typed letter by letter: every prefix of two letters or more is a query."""
STATS = ["", "category:pharmaceuticals", "lumbar fusion"]
SIMILAR = 40


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,500000,1000000,2000000", help="comma-separated, growing")
    ap.add_argument("--workdir", type=Path, help="where the corpus, indexes and FTS5 go (default: a temp folder)")
    ap.add_argument("--keep-corpus", action="store_true", help="leave the corpus in --workdir for the next run")
    ap.add_argument("--fts-max", type=int, default=1_000_000, help="largest size FTS5 is measured at")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--queries", type=int, default=100, help="random words and random phrases")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--tui", action="store_true", help="also run bench/tui.py (start-up, keystroke to results) on each size's index")
    ap.add_argument("--paired-grams", action="store_true",
                    help="also time phrase and common queries with and without the common grams, alternating, on one index")
    args = ap.parse_args()
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    except ValueError:
        sys.exit(f"--sizes takes growing numbers of letters, like 100000,500000; not {args.sizes!r}")
    if not sizes or sizes != sorted(set(sizes)) or sizes[0] < 100:
        sys.exit(f"--sizes takes growing numbers of letters of 100 or more, like 100000,500000; not {args.sizes!r}")
    if args.keep_corpus and not args.workdir:
        sys.exit("--keep-corpus needs --workdir (a temp folder is always removed)")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="imr-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    have = _letters_in(corpus)
    need = _disk_needed(sizes, have, args.fts_max)
    free = shutil.disk_usage(work).free
    if free < need:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
        sys.exit(f"not enough free disk in {work}: {free / 1e9:.1f} GB free, {need / 1e9:.1f} GB needed for sizes up to {sizes[-1]:,}")
    results = []
    try:
        for size in sizes:
            _grow(corpus, size, args.seed)
            results.append(measure(work, corpus, size, args))
            print_size(results[-1])
            print_grams(results[-1])
            _write(results)
        print_growth(results)
    finally:
        shutil.rmtree(work / "index", ignore_errors=True)
        (work / "fts.db").unlink(missing_ok=True)
        if not args.keep_corpus:
            shutil.rmtree(corpus, ignore_errors=True)
            if not args.workdir:
                shutil.rmtree(work, ignore_errors=True)


def _disk_needed(sizes: list[int], have: int, fts_max: int) -> int:
    """The corpus at its largest plus the largest index and FTS5 database alive at one time."""
    top = sizes[-1]
    peak = max(s * INDEX_SHARE + (s * FTS5_SHARE if s <= fts_max else 0) for s in sizes)
    return int(((top - min(have, top)) + peak) * TEXT_PER_LETTER * SLACK)


# -- the corpus ----------------------------------------------------------------

_CASE = re.compile(r"CM\d\d-(\d+)")


def _slices(corpus: Path) -> Path:
    """Where the sizes of the corpus's slices are kept (beside it, so no build reads it as a letter)."""
    return corpus.with_name(corpus.name + "-slices.json")


def _letters_in(corpus: Path) -> int:
    slices = _slices(corpus)
    return sum(json.loads(slices.read_text())) if slices.exists() else 0


def _grow(corpus: Path, size: int, seed: int) -> None:
    """Add a slice so the corpus holds ``size`` letters: its own seed, case numbers above the others'."""
    corpus.mkdir(parents=True, exist_ok=True)
    state = _slices(corpus)
    slices: list[int] = json.loads(state.read_text()) if state.exists() else []
    if sum(slices) > size:
        sys.exit(f"{corpus} already holds {sum(slices):,} letters, more than {size:,}: start from an empty --workdir")
    if sum(slices) == size:
        return
    first = max((int(m.group(1)) for f in os.scandir(corpus) if (m := _CASE.match(f.name))), default=0)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "imr_search.cli", "synth", str(corpus / f"slice{len(slices)}"), "--count", str(size - sum(slices)),
         "--seed", str(seed + len(slices)), "--first-number", str(_round_up(first))],
        check=True,
    )
    for f in os.scandir(corpus / f"slice{len(slices)}"):  # one flat folder, so the next slice sees every number
        os.rename(f.path, corpus / f.name)
    os.rmdir(corpus / f"slice{len(slices)}")
    slices.append(size - sum(slices))
    state.write_text(json.dumps(slices))
    print(f"corpus: {size:,} letters ({time.perf_counter() - started:.0f} s to add {slices[-1]:,})", file=sys.stderr)


def _round_up(n: int) -> int:
    return 0 if n == 0 else (n // 100_000 + 1) * 100_000


# -- one size ------------------------------------------------------------------

_BUILD = """
import json, resource, sys
from imr_search.index.writer import build
r = build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
print(json.dumps({"files": r.files, "letters": r.letters, "items": r.items, "seconds": r.seconds, "phases": r.phases,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(work: Path, corpus: Path, size: int, args: argparse.Namespace) -> dict:
    index = work / "index"
    shutil.rmtree(index, ignore_errors=True)
    child = subprocess.Popen([sys.executable, "-c", _BUILD, str(corpus), str(index), str(args.jobs)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    anon_peak, anon_series, sampled = 0.0, [], time.perf_counter()
    while child.poll() is None:  # its own memory, without the index files Tantivy maps (those are the page cache's)
        anon = status_mb(child.pid, "RssAnon")
        anon_peak = max(anon_peak, anon)
        if time.perf_counter() - sampled >= 10:  # where in the build the memory goes, against the phases' times
            anon_series.append(round(anon))
            sampled = time.perf_counter()
        time.sleep(0.25)
    out, err = child.communicate()
    if child.returncode:
        sys.exit(f"the build of {size:,} letters failed:\n{err[-2000:]}")
    built = json.loads(out.strip().splitlines()[-1])
    text_bytes = du(corpus)
    index_bytes = du(index)

    _reset_peak()
    idx = open_index(index)
    rng = random.Random(args.seed)
    ids = sorted(f.name[: -len(".txt")] for f in os.scandir(corpus) if f.name.endswith(".txt") and "_" not in f.name)
    mixes = {**issue_mix(idx, rng, ids, args.queries), **{"readme " + k: v for k, v in readme_mix(sorted(idx.meta["treatments"]), rng, 60).items()}}
    fuzzy = [typo(rng, t) for t in rng.sample(sorted(idx.meta["treatments"]), 60)]
    similar_ids = rng.sample(ids, SIMILAR)
    # The corpus's file names (two million strings at the largest size) are this benchmark's,
    # not the app's: out of the garbage collector's way, or each full collection walks them
    # inside a timed query (150-500 ms at 2,000,000 letters).
    gc.freeze()
    for q, _, _ in mixes["term"][:5]:  # warm the caches, as for the peer below
        idx.search(q)
    ours = {kind: timed(lambda q: idx.search(q, limit=20), [(q,) for q, _, _ in qs]) for kind, qs in mixes.items()}
    ours["readme fuzzy"] = timed(idx.treatments, [(q,) for q in fuzzy])
    ours["similar"] = timed(idx.similar, [(i,) for i in similar_ids])
    ours["stats"] = timed(idx.stats, [(q,) for q in STATS])
    reader_mb = _peak_mb()
    reader_anon_mb = status_mb(os.getpid(), "RssAnon")
    segments = idx._snap.searcher.num_segments
    grams = paired_grams(idx, mixes) if args.paired_grams else None
    tui = _tui(index, built["letters"]) if args.tui else None

    peer: dict[str, list[float]] = {}
    fts_s = fts_mb = None
    if size <= args.fts_max:
        db = work / "fts.db"
        db.unlink(missing_ok=True)
        fts = Fts5(db)
        fts_s = fts.insert(v.letter for i in ids if (v := idx.letter(i)) is not None)
        fts_mb = db.stat().st_size / 1e6
    del idx
    shutil.rmtree(index)
    if size <= args.fts_max:
        for _, m, _ in mixes["term"][:5]:
            fts.query(m)
        peer = {kind: timed(lambda m, w: fts.query(m, w, count=True), [(m, w) for _, m, w in qs if m]) for kind, qs in mixes.items()}
        fts.close()
        db.unlink()
    gc.unfreeze()
    return {
        "letters": built["letters"],
        "items": built["items"],
        "files": built["files"],
        "jobs": args.jobs,
        "build_s": round(built["seconds"], 1),
        "build_letters_per_s": round(built["files"] / built["seconds"]),
        "build_peak_mb": round(built["peak_mb"]),
        "build_anon_peak_mb": round(anon_peak),
        "build_anon_every_10s_mb": anon_series,
        "build_phases_s": {k: round(v, 1) for k, v in built["phases"].items()},
        "segments": segments,
        "reader_peak_mb": round(reader_mb),
        "reader_anon_mb": round(reader_anon_mb),
        "text_mb": round(text_bytes / 1e6, 1),
        "index_mb": round(index_bytes / 1e6, 1),
        "index_to_text": round(index_bytes / text_bytes, 3),
        "fts5_insert_s": round(fts_s, 1) if fts_s is not None else None,
        "fts5_mb": round(fts_mb, 1) if fts_mb is not None else None,
        "queries": {kind: _summary(ms, peer.get(kind)) for kind, ms in ours.items()},
        "common_grams": grams,
        "tui": tui,
    }


def _tui(index: Path, letters: int) -> dict:
    """``bench/tui.py`` on this index, in its own process (it records its run in bench/results/tui.json, by letters)."""
    subprocess.run([sys.executable, str(ROOT / "bench" / "tui.py"), "--index", str(index)], check=True, cwd=ROOT)
    return json.loads((ROOT / "bench" / "results" / "tui.json").read_text())["runs"][str(letters)]


def paired_grams(idx, mixes: dict[str, list[Query]]) -> dict:
    """Phrase and common queries timed with the gram terms and without, each query both ways in turn."""
    out = {}
    for kind in ("phrase", "common"):
        on, off = [], []
        for q, _, _ in mixes[kind]:
            for flag, into in ((True, on), (False, off)) if len(on) % 2 else ((False, off), (True, on)):
                language.COMMON_GRAMS = flag
                into.extend(timed(lambda: idx.search(q, limit=20), [()]))
        language.COMMON_GRAMS = True
        out[kind] = {"with": _summary(on, None), "without": _summary(off, None)}
    return out


def issue_mix(idx, rng: random.Random, ids: list[str], n: int) -> dict[str, list[Query]]:
    """Issue 12's mix: random words and two-word phrases from rationales, common words, filters, typing."""
    words: list[str] = []
    pairs: list[str] = []
    while len(words) < n or len(pairs) < n:
        view = idx.letter(rng.choice(ids))
        if view is None:
            continue
        letter = view.letter
        tokens = re.findall(r"[A-Za-z]+(?:\s+[A-Za-z]+)?", rng.choice(letter.items).rationale)
        singles = [w.lower() for t in tokens for w in t.split() if len(w) >= 3]
        doubles = [t.lower() for t in tokens if " " in t]
        if singles and len(words) < n:
            words.append(rng.choice(singles))
        if doubles and len(pairs) < n:
            pairs.append(" ".join(rng.choice(doubles).split()))
    typed = [t[:i] for t in TYPED for i in range(2, len(t) + 1) if not t[:i].endswith(" ")]
    return {
        "term": [(w, w, "") for w in words],
        "phrase": [(f'"{p}"', f'"{p}"', "") for p in pairs],
        "common": [(c, c, "") for c in COMMON],
        "filter": list(FILTERS),
        "typing": [(t, t, "") for t in typed],
    }


def _summary(ours: list[float], peer: list[float] | None) -> dict:
    out = {"n": len(ours), "p50_ms": round(pct(ours, 50), 2), "p95_ms": round(pct(ours, 95), 2), "max_ms": round(max(ours), 2)}
    if peer:
        out.update(fts5_p50_ms=round(pct(peer, 50), 2), fts5_p95_ms=round(pct(peer, 95), 2), fts5_max_ms=round(max(peer), 2))
    return out


def _reset_peak() -> None:
    """Start this process's peak RSS afresh (Linux), so each size's reader is measured alone."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> float:
    """This process's peak resident set (from /proc; the kernel's ru_maxrss off Linux)."""
    peak = status_mb(os.getpid(), "VmHWM")
    if peak:
        return peak
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- printing ------------------------------------------------------------------

COLUMNS = [("term p95", "term", "p95_ms"), ("phrase p50", "phrase", "p50_ms"), ("phrase p95", "phrase", "p95_ms"),
           ("phrase max", "phrase", "max_ms"), ("common p95", "common", "p95_ms"), ("filter p95", "filter", "p95_ms"),
           ("typing p95", "typing", "p95_ms"), ("similar p95", "similar", "p95_ms"), ("stats max", "stats", "max_ms")]


def print_size(r: dict) -> None:
    print(f"\n{r['letters']:,} letters ({r['items']:,} items, {r['files']:,} files), {r['jobs']} jobs")
    print(f"build {r['build_s']} s = {r['build_letters_per_s']:,} letters/s (the writer's process: peak {r['build_peak_mb']} MB resident, "
          f"{r['build_anon_peak_mb']} MB of it its own, the rest index files mapped); "
          f"reader peak {r['reader_peak_mb']} MB resident, {r['reader_anon_mb']} MB its own after the queries")
    print("build phases: " + ", ".join(f"{k} {v:,.0f} s" for k, v in r["build_phases_s"].items()) + f"; {r['segments']} segments")
    fts = f", FTS5 {r['fts5_mb']} MB (insert {r['fts5_insert_s']} s)" if r["fts5_mb"] else ""
    print(f"text {r['text_mb']} MB, index {r['index_mb']} MB = {r['index_to_text']}x{fts}")
    q = r["queries"]
    print("| | " + " | ".join(c for c, _, _ in COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    print("| ours ms | " + " | ".join(f"{q[k][f]:.1f}" for _, k, f in COLUMNS) + " |")
    if r["fts5_mb"]:
        print("| FTS5 ms | " + " | ".join(f"{q[k]['fts5_' + f]:.1f}" if "fts5_" + f in q[k] else "" for _, k, f in COLUMNS) + " |")
        print("| FTS5 / ours | " + " | ".join(f"{q[k]['fts5_' + f] / q[k][f]:.1f}x" if "fts5_" + f in q[k] else "" for _, k, f in COLUMNS) + " |")
    print("README mix: " + ", ".join(
        f"{k[7:]} p50/p95 {v['p50_ms']:.1f}/{v['p95_ms']:.1f} ms"
        + (f" (FTS5 {v['fts5_p50_ms']:.1f}/{v['fts5_p95_ms']:.1f})" if "fts5_p50_ms" in v else "")
        for k, v in q.items() if k.startswith("readme ")))
    if r.get("tui"):
        up, keys = r["tui"]["startup"], r["tui"]["keystrokes"]
        print(f"app: search box ready {up['box_ready_median_s']:.2f} s (median), keystroke to results p50/p95 "
              f"{keys['p50_ms']:.0f}/{keys['p95_ms']:.0f} ms over {keys['keys']} keys")


def print_grams(r: dict) -> None:
    for kind, v in (r["common_grams"] or {}).items():
        a, b = v["without"], v["with"]
        print(f"common grams, {kind} p50/p95/max: without {a['p50_ms']:.1f}/{a['p95_ms']:.1f}/{a['max_ms']:.1f} ms, "
              f"with {b['p50_ms']:.1f}/{b['p95_ms']:.1f}/{b['max_ms']:.1f} ms")


def print_growth(results: list[dict]) -> None:
    if len(results) < 2:
        return
    print("\ngrowth from size to size (x = this size's figure / the previous size's)")
    print("| letters | build letters/s | index/text | " + " | ".join(c for c, _, _ in COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 3) + "|")
    for a, b in zip(results, results[1:]):
        cells = [f"{b['queries'][k][f] / a['queries'][k][f]:.2f}x" for _, k, f in COLUMNS]
        print(f"| {a['letters']:,} → {b['letters']:,} | {b['build_letters_per_s'] / a['build_letters_per_s']:.2f}x | "
              f"{b['index_to_text'] / a['index_to_text']:.2f}x | " + " | ".join(cells) + " |")


def _write(results: list[dict]) -> None:
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
