"""Writing items out for other programs and people: Word, Markdown, CSV, newline-delimited JSON.

Above the query layer (it writes what a query or the packet holds) and below
the command line and the app, which only choose the format and the place.
"""

from __future__ import annotations
