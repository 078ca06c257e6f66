"""The record model: what a parsed IMR letter is, as msgspec Structs.

The JSON form of these Structs is a public interface (``parse --json``,
``show --json``, scripts): field names and types here are that contract, so
change them only with a schema-version bump.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Literal

import msgspec

Outcome = Literal["upheld", "overturned"]
OUTCOME_MARK: dict[str, str] = {"upheld": "✗ upheld", "overturned": "✓ overturned"}
"""How every view names an outcome: a symbol as well as the word, so it reads
without colour. Upheld: the denial stands; overturned: the treatment is approved."""
OUTCOME_BAR: dict[str, str] = {"upheld": "█", "overturned": "▒"}
"""How every bar of outcomes draws each: a glyph as well as a colour, so a split reads on a monochrome terminal."""
Shape = Literal["html-text", "pdf-text", "pdf", "html"]
Layout = Literal["standard", "notice", "maximus", "professional-review"]
"""How the letter is laid out, whatever file it came in: ``standard`` (2013-2017 and after: the header
block, HOW THE IMR FINAL DETERMINATION WAS MADE, IMR ISSUES, DECISIONS AND RATIONALES); ``notice`` (the
first 2013 letters: "Notice of Independent Medical Review Determination", numbered "has determined the
request for X is (not) medically necessary" sentences); ``maximus`` ("MAXIMUS FEDERAL SERVICES, INC." /
"Independent Medical Review" with DOCUMENTS REVIEWED and IMR DECISION(S) AND RATIONALE(S));
``professional-review`` (a "MEDICAL PROFESSIONAL REVIEW" report of one item)."""
LAYOUTS: tuple[Layout, ...] = ("standard", "notice", "maximus", "professional-review")


class Partial(msgspec.Struct, frozen=True):
    """A partially authorized request: what was asked and what was granted."""

    original: str
    authorized: str


class Frequency(msgspec.Struct, frozen=True):
    """``count`` sessions per ``per`` ("week", "day", "month")."""

    count: int
    per: str


class Duration(msgspec.Struct, frozen=True):
    """``count`` of ``unit`` ("weeks", "months", "days")."""

    count: int
    unit: str


CitationSource = Literal["MTUS", "ACOEM", "ODG", "other"]
CITATION_SOURCES: tuple[CitationSource, ...] = ("MTUS", "ACOEM", "ODG", "other")
"""The guideline sources a citation can name, as the record and the ``cites:`` filter spell them."""


class Citation(msgspec.Struct, frozen=True):
    """One guideline the claims administrator or the reviewer relied on."""

    by: Literal["reviewer", "claims_administrator"]
    source: CitationSource
    title: str
    section: str | None = None
    pages: str | None = None


class Document(msgspec.Struct, frozen=True):
    """One record the reviewer looked at: a report, its author where given, its date or date range."""

    title: str
    author: str | None = None
    date: str | None = None
    """ISO date, or the first day of a range."""
    date_to: str | None = None
    """The last day of a range (None for a single date)."""


def document_text(d: Document) -> str:
    """How every view writes a reviewed document: "Progress report, Dr. Smith, 2016-03-01 to 2016-05-02"."""
    when = f"{d.date} to {d.date_to}" if d.date and d.date_to else d.date
    return ", ".join(x for x in (d.title, d.author, when) if x)


class Reviewer(msgspec.Struct):
    specialties: list[str] = msgspec.field(default_factory=list)
    licensure: list[str] = msgspec.field(default_factory=list)


class Patient(msgspec.Struct):
    age: int | None = None
    sex: Literal["male", "female"] | None = None


class Item(msgspec.Struct, kw_only=True):
    """One disputed item/service and the reviewer's decision on it."""

    item: int
    request: str
    """The treatment as requested, without the sentence around it."""
    line: str = ""
    """The item's line as the letter writes it (a partial request's whole sentence, say), so every word is found."""
    partial: Partial | None = None
    treatment: str = ""
    category: str | None = None
    subcategory: str | None = None
    body_part: str | None = None
    quantity: int | None = None
    frequency: Frequency | None = None
    duration: Duration | None = None
    outcome: Outcome
    claims_administrator_guideline: str = ""
    reviewer_guideline: str = ""
    citations: list[Citation] = msgspec.field(default_factory=list)
    rationale: str = ""


