"""The ``imr-search`` command line: a thin adapter over the query layer."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
