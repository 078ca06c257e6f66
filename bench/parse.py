"""Parser throughput on generated letters, on one core.

Generates a corpus with the project's own generator, then times
``parse_file`` over it in this process (one core) and, as a peer, the cost of
just reading and decoding the same files. Prints a table and writes
``bench/results/parse.json``.

    python bench/parse.py [--count 3000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imr_search.read import text as textio  # noqa: E402
from imr_search.parse import parse_file  # noqa: E402
from imr_search.synth import write_corpus  # noqa: E402


def _time(fn, files: list[Path], repeats: int) -> list[float]:
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        for f in files:
            fn(f)
        rates.append(len(files) / (time.perf_counter() - started))
    return rates


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument(
        "--corpus", type=Path, default=None,
        help="parse the .txt letters of this folder instead of generating some (to compare two versions on the same letters)",
    )
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus is None:
            write_corpus(Path(tmp), args.count, seed=args.seed)
        files = sorted((args.corpus or Path(tmp)).glob("*.txt"))
        by_shape: dict[str, list[Path]] = {}
        for f in files:
            letter = parse_file(f)
            by_shape.setdefault(letter.shape, []).append(f)
            if letter.layout != "standard":
                by_shape.setdefault(f"{letter.layout} layout", []).append(f)
        rows = []
        read_rate = statistics.median(_time(textio.read_text, files, args.repeats))
        rows.append(("read + decode only", len(files), read_rate))
        all_rate = statistics.median(_time(parse_file, files, args.repeats))
        rows.append(("parse (all shapes)", len(files), all_rate))
        for shape, group in sorted(by_shape.items()):
            rows.append((f"parse {shape}", len(group), statistics.median(_time(parse_file, group, args.repeats))))
        mb = sum(f.stat().st_size for f in files) / 1e6

    print(f"{'what':<34} {'files':>7} {'letters/s':>10}")
    for name, n, rate in rows:
        print(f"{name:<34} {n:>7} {rate:>10,.0f}")
    print(f"corpus: {len(files)} files, {mb:.1f} MB; parse/read ratio {all_rate / read_rate:.2f}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "parse.json").write_text(
        json.dumps(
            {
                "files": len(files),
                "megabytes": round(mb, 2),
                "rows": [{"what": n, "files": c, "letters_per_s": round(r, 1)} for n, c, r in rows],
                "target_letters_per_s": 2000,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
