"""Reading an index: search, letters, similar cases, treatments, stats.

This is the only place queries meet Tantivy; the CLI and the app call the
methods of ``SearchIndex`` and get the Structs of ``results`` back. Opening is
cheap (no corpus-wide work): the treatment table is read from the build's
metadata on first use.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from pathlib import Path

import msgspec
import tantivy
from rapidfuzz import fuzz, process

from ..errors import IndexNotFound, SchemaMismatch
from ..records import Item, Letter
from .results import (
    Hit,
    ItemHit,
    LetterHit,
    LetterView,
    SearchResults,
    SimilarItem,
    Snippet,
    StatRow,
    TreatmentMatch,
)
from ..vocab.treatments import SPECIALTIES, TREATMENTS
from ..index import store
from . import language as queries
from .order import Sort, ordered
from ..index.schema import BOOSTS, EXACT_SUFFIX, SECTIONS, without_letters

_DECODER = msgspec.json.Decoder(Letter)
_SNIPPET_CHARS = 160
STAT_DIMENSIONS = {
    "category": "category",
    "treatment": "treatment_name",
    "specialty": "specialty",
    "cites": "cites",
    "year": "year",
}


class SearchIndex:
    """An open index. Thread-safe for reads; ``reload()`` picks up a rebuild."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._open()

    def _open(self) -> None:
        version = store.current(self.root)
        self.meta = store.read_meta(version)
        self.version = version
        try:
            self._index = tantivy.Index.open(str(version))
        except ValueError as e:
            raise SchemaMismatch(f"cannot open the index at {self.root} ({e}): rebuild with `imr-search index`") from None
        self._schema = self._index.schema
        self._searcher = self._index.searcher()
        self._letters: dict[str, Letter] = {}
        self._by_lno: dict[int, str] = {}
        self._tombstones: list[int] = list(self.meta.get("tombstones", []))
        self._known: dict[str, list[str]] | None = None

    # -- housekeeping -------------------------------------------------------

    def reload(self) -> bool:
        """Switch to a newer build if one was published; True if it changed."""
        try:
            version = store.current(self.root)
        except IndexNotFound:
            return False
        if version == self.version:
            return False
        self._open()
        return True

    @property
    def letters_count(self) -> int:
        return int(self.meta.get("letters", 0))

    @property
    def items_count(self) -> int:
        return int(self.meta.get("items", 0))

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

    def _letter(self, letter_id: str) -> Letter | None:
        """A letter by id; "cm15-0106031" finds CM15-0106031."""
        cached = self._letters.get(letter_id)
        if cached is not None:
            return cached
        letter = self._first_item(tantivy.Query.term_query(self._schema, "id", letter_id))
        if letter is None and letter_id != letter_id.upper():
            letter = self._first_item(tantivy.Query.term_query(self._schema, "id", letter_id.upper()))
        if letter is not None:
            self._cache(letter)
        return letter

    def _letter_at(self, lno: int) -> Letter | None:
        letter_id = self._by_lno.get(lno)
        if letter_id is not None and letter_id in self._letters:
            return self._letters[letter_id]
        letter = self._first_item(tantivy.Query.term_query(self._schema, "lno", lno))
        if letter is not None:
            self._by_lno[lno] = letter.id
            self._cache(letter)
        return letter

    def _first_item(self, which: tantivy.Query) -> Letter | None:
        """The record stored on the letter's first item's document."""
        q = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, which), (tantivy.Occur.Must, tantivy.Query.term_query(self._schema, "item", 1))]
        )
        hits = self._searcher.search(self._alive(q), 1, count=False).hits
        if not hits:
            return None
        return _DECODER.decode(self._searcher.doc(hits[0][1]).get_first("letter"))

    def _cache(self, letter: Letter) -> None:
        if len(self._letters) > 2048:
            self._letters.clear()
            self._by_lno.clear()
        self._letters[letter.id] = letter

    def letter(self, letter_id: str, query: str | None = None) -> LetterView | None:
        """The whole record, with where the query hits it (None for an unknown id)."""
        letter = self._letter(letter_id)
        if letter is None:
            return None
        hits: list[Hit] = []
        if query:
            parsed = self._parse(query)
            q = self._text_query(parsed)
            if q is not None:
                hits = self._mark(letter, q)
        return LetterView(letter=letter, hits=hits)

    def _mark(self, letter: Letter, q: tantivy.Query) -> list[Hit]:
        hits: list[Hit] = []
        for it in letter.items:
            for name, field, text in (  # the record's field, the index section that holds it
                ("request", "treatment", it.request),
                ("rationale", "rationale", it.rationale),
                ("claims_administrator_guideline", "guideline", it.claims_administrator_guideline),
                ("reviewer_guideline", "guideline", it.reviewer_guideline),
            ):
                hits.extend(Hit(item=it.item, field=name, start=s, end=e) for s, e in self._ranges(q, field, text))
        hits.extend(Hit(item=None, field="summary", start=s, end=e) for s, e in self._ranges(q, "summary", letter.summary))
        return hits

    def _ranges(self, q: tantivy.Query, field: str, text: str) -> list[tuple[int, int]]:
        """Every highlighted range of ``q`` in the whole of ``text``."""
        if not text:
            return []
        out: set[tuple[int, int]] = set()
        for f in (field, field + EXACT_SUFFIX):
            gen = tantivy.SnippetGenerator.create(self._searcher, q, self._schema, f)
            gen.set_max_num_chars(len(text.encode()) + 1)
            doc = tantivy.Document()
            doc.add_text(f, text)
            snip = gen.snippet_from_doc(doc)
            frag = snip.fragment()
            base = max(text.find(frag), 0) if frag else 0
            for r in _char_ranges(frag, snip.highlighted()):
                out.add((base + r[0], base + r[1]))
        return sorted(out)

    # -- search -------------------------------------------------------------

    def _parse(self, query: str) -> queries.Parsed:
        return queries.parse(query, self._schema, self.known_values())

    def _text_query(self, parsed: queries.Parsed) -> tantivy.Query | None:
        if not parsed.text.strip():
            return None
        q, errors = self._index.parse_query_lenient(
            parsed.text,
            default_field_names=list(SECTIONS),
            field_boosts=BOOSTS,
            conjunction_by_default=True,
        )
        for err in errors:
            parsed.hints.append(f"ignored part of the query ({_describe(err)})")
        return q

    def _query(self, parsed: queries.Parsed) -> tantivy.Query:
        text_q = self._text_query(parsed)
        if text_q is not None and not parsed.filters and not self._tombstones:
            return text_q  # nothing to combine it with
        clauses = list(parsed.filters)
        if text_q is not None:
            clauses.insert(0, (tantivy.Occur.Must, text_q))
        if not any(occur == tantivy.Occur.Must for occur, _ in clauses):
            clauses.insert(0, (tantivy.Occur.Must, tantivy.Query.all_query()))
        return self._alive(tantivy.Query.boolean_query(clauses))

    def _alive(self, q: tantivy.Query) -> tantivy.Query:
        """Leave out letters an update replaced or removed (see ``writer``)."""
        return without_letters(q, self._schema, self._tombstones)

    def search(self, query: str, limit: int = 20, sort: Sort = "relevance", count: bool = True) -> SearchResults:
        """Letters matching ``query``, best (or newest) first, with their matching items.

        ``count`` also counts every matching item (``total_items``); that visits
        every match, where the ranked top alone need not, so callers that only
        show the top (scripts, exports) can skip it.
        """
        started = time.perf_counter()
        parsed = self._parse(query)
        q = self._query(parsed)
        groups, total, sort = self._collect_sorted(q, limit, sort, count, parsed.hints)
        corrected = None
        if not groups and parsed.words:
            fixed = self._correct(parsed)
            if fixed is not None:
                parsed, corrected = fixed
                q = self._query(parsed)
                groups, total, sort = self._collect_sorted(q, limit, sort, count, parsed.hints)
        return SearchResults(
            query=query,
            letters=ordered(self._letters_for(groups, q, parsed, sort), sort),
            total_items=total,
            hints=parsed.hints,
            corrected=corrected,
            sort=sort,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
        )

    def _collect_sorted(
        self, q: tantivy.Query, limit: int, sort: Sort, count: bool, hints: list[str]
    ) -> tuple[dict[int, list[tuple[float, int]]], int | None, Sort]:
        """``_collect``, falling back to best-first (with a hint) when ordering by date fails."""
        try:
            return (*self._collect(q, limit, sort, count), sort)
        except ValueError as e:
            if sort != "date":
                raise
            hints.append(f"could not sort by date ({e}); best matches first")
            return (*self._collect(q, limit, "relevance", count), "relevance")

    def _collect(self, q: tantivy.Query, limit: int, sort: Sort, count: bool = True) -> tuple[dict[int, list[tuple[float, int]]], int | None]:
        """Item hits grouped by letter (its build ordinal), best letter first.

        A letter's place is that of its best item. Hits are read a page at a
        time from fast fields (no stored documents) until ``limit`` letters
        are found; then one more query fetches the other matching items of
        just those letters.
        """
        groups: dict[int, list[tuple[float, int]]] = {}
        page, offset = limit * 2 + 10, 0
        total: int | None = None
        while len(groups) < limit:
            result = self._searcher.search(q, page, count=count and offset == 0, offset=offset, **_order(sort))
            if count and offset == 0:
                total = result.count or 0
            for (lno, no), score in self._keyed(result):
                if lno not in groups:
                    if len(groups) >= limit:
                        break
                    groups[lno] = []
                groups[lno].append((score, no))
            offset += page
            if len(result.hits) < page or (total is not None and offset >= total):
                return groups, total
            page *= 2
        rest = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, q), (tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, "lno", list(groups)))]
        )
        seen = {(lno, no) for lno, items in groups.items() for _, no in items}
        for (lno, no), score in self._keyed(self._searcher.search(rest, limit * 25, count=False, **_order(sort))):
            if (lno, no) not in seen:
                groups[lno].append((score, no))
        return groups, total

    def _keyed(self, result: tantivy.SearchResult) -> list[tuple[tuple[int, int], float]]:
        """Hits as ((letter ordinal, item), score), read from fast fields, not stored documents."""
        addrs = [addr for _, addr in result.hits]
        lnos = self._searcher.fast_field_values("lno", addrs)
        items = self._searcher.fast_field_values("item", addrs)
        return [((int(lno), int(no)), _score(score)) for (score, _), lno, no in zip(result.hits, lnos, items)]


    def _letters_for(self, groups: dict[int, list[tuple[float, int]]], q: tantivy.Query, parsed: queries.Parsed, sort: Sort) -> list[LetterHit]:
        snippetters = self._snippetters(q, parsed) if groups else {}
        words = _query_words(parsed)
        out = []
        for lno, items in groups.items():
            letter = self._letter_at(lno)
            if letter is None:
                continue
            item_hits = []
            memo: dict[str, Snippet | None] = {}
            for score, no in sorted(items, key=lambda x: (-x[0], x[1])) if sort == "relevance" else sorted(items, key=lambda x: x[1]):
                it = letter.items[no - 1]
                score = score if sort == "relevance" else 0.0
                item_hits.append(
                    ItemHit(
                        item=no,
                        request=it.request,
                        treatment=it.treatment,
                        category=it.category,
                        outcome=it.outcome,
                        score=round(score, 4),
                        snippets=self._snippets(snippetters, letter, it, words, memo),
                    )
                )
            out.append(
                LetterHit(
                    id=letter.id,
                    case_number=letter.case_number,
                    decision_date=letter.decision_date,
                    score=max(h.score for h in item_hits),
                    specialties=letter.reviewer.specialties,
                    items=item_hits,
                )
            )
        return out

    def _snippetters(self, q: tantivy.Query, parsed: queries.Parsed) -> dict[str, tantivy.SnippetGenerator]:
        """Snippet generators for the fields the query can hit: stemmed ones for
        bare words, unstemmed twins for phrases (both when unsure)."""
        bare = bool(parsed.words) or not parsed.phrases
        exact = bool(parsed.phrases) or not parsed.words
        gens = {}
        for section in SECTIONS:
            for f, wanted in ((section, bare), (section + EXACT_SUFFIX, exact)):
                if wanted:
                    g = tantivy.SnippetGenerator.create(self._searcher, q, self._schema, f)
                    g.set_max_num_chars(_SNIPPET_CHARS)
                    gens[f] = g
        return gens

    def _snippets(self, gens: dict[str, tantivy.SnippetGenerator], letter: Letter, it: Item, words: list[str], memo: dict[str, Snippet | None]) -> list[Snippet]:
        texts = {
            "treatment": it.request,
            "rationale": it.rationale,
            "guideline": f"{it.claims_administrator_guideline} {it.reviewer_guideline}".strip(),
        }
        out = []
        for section in SECTIONS:
            if section == "summary":  # the same for every item of a letter: made once
                if "summary" not in memo:
                    memo["summary"] = self._snippet(gens, section, letter.summary, words)
                best = memo["summary"]
            else:
                best = self._snippet(gens, section, texts[section], words)
            if best is not None:
                out.append(best)
        return out

    def _snippet(self, gens: dict[str, tantivy.SnippetGenerator], section: str, text: str, words: list[str]) -> Snippet | None:
        # Snippets cost more than the search: skip text that cannot hold a hit.
        if words:
            lowered = text.lower()
            if not any(w in lowered for w in words):
                return None
        best: Snippet | None = None
        for f in (section, section + EXACT_SUFFIX):
            gen = gens.get(f)
            if gen is None:
                continue
            doc = tantivy.Document()
            doc.add_text(f, text)
            snip = gen.snippet_from_doc(doc)
            ranges = _char_ranges(snip.fragment(), snip.highlighted())
            if ranges and (best is None or len(ranges) > len(best.highlights)):
                best = Snippet(field=section, text=snip.fragment(), highlights=ranges)
        return best

    def _correct(self, parsed: queries.Parsed) -> tuple[queries.Parsed, str] | None:
        """Replace words the index does not hold with the nearest treatment words."""
        vocab = self._treatment_words()
        words = [self._nearest(w, vocab) for w in parsed.words]
        if words == parsed.words:
            return None
        new_text = parsed.text
        for old, new in zip(parsed.words, words):
            if old != new:
                new_text = re.sub(rf"(?<![\w:]){re.escape(old)}(?!\w)", new, new_text, count=1, flags=re.I)
        fixed = queries.Parsed(text=new_text, filters=parsed.filters, hints=parsed.hints, words=words, phrases=parsed.phrases)
        return fixed, " ".join(words)

    def _nearest(self, word: str, vocab: list[str]) -> str:
        """``word`` itself if the index holds it, else the closest treatment word (if close)."""
        if not vocab or self._searcher.doc_freq("treatment" + EXACT_SUFFIX, word) or self._searcher.doc_freq("rationale" + EXACT_SUFFIX, word):
            return word
        match = process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=70)
        return match[0] if match else word

    def _treatment_words(self) -> list[str]:
        words: set[str] = set()
        for name in self.meta.get("treatments", {}):
            words.update(w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 2)
        return sorted(words)

    # -- treatments ---------------------------------------------------------

    def treatments(self, text: str, limit: int = 10) -> list[TreatmentMatch]:
        """Canonical treatments nearest to ``text`` (typos welcome), with their counts."""
        table = self.meta.get("treatments", {})
        names: dict[str, str] = {name: name for name in table}
        for t in TREATMENTS:  # brand names and abbreviations find their generic
            if t.name in table:
                for alias in t.aliases:
                    names.setdefault(alias.lower(), t.name)
        matches = process.extract(text.lower().strip(), list(names), scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=50)
        out: dict[str, TreatmentMatch] = {}
        for key, score, _ in matches:
            name = names[key]
            row = table[name]
            if name not in out or out[name].score < score:
                out[name] = TreatmentMatch(
                    treatment=name,
                    category=row["category"],
                    score=round(float(score), 1),
                    items=row["items"],
                    upheld=row["upheld"],
                    overturned=row["overturned"],
                )
        return sorted(out.values(), key=lambda m: (-m.score, -m.items, m.treatment))[:limit]

    # -- similar ------------------------------------------------------------

    def similar(self, letter_id: str, item: int | None = None, contrast: bool = False, limit: int = 10) -> list[SimilarItem] | None:
        """Items of other letters most like this letter's item(s).

        More-like-this over the rationale and summary, plus boosts for the
        same treatment and body part; ``contrast`` keeps only items decided
        the other way. None for an unknown id or item.
        """
        letter = self._letter(letter_id)
        if letter is None:
            return None
        if item is not None and not 1 <= item <= len(letter.items):
            return None
        sources = [letter.items[item - 1]] if item else letter.items
        best: dict[tuple[int, int], float] = {}  # (letter ordinal, item) -> score
        for it in sources:
            q = self._similar_query(letter, it, contrast)
            for key, score in self._keyed(self._searcher.search(q, limit * 3, count=False)):
                best[key] = max(best.get(key, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        cutoff = ranked[min(limit, len(ranked)) - 1][1] if ranked else 0.0
        found = [(score, other, no) for (lno, no), score in ranked if score >= cutoff and (other := self._letter_at(lno))]
        out = []
        for score, other, no in sorted(found, key=lambda f: (-f[0], f[1].id, f[2]))[:limit]:  # ties by id
            o = other.items[no - 1]
            out.append(
                SimilarItem(
                    id=other.id,
                    case_number=other.case_number,
                    item=no,
                    request=o.request,
                    treatment=o.treatment,
                    body_part=o.body_part,
                    outcome=o.outcome,
                    decision_date=other.decision_date,
                    score=round(score, 4),
                )
            )
        return out

    def _similar_query(self, letter: Letter, it: Item, contrast: bool) -> tantivy.Query:
        s = self._schema
        should: list[tuple[tantivy.Occur, tantivy.Query]] = []
        should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "treatment_name", it.treatment.lower()), 8.0)))
        if it.category:
            should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "category", it.category.lower()), 1.5)))
        for w in re.findall(r"\w+", (it.body_part or "").lower()):
            should.append((tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(s, "body", w), 2.0)))
        fields = {"rationale": it.rationale, "summary": " ".join(letter.diagnoses) or letter.summary[:400], "treatment": it.request}
        should.append(
            (
                tantivy.Occur.Should,
                tantivy.Query.more_like_this_document_fields_query(
                    s, fields, min_doc_frequency=2, max_doc_frequency=None, min_term_frequency=1, max_query_terms=25, min_word_length=3, boost_factor=1.0
                ),
            )
        )
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = [
            (tantivy.Occur.Must, tantivy.Query.boolean_query(should)),
            (tantivy.Occur.MustNot, tantivy.Query.term_query(s, "id", letter.id)),
        ]
        if contrast:
            other = "overturned" if it.outcome == "upheld" else "upheld"
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(s, "outcome", other)))
        return self._alive(tantivy.Query.boolean_query(clauses))

    # -- stats --------------------------------------------------------------

    def stats(self, query: str = "", dimensions: Iterable[str] = STAT_DIMENSIONS) -> tuple[list[StatRow], list[str]]:
        """How the matching items were decided, by category, treatment, specialty, citation and year."""
        parsed = self._parse(query)
        q = self._query(parsed)
        labels = self._labels()
        rows: list[StatRow] = []
        for dim in dimensions:
            field = STAT_DIMENSIONS[dim]
            agg = {"by": {"terms": {"field": field, "size": 1000}, "aggs": {"o": {"terms": {"field": "outcome"}}}}}
            result = self._searcher.aggregate(q, agg)
            for bucket in result["by"]["buckets"]:
                split = {b["key"]: b["doc_count"] for b in bucket["o"]["buckets"]}
                key = bucket["key"]
                key = str(int(key)) if isinstance(key, (int, float)) else labels.get(field, {}).get(key, key)
                rows.append(StatRow(dimension=dim, key=key, items=bucket["doc_count"], upheld=split.get("upheld", 0), overturned=split.get("overturned", 0)))
        rows.sort(key=lambda r: (list(STAT_DIMENSIONS).index(r.dimension), r.key if r.dimension == "year" else "", -r.items, r.key))
        return rows, parsed.hints

    def _labels(self) -> dict[str, dict[str, str]]:
        known = self.known_values()
        labels = {f: {v.lower(): v for v in known[f]} for f in ("category", "subcategory", "specialty")}
        labels["cites"] = {"mtus": "MTUS", "acoem": "ACOEM", "odg": "ODG", "other": "other"}
        return labels


