"""Where a user's files live, and how they are written without ever leaving half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import platformdirs

ENV = "IMR_SEARCH_DATA"


def data_dir() -> Path:
    """``$IMR_SEARCH_DATA``, else the per-user data folder.

    The variable lets the browser server give each browser user a folder of
    their own, and the tests a temporary one.
    """
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    return platformdirs.user_data_path("imr-search", appauthor=False)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A crash or a full disk leaves the old file whole: the user's packet and
    saved searches are the only things here that cannot be rebuilt.
    """
    with open_atomically(path) as f:
        f.write(data)


def _new_file_mode(path: Path) -> int:
    """The mode the file would get from a plain ``open``: the old file's, else 0o666 less the umask.

    ``mkstemp`` makes its file 0o600, which would leave an export on a shared
    folder unreadable to the colleagues it was made for. The umask is read
    from /proc (setting it to read it would race with other threads).
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        pass
    try:
        status = Path("/proc/self/status").read_text()
        umask = int(next(line.split()[1] for line in status.splitlines() if line.startswith("Umask:")), 8)
    except (OSError, StopIteration, ValueError):
        umask = 0o022
    return 0o666 & ~umask


@contextmanager
def open_atomically(path: Path) -> Iterator[BinaryIO]:
    """A file to write that appears at ``path`` whole when the block ends, and never if it fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _new_file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
