"""Reading one item request into fields; the vocabulary's public face.

An IMR item is written by hand ("Meloxicam (Mobic) 7.5mg #30", "Physical therapy
2 times a week for 6 weeks, low back"), so the same treatment shows up under
brand names, abbreviations, plurals and typos.  Users search by what was asked
for, not by how it was spelled, so every request is mapped onto one canonical
treatment with the state's category and subcategory (the names users know
from the DWC's own decision search), plus the body part and the counts.

The tables live in data modules (``catalog``, ``body_parts``, ``diagnoses``,
``reviewers``) and are re-exported here, the one place the rest of the
project imports the vocabulary from.  The letter generator writes requests
from the same tables, so :func:`analyze_request` must give back exactly what
it put in.  Everything costly (the alias and body-part regexes) is compiled
once at import: the parser calls :func:`analyze_request` for every item of
every letter.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..records import Duration, Frequency
from .body_parts import ABBREVIATED_LIMBS, BODY_PART_FORMS, BODY_PARTS, LATERAL
from .catalog import (
    CATEGORIES,
    CATEGORY_GUESSES,
    COMPOUNDED_TOPICAL,
    DEFAULT_INJECTION,
    INJECTION_SITES,
    TREATMENTS,
    Treatment,
)
from .diagnoses import DIAGNOSES
from .reviewers import SPECIALTIES, SPECIALTY_VARIANTS, STATES

__all__ = [
    "BODY_PARTS",
    "CATEGORIES",
    "DIAGNOSES",
    "LATERAL",
    "SPECIALTIES",
    "STATES",
    "TREATMENTS",
    "RequestInfo",
    "Treatment",
    "analyze_request",
    "canonical_specialty",
    "counted",
    "lookup",
    "noun",
]


class RequestInfo(NamedTuple):
    """What one item request asks for, as structured fields."""

    treatment: str
    category: str | None
    subcategory: str | None
    body_part: str | None
    quantity: int | None
    frequency: Frequency | None
    duration: Duration | None


# -- compiled matchers (built once at import) ---------------------------------

_SEP = re.compile(r"[\s/\-]+")


def _key(text: str) -> str:
    """Normalise a spelling for lookup: case, and hyphen/slash/space runs, do not matter."""
    return _SEP.sub(" ", text.lower()).strip()


def _trie_regex(words: list[str]) -> str:
    """One regex alternation of ``words`` (already ``_key``-normalised), shaped as a trie.

    A flat alternation of ~900 aliases tries every branch at every position,
    which is far too slow for the parser's budget; a trie tries one branch per
    character.  Separators match any run of space, hyphen or slash, and
    siblings never share a first character, so the greedy match is the
    longest alias at that position.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [
            (r"[\s/\-]+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_INDEX: dict[str, Treatment] = {}
_BY_NAME: dict[str, Treatment] = {t.name: t for t in TREATMENTS}
for _t in TREATMENTS:
    for _spelling in (_t.name, *_t.aliases):
        _INDEX.setdefault(_key(_spelling), _t)

# All matching runs on the request lower-cased and padded with a space, and
# every scanning pattern starts by consuming one separator ("[^a-z0-9\x00]")
# instead of asserting a word boundary: a pattern that opens with a plain
# character class lets the regex engine skip ahead in C, which makes these
# patterns several times faster than "\b..." or "(?i)" ones.  Spans already
# read are overwritten with NULs (see _blank), which are not separators, so
# the scans skip over them as fast as over letters.

# Digits may touch an alias ("norco10/325"), letters may not ("opt" is not "pt").
_ALIAS_RE = re.compile(r"[^a-z\x00](" + _trie_regex(sorted(_INDEX)) + r"(?:e?s)?)(?![a-z])")


def _plurals(part: str) -> tuple[str, ...]:
    """A body part and its plural ("bilateral knees", "upper extremities")."""
    if part.endswith("y"):
        return (part, part[:-1] + "ies")
    if part.endswith(("s", "x", "um")):
        return (part,)
    return (part, part + "s")


_BODY_WORDS = sorted({_key(p) for part in BODY_PARTS + BODY_PART_FORMS for p in _plurals(part)})
_LATERALITY = r"(?:left|right|bilateral|both)"
_BODY_UNIT = rf"(?:{_LATERALITY}[\s\-]+)?(?:{_trie_regex(_BODY_WORDS)})(?![a-z])"
_BODY_JOIN = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|or)\s+|\s*[/&]\s*)"
# "spine surgeon" and "hand specialist" name a doctor, not a body part.
_BODY_RE = re.compile(
    rf"[^a-z\x00]({_BODY_UNIT}(?:{_BODY_JOIN}{_BODY_UNIT})*)(?!\s+(?:surgeon|specialist|doctor|physician))"
)
_BODY_AT_RE = re.compile(_BODY_UNIT)
_LATERALITY_BEFORE_RE = re.compile(rf"[^a-z\x00]({_LATERALITY})[\s\-]+$")
_ABBREVIATED_LIMB_RE = re.compile(r"\b(?:rue|lue|bue|rle|lle|ble)\b")

_NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
    "once": 1, "twice": 2, "thrice": 3,
}
_NUMBER_ALTERNATIVES = sorted((w for w in _NUMBER_WORDS if not w.endswith("ce")), key=len, reverse=True)
_NUM = r"(?:\d{1,3}|" + "|".join(_NUMBER_ALTERNATIVES) + ")"
_TIMES_NUM = rf"(?:{_NUM}|once|twice|thrice)"
_SESSION_WORDS = r"(?:sessions?|visits?|treatments?|appointments?)"
_UNITS = r"(?:weeks?|wks?|months?|mos?|days?)"

_HAS_DIGIT_RE = re.compile(r"\d")
# Things that carry digits but are never a count: dates, dates of service,
# doses and strengths, spinal levels, CPT codes and years, refills.
_NOISE_RE = re.compile(
    rf"""[^a-z0-9.\x00](?:
      \(\s*(?:dos|dates?\s+of\s+service)\b[^)]*\)?
    | (?:dos|dates?\s+of\s+service)\s*:?\s*[\d/.\-]+(?:\s*(?:-|to|through|thru)\s*[\d/.\-]+)?
    | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b
    | \d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*\s*
      (?:%(?:\s*/\s*\d+(?:\.\d+)?\s*%)*
        |(?:mg|mcg|µg|ug|gm?|grams?|ml|cc|iu|meq|mmol)(?:\s*/\s*(?:ml|hr|hrs|h|hour|day|dose|g|gm|actuation|spray))?(?![a-z]))
    | \d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?\b
    | [ctls]\d{{1,2}}(?:\s*-\s*[ctls]?\d{{1,2}})*\b
    | \d{{4,}}\b
    | {_NUM}\s+refills?\b
    )""",
    re.VERBOSE,
)
_HASH_QTY_RE = re.compile(r"#\s*(\d{1,6})(?!\d)")
_QTY_LABEL_RE = re.compile(r"[^a-z\x00](?:qty|quantity)\s*[:#.]?\s*(\d{1,6})(?!\d)")
# "2 times 8", "2x4", "3 times 4 weeks": per week unless a unit says otherwise.
_COMBINED_RE = re.compile(
    rf"[^a-z0-9\x00](?P<n>{_NUM})\s*(?:x|times)\s*(?P<d>{_NUM})\b(?!\s*(?:/|%|{_SESSION_WORDS}|times?\b|x\b))"
    rf"(?:\s*-?\s*(?P<unit>{_UNITS})\b)?"
)
_FREQUENCY_RE = re.compile(
    rf"""[^a-z0-9\x00](?:
      (?P<n>{_TIMES_NUM})\s*
        (?:x|times?|{_SESSION_WORDS}|days?|tablets?|tabs?|capsules?|caps?|pills?)?\s*
        (?:/|\b(?:a|an|per|each|every)\b)\s*(?P<per>week|wk|day|month|mo)s?\b
    | (?P<n2>{_TIMES_NUM})\s*(?:x|times?|tablets?|tabs?|capsules?|caps?|pills?)?\s*(?P<adv>weekly|daily|monthly)\b
    | (?P<abbr>qd|bid|tid|qid)\b
    | (?:q|every)\s*(?P<hours>\d{{1,2}})(?:\s*-\s*\d{{1,2}})?\s*(?:h|hrs?|hours?)\b
    )""",
    re.VERBOSE,
)
_AFTER_FREQUENCY_RE = re.compile(rf"\s*,?\s*(?:x|for|times)\s*(?P<d>{_NUM})\b(?!\s*(?:/|%|{_SESSION_WORDS}))")
_DURATION_RE = re.compile(
    rf"[^a-z0-9\x00]x?\s*\(?(?P<d>{_NUM})\)?\s*-?\s*(?P<unit>weeks?|wks?|months?|mos?|days?|years?|yrs?)\b"
)
# Tried in order; the first that matches gives the quantity.
_QUANTITY_RES: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"[^a-z0-9\x00]\(?({_NUM})\)?\s+(?:\x00+\s*)?(?:(?:additional|more|further|initial|total|post-?op(?:erative)?)\s+)?"
        rf"(?:\x00+\s*)?(?:{_SESSION_WORDS}|classes|tablets?|tabs|capsules?|caps|pills?|patch(?:es)?|injections?)\b"
    ),
    re.compile(rf"[^a-z0-9\x00]{_SESSION_WORDS}\s*[,:]?\s*(?:x\s*)?\(?({_NUM})\b\)?"),
    re.compile(rf"[^a-z0-9\x00]x\s*({_NUM})\b"),
    re.compile(r"\((\d{1,3})\)"),
    re.compile(rf"[^a-z0-9\x00]({_NUM})\s+\x00"),
)

