"""The index folder on disk: versions, the pointer to the live one, the lock.

Renaming a folder over a non-empty one is not atomic, so a build writes a
new version folder beside the live one and then atomically replaces the
small ``CURRENT`` file that names the live version. Readers follow
``CURRENT``; a build that dies leaves at most a stray version folder, which
the next build removes under the lock.

    index/
      CURRENT          -> "v1732467000123-4242"
      .lock            held by the running build
      v1732467000123-4242/   tantivy files + imr-meta.json
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import IndexBuildError, IndexLocked, IndexNotFound, SchemaMismatch
from .schema import SCHEMA_VERSION

POINTER = "CURRENT"
LOCK = ".lock"
META = "imr-meta.json"
ENV = "IMR_SEARCH_INDEX"


LOCAL = Path("index")
"""The project's own index: used when a folder named ``index`` is where the user stands."""


def default_path() -> Path:
    """``$IMR_SEARCH_INDEX``, else ``./index`` where it exists, else the user's data folder.

    A tool installed with pip is run from anywhere: it must find the user's
    index wherever they stand and never drop one in whatever folder that is.
    """
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if LOCAL.is_dir():
        return LOCAL
    return platformdirs.user_data_path("imr-search", appauthor=False) / "index"


def resolve(root: str | os.PathLike[str] | None) -> Path:
    return Path(root) if root is not None else default_path()


def current(root: Path) -> Path:
    """The live version folder, or ``IndexNotFound``."""
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        raise IndexNotFound(f"no index at {root}: build one with `imr-search index CORPUS`") from None
    except OSError as e:
        raise IndexNotFound(f"cannot read the index at {root}: {e.strerror}") from None
    path = root / name
    if not name or "/" in name or not path.is_dir():
        raise IndexNotFound(f"the index at {root} is incomplete: rebuild with `imr-search index CORPUS`")
    return path


def read_meta(version: Path) -> dict[str, Any]:
    try:
        meta = json.loads((version / META).read_text())
    except (OSError, ValueError):
        raise SchemaMismatch(
            f"{version.parent} was not written by this version of imr-search: rebuild with `imr-search index`"
        ) from None
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise SchemaMismatch(
            f"the index at {version.parent} has schema version {meta.get('schema_version')}, "
            f"this imr-search reads version {SCHEMA_VERSION}: rebuild with `imr-search index`"
        )
    return meta


def new_version(root: Path) -> Path:
    path = root / f"v{time.time_ns() // 1_000_000}-{os.getpid()}"
    path.mkdir()
    return path


def write_meta(version: Path, meta: dict[str, Any]) -> None:
    tmp = version / (META + ".tmp")
    with open(tmp, "w") as f:
        json.dump({"schema_version": SCHEMA_VERSION, **meta}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, version / META)


def publish(root: Path, version: Path) -> None:
    """Make ``version`` the live index in one atomic step (the caller then drops the rest)."""
    _fsync_tree(version)
    tmp = root / (POINTER + ".tmp")
    with open(tmp, "w") as f:
        f.write(version.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, root / POINTER)
    _fsync_dir(root)


def remove_stale(root: Path, keep: Path | None = None) -> None:
    """Remove version folders other than the live one (call under the lock)."""
    try:
        live = current(root).name
    except IndexNotFound:
        live = None
    for child in root.iterdir():
        if child.name in (live, getattr(keep, "name", None), POINTER, LOCK):
            continue
        if child.is_dir() and child.name.startswith("v"):
            shutil.rmtree(child, ignore_errors=True)
        elif child.name == POINTER + ".tmp":
            child.unlink(missing_ok=True)


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the index's build lock, or raise ``IndexLocked`` at once."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise IndexBuildError(f"cannot write the index folder {root}: {e.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EACCES):
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "another process"
                raise IndexLocked(
                    f"another `imr-search index` (pid {holder}) is building {root}; wait for it to finish"
                ) from None
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for child in path.iterdir():
        if child.is_file():
            with open(child, "rb") as f:
                os.fsync(f.fileno())
    _fsync_dir(path)
