"""What the benchmarks share: the SQLite FTS5 peer, the README's query mix, timing, the results file.

``search.py`` (one size, the README's mix) and ``scale.py`` (growing sizes,
both mixes) must time the same peer on the same records the same way, so
both import it from here.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from imr_search.records import Letter

Query = tuple[str, str, str]
"""(our query, the FTS5 MATCH text, an SQL condition on the FTS5 row or "")"""


def pct(values: Sequence[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def status_mb(pid: int, key: str) -> float:
    """One line of /proc/PID/status in MB, 0 where there is none (not Linux, or the process has ended).

    ``RssAnon``: the process's own memory; ``VmHWM``: its peak resident set,
    the index files Tantivy maps included (the page cache's, given back under pressure).
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def du(path: Path) -> int:
    """Bytes under ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed(fn: Callable[..., object], calls: Iterable[tuple]) -> list[float]:
    """Milliseconds of each ``fn(*args)``."""
    out = []
    for args in calls:
        started = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - started) * 1000)
    return out


class Fts5:
    """SQLite FTS5 holding the same items (porter stemmer), ranked with the same boosts."""

    def __init__(self, db: Path) -> None:
        self.con = sqlite3.connect(db)
        self.con.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS items USING fts5(letter_id UNINDEXED, item UNINDEXED, outcome UNINDEXED, "
            "category UNINDEXED, decided UNINDEXED, treatment, rationale, guideline, summary, tokenize='porter unicode61')"
        )

    def insert(self, letters: Iterable[Letter]) -> float:
        """Insert the letters (the first copy of each id); seconds spent in SQLite."""
        spent = 0.0
        seen: set[str] = set()
        rows: list[tuple] = []

        def flush() -> float:
            started = time.perf_counter()
            self.con.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?)", rows)
            rows.clear()
            return time.perf_counter() - started

        for letter in letters:
            if letter.id in seen:
                continue
            seen.add(letter.id)
            for it in letter.items:
                rows.append((letter.id, it.item, it.outcome, (it.category or "").lower(), letter.decision_date or "",
                             f"{it.request} {it.treatment}", it.rationale,
                             f"{it.claims_administrator_guideline} {it.reviewer_guideline}", letter.summary))
            if len(rows) > 5000:
                spent += flush()
        spent += flush()
        started = time.perf_counter()
        self.con.commit()
        return spent + time.perf_counter() - started

    def query(self, match: str, where: str = "", count: bool = False) -> int:
        """The top 20 with snippets (and, with ``count``, every match counted), as ours are asked."""
        cond = f"items MATCH ? {'AND ' + where if where else ''}"
        sql = (
            f"SELECT letter_id, item, snippet(items, -1, '[', ']', '…', 16) FROM items WHERE {cond} "
            "ORDER BY bm25(items, 4.0, 2.5, 1.6, 1.0) LIMIT 20"
        )
        n = len(self.con.execute(sql, (match,)).fetchall())
        if count:
            n = self.con.execute(f"SELECT count(*) FROM items WHERE {cond}", (match,)).fetchone()[0]
        return n

    def close(self) -> None:
        self.con.close()


def readme_mix(treatments: list[str], rng: random.Random, n: int) -> dict[str, list[Query]]:
    """The README's mix: words and two-word names from the treatment table, filtered by outcome."""
    words = sorted({w for t in treatments for w in t.split() if len(w) > 4 and w.isalpha()})
    pairs = [t for t in treatments if len(t.split()) == 2 and all(w.isalpha() for w in t.split())]
    term = [rng.choice(words) for _ in range(n)]
    phrase = [rng.choice(pairs) for _ in range(n)]
    filt = [(rng.choice(words), rng.choice(["upheld", "overturned"])) for _ in range(n)]
    return {
        "term": [(w, w, "") for w in term],
        "phrase": [(f'"{p}"', f'"{p}"', "") for p in phrase],
        "filter": [(f"{w} outcome:{o}", w, f"outcome = '{o}'") for w, o in filt],
    }


def typo(rng: random.Random, s: str) -> str:
    """``s`` with one inner letter dropped."""
    i = rng.randrange(1, len(s) - 1)
    return s[:i] + s[i + 1 :]


def record_run(out: Path, result: dict) -> None:
    """Keep ``result`` in ``out`` beside the runs at other index sizes (one entry per size), and say where."""
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        runs = json.loads(out.read_text()).get("runs", {})
    except (OSError, ValueError, AttributeError):
        runs = {}
    runs[str(result["letters"])] = result
    out.write_text(json.dumps({"runs": dict(sorted(runs.items(), key=lambda kv: int(kv[0])))}, indent=2) + "\n")
    print(f"\nwrote {out}")


def require_free(folder: Path, need: float) -> None:
    """Stop with a message, before any work, where ``folder``'s disk has less than ``need`` bytes free."""
    free = shutil.disk_usage(folder).free
    if free < need:
        sys.exit(f"not enough free disk in {folder}: {free / 1e9:.1f} GB free, {need / 1e9:.1f} GB needed")