_PER = {"week": "week", "wk": "week", "day": "day", "month": "month", "mo": "month",
        "weekly": "week", "daily": "day", "monthly": "month"}
_UNIT = {"week": "weeks", "wk": "weeks", "month": "months", "mo": "months", "day": "days"}
_PER_DAY = {"qd": 1, "bid": 2, "tid": 3, "qid": 4}

# Words that say how, when or why, not what: dropped from unknown treatments.
_FILLER_RE = re.compile(
    r"\b(?:associated\s+surgical\s+services?|additional|retrospective|retro|prospective|purchase|rental|rent"
    r"|unspecified|requested|request|with(?:out)?\s+contrast|w/o\s+contrast|as\s+an\s+outpatient"
    r"|left|right|bilateral)\b"
)
_EDGE_WORDS_RE = re.compile(
    r"^(?:(?:of|for|to|with|at|in|on|the|a|an|and|or|is|x|per|times|use|sessions?)\b\s*)+"
    r"|(?:\s*\b(?:of|for|to|with|at|in|on|the|a|an|and|or|is|x|per|times|use|sessions?))+$"
)
_MIDDLE_ARTICLES_RE = re.compile(r"\b(?:of|for|to|in|on)\s+the\b")
_PUNCT_RUN_RE = re.compile(r"\(\s*\)|\s+(?=[,;:)])|(?<=\()\s+|[,;:]\s*(?=[,;:]|$)")


# A compound: two or more drugs, each with its strength, joined by "/", "+", "," or "and"
# ("Ketoprofen 20%/ Gabapentin 6% cream").  A drug's name is one or two words.
_DRUG_WORD = r"(?!(?:and|with)\b)[a-z][a-z\-]*"
_DRUG_PCT = rf"({_DRUG_WORD}(?:\s+{_DRUG_WORD})?)\s*\d+(?:\.\d+)?\s*%"
_FIRST_DRUG_PCT_RE = re.compile(rf"(?<![a-z]){_DRUG_PCT}")
_NEXT_DRUG_PCT_RE = re.compile(rf"\s*(?:/|\+|,|and\b)\s*{_DRUG_PCT}")
_INJECTION_WORD_RE = re.compile(r"[^a-z\x00](?:inject(?:ions?|ed)?|injxn)(?![a-z])")
_TOPICALS = ("Topical Compounds", "Topical Analgesics")

_SPECIALTY_INDEX: dict[str, str] = {}


def _specialty_key(text: str) -> str:
    return " ".join(text.lower().replace("&", " and ").split()).strip(" .,;")


for _s in SPECIALTIES:
    _SPECIALTY_INDEX[_specialty_key(_s)] = _s
for _variant, _s in SPECIALTY_VARIANTS.items():
    _SPECIALTY_INDEX.setdefault(_specialty_key(_variant), _s)

# -- functions ----------------------------------------------------------------