class Letter(msgspec.Struct):
    """A whole final determination letter."""

    id: str
    case_number: str | None
    fingerprint: str
    source: str
    shape: Shape
    layout: Layout = "standard"
    date_assigned: str | None = None
    date_of_injury: str | None = None
    decision_date: str | None = None
    ur_denial_date: str | None = None
    application_received: str | None = None
    priority: Literal["standard", "expedited"] | None = None
    reviewer: Reviewer = msgspec.field(default_factory=Reviewer)
    patient: Patient = msgspec.field(default_factory=Patient)
    diagnoses: list[str] = msgspec.field(default_factory=list)
    summary: str = ""
    documents: list[Document] = msgspec.field(default_factory=list)
    """The records the reviewer looked at, where the letter lists them."""
    items: list[Item] = msgspec.field(default_factory=list)
    notes: list[str] = msgspec.field(default_factory=list)
    """What the parser had to guess ("item 2: rationale has no closing sentence"): the letter is whole and indexed."""


def citation_text(c: Citation, source: bool = True) -> str:
    """How every view writes a citation: "MTUS Chronic Pain Medical Treatment 2016, Opioids, p. 74-96".

    ``source=False`` leaves the source out, for views that show it in a
    column of its own; an "other" source is never written.
    """
    head = c.title if not source or c.source == "other" or c.title.startswith(c.source) else f"{c.source} {c.title}"
    return head + (f", {c.section}" if c.section else "") + (f", p. {c.pages}" if c.pages else "")


def citation_line(letter: Letter, item: Item) -> str:
    """One item as a brief cites it: "CM16-0230651 (IMR, decided 2017-01-09): Physical therapy, low back, upheld; MTUS ...".

    A letter with no case number is named by its id; the guideline is the
    reviewer's first citation, as ``citation_text`` writes it.
    """
    decided = f"decided {letter.decision_date}" if letter.decision_date else "date unknown"
    what = item.treatment or item.request
    parts = [what[:1].upper() + what[1:], item.body_part, item.outcome]
    cited = next((citation_text(c) for c in item.citations if c.by == "reviewer"), "no guideline cited")
    return f"{letter.case_number or letter.id} (IMR, {decided}): {', '.join(p for p in parts if p)}; {cited}"


_PLURALS = {"diagnosis": "diagnoses"}


def noun(n: int, word: str) -> str:
    """``word`` as a count of ``n`` takes it: "letter" for 1, "letters" otherwise ("diagnosis", "diagnoses").

    Beside the other ways records are written for people, below both the
    command line and the app, so every count they show reads the same.
    """
    return word if n == 1 else _PLURALS.get(word, word + "s")


def counted(n: int, word: str, grouped: bool = False) -> str:
    """"1 letter", "3 letters"; ``grouped`` writes thousands with commas ("1,204 items")."""
    return f"{n:,} {noun(n, word)}" if grouped else f"{n} {noun(n, word)}"


def moment(when: datetime) -> str:
    """A moment as people read it (when a saved search was last seen): to the minute, in UTC, the same on every machine."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


HEADER_FIELDS = (
    "case_number",
    "date_assigned",
    "date_of_injury",
    "decision_date",
    "ur_denial_date",
    "application_received",
    "priority",
)
"""Letter fields that only the header block carries."""

DATE_FIELDS = ("date_assigned", "date_of_injury", "decision_date", "ur_denial_date", "application_received")
"""Letter fields holding an ISO date ("2017-01-09") or None."""

_encoder = msgspec.json.Encoder()
_letter_decoder = msgspec.json.Decoder(Letter)
_NOT_ALNUM_BYTES = bytes(b for b in range(256) if not (48 <= b <= 57 or 97 <= b <= 122))
"""Every byte but ASCII a-z and 0-9: a non-ASCII character's UTF-8 bytes are all among them."""


def to_json(obj: msgspec.Struct) -> bytes:
    """Encode a record as compact JSON (one line)."""
    return _encoder.encode(obj)


def letter_from_json(data: bytes | str) -> Letter:
    """Decode (and type-check) a letter's JSON: the one decoder for the parser's
    output, the writer's spool and the letters stored in the index."""
    return _letter_decoder.decode(data)


def fingerprint(items: list[Item]) -> str:
    """A hash of what was decided, blind to layout.

    Requests, outcomes and rationales are reduced to lower-case letters and
    digits, so the same letter extracted from HTML and from PDF (different
    wrapping, hyphenation, markup) hashes the same.
    """
    h = hashlib.blake2b(digest_size=16)
    for it in items:
        for part in (it.request, it.outcome, it.rationale):
            h.update(part.lower().encode("utf-8", "surrogatepass").translate(None, _NOT_ALNUM_BYTES))
            h.update(b"\x1f")
        h.update(b"\x1e")
    return h.hexdigest()
