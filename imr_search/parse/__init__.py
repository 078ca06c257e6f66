"""Text to records: the parser's public entry points.

``parse_file`` reads a letter file (text, PDF, HTML) and returns its
``Letter``; ``parse_text`` parses text already in hand. Importing this
package loads neither the index engine nor the app.
"""

from __future__ import annotations

from .letter import parse_bytes, parse_file, parse_text

__all__ = ["parse_bytes", "parse_file", "parse_text"]
