"""A build whose workers prepare the documents gives the index a plain writer gives.

The workers send each letter's documents encoded and shared out
(``index.prepare``); the reference here is the writer as it was before, kept
only in this test: every kept letter parsed to JSON (``workers.parse_one``),
decoded, and each item's document built value by value in this process, in
the build's order. A mixed corpus (text in every shape and both layouts,
PDF and HTML files, duplicates that lose and one that displaces the copy
met first, files that are not letters) is built with two workers; both
indexes must hold the same documents (stored letters byte for byte) and
answer every query with the same items, scores and counts.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timezone

import msgspec
import tantivy

from imr_search.index import build
from imr_search.index.prepare import completeness
from imr_search.index.schema import EXACT_SUFFIX, GRAM_SUFFIX, SECTIONS, build_schema, gram_text, section_values
from imr_search.index.store import current
from imr_search.index.workers import parse_one
from imr_search.index.writer import MANIFEST, Manifest
from imr_search.records import Letter, letter_from_json
from imr_search.synth import SHAPES, make_letter, render, write_corpus


def _reference_documents(letter: Letter, letter_json: bytes, lno: int) -> list[tantivy.Document]:
    """The writer's documents as it built them in its own process, one value at a time."""
    decided = datetime.fromisoformat(letter.decision_date).replace(tzinfo=timezone.utc) if letter.decision_date else None
    docs = []
    for it in letter.items:
        d = tantivy.Document()
        d.add_text("id", letter.id)
        d.add_integer("item", it.item)
        d.add_integer("lno", lno)
        for name, texts in section_values(letter, it).items():
            for text in texts:
                d.add_text(name, text)
                d.add_text(name + EXACT_SUFFIX, text)
                if pairs := gram_text(text):
                    d.add_text(name + GRAM_SUFFIX, pairs)
        d.add_text("outcome", it.outcome)
        d.add_text("treatment_name", it.treatment.lower())
        if it.category:
            d.add_text("category", it.category.lower())
        if it.subcategory:
            d.add_text("subcategory", it.subcategory.lower())
        if it.body_part:
            d.add_text("body", it.body_part)
        for s in letter.reviewer.specialties:
            d.add_text("specialty", s.lower())
        for source in sorted({c.source.lower() for c in it.citations if c.by == "reviewer"}):
            d.add_text("cites", source)
        d.add_text("case", (letter.case_number or letter.id).lower())
        if decided:
            d.add_date("decided", decided)
            d.add_integer("year", decided.year)
        if it.item == 1:
            d.add_bytes("letter", letter_json)
        docs.append(d)
    return docs


def _corpus(folder) -> None:
    write_corpus(folder, 150, seed=31, formats=("text", "pdf", "html"))  # every file kind, some duplicates
    rng = random.Random(32)
    for n in range(60):  # the older layouts, every text shape
        letter = make_letter(rng, f"CM13-{n:07d}", older=True)
        (folder / f"{letter.case_number}.txt").write_text(render(letter, SHAPES[n % len(SHAPES)]), encoding="utf-8")
    for n in range(4):  # a fuller copy met second displaces the first; a bare copy met second loses
        letter = make_letter(rng, f"CM16-{n:07d}")
        first, second = ("pdf-text-noheader", "pdf-text") if n % 2 else ("pdf-text", "pdf-text-noheader")
        (folder / f"a-{n}.txt").write_text(render(letter, first), encoding="utf-8")
        (folder / f"b-{n}.txt").write_text(render(letter, second), encoding="utf-8")
    (folder / "minutes.txt").write_text("Minutes of the board meeting. Nothing here is a decision.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")


def _answers(index: tantivy.Index, queries: list[str]) -> list[tuple[int, list[tuple[str, int, float]]]]:
    searcher = index.searcher()
    fields = [s + sfx for s in SECTIONS for sfx in ("", EXACT_SUFFIX)]
    out = []
    for q in queries:
        result = searcher.search(index.parse_query(q, fields), limit=10_000, count=True)
        hits = []
        for score, addr in result.hits:
            doc = searcher.doc(addr)
            hits.append((doc["id"][0], doc["item"][0], score))
        out.append((result.count, sorted(hits)))
    return out


def _stored(index: tantivy.Index) -> dict[tuple[str, int], bytes | None]:
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), limit=10_000).hits
    docs = [searcher.doc(addr) for _, addr in hits]
    return {(d["id"][0], d["item"][0]): d.get_first("letter") for d in docs}


def _queries(letters: list[Letter], rng: random.Random) -> list[str]:
    fixed = ["medically", '"medically necessary"', '"of the"', 'rationale_x:"is not"', "rationale_g:of_the",
             "summary_g:the_patient", "outcome:upheld", "category:pharmaceuticals", "cites:odg", "body:knee",
             "year:2016", "decided:[2015-01-01T00:00:00Z TO 2017-01-01T00:00:00Z]", "lno:[10 TO 40]",
             "credentials:orthopedic", "docs:report"]
    found = []
    for letter in rng.sample(letters, 30):
        it = rng.choice(letter.items)
        texts = [t for ts in section_values(letter, it).values() for t in ts]
        words = re.findall(r"[a-z]+", rng.choice(texts).lower())
        if len(words) > 3:
            i = rng.randrange(len(words) - 2)
            found += [words[i], f'"{words[i]} {words[i + 1]}"', f"treatment_name:{it.treatment.lower()!r}".replace("'", '"')]
    return fixed + found


def test_prepared_documents_index_as_the_plain_writer_did(tmp_path):
    corpus = tmp_path / "corpus"
    _corpus(corpus)
    report = build([corpus], tmp_path / "index", jobs=2)
    assert report.duplicates and report.skipped and report.letters > 200
    assert any(kept.endswith("b-1.txt") for _, kept, _ in report.duplicates)  # the fuller copy met second won
    version = current(tmp_path / "index")
    manifest = msgspec.json.decode((version / MANIFEST).read_bytes(), type=Manifest)

    (tmp_path / "reference").mkdir()
    ref = tantivy.Index(build_schema(), str(tmp_path / "reference"))
    writer = ref.writer(heap_size=64_000_000, num_threads=1)
    letters = []
    for path, entry in sorted(manifest.files.items(), key=lambda pe: pe[1].lno if pe[1].lno is not None else -1):
        if entry.status == "skipped":
            continue
        _, data, _, _ = parse_one(path)
        letter = letter_from_json(data)
        # What settling duplicates read from the worker is what the letter says.
        assert (entry.id, entry.fingerprint, entry.score, entry.headed) == (
            letter.id, letter.fingerprint, completeness(letter), letter.case_number is not None)
        if entry.status == "indexed":
            letters.append(letter)
            for doc in _reference_documents(letter, data, entry.lno):
                writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    ref.reload()
    built = tantivy.Index.open(str(version))

    assert _stored(built) == _stored(ref)
    queries = _queries(letters, random.Random(33))
    answers = _answers(built, queries)
    assert all(count for count, _ in answers[:12])  # the fixed queries find something
    assert answers == _answers(ref, queries)
