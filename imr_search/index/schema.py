"""The Tantivy schema: one document per disputed item.

An item is the unit of precedent (a letter can decide a personal trainer
and an MRI differently), so each item is a document carrying its letter's
fields; results are grouped back into letters at query time.

Every searchable section exists twice: stemmed (``rationale``) for bare
words, and an unstemmed, lower-cased twin (``rationale_x``) for quoted
phrases, which must match the words as written. The letter record itself is
stored once, as JSON, on its first item's document: the text fields are not
stored, which keeps the index near the size of the letters' text.
"""

from __future__ import annotations

import tantivy

SCHEMA_VERSION = 1
"""Bump on any change to fields, tokenizers or the stored JSON."""

SECTIONS = ("treatment", "rationale", "guideline", "summary")
"""Searchable sections, in boost order."""

BOOSTS = {"treatment": 4.0, "rationale": 2.5, "guideline": 1.6, "summary": 1.0}
"""Bare words rank a hit in the request above one in the rationale, and so on."""

EXACT_SUFFIX = "_x"

KEYWORD_FIELDS = ("outcome", "treatment_name", "category", "subcategory", "specialty", "cites", "case")
"""Exact, lower-cased values for filters and counts (fast fields for aggregation)."""


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    sb.add_integer_field("item", stored=True, indexed=True, fast=True)
    # The letter's ordinal in this build: a fast field, so grouping hits by
    # letter reads columns instead of fetching stored documents.
    sb.add_integer_field("lno", indexed=True, fast=True)
    for name in SECTIONS:
        sb.add_text_field(name, tokenizer_name="en_stem", index_option="position")
        sb.add_text_field(name + EXACT_SUFFIX, tokenizer_name="default", index_option="position")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
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
