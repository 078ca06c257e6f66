"""Citator latency: ``citations(query)`` and ``citing(query, row)`` on N generated letters.

Generates N letters (or reuses ``--corpus DIR``, generating it there when
empty), builds the index, then times each query ``--reps`` times, each call on a
freshly opened index (no letter cached): the rows (``citations``), and the
letters citing the query's first row, all of them and the newest 50. Prints a table and
writes ``bench/results/citator-N.json``. The index lives in a temp folder
removed at the end.

    python bench/citator.py [--letters 50000] [--reps 10] [--jobs 2] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imr_search import open_index  # noqa: E402
from imr_search.index.writer import build  # noqa: E402
from imr_search.synth import write_corpus  # noqa: E402

from shared import pct  # noqa: E402

QUERIES = ["", "outcome:overturned", "category:pharmaceuticals", "therapy", "cites:odg decided:2016..2018", "body:shoulder -mri"]
SHOWN = 50


def _ms(fn, *args) -> tuple[float, Any]:
    started = time.perf_counter()
    out = fn(*args)
    return (time.perf_counter() - started) * 1000, out


def run(corpus: Path, work: Path, args: argparse.Namespace) -> dict:
    if not any(corpus.iterdir()):
        write_corpus(corpus, args.letters, seed=args.seed)
    started = time.perf_counter()
    report = build([corpus], work / "index", jobs=args.jobs)
    build_s = time.perf_counter() - started
    index_mb = sum(f.stat().st_size for f in (work / "index").rglob("*") if f.is_file()) / 1e6
    times: dict[str, list[float]] = {"citations": [], "citing all": [], f"citing {SHOWN}": []}
    for _ in range(args.reps):
        for query in QUERIES:
            # Each call on a freshly opened index: no letter read before is cached.
            idx = open_index(work / "index")
            ms, rows = _ms(idx.citations, query)
            times["citations"].append(ms)
            if rows:
                idx = open_index(work / "index")
                times["citing all"].append(_ms(idx.citing, query, rows[0])[0])
                idx = open_index(work / "index")
                times[f"citing {SHOWN}"].append(_ms(idx.citing, query, rows[0], SHOWN)[0])
    kinds = [
        {"kind": kind, "runs": len(ms), "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1)}
        for kind, ms in times.items()
    ]
    return {"letters": report.letters, "items": report.items, "build_s": round(build_s, 1), "index_mb": round(index_mb, 1), "queries": QUERIES, "kinds": kinds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=50_000)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, help="keep the generated letters here (reused when not empty)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="imr-citator-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        result = run(corpus, Path(tmp), args)
    print(f"letters {result['letters']:,} ({result['items']:,} items), build {result['build_s']} s, index {result['index_mb']} MB, {len(QUERIES)} queries x {args.reps}")
    print(f"{'kind':<14} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9}")
    for k in result["kinds"]:
        print(f"{k['kind']:<14} {k['runs']:>5} {k['p50_ms']:>9} {k['p95_ms']:>9}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"citator-{args.letters}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
