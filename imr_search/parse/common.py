"""What every layout's reader shares: text to lines and paragraphs, dates, credentials, the patient.

Why apart: the standard reader (``standard``) and the older layouts' reader
(``older``) find different headings and items, but once a section is found
its text is read the same way: wrapped lines rejoined, US dates made ISO,
the reviewer's credentials and the patient's age, sex and diagnoses taken
from the same wordings.
"""

from __future__ import annotations

import html
import re
from datetime import date

from ..records import Item, Partial, Patient, Reviewer
from ..vocab.treatments import SPECIALTIES, analyze_request, canonical_specialty
from . import citations

_WS = re.compile(r"\s+")
_MARKUP = re.compile(r"</?(?:b|strong|br|p|i|em)\s*/?>|\*\*|^#{1,6} ", re.I)
_PAGE = r"Page\s+(\d+)\s*(?:of|/)\s*(\d+)"
PAGE_FOOTER = re.compile(rf"^\s*{_PAGE}\s*$", re.I | re.M)
"""A page footer ("Page 2 of 3"): layout, not the letter's words, but the count of its pages."""
_PAGE_DEBRIS = re.compile(rf"^\s*(?:{_PAGE}|-?\s*\d{{1,3}}\s*-?)\s*$", re.I)

DATE = r"(\d{1,2}/\d{1,2}/\d{4})"
_HEADER_FIELDS = {
    "case_number": re.compile(r"Case\s+Number\s*:\s*(CM\d{2}-\d{4,8})", re.I),
    "date_assigned": re.compile(r"Date\s+Assigned\s*:\s*" + DATE, re.I),
    "date_of_injury": re.compile(r"Date\s+of\s+Injury\s*:\s*" + DATE, re.I),
    "decision_date": re.compile(r"Decision\s+Date\s*:\s*" + DATE, re.I),
    "ur_denial_date": re.compile(r"UR\s+Denial\s+Date\s*:\s*" + DATE, re.I),
    "application_received": re.compile(r"Application\s+Received\s*:\s*" + DATE, re.I),
}
_PRIORITY = re.compile(r"Priority\s*:\s*(Standard|Expedited)", re.I)

_LICENSURE = re.compile(r"State\(s\)\s+of\s+Licensure\s*:\s*(.*?)\s*(?=Certification\(s\)|$)", re.I | re.S)
_CERTIFICATION = re.compile(r"Certification\(s\)\s*/\s*Specialt(?:y|ies)\s*:\s*(.*?)\s*$", re.I | re.S)
_INLINE_CREDENTIALS = re.compile(
    r"Board[- ]Certified\s+in\s+(?P<spec>.+?)\s+and\s+(?:is\s+)?licensed\s+to\s+practice\s+in\s+(?P<states>.+?)\.(?:\s|$)",
    re.I | re.S,
)
_KNOWN_SPECIALTIES = frozenset(SPECIALTIES)
_SPECIALTY_FILLER = re.compile(
    r"^(?:and\s+)?(?:(?:is\s+)?(?:also\s+)?(?:has\s+)?(?:a\s+)?(?:sub-?specialty|fellowship|certificate|certification)(?:\s+training)?\s+(?:in|of)\s+)",
    re.I,
)
_AGE_SEX = re.compile(
    r"\b(?:(?P<age>\d{1,3})|\[?REDACTED\]?|an?)\s*-?\s*(?:years?|yr)\s*-?\s*old\s+"
    r"(?:[A-Za-z]+\s+){0,2}?(?P<sex>male|female|man|woman|gentleman|lady)\b",
    re.I,
)
_DIAGNOSES = re.compile(
    r"\b(?:diagnos(?:es|is)\s+(?:has\s+been\s+|have\s+been\s+)?"
    r"(?:include[sd]?|including|are|were|was|is|consist(?:ed)?\s+of|(?:are\s+|were\s+)?(?:documented|listed|noted)\s+as|of|:)"
    r"|diagnosed\s+(?:as\s+having|with|as))"
    r"\s*:?\s*(?:documented\s+as\s+|as\s+follows:?\s+)?(?P<list>.+?)(?:\.(?=[\s\"\u201d]|$)|$)",
    re.I | re.S,
)
_LIST_SPLIT = re.compile(r"\s*[,;]\s*(?:and\s+|or\s+)?|\s+and\s+")
_REGION_WORDS = frozenset(
    "neck back shoulder shoulders hip hips knee knees ankle ankles wrist wrists elbow elbows hand hands foot feet "
    "arm arms leg legs left right upper lower cervical thoracic lumbar lumbosacral bilateral head chest".split()
)
_QUALIFIER = re.compile(
    r"^(?:[a-z ]*\b(?:region|site|side|level|encounter)|unspecified|sequela|not elsewhere classified|"
    r"(?:left|right|bilateral)(?: (?:side|sided))?)$",
    re.I,
)
"""What follows a comma inside one coded diagnosis ("..., lumbosacral region", "..., initial encounter")."""
_DATED = re.compile(r"\b(?:on|in|dated)\s+\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b|\b\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b")
"""A date in a list item: a procedure's history ("repair on 10-22-16"), never a diagnosis of its own."""
SENTENCE_END = ('.', '."', '.”', '?', '!', ".'", '.)')
_HEADING_LIKE = re.compile(r"^[^a-z]{4,80}$|^[A-Z][^.:]{2,70}:$")


