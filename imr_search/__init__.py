"""imr-search: offline search of California IMR decision letters.

The core flows one way: files → ``parse`` → ``records`` → index → queries;
``cli`` and ``tui`` are thin adapters over it.
"""

from __future__ import annotations

from .errors import IndexNotFound, LetterError, SchemaMismatch
from .index.reader import SearchIndex, open_index
from .parse import parse_file, parse_text
from .records import Item, Letter

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
