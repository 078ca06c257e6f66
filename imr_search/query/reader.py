"""Reading an index: ``SearchIndex``, the one way the CLI, the app and scripts ask.

The methods here only hand over to the module that does each job (``search``,
``highlight``, ``similar``, ``stats``, ``citator``, ``correct``, ``treatment_lookup``), all
asking the same ``Snapshot``: one opened version of the index. Opening is
cheap (no corpus-wide work): the treatment table is read from the build's
metadata on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import TypeVar, cast

from ..errors import IndexDamaged, IndexNotFound, IndexProblem, is_engine_panic
from ..index import store
from . import citator, fresh, highlight, search, similar, stats, treatment_lookup
from .order import Sort
from .results import CitationRow, ItemSummary, LetterView, NewCount, SearchResults, SimilarItem, StatRow, TreatmentMatch
from .snapshot import Snapshot
from .stats import STAT_DIMENSIONS

LETTER_VIEW_FIELDS = frozenset({"request", "line", "rationale", "claims_administrator_guideline", "reviewer_guideline", "summary"})
"""The record fields ``letter()`` reports hits in: those the app lays out as
text of their own, each hit drawn over its range (the item line where it says
more than the request). The query layer finds hits in every field of
``index.schema.SECTION_FIELDS`` (the canonical treatment name, the diagnoses,
the credentials and documents too: see ``highlight.letter_hits``); those wait
here until the app shows them as text that can be marked."""


Method = TypeVar("Method", bound=Callable[..., object])


def _no_panics(method: Method) -> Method:
    """A panic inside Tantivy (a damaged index file) becomes ``IndexDamaged``, an ordinary error.

    PyO3 raises a Rust panic as a ``BaseException``, which ``except
    Exception`` (the CLI's, the app's workers') lets through: the CLI would
    die with a traceback and an app worker would never finish.
    """

    @wraps(method)
    def guarded(self: SearchIndex, *args: object, **kwargs: object) -> object:
        try:
            return method(self, *args, **kwargs)
        except BaseException as e:
            if not is_engine_panic(e):
                raise
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise IndexDamaged(f"the index at {self.root} is damaged ({first[:120]}): rebuild it with `imr-search index`") from e

    return cast(Method, guarded)


class SearchIndex:
    """An open index. Thread-safe for reads; ``reload()`` picks up a rebuild."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._snap = Snapshot(root)

    @property
    def meta(self) -> dict:
        """The build's metadata (counts, treatment table, specialties, tombstones)."""
        return self._snap.meta

    @property
    def version(self) -> Path:
        """The folder of the version open now."""
        return self._snap.version

    def reload(self) -> bool:
        """Switch to a newer build if one was published; True if it changed."""
        try:
            version = store.current(self.root)
        except IndexNotFound:
            return False
        if version == self._snap.version:
            return False
        try:
            self._snap = Snapshot(self.root)
        except IndexProblem:
            # A second rebuild published and removed that version between reading CURRENT and
            # opening it (or it cannot be read): the open version answers on; the next check retries.
            return False
        return True

    @property
    def letters_count(self) -> int:
        return int(self.meta.get("letters", 0))

    @property
    def items_count(self) -> int:
        return int(self.meta.get("items", 0))

    def known_values(self) -> dict[str, list[str]]:
        """Values the filters accept, for resolving "category:pharma" and for the app's pickers."""
        return self._snap.known_values()

    @_no_panics
    def search(self, query: str, limit: int = 20, sort: Sort = "relevance", count: bool = True) -> SearchResults:
        """Letters matching ``query``, best (or newest) first, with their matching items.

        ``count`` also counts every matching item (``total_items``); that visits
        every match, where the ranked top alone need not, so callers that only
        show the top (scripts, exports) can skip it.
        """
        return search.search(self._snap, query, limit, sort, count)

    @_no_panics
    def letter(self, letter_id: str, query: str | None = None) -> LetterView | None:
        """The whole record, with where the query hits it (None for an unknown id)."""
        snap = self._snap
        letter = snap.letter(letter_id)
        if letter is None:
            return None
        q = snap.text_query(snap.parse(query)) if query else None
        hits = highlight.letter_hits(snap, letter, q, LETTER_VIEW_FIELDS) if q is not None else []
        return LetterView(letter=letter, hits=hits)

    @_no_panics
    def similar(self, letter_id: str, item: int | None = None, contrast: bool = False, limit: int = 10) -> list[SimilarItem] | None:
        """Items of other letters most like this letter's item(s).

        More-like-this over the rationale and summary, plus boosts for the
        same treatment and body part; ``contrast`` keeps only items decided
        the other way. None for an unknown id or item.
        """
        return similar.similar(self._snap, letter_id, item, contrast, limit)

    def treatments(self, text: str, limit: int = 10) -> list[TreatmentMatch]:
        """Canonical treatments nearest to ``text`` (typos welcome), with their counts."""
        return treatment_lookup.treatments(self.meta.get("treatments", {}), text, limit)

    @_no_panics
    def stats(self, query: str = "", dimensions: Iterable[str] = STAT_DIMENSIONS) -> tuple[list[StatRow], list[str]]:
        """How the matching items were decided, by category, treatment, specialty, citation and year."""
        return stats.stats(self._snap, query, dimensions)

    @_no_panics
    def citations(self, query: str = "") -> list[CitationRow]:
        """Every guideline section the matching items cite, one row per section however it is written, most relied on first."""
        return citator.citations(self._snap, query)[0]

    @_no_panics
    def citing(self, query: str, row: CitationRow, limit: int | None = None) -> list[ItemSummary]:
        """The matching items whose reviewer relied on ``row`` (a row of ``citations(query)``), newest first (the first ``limit``)."""
        return citator.citing(self._snap, query, row, limit)

    @_no_panics
    def count_new(self, query: str, since: datetime) -> NewCount:
        """How many letters match ``query``, and how many of them were first indexed after ``since``."""
        return fresh.count_new(self._snap, query, since)

    @_no_panics
    def new_since(self, query: str, since: datetime, sort: Sort = "date") -> SearchResults:
        """Every letter matching ``query`` first indexed after ``since``, with its matching items."""
        return fresh.new_since(self._snap, query, since, sort)

    def first_indexed(self, letter_id: str) -> datetime | None:
        """When a build first published this letter (None for an unknown id)."""
        return next((t for i, t in self._snap.first_indexed().values() if i == letter_id), None)


def open_index(path: str | Path | None = None) -> SearchIndex:
    """Open the index at ``path`` (default ``$IMR_SEARCH_INDEX``, else ``./index``).

    Raises ``IndexNotFound`` or ``SchemaMismatch`` with a message to show.
    """
    return SearchIndex(store.resolve(path))
