"""The app's two waits that users feel: start-up, and keystroke to results on screen.

1. Start-up: from launching a fresh Python process to the search box having
   focus (the app can be typed into), and to the first results painted.
   Each run is a new process (imports included), timed from just before it
   is spawned; the app runs headless in it.
2. Keystroke to results: in one process, realistic queries are typed one key
   at a time through Textual's Pilot; for every key the time from the key
   being sent to the results for the text typed so far reaching the screen
   (the search screen stamps the moment after the repaint). This includes the
   debounce, the query in its worker thread, and the repaint.

Targets: start-up < 1 s, keystroke p95 < 100 ms. The index is generated and
built in a temp folder (free disk is checked first, and it is removed at the
end) unless ``--index DIR`` names one. Prints a table and writes the run into
``bench/results/tui.json`` under its letter count (other sizes are kept).

    python bench/tui.py [--letters 100000] [--index DIR] [--runs 5] [--jobs N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imr_search.tui import FPS  # noqa: E402  (imports no Textual)
from shared import pct, record_run, require_free, status_mb  # noqa: E402

os.environ.setdefault("TEXTUAL_FPS", str(FPS))  # as run() does: the app measured is the app users get

QUERIES = [
    "physical therapy",
    "acupuncture outcome:overturned",
    '"lumbar fusion"',
    "norco",
    "mri knee",
    "personal trainer",
    "tens unit",
    "chiropractic cites:odg",
    "gabapentin",
    "home exercise program",
]
BYTES_PER_LETTER = 14_000
"""Generated text (~4 KB) plus its share of the index (~4 KB), with room for the build's spool and merges."""


# -- the child process: start-up ----------------------------------------------


async def _startup_child(index: str) -> None:
    """Run the app headless; print when the box can be typed into and when results are painted."""
    from imr_search.tui.app import IMRSearchApp
    from imr_search.tui.screens.search import SearchScreen
    from imr_search.tui.widgets.search_box import SearchBox

    app = IMRSearchApp(index)
    ready = painted = 0.0
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            screen = app.screen
            if isinstance(screen, SearchScreen):
                if not ready and isinstance(app.focused, SearchBox):
                    ready = time.time()
                if screen.shown_key is not None and screen.shown_at:
                    painted = time.time()
                    break
            await asyncio.sleep(0.002)
        await pilot.pause()
    print(json.dumps({"ready": ready, "painted": painted}), flush=True)


def startup(index: Path, runs: int) -> dict[str, object]:
    ready, painted = [], []
    for _ in range(runs):
        started = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--child-startup", str(index)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )
        got = json.loads(out.stdout.strip().splitlines()[-1])
        ready.append(got["ready"] - started)
        painted.append(got["painted"] - started)
    return {
        "runs": runs,
        "box_ready_median_s": round(statistics.median(ready), 3),
        "box_ready_max_s": round(max(ready), 3),
        "first_results_median_s": round(statistics.median(painted), 3),
        "first_results_max_s": round(max(painted), 3),
    }


# -- in process: keystroke to results -------------------------------------------


