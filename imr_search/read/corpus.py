"""Finding the letter files under the paths a user names.

Walking is separate from parsing so the indexer can hand paths to worker
processes; anything that is not a readable regular file is reported here
with a reason instead of being silently passed over.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(path, None)`` for each candidate file, ``(path, reason)`` for a skip.

    Folders are walked recursively in name order without following symlinked
    folders (so a symlink loop cannot trap the walk); hidden files and
    folders (".DS_Store", ".git") are not letters and are passed over.
    """
    for root in paths:
        root = Path(root)
        try:
            st = root.stat()
        except OSError as e:
            yield root, _why(root, e)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(root)
        else:
            yield root, _kind_problem(st.st_mode)


def _walk_dir(top: Path) -> Iterator[tuple[Path, str | None]]:
    for dirpath, dirnames, filenames in os.walk(top, onerror=None, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = base / name
            try:
                st = path.stat()
            except OSError as e:
                yield path, _why(path, e)
                continue
            yield path, _kind_problem(st.st_mode)
        for d in list(dirnames):
            p = base / d
            if p.is_symlink():
                yield p, "symlink to a folder, not followed"


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "not a regular file (FIFO)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (socket)"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _why(path: Path, e: OSError) -> str:
    if path.is_symlink():
        if e.errno == 40:
            return "symlink loop"
        return "dangling symlink"
    return f"cannot read: {e.strerror or e}"