def lookup(name: str) -> Treatment | None:
    """The treatment ``name`` spells (canonical name or alias, any case), or None."""
    key = _key(name)
    found = _INDEX.get(key)
    if found is None and key.endswith("s"):
        found = _INDEX.get(key[:-2]) if key.endswith("es") else None
        found = found or _INDEX.get(key[:-1])
    return found


def canonical_specialty(text: str) -> str:
    """The state's spelling of a reviewer specialty; unknown text comes back stripped, as written.

    Letters write "Physical Medicine and Rehabilitation" where the state's
    list says "&", so filters on the state's names would otherwise miss them.
    """
    return _SPECIALTY_INDEX.get(_specialty_key(text), text.strip())


def _compound(text: str) -> tuple[Treatment, int, int] | None:
    """The compound ``text`` asks for, with its span: two or more drugs joined by their strengths, or None.

    A mix of drugs is a topical compound whatever drugs it holds, never the
    one drug whose alias happens to be longest; the catalogue's own entry is
    used when it names that very mix ("Flurbiprofen 20%/Lidocaine 5%" is
    "flurbiprofen/lidocaine cream"), trying each drug's full name, then its
    last word ("topical flurbiprofen" is flurbiprofen).
    """
    first = _FIRST_DRUG_PCT_RE.search(text)
    while first:
        names, end = [first.group(1)], first.end()
        while nxt := _NEXT_DRUG_PCT_RE.match(text, end):
            names.append(nxt.group(1))
            end = nxt.end()
        if len(names) >= 2:
            for key in ("/".join(names), "/".join(n.split()[-1] for n in names)):
                known = lookup(key)
                if known is not None and known.subcategory in _TOPICALS:
                    return known, first.start(1), end
            return _BY_NAME[COMPOUNDED_TOPICAL], first.start(1), end
        first = _FIRST_DRUG_PCT_RE.search(text, end)
    return None


def _injection_at(body_part: str | None) -> Treatment:
    """The injection a drug injected at ``body_part`` is (a joint injection for a joint, a trigger point by default)."""
    for words, name in INJECTION_SITES:
        if body_part and any(w in body_part for w in words):
            return _BY_NAME[name]
    return _BY_NAME[DEFAULT_INJECTION]


