"""The parse worker pool: a hung or crashing file costs only itself."""

from __future__ import annotations

import os
import time

from imr_search.index.workers import parse_all


def _fickle(path: str):
    """Stands in for a parser on files with a known fate."""
    if "hang" in path:
        time.sleep(60)
    if "crash" in path:
        os._exit(3)
    return path, path.encode(), None, None


def test_hung_and_crashing_files_are_reported_and_the_rest_finish():
    # 4 s, not less: a replacement worker's clock starts when it is started, and a loaded machine starts it slowly.
    paths = [f"ok-{i}" for i in range(30)] + ["hang-1", "crash-1"] + [f"ok-{i}" for i in range(30, 50)]
    started = time.monotonic()
    results = {p: (data, reason) for p, data, reason, _ in parse_all(paths, jobs=2, timeout=4, fn=_fickle)}
    assert time.monotonic() - started < 30
    assert set(results) == set(paths)
    assert results["hang-1"] == (None, "timed out after 4s (parser stopped)")
    assert results["crash-1"][0] is None and "parser crashed" in results["crash-1"][1]
    assert all(results[p] == (p.encode(), None) for p in paths if p.startswith("ok-"))
