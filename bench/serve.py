"""How many colleagues one machine serves: N browser sessions at once on ``imr-search serve``.

For each N (1, 4, 16 by default) a fresh server is started on a free local
port and N sessions connect together, each as textual.js does it (the page
with the token, then the WebSocket; ``tests/integration/served.py``), with a
120x40 terminal. Measured per N:

1. Time to first results: from a session's page request to its app showing
   results for a first query typed as soon as the app is ready (the app
   process starts, opens the index and answers), all N starting together.
2. Memory: each app process's RSS, and its PSS (shared pages, the index's
   mapped files and the Python libraries, split among the processes that
   share them: what a session really adds).
3. Keystroke to results: all N sessions type the same realistic queries one
   key at a time (~8 keys a second) at once; for every key, the time from
   the key leaving the client to the status line of its answer arriving
   (the search, the repaint, and the trip through the server).

``--letters N`` builds an index with ``imr-search synth`` and ``imr-search
index`` in a temp folder (removed at the end); ``--index DIR`` reuses one.
Prints a table and writes the run into ``bench/results/serve.json`` under
its letter count (other sizes are kept).

    python bench/serve.py [--letters 100000] [--index DIR] [--sessions 1,4,16] [--jobs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.served import READY, RESULTS, Served, Session  # noqa: E402
from shared import pct, record_run, require_free  # noqa: E402

QUERIES = ["physical therapy", "norco", "mri knee", "acupuncture outcome:overturned", "tens unit"]
BYTES_PER_LETTER = 14_000
"""Generated text (~4 KB) plus its share of the index (~4 KB), with room for the build's spool and merges."""
KEY_TIMEOUT = 10.0


def _memory_mb(pid: int) -> tuple[float, float]:
    """RSS and PSS of one process, in MB."""
    rss = pss = 0.0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("Rss", "Pss"):
            kb = int(value.split()[0]) / 1024
            rss, pss = (kb, pss) if name == "Rss" else (rss, kb)
    return rss, pss


async def _one(served: Served, barrier: asyncio.Event) -> tuple[Session, float]:
    """A session opened once every session may start; seconds to its first results."""
    await barrier.wait()
    started = time.perf_counter()
    session = await Session.open(served)
    await session.wait_for(READY, timeout=60)
    sent = await session.send(QUERIES[0])
    done = await session.wait_for(RESULTS, after=sent, timeout=60)
    return session, done - started


async def _type(session: Session) -> list[float]:
    """Type every query key by key; milliseconds from each key to its answer."""
    latencies = []
    for query in QUERIES:
        await session.send("\x01\x0b")  # ctrl+a, ctrl+k: empty the box
        await asyncio.sleep(0.3)
        for char in query:
            sent = await session.send(char)
            answered = await session.wait_for(RESULTS, after=sent, timeout=KEY_TIMEOUT)
            latencies.append((answered - sent) * 1000)
            await asyncio.sleep(0.12)  # a quick typist: ~8 keys a second
    return latencies


async def _sessions(served: Served, n: int) -> dict[str, object]:
    barrier = asyncio.Event()
    tasks = [asyncio.create_task(_one(served, barrier)) for _ in range(n)]
    barrier.set()
    opened = await asyncio.gather(*tasks)
    sessions = [s for s, _ in opened]
    first = [t for _, t in opened]
    memory = [_memory_mb(pid) for pid in served.app_pids()]
    latencies = [ms for per in await asyncio.gather(*(_type(s) for s in sessions)) for ms in per]
    for session in sessions:
        await session.close()
    return {
        "sessions": n,
        "first_results_median_s": round(statistics.median(first), 2),
        "first_results_max_s": round(max(first), 2),
        "rss_mb_median": round(statistics.median(r for r, _ in memory), 1),
        "pss_mb_median": round(statistics.median(p for _, p in memory), 1),
        "pss_mb_total": round(sum(p for _, p in memory), 1),
        "keys": len(latencies),
        "keystroke_p50_ms": round(pct(latencies, 50), 1),
        "keystroke_p95_ms": round(pct(latencies, 95), 1),
        "keystroke_max_ms": round(max(latencies), 1),
    }


def _build(tmp: Path, letters: int, seed: int, jobs: int | None) -> Path:
    cli = [sys.executable, "-m", "imr_search.cli"]
    subprocess.run([*cli, "synth", str(tmp / "corpus"), "--count", str(letters), "--seed", str(seed)], check=True, capture_output=True)
    jobs_arg = ["--jobs", str(jobs)] if jobs else []
    subprocess.run([*cli, "index", str(tmp / "corpus"), "--index", str(tmp / "index"), *jobs_arg], check=True, capture_output=True)
    shutil.rmtree(tmp / "corpus")
    return tmp / "index"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=100_000, help="letters to generate when no --index is given")
    ap.add_argument("--index", type=Path, default=None, help="use this index instead of generating one")
    ap.add_argument("--sessions", default="1,4,16", help="comma-separated session counts")
    ap.add_argument("--jobs", type=int, default=None, help="parser processes for the build")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    counts = [int(n) for n in args.sessions.split(",")]

    from imr_search import open_index

    tmp: Path | None = None
    build_s = None
    rows = []
    try:
        if args.index is not None:
            index = args.index
        else:
            require_free(Path(tempfile.gettempdir()), args.letters * BYTES_PER_LETTER * 1.5)
            tmp = Path(tempfile.mkdtemp(prefix="imr-bench-serve-"))
            started = time.perf_counter()
            index = _build(tmp, args.letters, args.seed, args.jobs)
            build_s = time.perf_counter() - started
        idx = open_index(index)
        for n in counts:
            with tempfile.TemporaryDirectory(prefix="imr-bench-serve-users-") as users:
                served = Served(index, secrets.token_urlsafe(), "--max-sessions", str(n), env={"IMR_SEARCH_DATA": users})
                try:
                    rows.append(asyncio.run(_sessions(served, n)))
                finally:
                    served.stop()
            print(f"  {n} sessions: done", file=sys.stderr)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    import textual

    load = round(os.getloadavg()[0], 2)
    result = {
        "letters": idx.letters_count,
        "items": idx.items_count,
        "build_s": round(build_s, 1) if build_s is not None else None,
        "queries": QUERIES,
        "rows": rows,
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1),
            "load_average_1m": load,
            "python": platform.python_version(),
            "textual": textual.__version__,
        },
    }
    print(f"\n{result['letters']:,} letters, {result['items']:,} items; {os.cpu_count()} CPUs, load {load}")
    header = ("sessions", "first results (median / max)", "RSS per session", "PSS per session", "keystroke p50 / p95 / max")
    print("  " + " | ".join(header))
    for r in rows:
        print(
            f"  {r['sessions']:>8} | {r['first_results_median_s']:.2f} s / {r['first_results_max_s']:.2f} s"
            f" | {r['rss_mb_median']:.0f} MB | {r['pss_mb_median']:.0f} MB"
            f" | {r['keystroke_p50_ms']:.0f} / {r['keystroke_p95_ms']:.0f} / {r['keystroke_max_ms']:.0f} ms ({r['keys']} keys)"
        )
    record_run(ROOT / "bench" / "results" / "serve.json", result)


if __name__ == "__main__":
    main()