# -- layout ---------------------------------------------------------------------


def lines_of(text: str, is_html: bool, unescape: bool = True) -> tuple[list[str], list[bool]]:
    """Non-empty lines, stripped, each with whether a paragraph starts there.

    HTML-converted text marks paragraphs with blank lines. PDF-extracted text
    marks them with lines holding only spaces; its empty lines are wrapping
    and page-break noise. Text from other extractors that has no lone-space
    lines falls back to blank lines (runs of two or more where every other
    line is blank).
    """
    raw = text.split("\n")
    if is_html:
        raw = [_MARKUP.sub("", line) if ("<" in line or "*" in line or "#" in line) else line for line in raw]
        if unescape:  # entities left by an HTML-to-text converter; htmlpage decodes its own
            raw = [html.unescape(line) if "&" in line else line for line in raw]
        is_break = [not line.strip() for line in raw]
        keep_blank_runs = 1
    else:
        lone_space = [bool(line) and not line.strip() for line in raw]
        if any(lone_space):
            is_break = lone_space
            keep_blank_runs = 0
        else:
            is_break = [not line.strip() for line in raw]
            blank = sum(is_break)
            keep_blank_runs = 2 if blank * 2 >= len(raw) - 1 else 1
    lines: list[str] = []
    breaks: list[bool] = []
    pending = True
    run = 0
    for line, brk in zip(raw, is_break):
        stripped = line.strip()
        if not stripped:
            if brk and keep_blank_runs == 0:
                pending = True
            elif keep_blank_runs:
                run += 1
                if run >= keep_blank_runs:
                    pending = True
            continue
        run = 0
        if not is_html and _PAGE_DEBRIS.match(stripped) and not (lines and lines[-1].endswith(":")):
            continue  # a lone number after a line ending in a colon is a value, not a page number
        lines.append(_WS.sub(" ", stripped) if "  " in stripped or "\t" in stripped else stripped)
        breaks.append(pending)
        pending = False
    return lines, breaks


def join(lines: list[str]) -> str:
    """Rejoin wrapped lines; a line ending in a hyphen after a letter continues the word."""
    out = ""
    for line in lines:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def paragraphs(lines: list[str], breaks: list[bool], start: int, end: int) -> list[str]:
    """The paragraphs of ``lines[start:end]``, each rejoined."""
    out: list[list[str]] = []
    for i in range(start, end):
        if breaks[i] or not out:
            out.append([])
        out[-1].append(lines[i])
    return [join(p) for p in out]


def heading_like(lines: list[str], limit: int = 5) -> list[str]:
    """The first few lines that look like headings or labels, to name an unknown layout."""
    return [line for line in lines if _HEADING_LIKE.match(line) and any(c.isalpha() for c in line)][:limit]


# -- dates, header and credentials -------------------------------------------------


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}


def iso(text: str) -> str | None:
    """``1/3/2013``, ``1/3/13`` or ``January 3, 2013`` as an ISO date; None when it is not a date."""
    try:
        if "/" in text:
            m, d, y = (int(x) for x in text.split("/"))
            y += 2000 if y < 100 else 0
        else:
            parts = text.replace(",", " ").replace(".", " ").split()
            m, d, y = _MONTHS.get(parts[0][:3].lower(), 0), int(parts[1]), int(parts[2])
        return date(y, m, d).isoformat()
    except (ValueError, IndexError):
        return None


