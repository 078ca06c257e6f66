"""imr-search: offline search of California IMR decision letters.

The data flows one way, and the folders say so: ``read`` (files to text) →
``parse`` (text to records) → ``records`` → ``index`` (building) → ``query``
(asking) → ``cli`` and ``tui`` (thin adapters). ``vocab`` holds the words
of the trade; ``synth`` generates letters for tests and is used by nothing
else.

The query layer is imported on first use, so ``import imr_search.parse``
(and every parser worker process) never loads the index engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import IndexNotFound, LetterError, SchemaMismatch
from .parse import parse_file, parse_text
from .records import Item, Letter

if TYPE_CHECKING:
    from .query import SearchIndex, open_index

__all__ = [
    "IndexNotFound",
    "Item",
    "Letter",
    "LetterError",
    "SchemaMismatch",
    "SearchIndex",
    "open_index",
    "parse_file",
    "parse_text",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("SearchIndex", "open_index"):
        from . import query

        return getattr(query, name)
    raise AttributeError(f"module 'imr_search' has no attribute {name!r}")
