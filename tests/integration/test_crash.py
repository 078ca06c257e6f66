"""Hard stops and failing disks during a rebuild never cost the previous index.

Real child processes run `imr-search index`; they are killed with SIGKILL at
seeded moments, or run out of file size (RLIMIT_FSIZE standing in for a full
disk), or meet a read-only index folder.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imr_search import open_index
from imr_search.errors import IndexDamaged
from imr_search.index import store
from imr_search.index.schema import SCHEMA_VERSION
from imr_search.index.writer import build
from imr_search.synth import write_corpus

QUERIES = ("therapy", '"physical therapy" outcome:upheld', "category:pharmaceuticals", "mri OR ct")


def _answers(index: Path) -> list[list[tuple[str, list[int]]]]:
    idx = open_index(index)
    return [[(h.id, [i.item for i in h.items]) for h in idx.search(q, limit=50).letters] for q in QUERIES]


def _index_cmd(corpus: Path, index: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "imr_search.cli", "index", str(corpus), "--index", str(index), *extra]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    write_corpus(root / "small", 60, seed=1)
    write_corpus(root / "big", 1500, seed=2)
    return root


def _fresh_index(root: Path, corpora: Path) -> Path:
    index = root / "index"
    build([corpora / "small"], index, jobs=1)
    return index


@pytest.mark.slow
def test_kill_9_during_rebuild_keeps_the_previous_index(tmp_path, corpora):
    index = _fresh_index(tmp_path, corpora)
    before = _answers(index)
    rng = random.Random(2024)
    started = time.monotonic()
    subprocess.run(_index_cmd(corpora / "big", tmp_path / "probe"), check=True, capture_output=True)
    full = time.monotonic() - started
    whole = (open_index(tmp_path / "probe").letters_count, open_index(tmp_path / "probe").items_count)
    live_before = store.current(index).name
    killed = 0
    for delay in sorted(rng.uniform(0.2, full * 0.95) for _ in range(5)):
        child = subprocess.Popen(_index_cmd(corpora / "big", index), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        if child.returncode != -signal.SIGKILL:
            continue  # it finished first: nothing was interrupted
        if store.current(index).name != live_before:
            # Killed after it switched over: the new version is whole and live, and now the one to keep.
            assert (open_index(index).letters_count, open_index(index).items_count) == whole
            before, live_before = _answers(index), store.current(index).name
            continue
        killed += 1
        assert _answers(index) == before, f"killed at {delay:.2f}s"
    assert killed >= 3
    # The next run cleans up whatever the killed ones left, and switches over.
    done = subprocess.run(_index_cmd(corpora / "big", index), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert open_index(index).letters_count == 1500
    live = store.current(index).name
    assert sorted(p.name for p in index.iterdir()) == sorted([store.POINTER, store.LOCK, live])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index", "probe"]


def test_second_build_is_refused_while_one_runs(tmp_path, corpora):
    index = _fresh_index(tmp_path, corpora)
    first = subprocess.Popen(_index_cmd(corpora / "big", index), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        lock = index / store.LOCK
        deadline = time.monotonic() + 30
        while lock.read_text().strip() != str(first.pid):  # the first build holds the lock
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.02)
        second = subprocess.run(_index_cmd(corpora / "small", index), capture_output=True, text=True)
        assert second.returncode == 1
        assert f"another `imr-search index` (pid {first.pid}) is building" in second.stderr
        assert "wait for it to finish" in second.stderr
    finally:
        first.wait(timeout=120)
    assert first.returncode == 0


def test_full_disk_keeps_the_previous_index(tmp_path, corpora):
    index = _fresh_index(tmp_path, corpora)
    before = _answers(index)
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))\n"
        "from imr_search.cli import main\n"
        "sys.argv = ['imr-search', 'index', sys.argv[1], '--index', sys.argv[2], '--jobs', '1']\n"
        "main()\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(corpora / "big"), str(index)], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "disk full" in run.stderr and "previous index is unchanged" in run.stderr
    assert "Traceback" not in run.stderr
    assert _answers(index) == before
    assert [p.name for p in index.iterdir() if p.name.startswith("v")] == [store.current(index).name]


def test_read_only_index_folder(tmp_path, corpora):
    index = _fresh_index(tmp_path, corpora)
    before = _answers(index)
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(index)], capture_output=True)
        if made.returncode != 0:
            pytest.skip("running as root without chattr: permissions cannot make a folder read-only")
    else:
        index.chmod(0o555)
    try:
        run = subprocess.run(_index_cmd(corpora / "small", index), capture_output=True, text=True)
        assert run.returncode == 1
        assert run.stderr.startswith("error: cannot write to") and "previous index is unchanged" in run.stderr
        assert _answers(index) == before
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(index)])
        else:
            index.chmod(0o755)


def test_schema_mismatch_and_missing_index_exit_1(tmp_path, corpora):
    index = _fresh_index(tmp_path, corpora)
    meta = store.current(index) / store.META
    meta.write_text(meta.read_text().replace(f'"schema_version": {SCHEMA_VERSION}', '"schema_version": 999'))
    run = subprocess.run([sys.executable, "-m", "imr_search.cli", "search", "x", "--index", str(index)], capture_output=True, text=True)
    assert run.returncode == 1 and "rebuild with `imr-search index`" in run.stderr
    missing = subprocess.run([sys.executable, "-m", "imr_search.cli", "stats", "--index", str(tmp_path / "nope")], capture_output=True, text=True)
    assert missing.returncode == 1 and "no index at" in missing.stderr


def test_a_damaged_index_file_is_an_error_line_not_a_traceback(tmp_path, corpora):
    """Zeroed store files: an open index meets Tantivy's panic (IndexDamaged), a new process a clear line."""
    index = _fresh_index(tmp_path, corpora)
    letter_id = open_index(index).search("", limit=1, sort="date").letters[0].id
    idx = open_index(index)  # opened before the damage, nothing of its store read yet
    for path in store.current(index).glob("*.store"):
        with path.open("r+b") as f:
            f.write(bytes(path.stat().st_size))
    with pytest.raises(IndexDamaged, match=f"the index at {index} is damaged .*rebuild it with `imr-search index`"):
        idx.letter(letter_id)
    env = dict(os.environ, RUST_BACKTRACE="0")
    run = subprocess.run(
        [sys.executable, "-m", "imr_search.cli", "show", letter_id, "--index", str(index)], capture_output=True, text=True, env=env
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: cannot open the index at {index} (") and last.endswith("rebuild with `imr-search index`")
