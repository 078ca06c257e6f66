"""A parsed letter made ready for the writer, in the parser's worker process.

Everything the build does per letter happens here, beside the parsing, so
it runs on every core: the section texts of ``schema.SECTION_FIELDS``, the
common-word pairs, the other fields of each item's document, and the few
facts the writer needs to settle duplicates. The writer's process only
settles duplicates and hands the documents to Tantivy, whose own threads
index them, instead of building every document in one core of Python.

The documents travel as MessagePack, each item's document as the
field-to-values dict ``tantivy.Document.from_dict`` takes, written once
where it repeats: the fields every item of the letter holds alike (the
summary, on every item) once per letter, and a section's unstemmed twin
not at all (it holds the same texts). Measured per letter: 0.011 ms to
encode, 0.018 ms to decode, 8.6 KB (JSON 0.013 / 0.038 ms and 10.2 KB;
pickle 0.016 / 0.050 ms; every document whole 10.1 KB and 0.050 ms to
decode). The letter's ordinal is the writer's to give: ``documents`` adds it.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import msgspec
import tantivy

from ..records import Letter, to_json
from .schema import EXACT_SUFFIX, GRAM_SUFFIX, SECTIONS, gram_text, section_values

Fields = dict[str, list[object]]
"""One item's document: field name -> its values, in the order they are indexed (the unstemmed twins apart)."""


class Prepared(msgspec.Struct, array_like=True):
    """What a worker sends for one letter: what settling duplicates reads, and the documents."""

    id: str
    fingerprint: str
    score: int
    """``completeness``: the fuller copy of a duplicate wins."""
    headed: bool
    """The letter carried its own case number (a header)."""
    noted: bool
    """The parser left notes (what it had to guess)."""
    specialties: list[str]
    docs: msgspec.Raw
    """MessagePack of the item documents as ``Shared``, spooled as they are until written."""


class Shared(msgspec.Struct, array_like=True):
    """A letter's item documents, each field given once: ``common`` plus each of ``items``."""

    common: Fields
    items: list[Fields]


def completeness(letter: Letter) -> int:
    """How many fields a copy carries: the fuller copy of a duplicate wins."""
    score = sum(
        v is not None
        for v in (
            letter.case_number,
            letter.date_assigned,
            letter.date_of_injury,
            letter.decision_date,
            letter.ur_denial_date,
            letter.application_received,
            letter.priority,
            letter.patient.age,
            letter.patient.sex,
        )
    )
    score += len(letter.reviewer.specialties) + len(letter.reviewer.licensure) + len(letter.diagnoses)
    for it in letter.items:
        score += sum(v is not None for v in (it.category, it.body_part, it.quantity, it.frequency, it.duration))
        score += len(it.citations)
    return score


def item_fields(letter: Letter, letter_json: bytes) -> list[Fields]:
    """One document per item, each carrying the letter's filter fields.

    The searchable sections hold what ``schema.SECTION_FIELDS`` says, the
    same texts the query layer cuts snippets and hits from; each text is a
    value of its own (Tantivy leaves a position gap between values). The
    unstemmed twins hold the same texts: ``documents`` adds them.
    """
    decided = datetime.fromisoformat(letter.decision_date).replace(tzinfo=timezone.utc) if letter.decision_date else None
    specialties = [s.lower() for s in letter.reviewer.specialties]
    case = (letter.case_number or letter.id).lower()
    grams: dict[str, str] = {}  # the letter's own texts are on every item: their pairs are found once
    docs = []
    for it in letter.items:
        d: Fields = {"id": [letter.id], "item": [it.item]}
        for name, texts in section_values(letter, it).items():
            if not texts:
                continue
            d[name] = texts
            for t in texts:
                if t not in grams:
                    grams[t] = gram_text(t)
            pairs = [grams[t] for t in texts if grams[t]]
            if pairs:
                d[name + GRAM_SUFFIX] = pairs
        d["outcome"] = [it.outcome]
        d["treatment_name"] = [it.treatment.lower()]
        if it.category:
            d["category"] = [it.category.lower()]
        if it.subcategory:
            d["subcategory"] = [it.subcategory.lower()]
        if it.body_part:
            d["body"] = [it.body_part]
        if specialties:
            d["specialty"] = specialties
        cites = sorted({c.source.lower() for c in it.citations if c.by == "reviewer"})
        if cites:
            d["cites"] = cites  # what the decision rests on: `cites:` and stats count the reviewer's
        d["case"] = [case]
        if decided:
            d["decided"] = [decided]
            d["year"] = [decided.year]
        if it.item == 1:
            d["letter"] = [letter_json]
        docs.append(d)
    return docs


def shared(docs: list[Fields]) -> Shared:
    """``docs`` as they travel: the fields they all hold alike once."""
    first = docs[0] if docs else {}
    common = {k: v for k, v in first.items() if all(d.get(k) == v for d in docs[1:])}
    return Shared(common, [{k: v for k, v in d.items() if k not in common} for d in docs])


def documents(data: bytes, lno: int, schema: tantivy.Schema) -> Iterator[tantivy.Document]:
    """The Tantivy documents of one letter spooled as ``Prepared.docs``, with its ordinal."""
    docs = _decode_shared(data)
    for it in docs.items:
        fields = {**docs.common, **it}
        for name in SECTIONS:
            if name in fields:
                fields[name + EXACT_SUFFIX] = fields[name]
        doc = tantivy.Document.from_dict(fields, schema)
        doc.add_integer("lno", lno)
        yield doc


_encode = msgspec.msgpack.Encoder().encode
_decode_shared = msgspec.msgpack.Decoder(Shared).decode


def prepare(letter: Letter) -> bytes:
    """``letter`` as its worker sends it to the writer (an encoded ``Prepared``)."""
    return _encode(
        Prepared(
            id=letter.id,
            fingerprint=letter.fingerprint,
            score=completeness(letter),
            headed=letter.case_number is not None,
            noted=bool(letter.notes),
            specialties=list(letter.reviewer.specialties),
            docs=msgspec.Raw(_encode(shared(item_fields(letter, to_json(letter))))),
        )
    )