def _query_words(parsed: queries.Parsed) -> list[str]:
    """Lower-case word stems of the query, for a cheap "could this text hit?" test.

    Empty means "don't know" (corrected or operator-only queries): then every
    section is tried.
    """
    words = list(parsed.words)
    for _, phrase, _ in parsed.phrases:
        words.extend(re.findall(r"\w+", phrase.lower()))
    for m in re.finditer(r"\b(?:treatment|rationale|guideline|summary)(?:_x)?:\\?\"?([\w ]+)", parsed.text):
        words.extend(re.findall(r"\w+", m.group(1).lower()))
    return [w[:4] if len(w) > 4 else w for w in words]


def _score(value: object) -> float:
    """A hit's score; sorted by date, undated letters come back without one."""
    return float(value) if isinstance(value, (int, float)) else 0.0


def _order(sort: Sort) -> dict[str, object]:
    return {"order_by_field": "decided", "order": tantivy.Order.Desc} if sort == "date" else {}


def _describe(err: object) -> str:
    text = str(err)
    return re.sub(r"\s+", " ", text)[:80]


def _char_ranges(fragment: str, ranges: list[tantivy.Range]) -> list[tuple[int, int]]:
    """Tantivy gives byte offsets into the UTF-8 fragment; callers want characters."""
    if fragment.isascii():
        return [(r.start, r.end) for r in ranges]
    data = fragment.encode()
    return [(len(data[: r.start].decode(errors="ignore")), len(data[: r.end].decode(errors="ignore"))) for r in ranges]


def open_index(path: str | Path | None = None) -> SearchIndex:
    """Open the index at ``path`` (default ``$IMR_SEARCH_INDEX``, else ``./index``).

    Raises ``IndexNotFound`` or ``SchemaMismatch`` with a message to show.
    """
    return SearchIndex(store.resolve(path))
