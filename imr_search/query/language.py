"""The query language: what users type, turned into Tantivy queries.

    personal trainer              every word must match (stemmed), ranked by BM25
                                  with boosts treatment > rationale > guideline > summary
    "personal trainer"            the words as written, in order (unstemmed twin fields)
    "trainer lumbar"~3            the words within 3 positions of each other
    -gym  -"home exercise"        exclusion
    mri OR ct                     either
    rationale:fusion  summary:"lumbar fusion"  guideline:odg  treatment:trainer
    credentials:california  docs:"progress report"   (sections; no section named: all of them)
    outcome:overturned  specialty:"pain management"  cites:ODG
    category:pharmaceuticals  subcategory:opioids  body:shoulder
    decided:2015  decided:2014-01..2015-06  case:CM15-0106031

Filters become exact Tantivy term/range queries; the text part is rewritten
into Tantivy's syntax (phrases pointed at the unstemmed twins) and given to
``parse_query_lenient``, so a syntax error degrades to a best-effort query and
a hint instead of an exception.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

import tantivy

from ..index.schema import BOOSTS, EXACT_SUFFIX, GRAM_SUFFIX, SECTIONS, phrase_grams
from ..records import CITATION_SOURCES

FILTERS = ("outcome", "specialty", "cites", "category", "subcategory", "body", "decided", "case")
FIELD_ALIASES = {
    "request": "treatment",
    "guidelines": "guideline",
    "citation": "cites",
    "cite": "cites",
    "specialties": "specialty",
    "date": "decided",
    "year": "decided",
    "body_part": "body",
    "documents": "docs",
    "doc": "docs",
    "reviewer": "credentials",
    "qualifications": "credentials",
}
OUTCOMES = {"upheld": "upheld", "overturned": "overturned", "up": "upheld", "over": "overturned"}
_CITES = {s.lower() for s in CITATION_SOURCES}
_CITES_NAMED = ", ".join(CITATION_SOURCES[:-1]) + " or " + CITATION_SOURCES[-1]
"""The sources as a hint lists them: "MTUS, ACOEM, ODG or other"."""

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<paren>[()])
  | (?P<neg>[-!])?
    (?:(?P<field>[A-Za-z_]+):)?
    (?:
        "(?P<phrase>[^"]*)"(?:~(?P<slop>\d+))?
      | (?P<word>[^\s"()]+)
    )
  | (?P<stray>.)
    """,
    re.X,
)
_SPECIAL = re.compile(r'[+\-&|!(){}\[\]^"~*?:\\/<>=\']')
_DATE_RANGE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")

COMMON_GRAMS = True
"""Put a phrase's common-word pairs beside it (see ``_phrase_clause``); off only to measure what they save."""


@dataclass
class Parsed:
    """A user query taken apart: the Tantivy text query, filters, and hints."""

    text: str
    filters: list[tuple[tantivy.Occur, tantivy.Query]] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    """Bare words and field-scoped words (for typo correction)."""
    scopes: list[str | None] = field(default_factory=list)
    """The section each of ``words`` is scoped to (``treatment:acupunture``), None for a bare word."""
    phrases: list[tuple[str | None, str, int]] = field(default_factory=list)
    """(section or None, phrase, slop)"""
    sections: set[str] = field(default_factory=set)


def _escape(word: str) -> str:
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), word)


def _phrase_clause(section: str | None, phrase: str, slop: int | None) -> str:
    words = re.findall(r"\w+", phrase.lower())
    if not words:
        return ""
    body = '"' + " ".join(words) + '"' + (f"~{slop}" if slop else "")
    targets = [section] if section else list(SECTIONS)
    grams = phrase_grams(" ".join(words)) if COMMON_GRAMS and not slop else []
    parts = [f"{s}{EXACT_SUFFIX}:{body}^{BOOSTS[s]}" for s in targets]
    if grams:
        # Each gram must be there too, scored zero: the same items with the same
        # scores, but the intersection starts from the pairs' short posting lists.
        parts = [f"(+{p} " + " ".join(f"+{s}{GRAM_SUFFIX}:{g}^0" for g in grams) + ")" for s, p in zip(targets, parts)]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _word_clause(section: str | None, word: str) -> str:
    pieces = re.findall(r"\w+", word)
    if not pieces:
        return ""
    if section:
        return " ".join(f"{section}:{_escape(p)}" for p in pieces) if len(pieces) > 1 else f"{section}:{_escape(pieces[0])}"
    if len(pieces) > 1:  # "l5-s1" or "10/325": adjacent pieces, matched as a phrase
        return _phrase_clause(None, " ".join(pieces), None)
    return _escape(pieces[0])


def _date_bounds(value: str) -> tuple[datetime, datetime] | None:
    """"2015" -> 2015-01-01 .. 2015-12-31; "2014-01..2015-06" -> 2014-01-01 .. 2015-06-30.

    Either side of ".." may be left open. None for anything else, or for
    years outside 1900-2199 (the index cannot hold them).
    """
    lo_s, sep, hi_s = value.partition("..")
    if not sep:
        hi_s = lo_s
    if not (lo_s or hi_s):
        return None
    lo_m = _DATE_RANGE.match(lo_s) if lo_s else None
    hi_m = _DATE_RANGE.match(hi_s) if hi_s else None
    if (lo_s and not lo_m) or (hi_s and not hi_m):
        return None
    if any(not 1900 <= int(m.group(1)) < 2200 for m in (lo_m, hi_m) if m):
        return None
    try:
        lo = _start(lo_m) if lo_m else datetime(1900, 1, 1, tzinfo=timezone.utc)
        hi = _end(hi_m) if hi_m else datetime(2199, 12, 31, tzinfo=timezone.utc)
    except ValueError:
        return None
    return lo, hi


