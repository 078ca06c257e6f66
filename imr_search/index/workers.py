"""Parsing many files in worker processes, each file under a time limit.

A process pool from the standard library cannot stop one task: a PDF that
hangs the extraction library would stall the whole build. Here the parent
hands each worker a few files at a time and hears back after every file; a
worker that goes quiet past the limit is killed, its current file reported
as timed out, the rest of its batch handed out again, and a fresh worker
started. A worker that dies (a crash in native code) is handled the same
way, so one bad file never costs a run.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from ..read import text as textio
from ..errors import LetterError
from ..parse import parse_bytes
from ..records import to_json

Stamp = tuple[int, int, str]
"""(size, mtime_ns, content hash) of a file as it was read: the update manifest's key."""
Result = tuple[str, "bytes | None", "str | None", "Stamp | None"]
"""(path, the letter as JSON or None, the reason it was skipped or None, its stamp)"""

PARSE_TIMEOUT = 20.0
"""Seconds one file may take; real letters take milliseconds."""

_BATCH = 16


def parse_one(path: str) -> Result:
    """Parse one file; never raise (a reason string instead)."""
    stamp = None
    try:
        data, st = textio.read_stat(path)
        stamp = (st.st_size, st.st_mtime_ns, hashlib.blake2b(data, digest_size=16).hexdigest())
        return path, to_json(parse_bytes(data, path)), None, stamp
    except LetterError as e:
        return path, None, e.reason, stamp
    except OSError as e:
        return path, None, f"cannot read: {e.strerror or e}", stamp
    except MemoryError:
        return path, None, "too large to parse (out of memory)", stamp
    except Exception as e:  # a parser bug must not end the run
        return path, None, f"parser error: {type(e).__name__}: {e}", stamp


def _worker(conn: Connection, fn: Callable[[str], Result]) -> None:
    try:
        while True:
            batch = conn.recv()
            if batch is None:
                return
            for path in batch:
                conn.send(fn(path))
    except (EOFError, KeyboardInterrupt, BrokenPipeError):
        return


class _Slot:
    def __init__(self, ctx: Any, fn: Callable[[str], Result]) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.proc = ctx.Process(target=_worker, args=(child, fn), daemon=True)
        self.proc.start()
        child.close()
        self.batch: deque[str] = deque()
        self.since = time.monotonic()

    def give(self, paths: list[str]) -> None:
        self.batch.extend(paths)
        self.since = time.monotonic()
        self.conn.send(paths)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


def parse_all(
    paths: list[str],
    jobs: int,
    timeout: float = PARSE_TIMEOUT,
    fn: Callable[[str], Result] = parse_one,
) -> Iterator[Result]:
    """Yield one result per path, in the order of ``paths``, using ``jobs`` processes.

    In order, not as they finish: what a build makes of a corpus (its
    letters' ordinals, which copy of a duplicate it meets first) and what
    ``parse`` prints must not depend on which worker was quicker.
    """
    held: dict[str, Result] = {}
    at = 0
    for result in _completed(paths, jobs, timeout, fn):
        held[result[0]] = result
        while at < len(paths) and paths[at] in held:
            # The caller's own string for the path, not the worker's copy of it: a build keeps
            # every path (its manifest's keys), and two copies of two million paths are 180 MB.
            yield (paths[at], *held.pop(paths[at])[1:])  # type: ignore[misc]
            at += 1
    yield from (held.pop(p) for p in paths[at:] if p in held)


def parse_files(paths: list[str], jobs: int | None = None, timeout: float = PARSE_TIMEOUT) -> Iterable[Result]:
    """``parse_all`` on every core; small text-only sets parse in this process (workers take a while to start)."""
    if len(paths) < 64 and not any(p.lower().endswith(".pdf") for p in paths):  # a PDF can hang its library
        return map(parse_one, paths)
    return parse_all(paths, jobs or os.cpu_count() or 1, timeout=timeout)


def _completed(paths: list[str], jobs: int, timeout: float, fn: Callable[[str], Result]) -> Iterator[Result]:
    """One result per path as the workers finish them."""
    if not paths:
        return
    # forkserver, not fork: the caller may already run threads (Tantivy's writer).
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    pending: deque[str] = deque(paths)
    slots: list[_Slot] = []
    try:
        for _ in range(max(1, min(jobs, len(paths)))):
            slot = _Slot(ctx, fn)
            slots.append(slot)
            slot.give(_take(pending, jobs))
        while any(s.batch for s in slots):
            busy = {s.conn: s for s in slots if s.batch}
            ready = wait(list(busy), timeout=min(1.0, timeout))
            for conn in ready:
                slot = busy[conn]  # type: ignore[index]
                try:
                    result = conn.recv()  # type: ignore[union-attr]
                except (EOFError, OSError):
                    code = slot.proc.exitcode
                    yield from _replace(slots, slot, ctx, fn, pending, f"parser crashed (worker exit code {code})")
                    continue
                slot.batch.popleft()
                slot.since = time.monotonic()
                yield result
                if len(slot.batch) <= _BATCH // 2 and pending:  # the next batch waits in the pipe: no idle worker
                    slot.give(_take(pending, jobs))
            now = time.monotonic()
            for slot in list(slots):
                if slot.batch and now - slot.since > timeout:
                    yield from _replace(slots, slot, ctx, fn, pending, f"timed out after {timeout:g}s (parser stopped)")
    finally:
        for slot in slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        for slot in slots:
            slot.proc.join(timeout=0.5)
            slot.kill()


def _take(pending: deque[str], jobs: int) -> list[str]:
    # Smaller batches near the end keep both cores busy to the last file.
    n = max(1, min(_BATCH, len(pending) // (jobs * 2) or 1))
    return [pending.popleft() for _ in range(min(n, len(pending)))]


def _replace(
    slots: list[_Slot],
    slot: _Slot,
    ctx: Any,
    fn: Callable[[str], Result],
    pending: deque[str],
    reason: str,
) -> Iterator[Result]:
    """Report the worker's current file, requeue the rest, start a fresh worker."""
    slot.kill()
    bad = slot.batch.popleft()
    pending.extendleft(reversed(slot.batch))
    slot.batch.clear()
    slots.remove(slot)
    yield bad, None, reason, None
    if pending:
        fresh = _Slot(ctx, fn)
        slots.append(fresh)
        fresh.give(_take(pending, len(slots)))
