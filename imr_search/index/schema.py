"""The Tantivy schema: one document per disputed item.

An item is the unit of precedent (a letter can decide a personal trainer
and an MRI differently), so each item is a document carrying its letter's
fields; results are grouped back into letters at query time.

Every searchable section exists twice: stemmed (``rationale``) for bare
words, and an unstemmed, lower-cased twin (``rationale_x``) for quoted
phrases, which must match the words as written, and a third field
(``rationale_g``) that holds each adjacent pair of common words in the
section as one term, so a phrase of common words reads one short posting
list first (``phrase_grams``). The letter record itself is
stored once, on its first item's document (compressed: ``letter_store``):
the text fields are not stored, which keeps the index well under the size
of the letters' text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

import tantivy

from ..records import Document, Item, Letter, document_text
from .common_words import COMMON_WORDS

SCHEMA_VERSION = 7
"""Bump on any change to fields, tokenizers or the stored letter (7: compressed with a dictionary)."""

SECTIONS = ("treatment", "rationale", "guideline", "summary", "credentials", "docs")
"""Searchable sections, in boost order; a query with no section named searches them all."""


class SectionField(NamedTuple):
    """One record field that feeds one searchable section."""

    section: str
    level: Literal["letter", "item"]
    """Whose field it is: the letter's (the same on every item's document) or the item's."""
    field: str
    """The attribute on the Letter or the Item; dots reach into nested records ("partial.original")."""


SECTION_FIELDS: tuple[SectionField, ...] = (
    SectionField("treatment", "item", "request"),
    SectionField("treatment", "item", "line"),
    SectionField("treatment", "item", "partial.original"),
    SectionField("treatment", "item", "partial.authorized"),
    SectionField("treatment", "item", "treatment"),
    SectionField("rationale", "item", "rationale"),
    SectionField("guideline", "item", "claims_administrator_guideline"),
    SectionField("guideline", "item", "reviewer_guideline"),
    SectionField("summary", "letter", "summary"),
    SectionField("summary", "letter", "diagnoses"),
    SectionField("credentials", "letter", "reviewer.specialties"),
    SectionField("credentials", "letter", "reviewer.licensure"),
    SectionField("docs", "letter", "documents"),
)
"""Which record field feeds which section: the writer indexes these texts, and
snippets and letter-view hits are cut from the same ones, so what is found is
what gets marked. Within a section the order is the order the texts are
indexed in and the order a snippet prefers them in (the words of the letter
before the canonical name or the list of diagnoses). Adding a field to the
search is adding a row (and bumping ``SCHEMA_VERSION``: old indexes lack it)."""

SECTION_JOINER = "\n\n"
"""Between a section's texts when they are read as one (``section_texts``)."""
LIST_JOINER = "; "
"""Between the values of a list field ("lumbar strain; sciatica"), as every view writes them."""

assert {f.section for f in SECTION_FIELDS} == set(SECTIONS), "every section needs a field, every field a section"


def field_text(source: SectionField, letter: Letter, item: Item | None) -> str:
    """The text ``source`` holds for ``letter`` (and ``item``, for item fields): "" when absent.

    A misspelt field is an AttributeError on the first letter written or read,
    not a silently empty section.
    """
    value: object = letter if source.level == "letter" else item
    if "." not in source.field:  # the common case, read for every field of every result
        value = getattr(value, source.field)
    else:
        for name in source.field.split("."):
            if value is None:
                return ""
            value = getattr(value, name)
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_JOINER.join(document_text(v) if isinstance(v, Document) else str(v) for v in value)
    return str(value)


def field_texts(letter: Letter, item: Item | None, level: Literal["letter", "item"]) -> Iterator[tuple[SectionField, str]]:
    """The rows of ``level`` with their texts for ``letter`` (and ``item``), in table order.

    Empty texts are left out, and a text its section already holds is given
    once: the item line is most often the request itself, and two guidelines
    can be word for word the same. What is indexed and what is marked follow
    this one rule.
    """
    held: set[tuple[str, str]] = set()
    for source in SECTION_FIELDS:
        if source.level == level:
            text = field_text(source, letter, item)
            if text and (source.section, text) not in held:
                held.add((source.section, text))
                yield source, text


def section_values(letter: Letter, item: Item) -> dict[str, list[str]]:
    """What each section of ``item``'s document holds: its texts (``field_texts``), in table order.

    The writer adds each text as a value of its own: Tantivy leaves a position
    gap between a field's values, so a quoted phrase never runs from the end
    of one text into the start of the next (a claims administrator's guideline
    into the reviewer's).
    """
    parts: dict[str, list[str]] = {s: [] for s in SECTIONS}
    for level in ("item", "letter"):
        for source, text in field_texts(letter, item, level):
            parts[source.section].append(text)
    return parts