def header(text: str) -> dict[str, str | None]:
    """The header block's labelled fields found in ``text`` (ISO dates, upper-case case number)."""
    out: dict[str, str | None] = {}
    if not text:
        return out
    for name, rx in _HEADER_FIELDS.items():
        m = rx.search(text)
        if m:
            out[name] = m.group(1).upper() if name == "case_number" else iso(m.group(1))
    m = _PRIORITY.search(text)
    if m:
        out["priority"] = m.group(1).lower()
    return out


def _split_list(text: str) -> list[str]:
    return [p.strip(" .") for p in _LIST_SPLIT.split(text) if p.strip(" .")]


def _specialties(text: str) -> list[str]:
    """Split a specialty list, keeping names that contain "and" or "&" whole.

    "Physical Medicine and Rehabilitation" is one of the state's names;
    "Orthopedic Surgery and Sports Medicine" is two of them.
    """
    out: list[str] = []
    for chunk in re.split(r"\s*[,;]\s*", text.strip(" .")):
        chunk = _SPECIALTY_FILLER.sub("", chunk)
        if not chunk:
            continue
        name = canonical_specialty(chunk)
        parts = [canonical_specialty(_SPECIALTY_FILLER.sub("", p)) for p in chunk.split(" and ")]
        if name not in _KNOWN_SPECIALTIES and len(parts) > 1 and all(p in _KNOWN_SPECIALTIES for p in parts):
            out.extend(parts)
        else:
            out.append(name)
    return out


def reviewer(how: str) -> Reviewer:
    """The reviewer's states and specialties, listed ("State(s) of Licensure:") or inline ("Board Certified in")."""
    states: list[str] = []
    specialties: list[str] = []
    m = _LICENSURE.search(how)
    if m:
        states = _split_list(m.group(1))
    m = _CERTIFICATION.search(how)
    if m:
        specialties = _specialties(m.group(1))
    if not (states or specialties):
        m = _INLINE_CREDENTIALS.search(how)
        if m:
            specialties = _specialties(m.group("spec"))
            states = _split_list(m.group("states"))
    return Reviewer(specialties=specialties, licensure=states)


def patient(summary: str) -> Patient:
    """Age and sex from the summary's "27 year old male" (age None when redacted)."""
    m = _AGE_SEX.search(summary)
    if not m:
        return Patient()
    sex = m.group("sex").lower()
    return Patient(
        age=int(m.group("age")) if m.group("age") else None,
        sex="male" if sex in ("male", "man", "gentleman") else "female",
    )


def diagnoses(summary: str) -> list[str]:
    """The list after "Diagnoses include" (and its variants) in the summary.

    Items split on semicolons and commas; the last of a run also splits at its
    first "and" ("a, b and c"), unless the word before it is a body region or
    side ("neck and shoulder strain", "left and right sided sciatica").
    """
    m = _DIAGNOSES.search(summary)
    if not m:
        return []
    out: list[str] = []
    for group in m.group("list").split(";"):
        parts: list[str] = []
        for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?", group):
            p = p.strip(" .\"\u201c\u201d")
            if parts and _QUALIFIER.match(p):  # "disc displacement, lumbosacral region" is one diagnosis
                parts[-1] = f"{parts[-1]}, {p}"
            else:
                parts.append(p)
        head, sep, tail = parts[-1].partition(" and ")
        if sep and not (" " not in head and head.lower() in _REGION_WORDS) and not _DATED.search(tail):
            parts[-1:] = [head, tail]  # but "debridement and repair on 10-22-16" is one event, not two diagnoses
        out.extend(p for p in parts if p and len(p) < 120)
    return out


# -- items --------------------------------------------------------------------------


def make_item(number: int, request: str, line: str, outcome: str, ca: str, rg: str, rationale: str,
              partial: Partial | None = None) -> Item:
    """An Item with its request analysed and its guidelines' citations extracted, whatever the layout."""
    return Item(
        item=number,
        request=request,
        line=line,
        partial=partial,
        **analyze_request(request)._asdict(),  # treatment, category, ..., duration: the same names
        outcome=outcome,  # type: ignore[arg-type]
        claims_administrator_guideline=ca,
        reviewer_guideline=rg,
        citations=citations.extract(ca, "claims_administrator") + citations.extract(rg, "reviewer"),
        rationale=rationale,
    )