def _start(m: re.Match[str]) -> datetime:
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    return datetime(y, mo, d, tzinfo=timezone.utc)


def _end(m: re.Match[str]) -> datetime:
    """The last instant of the period named (inclusive upper bound)."""
    y = int(m.group(1))
    if m.group(3):
        return datetime(y, int(m.group(2)), int(m.group(3)), 23, 59, 59, tzinfo=timezone.utc)
    if m.group(2):
        mo = int(m.group(2))
        return datetime(y, mo, calendar.monthrange(y, mo)[1], 23, 59, 59, tzinfo=timezone.utc)
    return datetime(y, 12, 31, 23, 59, 59, tzinfo=timezone.utc)


def resolve_value(value: str, known: list[str]) -> str:
    """Match a filter value to a known one: exact, then prefix, then substring."""
    v = value.lower().strip()
    lowered = [k.lower() for k in known]
    if v in lowered:
        return v
    for candidates in ([k for k in lowered if k.startswith(v)], [k for k in lowered if v in k]):
        if len(candidates) >= 1:
            return min(candidates, key=len)
    return v


def parse(
    query: str,
    schema: tantivy.Schema,
    known: dict[str, list[str]] | None = None,
) -> Parsed:
    """Split a user query into a Tantivy text query and exact filters."""
    known = known or {}
    hints: list[str] = []
    if query.count('"') % 2:
        last = query.rfind('"')
        query = query[:last] + query[last + 1 :]
        hints.append("ignored an unbalanced quote")
    out = Parsed(text="", hints=hints)
    parts: list[str] = []
    pending_or = False
    depth = 0
    for m in _TOKEN.finditer(query):
        if m.group("ws"):
            continue
        if m.group("stray"):
            hints.append(f"ignored {m.group('stray')!r}")
            continue
        if m.group("paren"):
            p = m.group("paren")
            if p == ")" and depth == 0:
                hints.append("ignored an unmatched ')'")
                continue
            depth += 1 if p == "(" else -1
            parts.append(p)
            continue
        neg = bool(m.group("neg"))
        fname = (m.group("field") or "").lower() or None
        fname = FIELD_ALIASES.get(fname, fname) if fname else None
        phrase, word, slop = m.group("phrase"), m.group("word"), m.group("slop")
        if word in ("OR", "AND", "NOT") and not fname and not neg:
            if word == "OR":
                pending_or = True
            elif word == "NOT":
                parts.append("-")
            continue
        if fname in FILTERS:
            value = phrase if phrase is not None else word or ""
            q = _filter(fname, value, schema, known, hints)
            if q is not None:
                out.filters.append((tantivy.Occur.MustNot if neg else tantivy.Occur.Must, q))
            continue
        if fname and fname not in SECTIONS:
            hints.append(f"unknown field {fname}: searched as words")
            if phrase is None and word is not None:
                phrase = None
                word = f"{fname} {word}"
            fname = None
        section = fname
        if section:
            out.sections.add(section)
        if phrase is not None:
            clause = _phrase_clause(section, phrase, int(slop) if slop else None)
            if clause:
                out.phrases.append((section, phrase, int(slop or 0)))
        else:
            assert word is not None
            clause = " ".join(_word_clause(section, w) for w in word.split(" "))
            pieces = re.findall(r"\w+", word.lower())
            out.words.extend(pieces)
            out.scopes.extend([section] * len(pieces))
        if not clause:
            hints.append(f"ignored {m.group(0)!r}: nothing to search for")
            continue
        if neg:
            clause = "-" + (clause if clause.startswith("(") else f"({clause})")
        if pending_or and parts:
            parts.append("OR")
        pending_or = False
        parts.append(clause)
    if pending_or:
        hints.append("ignored a trailing OR")
    if depth > 0:
        parts.extend(")" * depth)
        hints.append("closed an unbalanced '('")
    out.text = " ".join(parts)
    return out


def _filter(
    name: str, value: str, schema: tantivy.Schema, known: dict[str, list[str]], hints: list[str]
) -> tantivy.Query | None:
    value = value.strip()
    if not value:
        hints.append(f"ignored an empty {name}: filter")
        return None
    if name == "outcome":
        v = OUTCOMES.get(value.lower())
        if v is None:
            hints.append(f"outcome: is upheld or overturned, not {value!r}")
            return tantivy.Query.empty_query()
        return tantivy.Query.term_query(schema, "outcome", v)
    if name == "decided":
        bounds = _date_bounds(value)
        if bounds is None:
            hints.append(f"decided: takes 2015, 2015-03 or 2014-01..2015-06, not {value!r}")
            return None
        return tantivy.Query.range_query(schema, "decided", tantivy.FieldType.Date, bounds[0], bounds[1])
    if name == "body":
        words = re.findall(r"\w+", value.lower())
        if not words:
            return None
        if len(words) == 1:
            return tantivy.Query.term_query(schema, "body", words[0])
        return tantivy.Query.phrase_query(schema, "body", words)
    if name == "cites":
        v = value.lower()
        if v in ("non-mtus", "nonmtus"):
            v = "other"
        if v not in _CITES:
            hints.append(f"cites: is {_CITES_NAMED}, not {value!r}")
        return tantivy.Query.term_query(schema, "cites", v)
    if name == "case":
        return tantivy.Query.term_query(schema, "case", value.lower())
    resolved = resolve_value(value, known.get(name, []))
    if known.get(name) and resolved not in {k.lower() for k in known[name]}:
        hints.append(f"no {name} named {value!r}")
    return tantivy.Query.term_query(schema, name, resolved)