def section_texts(letter: Letter, item: Item) -> dict[str, str]:
    """Each section's values as one text (for reading; the index holds them apart)."""
    return {s: SECTION_JOINER.join(texts) for s, texts in section_values(letter, item).items()}


BOOSTS = {"treatment": 4.0, "rationale": 2.5, "guideline": 1.6, "summary": 1.0, "credentials": 0.8, "docs": 0.8}
"""Bare words rank a hit in the request above one in the rationale, and so on."""

EXACT_SUFFIX = "_x"

GRAM_SUFFIX = "_g"
GRAM_JOINER = "_"
"""Between the two words of a gram term ("is_not")."""

_UNSTEMMED = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .build()
)
"""Tantivy's "default" tokenizer (the unstemmed twins') word for word."""


def _pairs(text: str) -> list[str]:
    """Adjacent common-word pairs of ``text``, as the unstemmed twin holds its words.

    A word too long to index leaves a gap there, which this list closes: a
    pair across it is one no phrase can need, so it only costs a little room.
    """
    words = _UNSTEMMED.analyze(text)
    common = COMMON_WORDS
    return [a + GRAM_JOINER + b for a, b in zip(words, words[1:]) if a in common and b in common]


def gram_text(text: str) -> str:
    """What the gram field holds for one text: its common pairs, space-separated ("" for none)."""
    return " ".join(_pairs(text))


def phrase_grams(phrase: str) -> list[str]:
    """The gram terms every text matching ``phrase`` (slop 0) must hold, each once.

    Sound by construction: a text that holds the phrase's words at adjacent
    positions holds each common pair among them as a gram too.
    """
    return list(dict.fromkeys(_pairs(phrase)))


STEMMED = "en_stem"
"""The stemmed sections' tokenizer (Tantivy's own)."""
STEMMED_ANALYZER = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)
"""``STEMMED`` word for word, for code that must turn text into the terms a stemmed section holds."""

KEYWORD_FIELDS = ("outcome", "treatment_name", "category", "subcategory", "specialty", "cites", "case")
"""Exact, lower-cased values for filters and counts (fast fields for aggregation)."""

CITED_BY_REVIEWER = "cited"
CITED_BY_ADMINISTRATOR = "cited_by_administrator"
"""The guideline sections an item's reviewer relied on / its claims administrator cited, one
value per section (``vocab.guidelines.spelling`` of its canonical name; the no-guideline
value when none): fast fields the citator counts."""
CITED_KEY = "cited_key"
"""The reviewer's sections by key (``vocab.guidelines.key_text``): the citator's letters of one row."""


def keyword_labels(values: Iterable[str]) -> dict[str, str]:
    """Lower-cased keyword values mapped back to how the vocabulary spells them.

    Keyword fields hold values lower-cased (so filters match any case); the
    treatment table and the stats show them as written ("Pharmaceuticals", "ODG").
    """
    return {v.lower(): v for v in values}


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    sb.add_integer_field("item", stored=True, indexed=True, fast=True)
    # The letter's ordinal in this build: a fast field, so grouping hits by
    # letter reads columns instead of fetching stored documents.
    sb.add_integer_field("lno", indexed=True, fast=True)
    for name in SECTIONS:
        sb.add_text_field(name, tokenizer_name=STEMMED, index_option="position")
        sb.add_text_field(name + EXACT_SUFFIX, tokenizer_name="default", index_option="position")
        sb.add_text_field(name + GRAM_SUFFIX, tokenizer_name="whitespace", index_option="basic")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
    sb.add_text_field(CITED_BY_REVIEWER, tokenizer_name="raw", fast=True)
    sb.add_text_field(CITED_BY_ADMINISTRATOR, tokenizer_name="raw", fast=True)
    sb.add_text_field(CITED_KEY, tokenizer_name="raw")
    sb.add_text_field("body", tokenizer_name="default", index_option="position")
    sb.add_date_field("decided", indexed=True, fast=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_bytes_field("letter", stored=True)
    return sb.build()


def without_letters(q: tantivy.Query, schema: tantivy.Schema, lnos: list[int]) -> tantivy.Query:
    """``q`` minus the letters with these build ordinals (tombstoned by an update)."""
    if not lnos:
        return q
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, q), (tantivy.Occur.MustNot, tantivy.Query.term_set_query(schema, "lno", lnos))]
    )
