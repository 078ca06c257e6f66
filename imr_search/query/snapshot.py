"""One opened version of the index: what every question is asked of.

``SearchIndex`` holds one ``Snapshot`` and swaps it for a new one when a
rebuild is published, so a question that started on the old version finishes
on it. Everything here is shared by the jobs of the query layer (searching,
highlighting, similar cases, stats): reading letters back from the index,
turning a user's query into a Tantivy query, and leaving out tombstoned
letters.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import msgspec
import tantivy

from ..errors import SchemaMismatch
from ..index import letter_store, store
from ..index.schema import BOOSTS, SECTIONS, without_letters
from ..index.writer import MANIFEST, Manifest
from ..records import Letter, letter_from_json
from ..vocab.treatments import SPECIALTIES, TREATMENTS
from . import language, split

_CACHE_LETTERS = 2048
"""Letters kept decoded; a result page or a similar-cases list reads a few dozen."""


class Snapshot:
    """One published version, opened: its searcher, metadata and tombstones."""

    def __init__(self, root: Path) -> None:
        version = store.current(root)
        self.version = version
        self.meta = store.read_meta(version)
        try:
            self.index = tantivy.Index.open(str(version))
        except ValueError as e:
            raise SchemaMismatch(f"cannot open the index at {root} ({e}): rebuild with `imr-search index`") from None
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        self.codec = letter_store.for_reading(version)
        self.tombstones: list[int] = list(self.meta.get("tombstones", []))
        self.ordinals = int(self.meta.get("letters", 0)) + len(self.tombstones)
        """Letter ordinals handed out to this version: every live letter's and every tombstoned one's."""
        self.cuts = split.cuts(self.ordinals, self.searcher.num_docs)
        """Where the parts a search is split into begin (letter ordinals); none for a small index."""
        self._letters: dict[str, Letter] = {}
        self._by_lno: dict[int, str] = {}
        self._known: dict[str, list[str]] | None = None
        self._first: dict[int, tuple[str, datetime]] | None = None

    def known_values(self) -> dict[str, list[str]]:
        """Values the filters accept, for resolving "category:pharma" and for the app's pickers."""
        if self._known is None:
            table = self.meta.get("treatments", {})
            self._known = {
                "category": sorted({t.category for t in TREATMENTS} | {v["category"] for v in table.values() if v["category"]}),
                "subcategory": sorted({t.subcategory for t in TREATMENTS}),
                "specialty": sorted(set(SPECIALTIES) | set(self.meta.get("specialties", []))),
                "treatment": sorted(table),
            }
        return self._known

    # -- letters ------------------------------------------------------------

    def letter(self, letter_id: str) -> Letter | None:
        """A letter by id; "cm15-0106031" finds CM15-0106031."""
        cached = self._letters.get(letter_id)
        if cached is not None:
            return cached
        letter = self._first_item(tantivy.Query.term_query(self.schema, "id", letter_id))
        if letter is None and letter_id != letter_id.upper():
            letter = self._first_item(tantivy.Query.term_query(self.schema, "id", letter_id.upper()))
        if letter is not None:
            self._cache(letter)
        return letter

    def letter_at(self, lno: int) -> Letter | None:
        """A letter by its ordinal in this build (what hits are grouped by)."""
        letter_id = self._by_lno.get(lno)
        if letter_id is not None and letter_id in self._letters:
            return self._letters[letter_id]
        letter = self._first_item(tantivy.Query.term_query(self.schema, "lno", lno))
        if letter is not None:
            self._by_lno[lno] = letter.id
            self._cache(letter)
        return letter

    def first_indexed(self) -> dict[int, tuple[str, datetime]]:
        """Letter ordinal -> (id, when a build first published it), from the build's manifest.

        Read on first use only: opening an index must stay cheap, and only
        saved searches ask. A manifest that cannot be read counts every
        letter as old (the epoch), so nothing is wrongly announced as new.
        """
        if self._first is None:
            try:
                manifest = msgspec.json.decode((self.version / MANIFEST).read_bytes(), type=Manifest)
            except (OSError, msgspec.DecodeError):
                manifest = Manifest()
            self._first = {
                e.lno: (e.id, manifest.first_indexed.get(e.id, _EPOCH))
                for e in manifest.files.values()
                if e.status == "indexed" and e.lno is not None and e.id is not None
            }
        return self._first

    def _first_item(self, which: tantivy.Query) -> Letter | None:
        """The record stored on the letter's first item's document."""
        q = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, which), (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "item", 1))]
        )
        hits = self.searcher.search(self.alive(q), 1, count=False).hits
        if not hits:
            return None
        data = self.searcher.doc(hits[0][1]).get_first("letter")
        return letter_from_json(self.codec.decode(data)) if isinstance(data, bytes) else None

    def _cache(self, letter: Letter) -> None:
        if len(self._letters) > _CACHE_LETTERS:
            self._letters.clear()
            self._by_lno.clear()
        self._letters[letter.id] = letter

    # -- queries ------------------------------------------------------------

    def parse(self, query: str) -> language.Parsed:
        return language.parse(query, self.schema, self.known_values())

    def text_query(self, parsed: language.Parsed) -> tantivy.Query | None:
        """The words and phrases of ``parsed`` (no filters), or None when it has none.

        Parsed leniently: what Tantivy cannot read becomes a hint, not an error.
        """
        if not parsed.text.strip():
            return None
        q, errors = self.index.parse_query_lenient(
            parsed.text,
            default_field_names=list(SECTIONS),
            field_boosts=BOOSTS,
            conjunction_by_default=True,
        )
        for err in errors:
            parsed.hints.append(f"ignored part of the query ({_describe(err)})")
        return q

    def query(self, parsed: language.Parsed) -> tantivy.Query:
        """The whole of ``parsed``: text, filters, and no tombstoned letters."""
        text_q = self.text_query(parsed)
        if text_q is not None and not parsed.filters and not self.tombstones:
            return text_q  # nothing to combine it with
        clauses = list(parsed.filters)
        if text_q is not None:
            clauses.insert(0, (tantivy.Occur.Must, text_q))
        if not any(occur == tantivy.Occur.Must for occur, _ in clauses):
            clauses.insert(0, (tantivy.Occur.Must, tantivy.Query.all_query()))
        return self.alive(tantivy.Query.boolean_query(clauses))

    def alive(self, q: tantivy.Query) -> tantivy.Query:
        """Leave out letters an update replaced or removed (see ``index.writer``)."""
        return without_letters(q, self.schema, self.tombstones)

    def search(
        self, q: tantivy.Query, limit: int, *, count: bool = False, offset: int = 0, order_by: str | None = None, whole: bool = False
    ) -> split.Found:
        """The best ``limit`` hits of ``q`` after ``offset`` (by ``order_by``'s value, newest first, if given),
        on every core unless ``whole`` (one thread over the whole index)."""
        at = [] if whole else self.cuts
        return split.search(self.searcher, self.schema, q, limit, at, count=count, offset=offset, order_by=order_by, count_aside=bool(self.cuts))

    def search_each(self, queries: list[tantivy.Query], limit: int) -> list[split.Found]:
        """The best ``limit`` hits of each query, each searched whole, the queries side by side on the cores."""
        return split.search_each(self.searcher, queries, limit)

    def aggregate(self, q: tantivy.Query, request: dict) -> dict:
        """Tantivy's aggregation of the items matching ``q``, on every core where the answer is the same."""
        return split.aggregate(self.searcher, self.schema, q, request, self.cuts)

    def aggregate_parts(self, q: tantivy.Query, request: dict, at: list[int]) -> list[dict]:
        """The aggregation in each range of letter ordinals between ``at``: for counts too many for one."""
        return split.aggregate_parts(self.searcher, self.schema, q, request, at)

    def keyed(self, result: split.Found) -> list[tuple[tuple[int, int], float]]:
        """Hits as ((letter ordinal, item), score), read from fast fields, not stored documents."""
        return self.hit_keys(result.hits)

    def hit_keys(self, hits: list[tuple[object, tantivy.DocAddress]]) -> list[tuple[tuple[int, int], float]]:
        """``keyed`` for a list of hits."""
        addrs = [addr for _, addr in hits]
        lnos = self.searcher.fast_field_values("lno", addrs)
        items = self.searcher.fast_field_values("item", addrs)
        return [((int(lno), int(no)), _score(score)) for (score, _), lno, no in zip(hits, lnos, items)]


_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")


def _score(value: object) -> float:
    """A hit's score; sorted by date, undated letters come back without one."""
    return float(value) if isinstance(value, (int, float)) else 0.0


def _describe(err: object) -> str:
    return re.sub(r"\s+", " ", str(err))[:80]
