"""The compressed letter store answers exactly as the plain JSON store did.

One mixed corpus (every layout, text and HTML shapes, duplicates) is built
once. Every letter read back from the store must be, byte for byte, the
record parsed from the file the build kept. Then every question is asked
twice of that index: with letters read from the store, and with each read
replaced by that record's JSON (what the store held before schema 6). The
answers must be the same, byte for byte: searches with snippets in both
orders, letter views with their hits, similar and opposite cases, stats, the
citator and the letters citing a row. (Two builds are not compared: how
Tantivy's writer threads split documents into segments varies from build to
build, and with it some phrase scores.)
"""

from __future__ import annotations

import random
from pathlib import Path

import msgspec
import pytest

from imr_search import open_index
from imr_search.index import build, letter_store
from imr_search.index.writer import MANIFEST, Manifest
from imr_search.parse import parse_file
from imr_search.query import SearchIndex
from imr_search.records import Letter, letter_from_json, to_json
from imr_search.synth import make_letter, render, write_corpus

LAYOUTS = {"standard", "notice", "maximus", "professional-review"}


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    write_corpus(corpus, 300, seed=12, formats="text,html")
    rng = random.Random(4)
    for n in range(40):  # letters of 2013: older layouts among them
        letter = make_letter(rng, f"CM13-{9_000_000 + n:07d}", older=True)
        (corpus / f"{letter.case_number}.txt").write_text(render(letter, "html-text"), encoding="utf-8")
    return corpus


def _questions(letters: list[Letter]) -> list[str]:
    """Queries of every kind, words and phrases taken from the letters themselves."""
    rng = random.Random(9)
    queries = ["", "physical therapy", '"is not"', "outcome:overturned", "cites:ODG lumbar", "decided:2015 -mri", "mri OR ct"]
    for letter in rng.sample(letters, 25):
        words = [w for w in letter.items[0].rationale.split() if w.isalpha()]
        if len(words) > 3:
            i = rng.randrange(len(words) - 2)
            queries += [words[i], f'"{words[i]} {words[i + 1]}"', f"summary:{letter.summary.split()[0]} {words[i]}"]
        queries.append(f"treatment:{letter.items[0].treatment.split()[0]}")
    return queries


def _answers(idx: SearchIndex, letters: list[Letter]) -> list[bytes]:
    enc = msgspec.json.encode
    out: list[bytes] = []
    for q in _questions(letters):
        for sort in ("relevance", "date"):
            res = idx.search(q, limit=20, sort=sort)
            res.elapsed_ms = 0.0
            out.append(enc(res))
        out.append(enc(idx.stats(q)))
        rows = idx.citations(q)
        out.append(enc(rows))
        out += [enc(idx.citing(q, row)) for row in rows[:3]]
        hit = idx.search(q, limit=1).letters
        if hit:
            out.append(enc(idx.letter(hit[0].id, query=q)))
    for letter in letters:
        out.append(enc(idx.letter(letter.id)))
        out.append(enc(idx.similar(letter.id, item=1)))
        out.append(enc(idx.similar(letter.id, item=1, contrast=True)))
    return out


Built = tuple[list[bytes], list[bytes], list[Letter], Path]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("store")
    build([_corpus(root)], root / "index", jobs=1)
    idx = open_index(root / "index")
    manifest = msgspec.json.decode((idx.version / MANIFEST).read_bytes(), type=Manifest)
    records = {e.id: to_json(parse_file(path)) for path, e in manifest.files.items() if e.status == "indexed" and e.id}
    letters = [letter_from_json(records[i]) for i in sorted(records)]
    assert {x.layout for x in letters} == LAYOUTS, "the corpus must hold every layout"
    assert any(e.status == "duplicate" for e in manifest.files.values()), "the corpus must hold duplicates"
    for letter in letters:
        view = idx.letter(letter.id)
        assert view is not None and to_json(view.letter) == records[letter.id]
    stored = _answers(idx, letters)
    real_decode = letter_store.LetterCodec.decode
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(letter_store.LetterCodec, "decode", lambda self, data: records[letter_from_json(real_decode(self, data)).id])
        plain = _answers(open_index(root / "index"), letters)
    return stored, plain, letters, root


def test_every_answer_is_the_plain_stores(both: Built) -> None:
    new, plain, letters, _ = both
    assert len(new) == len(plain) > 5 * len(letters)
    differing = [i for i, (a, b) in enumerate(zip(new, plain)) if a != b]
    assert not differing, f"{len(differing)} answers differ, first: {new[differing[0]][:300]!r} != {plain[differing[0]][:300]!r}"


def test_the_store_is_a_fraction_of_the_json(both: Built) -> None:
    _, _, letters, root = both
    assert next((root / "index").glob(f"*/{letter_store.DICTIONARY}")).exists()
    store = sum(f.stat().st_size for f in (root / "index").rglob("*.store"))
    assert store < 0.3 * sum(len(to_json(x)) for x in letters)


def test_a_letter_round_trips_with_or_without_a_dictionary() -> None:
    data = msgspec.json.encode({"id": "CM15-0106031", "summary": "lumbar fusion " * 50})
    assert letter_store.train([data] * 3) is None, "too few letters to train on: frames without a dictionary"
    plain, trained = letter_store.LetterCodec(None), letter_store.LetterCodec(letter_store.train([data] * 400))
    assert trained.decode(trained.encode(data)) == data == plain.decode(plain.encode(data))
    assert trained.decode(plain.encode(data)) == data, "a reader with a dictionary reads frames made without one"

