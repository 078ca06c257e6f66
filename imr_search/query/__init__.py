"""The query layer: what users type, turned into answers from an index.

``open_index`` opens a built index; the ``SearchIndex`` it returns is the one
way the CLI, the app and scripts ask questions, and the Structs of
``results`` are what they get back. Only this package and ``index`` touch
Tantivy.
"""

from __future__ import annotations

from .order import Sort
from .reader import SearchIndex, open_index

__all__ = ["SearchIndex", "Sort", "open_index"]
