"""A small real index for fast tests of the query layer.

48 generated letters, written as text in the three text shapes (a third of
them without the header block, so without a decision date), built with the
real writer in this process (small text-only sets need no workers): about a
tenth of a second. Ground truth is the letters as the parser reads them back,
which is what the index holds.

Test modules use it with ``from .small_index import small  # noqa: F401``
(a module-scoped fixture: one build per module).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from imr_search import open_index
from imr_search.index import build
from imr_search.parse import parse_file
from imr_search.query import SearchIndex
from imr_search.records import Item, Letter
from imr_search.synth import SHAPES, make_letter, render

COUNT = 48
SEED = 21
ALL = 10_000


@dataclass
class Small:
    idx: SearchIndex
    letters: dict[str, Letter]
    """By id, as parsed from the files the index was built from."""

    def items(self) -> list[tuple[Letter, Item]]:
        return [(letter, it) for letter in self.letters.values() for it in letter.items]


def build_small(root: Path, count: int = COUNT, seed: int = SEED, older: bool = False) -> Small:
    """``older``: letters of 2013 and 2014 too, which may take the older layouts (as corpora hold them)."""
    corpus = root / "corpus"
    corpus.mkdir()
    rng = random.Random(seed)
    years = (13, 13, 14, 15, 16) if older else (15, 16, 17, 18, 19)
    for n in range(count):
        letter = make_letter(rng, f"CM{years[n % 5]}-{n:07d}", older=older)
        (corpus / f"{letter.case_number}.txt").write_text(render(letter, SHAPES[n % len(SHAPES)]), encoding="utf-8")
    report = build([corpus], root / "index", jobs=1)
    assert report.letters == count and not report.skipped
    letters = {}
    for path in sorted(corpus.iterdir()):
        letter = parse_file(path)
        letters[letter.id] = letter
    return Small(open_index(root / "index"), letters)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Small:
    return build_small(tmp_path_factory.mktemp("small"))


def tokens(text: str) -> list[str]:
    """Words as the index's tokenizers cut them: runs of letters and digits, lower-cased."""
    return re.findall(r"[^\W_]+", text.lower())


def ids(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.id for h in results.letters]


def items(results) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return {(h.id, ih.item) for h in results.letters for ih in h.items}