def _int(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _blank(text: str, start: int, end: int) -> str:
    """Hide a span already read, keeping offsets, so later patterns cannot reuse its digits.

    The span becomes NULs closed by one space: NULs are not separators, so
    scanning patterns skip them quickly, and the space still separates the
    span from whatever follows it.
    """
    return text[:start] + "\x00" * (end - start - 1) + " " + text[end:] if end > start else text


def _blank_match(m: re.Match[str]) -> str:
    return "\x00" * (m.end() - m.start() - 1) + " "


def _guess_category(name: str, had_dose: bool) -> tuple[str | None, str | None]:
    for pattern, category, subcategory in CATEGORY_GUESSES:
        if pattern.search(name):
            return category, subcategory
    if had_dose:
        return "Pharmaceuticals", None
    return None, None


def _clean_unknown(masked: str) -> str:
    """What is left of a request once every recognised part is removed: the treatment as written."""
    text = masked.replace("\x00", " ").lower()
    text = _FILLER_RE.sub(" ", text)
    text = _MIDDLE_ARTICLES_RE.sub(" ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _PUNCT_RUN_RE.sub("", text)
        text = text.strip(" ,.;:-#*")
        text = _EDGE_WORDS_RE.sub("", text).strip()
    return text


def analyze_request(request: str) -> RequestInfo:
    """Read one item request as written in a letter into structured fields.

    Each recognised piece is blanked out of the working text once read, so a
    digit is never used twice (the "3" of "3x4" is not also a quantity) and
    whatever remains at the end is the treatment's own name when the
    vocabulary does not know it.
    """
    text = " " + " ".join(request.lower().split()) + " "
    masked = text

    # Treatment: the longest alias anywhere; all aliases are hidden so their
    # words ("lumbar support", "b12") are not read as body parts or numbers.
    best: Treatment | None = None
    matches = list(_ALIAS_RE.finditer(text))
    if matches:
        chosen = max(matches, key=lambda m: (m.end() - m.start(), -m.start()))
        best = lookup(chosen.group(1))
        for m in matches:
            masked = _blank(masked, m.start(1), m.end(1))
    # A mix of drugs is a compound, unless a named compound ("Terocin (capsaicin 0.025%, ...)") stands outside it.
    compound = _compound(text) if "%" in text else None
    if compound:
        mix, start, end = compound
        named = (lookup(m.group(1)) for m in matches if not start <= m.start(1) < end)
        best = next((t for t in named if t is not None and t.subcategory == "Topical Compounds"), mix)

    quantity: int | None = None
    had_dose = False
    if "#" in masked:
        m = _HASH_QTY_RE.search(masked)
        if m:
            quantity = int(m.group(1))
            masked = _blank(masked, m.start(), m.end())
            had_dose = True
    if "q" in masked and quantity is None:
        m = _QTY_LABEL_RE.search(masked)
        if m:
            quantity = int(m.group(1))
            masked = _blank(masked, m.start(), m.end())
    if _HAS_DIGIT_RE.search(masked):
        before = masked
        masked = _NOISE_RE.sub(_blank_match, masked)
        had_dose = had_dose or masked != before

    frequency: Frequency | None = None
    duration: Duration | None = None
    m = _COMBINED_RE.search(masked)
    if m:
        per = _PER[(m.group("unit") or "week").rstrip("s")]
        frequency = Frequency(_int(m.group("n")), per)
        duration = Duration(_int(m.group("d")), per + "s")
        masked = _blank(masked, m.start(), m.end())
    else:
        m = _FREQUENCY_RE.search(masked)
        if m:
            if m.group("n"):
                frequency = Frequency(_int(m.group("n")), _PER[m.group("per")])
            elif m.group("n2"):
                frequency = Frequency(_int(m.group("n2")), _PER[m.group("adv")])
            elif m.group("abbr"):
                frequency = Frequency(_PER_DAY[m.group("abbr")], "day")
            elif 24 % max(int(m.group("hours")), 1) == 0:
                frequency = Frequency(24 // max(int(m.group("hours")), 1), "day")
            masked = _blank(masked, m.start(), m.end())
        d = _DURATION_RE.search(masked)
        if d:
            unit = d.group("unit").rstrip("s")
            count = _int(d.group("d"))
            duration = Duration(count * 12, "months") if unit in ("year", "yr") else Duration(count, _UNIT[unit])
            masked = _blank(masked, d.start(), d.end())
        elif frequency is not None and m:
            # "3 times a week x 4": the bare number counts the frequency's unit.
            a = _AFTER_FREQUENCY_RE.match(masked, m.end())
            if a:
                duration = Duration(_int(a.group("d")), frequency.per + "s")
                masked = _blank(masked, a.start(), a.end())

    body_part: str | None = None
    b = _BODY_RE.search(masked)
    if b:
        body_part = " ".join(b.group(1).split())
        masked = _blank(masked, b.start(1), b.end(1))
    else:
        # "Right Shoulder Arthroscopy": the side is outside the alias, the part inside it.
        for m in matches:
            side = _LATERALITY_BEFORE_RE.search(text, 0, m.start(1))
            part = _BODY_AT_RE.match(text, m.start(1), m.end(1)) if side else None
            if side and part:
                body_part = f"{side.group(1)} {' '.join(part.group(0).split())}"
                break
    if body_part and ("ue" in body_part or "le" in body_part):
        body_part = _ABBREVIATED_LIMB_RE.sub(lambda a: ABBREVIATED_LIMBS[a.group(0)], body_part)

    if quantity is None:
        for pattern in _QUANTITY_RES:
            q = pattern.search(masked)
            if q:
                quantity = _int(q.group(1))
                masked = _blank(masked, q.start(), q.end())
                break

    # "Injection of lidocaine to the shoulder": the injection is the treatment, not the drug injected
    # (unless the drug is itself given by injection: "Toradol injection", "Synvisc injection").
    if best is not None and best.category == "Pharmaceuticals" and "injection" not in best.forms:
        if "inj" in text and _INJECTION_WORD_RE.search(text):
            best = _injection_at(body_part)
    if best is not None:
        return RequestInfo(best.name, best.category, best.subcategory, body_part, quantity, frequency, duration)
    name = _clean_unknown(masked) or text.strip()
    category, subcategory = _guess_category(name, had_dose)
    return RequestInfo(name, category, subcategory, body_part, quantity, frequency, duration)
