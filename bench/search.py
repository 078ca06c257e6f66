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
import sqlite3
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


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _fts_build(db: Path, corpus: Path) -> tuple[sqlite3.Connection, float]:
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE items USING fts5(letter_id UNINDEXED, item UNINDEXED, outcome UNINDEXED, "
        "category UNINDEXED, decided UNINDEXED, treatment, rationale, guideline, summary, tokenize='porter unicode61')"
    )
    rows = []
    seen: set[str] = set()
    for path in sorted(corpus.iterdir()):
        letter = parse_file(path)
        if letter.id in seen:
            continue
        seen.add(letter.id)
        for it in letter.items:
            rows.append((letter.id, it.item, it.outcome, (it.category or "").lower(), letter.decision_date or "",
                         f"{it.request} {it.treatment}", it.rationale,
                         f"{it.claims_administrator_guideline} {it.reviewer_guideline}", letter.summary))
        if len(rows) > 5000:
            con.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?)", rows)
            rows.clear()
    con.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?)", rows)
    con.commit()
    return con, time.perf_counter() - started


def _fts_query(con: sqlite3.Connection, match: str, where: str = "") -> int:
    sql = (
        "SELECT letter_id, item, snippet(items, -1, '[', ']', '…', 16) FROM items WHERE items MATCH ? "
        + where + " ORDER BY bm25(items, 4.0, 2.5, 1.6, 1.0) LIMIT 20"
    )
    return len(con.execute(sql, (match,)).fetchall())


def _time(fn, args_list) -> list[float]:
    out = []
    for args in args_list:
        started = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    need = args.letters * 25_000  # letters + index + FTS5, generously
    tmp_root = Path(tempfile.gettempdir())
    free = shutil.disk_usage(tmp_root).free
    if free < need:
        sys.exit(f"not enough free disk in {tmp_root}: {free / 1e9:.1f} GB free, {need / 1e9:.1f} GB needed")
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
    text_bytes = _du(corpus)

    report = build([corpus], work / "index", jobs=args.jobs)
    index_bytes = _du(work / "index")
    idx = open_index(work / "index")

    con, fts_build_s = _fts_build(work / "fts.db", corpus)
    fts_bytes = (work / "fts.db").stat().st_size

    rng = random.Random(args.seed)
    treatments = sorted(idx.meta["treatments"])
    words = sorted({w for t in treatments for w in t.split() if len(w) > 4 and w.isalpha()})
    pairs = [t for t in treatments if len(t.split()) == 2 and all(w.isalpha() for w in t.split())]
    n = args.queries
    term_q = [rng.choice(words) for _ in range(n)]
    phrase_q = [rng.choice(pairs) for _ in range(n)]
    filter_q = [(rng.choice(words), rng.choice(["upheld", "overturned"])) for _ in range(n)]
    def typo(s: str) -> str:
        i = rng.randrange(1, len(s) - 1)
        return s[:i] + s[i + 1 :]
    fuzzy_q = [typo(rng.choice(treatments)) for _ in range(n)]
    ids = [h.id for h in idx.search("", limit=5000).letters]
    similar_q = [rng.choice(ids) for _ in range(n)]

    # warm both engines' caches the same way
    for w in term_q[:5]:
        idx.search(w, count=False)
        _fts_query(con, w)

    rows = []

    def row(kind: str, ours: list[float], peer: list[float] | None, rg: list[float] | None = None) -> None:
        entry = {"kind": kind, "p50_ms": round(_pct(ours, 50), 2), "p95_ms": round(_pct(ours, 95), 2)}
        if peer:
            entry.update(fts5_p50_ms=round(_pct(peer, 50), 2), fts5_p95_ms=round(_pct(peer, 95), 2),
                         ratio_p50=round(_pct(peer, 50) / _pct(ours, 50), 2), ratio_p95=round(_pct(peer, 95) / _pct(ours, 95), 2))
        if rg:
            entry.update(ripgrep_p50_ms=round(_pct(rg, 50), 1))
        rows.append(entry)

    # Like the FTS5 peer: the ranked top 20 with snippets, no count of every match.
    row("term", _time(lambda q: idx.search(q, count=False), [(q,) for q in term_q]),
        _time(lambda q: _fts_query(con, q), [(q,) for q in term_q]),
        _time(_rg, [(corpus, q) for q in term_q[:10]]))
    row("phrase", _time(lambda q: idx.search(f'"{q}"', count=False), [(q,) for q in phrase_q]),
        _time(lambda q: _fts_query(con, f'"{q}"'), [(q,) for q in phrase_q]),
        _time(_rg, [(corpus, q) for q in phrase_q[:10]]))
    row("filter", _time(lambda w, o: idx.search(f"{w} outcome:{o}", count=False), filter_q),
        _time(lambda w, o: _fts_query(con, w, f"AND outcome = '{o}'"), filter_q))
    row("fuzzy treatment", _time(lambda q: idx.treatments(q), [(q,) for q in fuzzy_q]), None)
    row("similar", _time(lambda i: idx.similar(i), [(i,) for i in similar_q]), None)

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
