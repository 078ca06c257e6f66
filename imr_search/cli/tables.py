"""CSV for spreadsheets: the flat rows each kind of record becomes.

A row is one decided item wherever items are the unit (``parse``, ``show``,
``search``), with its letter's fields repeated, because that is what people
count and filter in a spreadsheet. Lists are joined with "; ". The
``citations`` column holds the reviewer's (what the decision rests on), the
claims administrator's have a column of their own, and every citation is
written by ``records.citation_text``, as every view writes them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..query import SearchIndex
from ..query.results import CitationRow, LetterHit, SimilarItem, StatRow, TreatmentMatch
from ..records import HEADER_FIELDS, Item, Letter, citation_text
from .output import R, Table


def cited(item: Item, by: str) -> str:
    """The citations ``by`` one side ("reviewer", "claims_administrator"), joined with "; "."""
    return "; ".join(citation_text(c) for c in item.citations if c.by == by)


def _letter_rows(letter: Letter) -> Iterator[list[object]]:
    head = [letter.id, *(getattr(letter, name) for name in HEADER_FIELDS), letter.source, letter.shape]
    head += ["; ".join(letter.reviewer.specialties), "; ".join(letter.reviewer.licensure)]
    head += [letter.patient.age, letter.patient.sex, "; ".join(letter.diagnoses)]
    for it in letter.items:
        yield head + [
            it.item, it.request, it.partial.authorized if it.partial else None,
            it.treatment, it.category, it.subcategory, it.body_part, it.quantity,
            f"{it.frequency.count} per {it.frequency.per}" if it.frequency else None,
            f"{it.duration.count} {it.duration.unit}" if it.duration else None,
            it.outcome, cited(it, "reviewer"), cited(it, "claims_administrator"), it.rationale,
        ]


LETTERS: Table[Letter] = Table(
    (
        "id", *HEADER_FIELDS, "source", "shape", "specialties", "licensure", "age", "sex", "diagnoses",
        "item", "request", "authorized", "treatment", "category", "subcategory", "body_part", "quantity",
        "frequency", "duration", "outcome", "citations", "claims_administrator_citations", "rationale",
    ),
    _letter_rows,
)
"""``parse`` and ``show``: one row per item, the letter's fields first."""


def search_hits(idx: SearchIndex) -> Table[LetterHit]:
    """``search``: one row per matching item, with the reviewer's citations read from ``idx``."""

    def rows(hit: LetterHit) -> Iterator[list[object]]:
        view = idx.letter(hit.id)
        for ih in hit.items:
            cites = cited(view.letter.items[ih.item - 1], "reviewer") if view else ""
            snippet = ih.snippets[0].text.replace("\n", " ") if ih.snippets else ""
            yield [hit.case_number or hit.id, hit.decision_date or "", ih.item, ih.treatment, ih.request, ih.outcome, "; ".join(hit.specialties), cites, snippet]

    return Table(("case_number", "decision_date", "item", "treatment", "request", "outcome", "specialties", "citations", "snippet"), rows)


def flat(kind: type[R]) -> Table[R]:
    """A record of scalar fields (and lists, joined with "; "): one row, its fields as the columns, named and ordered as in its JSON."""
    columns = kind.__struct_fields__

    def row(r: R) -> list[list[object]]:
        values = (getattr(r, name) for name in columns)
        return [["; ".join(v) if isinstance(v, list) else v for v in values]]

    return Table(columns, row)


SIMILAR = flat(SimilarItem)
TREATMENTS = flat(TreatmentMatch)
STATS = flat(StatRow)
CITATIONS = flat(CitationRow)
