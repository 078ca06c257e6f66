"""How a letter's record is stored in the index: its JSON, compressed with zstd and a dictionary of the build's own letters.

The record is stored once per letter and is most of the index's bytes:
Tantivy's document store compresses blocks of documents with LZ4 (0.44× of
the letters' text on 20,000 generated letters), and zlib on each letter does
no better. Letters of one archive share most of their wording (headings, the
state's boilerplate, guideline titles), which a dictionary trained on a
sample of them holds once: the store falls to about a fifth. Each letter is a
frame of its own, so reading one (a result page reads about twenty) decodes
only it, in microseconds.

The dictionary is a file in the version folder. A build trains it; an update
starts from hard links to the live version's files, so it finds the live
dictionary and compresses its new letters with it. Where there are too few
letters to train one, frames are made without a dictionary, and a reader
decodes them with or without one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import zstandard

DICTIONARY = "letters.zdict"
LEVEL = 3
"""The writer compresses in its one Python thread, where every microsecond a letter is build time:
with the dictionary, level 3 takes 10 µs a letter for 0.113 of the JSON; level 9, 66 µs for 0.080;
level 19 a tenth smaller again at 30 times level 9's time."""
DICTIONARY_BYTES = 256_000
SAMPLES = 2_000
"""Letters a dictionary is trained on: more make it no better (measured up to 4,000)."""


class LetterCodec:
    """Encodes a letter's JSON for the store and decodes it back, byte for byte."""

    def __init__(self, dictionary: bytes | None) -> None:
        self._dictionary = zstandard.ZstdCompressionDict(dictionary) if dictionary else None
        self._local = threading.local()  # zstd contexts are not to be shared between threads

    def encode(self, letter_json: bytes) -> bytes:
        compressor = getattr(self._local, "compressor", None)
        if compressor is None:
            compressor = self._local.compressor = zstandard.ZstdCompressor(level=LEVEL, dict_data=self._dictionary)
        return compressor.compress(letter_json)

    def decode(self, stored: bytes) -> bytes:
        decompressor = getattr(self._local, "decompressor", None)
        if decompressor is None:
            decompressor = self._local.decompressor = zstandard.ZstdDecompressor(dict_data=self._dictionary)
        return decompressor.decompress(stored)


def train(samples: list[bytes]) -> bytes | None:
    """A dictionary for letters like ``samples``, or None when they are too few to train one."""
    size = min(DICTIONARY_BYTES, sum(map(len, samples)) // 10)
    try:
        return zstandard.train_dictionary(size, samples, level=LEVEL).as_bytes()
    except zstandard.ZstdError:
        return None


def for_build(version: Path, samples: Callable[[], list[bytes]]) -> LetterCodec:
    """The codec a build writes ``version`` with: the dictionary already there (an update's), else one trained and saved."""
    path = version / DICTIONARY
    if path.exists():
        return LetterCodec(path.read_bytes())
    dictionary = train(samples())
    if dictionary is not None:
        with open(path, "wb") as f:
            f.write(dictionary)
            f.flush()
            os.fsync(f.fileno())
    return LetterCodec(dictionary)


def for_reading(version: Path) -> LetterCodec:
    """The codec ``version``'s letters were written with."""
    path = version / DICTIONARY
    return LetterCodec(path.read_bytes() if path.exists() else None)
