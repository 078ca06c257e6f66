"""The shared ``--index DIR`` option and opening the index it names.

Every command that reads an index takes the same option with the same
default (``$IMR_SEARCH_INDEX``, else ``./index`` where it exists, else a
per-user data folder: the store decides), and a missing or unreadable index
is one ``error:`` line and exit status 1, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import IndexProblem
from ..query import SearchIndex, open_index
from .output import warn

DEFAULT = "$IMR_SEARCH_INDEX, else ./index where it exists, else the per-user data folder"
"""Where the index is when ``--index`` is not given, as the help says it (``index.store`` decides)."""


def index_option(what: str = "Index folder") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--index DIR``, passed to the command as ``index_dir`` (None: the default); ``what`` begins its help."""
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"{what} [default: {DEFAULT}].",
    )


def open_or_exit(index_dir: Path | None) -> SearchIndex:
    """The index at ``index_dir`` (or the default), or exit 1 saying why not."""
    try:
        return open_index(index_dir)
    except IndexProblem as e:
        warn(f"error: {e}")
        sys.exit(1)
