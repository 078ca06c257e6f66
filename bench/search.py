"""Index build and query latency against SQLite FTS5 and ripgrep, in one run.

Generates N letters, builds the imr-search index (parsing included) and an
FTS5 table from the same records, then times each query kind with snippets
for the top 20, and ripgrep over the same files for the text kinds. Prints a
table and writes ``bench/results/search.json``. Everything lives in a temp
folder that is removed at the end; free disk is checked first.

    python bench/search.py [--letters 100000] [--queries 60] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from imr_search import open_index  # noqa: E402
from imr_search.index.writer import build  # noqa: E402
from imr_search.parse import parse_file  # noqa: E402
from imr_search.synth import write_corpus  # noqa: E402

from shared import Fts5, du, pct, readme_mix, require_free, timed, typo  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    require_free(Path(tempfile.gettempdir()), args.letters * 25_000)  # letters + index + FTS5, generously
    work = Path(tempfile.mkdtemp(prefix="imr-bench-"))
    try:
        run(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, args: argparse.Namespace) -> None:
    corpus = work / "corpus"
    t0 = time.perf_counter()
    write_corpus(corpus, args.letters, seed=args.seed)
    synth_s = time.perf_counter() - t0
    text_bytes = du(corpus)

    report = build([corpus], work / "index", jobs=args.jobs)
    index_bytes = du(work / "index")
    idx = open_index(work / "index")

    fts = Fts5(work / "fts.db")
    fts_build_s = fts.insert(parse_file(p) for p in sorted(corpus.iterdir()))
    fts_bytes = (work / "fts.db").stat().st_size

    rng = random.Random(args.seed)
    treatments = sorted(idx.meta["treatments"])
    mix = readme_mix(treatments, rng, args.queries)
    fuzzy_q = [typo(rng, rng.choice(treatments)) for _ in range(args.queries)]
    ids = [h.id for h in idx.search("", limit=5000).letters]
    similar_q = [rng.choice(ids) for _ in range(args.queries)]

    # warm both engines' caches the same way
    for ours, match, _ in mix["term"][:5]:
        idx.search(ours, count=False)
        fts.query(match)

    rows = []

    def row(kind: str, ours: list[float], peer: list[float] | None, rg: list[float] | None = None) -> None:
        entry = {"kind": kind, "p50_ms": round(pct(ours, 50), 2), "p95_ms": round(pct(ours, 95), 2)}
        if peer:
            entry.update(fts5_p50_ms=round(pct(peer, 50), 2), fts5_p95_ms=round(pct(peer, 95), 2),
                         ratio_p50=round(pct(peer, 50) / pct(ours, 50), 2), ratio_p95=round(pct(peer, 95) / pct(ours, 95), 2))
        if rg:
            entry.update(ripgrep_p50_ms=round(pct(rg, 50), 1))
        rows.append(entry)

    # Like the FTS5 peer: the ranked top 20 with snippets, no count of every match.
    for kind in ("term", "phrase", "filter"):
        row(kind, timed(lambda q: idx.search(q, count=False), [(q,) for q, _, _ in mix[kind]]),
            timed(fts.query, [(m, w) for _, m, w in mix[kind]]),
            timed(_rg, [(corpus, m.strip('"')) for _, m, _ in mix[kind][:10]]) if kind != "filter" else None)
    row("fuzzy treatment", timed(lambda q: idx.treatments(q), [(q,) for q in fuzzy_q]), None)
    row("similar", timed(lambda i: idx.similar(i), [(i,) for i in similar_q]), None)

    result = {
        "letters": report.letters,
        "items": report.items,
        "jobs": args.jobs,
        "synth_s": round(synth_s, 1),
        "build_s": round(report.seconds, 1),
        "build_letters_per_s": round(report.files / report.seconds, 1),
        "fts5_build_s": round(fts_build_s, 1),
        "text_mb": round(text_bytes / 1e6, 1),
        "index_mb": round(index_bytes / 1e6, 1),
        "index_to_text": round(index_bytes / text_bytes, 3),
        "fts5_mb": round(fts_bytes / 1e6, 1),
        "queries": rows,
    }
    print(f"letters {report.letters:,} ({report.items:,} items), {args.jobs} jobs")
    print(f"build: {result['build_s']} s = {result['build_letters_per_s']:,} letters/s end to end (FTS5 insert alone: {result['fts5_build_s']} s)")
    print(f"size: letters {result['text_mb']} MB, index {result['index_mb']} MB ({result['index_to_text']}x), FTS5 {result['fts5_mb']} MB")
    print(f"{'kind':<16} {'p50 ms':>8} {'p95 ms':>8} {'FTS5 p50':>9} {'FTS5 p95':>9} {'x p50':>6} {'x p95':>6} {'rg p50':>8}")
    for r in rows:
        print(f"{r['kind']:<16} {r['p50_ms']:>8} {r['p95_ms']:>8} {r.get('fts5_p50_ms', ''):>9} {r.get('fts5_p95_ms', ''):>9} "
              f"{r.get('ratio_p50', ''):>6} {r.get('ratio_p95', ''):>6} {r.get('ripgrep_p50_ms', ''):>8}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search.json").write_text(json.dumps(result, indent=2))


def _rg(corpus: Path, text: str) -> None:
    if shutil.which("rg") is None:
        return
    subprocess.run(["rg", "-l", "-i", "-F", text, str(corpus)], capture_output=True)


if __name__ == "__main__":
    main()
