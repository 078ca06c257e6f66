"""Bytes on disk to clean text: encodings, size limits, control characters.

Real corpora hold UTF-8, cp1252 and UTF-16 files, BOMs, CRLF, NUL bytes and
the odd binary file under a ``.txt`` name; this module turns all of them into
one normal form (``\\n`` line ends, no control characters) or a
``LetterError`` that says why not.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata

from ..errors import LetterError

MAX_LETTER_BYTES = 4 * 1024 * 1024
"""The largest file read as a letter. Real letters are 3–50 KB as text and
under 1 MB as PDF; anything past this is refused before it is read whole."""

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\u00ad]")
_LIGATURES = {c: unicodedata.normalize("NFKC", c) for c in "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"}
_TRANSLATE = str.maketrans(
    {
        **_LIGATURES,
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\f": "\n",
        "\v": "\n",
    }
)


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_LETTER_BYTES) -> bytes:
    """Read a file, refusing one too large to be a letter without reading it."""
    return read_stat(path, limit)[0]


def read_stat(path: str | os.PathLike[str], limit: int = MAX_LETTER_BYTES) -> tuple[bytes, os.stat_result]:
    """``read_bytes``, with the file's status as it was found before reading (its size and time stamp)."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise LetterError(f"cannot read: {e.strerror or e}", str(path)) from None
    if not stat.S_ISREG(st.st_mode):  # opening a FIFO would block forever
        raise LetterError("not a regular file", str(path))
    size = st.st_size
    if size > limit:
        raise LetterError(
            f"too large to be a letter ({size / 1e6:.1f} MB, limit {limit / 1e6:.0f} MB)", str(path)
        )
    try:
        with open(path, "rb") as f:
            data = f.read(size + 1)  # not limit + 1: Python would set aside the limit's 4 MB for every file
            if len(data) > size:  # it grew since: read on, to the limit
                data += f.read(limit + 1 - len(data))
    except OSError as e:
        raise LetterError(f"cannot read: {e.strerror or e}", str(path)) from None
    if len(data) > limit:
        raise LetterError(f"too large to be a letter (over {limit / 1e6:.0f} MB)", str(path))
    return data, st


def decode(data: bytes) -> str:
    """Decode letter bytes: BOMs first, then UTF-8, then cp1252.

    Raises ``LetterError`` for empty and binary input. cp1252 is the fallback
    because it is what Windows tools write, and every byte decodes under it
    (the five it leaves undefined become U+FFFD).
    """
    if not data.strip():
        raise LetterError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif _looks_utf16le(data):
        text = data.decode("utf-16-le", errors="replace")
    else:
        if data.count(0) > len(data) // 20 or _binary_share(data) > 0.1:
            raise LetterError("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text


def _looks_utf16le(data: bytes) -> bool:
    sample = data[:4096]
    odd = sample[1::2]
    return len(odd) > 16 and odd.count(0) > 0.9 * len(odd) and sample[0::2].count(0) < 0.1 * len(odd)


_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _binary_share(data: bytes) -> float:
    sample = data[:8192]
    bad = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return bad / max(1, len(sample))


def clean(text: str) -> str:
    """Normalise line ends and drop what a terminal or the parser must not see.

    Terminal escape sequences and control characters are removed (so a letter
    can never drive the user's terminal), ligatures and odd spaces become
    plain letters and spaces, and line ends become ``\\n``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if not text.isascii() or "\f" in text or "\v" in text:  # else nothing to translate (the common case, and cheap to tell)
        text = text.translate(_TRANSLATE)
    return _CONTROL.sub("", text)


def read_text(path: str | os.PathLike[str], limit: int = MAX_LETTER_BYTES) -> str:
    """Read a text file as a clean string, or raise ``LetterError`` naming it."""
    data = read_bytes(path, limit)
    try:
        return clean(decode(data))
    except LetterError as e:
        raise LetterError(e.reason, str(path)) from None
