"""The build's manifest is written a chunk at a time: the bytes must be what encoding it whole gives."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import msgspec

from imr_search.index.writer import Entry, Manifest, write_chunked


def _manifest(files: int) -> Manifest:
    start = datetime(2025, 3, 1, 12, 30, tzinfo=timezone.utc)
    m = Manifest(next_lno=files + 7, tombstones=[3, 5, 8])
    for n in range(files):
        path = f"/corpus/CM1{n % 10}-{n:07d}.txt"
        if n % 7 == 3:
            m.files[path] = Entry(10 + n, 1_700_000_000_000_000_000 + n, f"{n:032x}", "skipped", reason='not a letter: "quoted" \\ and é')
        elif n % 7 == 5:
            m.files[path] = Entry(10 + n, 17 + n, f"{n:032x}", "duplicate", id=f"CM1{n % 10}-{n:07d}", reason=f"same case as {path}")
        else:
            m.files[path] = Entry(10 + n, 17 + n, f"{n:032x}", "indexed", id=f"CM1{n % 10}-{n:07d}", lno=n, fingerprint=f"{n:016x}", score=n % 50, headed=n % 2 == 0)
            m.first_indexed[f"CM1{n % 10}-{n:07d}"] = start + timedelta(seconds=n)
    return m


def _written(m: Manifest, chunk: int) -> bytes:
    out = io.BytesIO()
    write_chunked(out, m, chunk=chunk)
    return out.getvalue()


def test_chunked_writing_gives_the_bytes_of_encoding_whole() -> None:
    for files in (0, 1, 2, 3, 50):
        m = _manifest(files)
        whole = msgspec.json.encode(m)
        for chunk in (1, 2, 3, 7, 1000):
            assert _written(m, chunk) == whole, (files, chunk)
        assert msgspec.json.decode(_written(m, 4), type=Manifest) == m
