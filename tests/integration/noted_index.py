"""An index whose letters carry parser notes, written the way a real build writes one.

The parser fills ``Letter.notes`` only where it had to guess. To choose which
letters carry which notes, this parses real generated letters, adds notes to
some of the records and hands their JSON to the writer's ``_Build`` exactly as
a build does with what a worker sends (``workers.parse_one``,
``writer._rebuild``), then publishes the version: a real index on disk that
the CLI and the app open.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import msgspec
import tantivy

from imr_search.index import store
from imr_search.index.schema import build_schema
from imr_search.index.workers import parse_one
from imr_search.index.writer import BuildReport, Manifest, _Build
from imr_search.records import Letter, letter_from_json, to_json
from imr_search.synth import make_letter, render


def build_noted(
    root: Path, count: int, notes: dict[int, list[str]], seed: int = 5, edit: Callable[[int, Letter], Letter] | None = None
) -> tuple[BuildReport, list[Letter]]:
    """Index ``count`` generated letters under ``root / "index"``; letter ``n`` gets ``notes[n]``.

    ``edit(n, letter)``, where given, may change any record as parsed before
    it is indexed (text no letter file could carry past the reader, say).
    Returns the build's report and the letters as indexed, in order.
    """
    corpus = root / "corpus"
    corpus.mkdir()
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        letter = make_letter(rng, f"CM17-{n:07d}")
        path = corpus / f"{letter.case_number}.txt"
        path.write_text(render(letter, "html-text"), encoding="utf-8")
        paths.append(str(path))
    index_root = root / "index"
    report = BuildReport(index=index_root)
    with store.locked(index_root):
        version = store.new_version(index_root)
        build = _Build(version, tantivy.Index(build_schema(), str(version)), Manifest(), report)
        letters = []
        for n, path in enumerate(paths):
            path, data, reason, stamp = parse_one(path)
            assert data is not None, reason
            letter = letter_from_json(data)
            if n in notes:
                letter = msgspec.structs.replace(letter, notes=notes[n])
            if edit is not None:
                letter = edit(n, letter)
            letters.append(letter)
            build.add((path, to_json(letter), reason, stamp))
        build.finish()
        store.publish(index_root, version)
    return report, letters