async def _keystrokes(index: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    from imr_search.tui.app import IMRSearchApp
    from imr_search.tui.screens.search import SearchScreen

    app = IMRSearchApp(index)
    latencies: list[float] = []
    search_ms: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        for query in queries:
            await pilot.press("ctrl+a", "ctrl+k")  # empty the box
            await pilot.pause(0.2)
            for n, char in enumerate(query, 1):
                typed = query[:n]
                sent = time.perf_counter()
                await pilot.press(char)
                deadline = sent + 5
                while time.perf_counter() < deadline:
                    key = screen.shown_key
                    if key is not None and key[0] == screen.filters.apply(typed) and screen.shown_at >= sent:
                        break
                    await asyncio.sleep(0.001)
                else:
                    raise RuntimeError(f"no results for {typed!r} within 5 s")
                latencies.append((screen.shown_at - sent) * 1000)
                if screen.results is not None:
                    search_ms.append(screen.results.elapsed_ms)
                await asyncio.sleep(0.12)  # a quick typist: ~8 keys a second
    return latencies, search_ms


# -- main -----------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=100_000, help="letters to generate when no --index is given")
    ap.add_argument("--index", type=Path, default=None, help="use this index instead of generating one")
    ap.add_argument("--runs", type=int, default=5, help="start-up runs (fresh processes)")
    ap.add_argument("--jobs", type=int, default=None, help="parser processes for the build")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child-startup", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_startup:
        asyncio.run(_startup_child(args.child_startup))
        return

    from imr_search import open_index
    from imr_search.index.writer import build
    from imr_search.synth import write_corpus

    tmp: Path | None = None
    synth_s = build_s = None
    try:
        if args.index is not None:
            index = args.index
        else:
            require_free(Path(tempfile.gettempdir()), args.letters * BYTES_PER_LETTER * 1.5)
            tmp = Path(tempfile.mkdtemp(prefix="imr-bench-tui-"))
            started = time.perf_counter()
            write_corpus(tmp / "corpus", args.letters, seed=args.seed)
            synth_s = time.perf_counter() - started
            started = time.perf_counter()
            build([tmp / "corpus"], tmp / "index", jobs=args.jobs)
            build_s = time.perf_counter() - started
            shutil.rmtree(tmp / "corpus")
            index = tmp / "index"
        idx = open_index(index)
        up = startup(index, args.runs)
        latencies, search_ms = asyncio.run(_keystrokes(index, QUERIES))
        memory = {"peak_resident_mb": status_mb(os.getpid(), "VmHWM"), "own_mb": status_mb(os.getpid(), "RssAnon")}
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    import textual

    k = {
        "queries": QUERIES,
        "keys": len(latencies),
        "p50_ms": round(pct(latencies, 50), 1),
        "p95_ms": round(pct(latencies, 95), 1),
        "max_ms": round(max(latencies), 1),
        "index_search_p50_ms": round(pct(search_ms, 50), 1),
        "index_search_p95_ms": round(pct(search_ms, 95), 1),
    }
    load = round(os.getloadavg()[0], 2)
    result = {
        "letters": idx.letters_count,
        "items": idx.items_count,
        "synth_s": round(synth_s, 1) if synth_s is not None else None,
        "build_s": round(build_s, 1) if build_s is not None else None,
        "startup": up,
        "keystrokes": k,
        "memory": memory,
        "targets": {"startup_s": 1.0, "keystroke_p95_ms": 100.0},
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1m": load,
            "python": platform.python_version(),
            "textual": textual.__version__,
        },
    }
    rows = [
        ("start-up: search box ready (median / max)", f"{up['box_ready_median_s']:.2f} s / {up['box_ready_max_s']:.2f} s", "< 1 s"),
        ("start-up: first results painted (median / max)", f"{up['first_results_median_s']:.2f} s / {up['first_results_max_s']:.2f} s", ""),
        (f"keystroke to results, {k['keys']} keys (p50 / p95)", f"{k['p50_ms']:.0f} ms / {k['p95_ms']:.0f} ms", "p95 < 100 ms"),
        ("  of which the index's search (p50 / p95)", f"{k['index_search_p50_ms']:.0f} ms / {k['index_search_p95_ms']:.0f} ms", ""),
        ("the app's memory after typing: peak resident / its own", f"{memory['peak_resident_mb']:.0f} MB / {memory['own_mb']:.0f} MB", "< 1 GB"),
    ]
    print(f"\n{result['letters']:,} letters, {result['items']:,} items; {os.cpu_count()} CPUs, load {load}")
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"  {name:<{width}}  {value:>20}  {target}")
    record_run(ROOT / "bench" / "results" / "tui.json", result)


if __name__ == "__main__":
    main()
