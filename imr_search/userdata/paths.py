"""Where a user's files live, and how they are written without ever leaving half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
