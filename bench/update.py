"""Incremental update against a rebuild, and the build's peak memory.

Generates N letters plus a 50 MB text file (which must be refused without
being read whole), runs `imr-search index` as a child process (time and
peak RSS), adds 100 new letters and runs `imr-search index --update`, then a
full rebuild of the grown corpus for comparison. Prints a table and writes
``bench/results/update.json``; the temp folder is removed at the end.

    python bench/update.py [--letters 100000] [--added 100]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imr_search.synth import make_letter, render, write_corpus  # noqa: E402


def _run(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB (largest process of the run), stderr tail."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "imr_search.cli", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0,):
        sys.exit(f"imr-search {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return elapsed, max(peak, before) / 1024, done.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=100_000)
    ap.add_argument("--added", type=int, default=100)
    args = ap.parse_args()
    need = args.letters * 15_000 + 60_000_000
    free = shutil.disk_usage(tempfile.gettempdir()).free
    if free < need:
        sys.exit(f"not enough free disk: {free / 1e9:.1f} GB free, {need / 1e9:.1f} GB needed")
    work = Path(tempfile.mkdtemp(prefix="imr-update-"))
    try:
        corpus, index = work / "corpus", work / "index"
        write_corpus(corpus, args.letters, seed=3)
        with open(corpus / "huge.txt", "wb") as f:
            for _ in range(50):
                f.write(b"not a letter, just far too long to be one\n" * 25_000)
        build_s, build_mb, build_line = _run(["index", str(corpus), "--index", str(index)])
        rng = random.Random(4)
        for n in range(args.added):
            letter = make_letter(rng, f"CM26-{9500000 + n:07d}")
            (corpus / f"{letter.case_number}.txt").write_text(render(letter, "pdf-text"))
        update_s, update_mb, update_line = _run(["index", "--update", str(corpus), "--index", str(index)])
        rebuild_s, _, _ = _run(["index", str(corpus), "--index", str(work / "index2")])
        result = {
            "letters": args.letters,
            "added": args.added,
            "build_s": round(build_s, 1),
            "build_peak_rss_mb": round(build_mb, 1),
            "update_s": round(update_s, 2),
            "rebuild_s": round(rebuild_s, 1),
            "update_share_of_rebuild": round(update_s / rebuild_s, 3),
            "build_summary": build_line,
            "update_summary": update_line,
            "cores": os.cpu_count(),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'what':<44} {'value':>10}")
    print(f"{'build ' + str(args.letters) + ' letters + a 50 MB file (s)':<44} {result['build_s']:>10}")
    print(f"{'peak RSS of the build, largest process (MB)':<44} {result['build_peak_rss_mb']:>10}")
    print(f"{'update: ' + str(args.added) + ' letters added (s)':<44} {result['update_s']:>10}")
    print(f"{'rebuild of the grown corpus (s)':<44} {result['rebuild_s']:>10}")
    print(f"{'update / rebuild':<44} {result['update_share_of_rebuild']:>10}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "update.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
