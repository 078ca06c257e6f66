"""Building an index: the Tantivy schema, the versioned store, the writer and its parser workers.

``build`` is the one entry point adapters call; reading an index is the
query layer's job (``imr_search.query``).
"""

from __future__ import annotations

from .writer import BuildReport, build

__all__ = ["BuildReport", "build"]
