"""`index --update`: new, changed and deleted files without a rebuild, same answers as one."""

from __future__ import annotations

import os
import random
import shutil

import msgspec
import pytest
from click.testing import CliRunner

from imr_search import open_index
from imr_search.cli import main
from imr_search.index import store
from imr_search.index.all_items import STATS_KEY
from imr_search.query.stats import STAT_DIMENSIONS
from imr_search.index.writer import build
from imr_search.synth import make_letter, render, write_corpus

QUERIES = ("therapy", '"physical therapy"', "outcome:overturned", "category:pharmaceuticals", "mri OR ct -knee", "zebrafish", "")


def _answers(index):
    idx = open_index(index)
    out = {q: sorted((h.id, tuple(i.item for i in h.items)) for h in idx.search(q, limit=100_000).letters) for q in QUERIES}
    out["stats"] = [msgspec.to_builtins(r) for r in idx.stats("")[0]]
    rows = idx.citations("")
    out["citations"] = [msgspec.to_builtins(r) for r in rows]  # counted by the index: tombstoned letters left out
    out["citing"] = [msgspec.to_builtins(c) for c in idx.citing("", rows[0])]
    out["treatments"] = idx.meta["treatments"]
    out["count"] = (idx.letters_count, idx.items_count)
    return out


@pytest.fixture()
def corpus(tmp_path):
    write_corpus(tmp_path / "c", 150, seed=12)
    return tmp_path / "c"


def test_update_matches_a_rebuild(tmp_path, corpus):
    index = tmp_path / "index"
    first = build([corpus], index, jobs=1)
    assert first.parsed == len(list(corpus.iterdir()))
    rng = random.Random(1)
    for n in range(12):  # new letters
        letter = make_letter(rng, f"CM25-{8800000 + n:07d}")
        (corpus / f"{letter.case_number}.txt").write_text(render(letter, "pdf-text"))
    files = sorted(p for p in corpus.iterdir() if "_2" not in p.name and not p.name.startswith("CM25-88"))
    changed, deleted, touched = files[0], files[1], files[2]
    changed.write_text(changed.read_text().replace("Decision rationale:", "Decision rationale: Zebrafish studies aside,", 1))
    deleted.unlink()
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))

    report = build([corpus], index, jobs=1, update=True)
    assert report.updated and report.parsed == 12 + 2  # new ones, the changed one, the touched one
    after = _answers(index)
    assert [h for h in after["zebrafish"]] and after["zebrafish"][0][0] == changed.stem
    assert deleted.stem not in {i for i, _ in after[""]}

    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=1)
    assert after == _answers(fresh)


def test_the_stats_a_build_keeps_are_what_counting_gives(tmp_path, corpus):
    """The empty query's stats come from the build's metadata: after an update that tombstones
    letters they must still equal the index's own count of its live items."""
    index = tmp_path / "index"
    build([corpus], index, jobs=1)
    for gone in sorted(p for p in corpus.iterdir() if "_2" not in p.name)[:5]:
        gone.unlink()
    assert build([corpus], index, jobs=1, update=True).updated
    live = store.current(index)
    meta = store.read_meta(live)
    assert meta["tombstones"] and STATS_KEY in meta
    kept = open_index(index)
    asked = [list(STAT_DIMENSIONS), ["year", "category"], ["cites"]]
    stored = [kept.stats("", dimensions=d)[0] for d in asked]
    assert stored[0] and {r.dimension for r in stored[0]} == set(STAT_DIMENSIONS)
    store.write_meta(live, {k: v for k, v in meta.items() if k != STATS_KEY})  # as an index built before it was kept
    counted = open_index(index)
    assert STATS_KEY not in counted.meta
    assert [counted.stats("", dimensions=d)[0] for d in asked] == stored


def test_deleting_the_kept_copy_revives_its_duplicate(tmp_path, corpus):
    index = tmp_path / "index"
    letter = make_letter(random.Random(5), "CM25-7700000")
    (corpus / "CM25-7700000.txt").write_text(render(letter, "pdf-text"))
    dup = corpus / "CM25-7700000_2.txt"
    dup.write_text(render(letter, "pdf-text-noheader"))
    report = build([corpus], index, jobs=1)
    assert (str(dup), str(corpus / "CM25-7700000.txt"), "CM25-7700000") in report.duplicates
    case = "CM25-7700000"
    kept = open_index(index).letter(case).letter.source
    assert kept == str(corpus / "CM25-7700000.txt")
    os.unlink(kept)
    report = build([corpus], index, jobs=1, update=True)
    assert report.updated and report.parsed == 1
    view = open_index(index).letter(case)
    assert view is not None and view.letter.source == str(dup)
    fresh = tmp_path / "fresh"
    build([corpus], fresh, jobs=1)
    assert _answers(index) == _answers(fresh)


def test_update_without_an_index_builds_one_and_too_much_change_rebuilds(tmp_path, corpus):
    index = tmp_path / "index"
    assert not build([corpus], index, jobs=1, update=True).updated
    for p in sorted(corpus.iterdir())[:80]:
        p.unlink()
    os.symlink(corpus / "gone.txt", corpus / "dangling.txt")
    report = build([corpus], index, jobs=1, update=True)
    assert not report.updated  # more than a quarter gone: rebuilt, tombstones cleared
    assert (str(corpus / "dangling.txt"), "dangling symlink") in report.skipped
    assert open_index(index).meta["tombstones"] == []


def test_cli_update(tmp_path, corpus):
    runner = CliRunner()
    index = tmp_path / "index"
    assert runner.invoke(main, ["index", str(corpus), "--index", str(index)]).exit_code == 0
    extra = tmp_path / "c" / "new"
    write_corpus(extra, 2, seed=99)
    result = runner.invoke(main, ["index", "--update", str(corpus), "--index", str(index)])
    assert result.exit_code == 0, result.stderr
    assert "updated (2 new or changed files parsed)" in result.stderr
    shutil.rmtree(extra)
    result = runner.invoke(main, ["index", "--update", str(corpus), "--index", str(index)])
    assert "updated (0 new or changed files parsed)" in result.stderr
    assert open_index(index).letters_count == 150
