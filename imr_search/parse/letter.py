"""Letter text to a ``Letter`` record.

The parser reads the layout, not the file: it finds paragraphs (blank lines
in HTML-converted text, lone-space lines in PDF-extracted text), the three
section headings, the header block before them, and in the issues section
one block per line that ends in ": Upheld" / ": Overturned". Everything it
cannot read whole is a ``LetterError`` with a reason, never a half-filled
record.
"""

from __future__ import annotations

import html
import os
import re
from datetime import date
from pathlib import Path

from ..errors import LetterError
from ..read import file_text, read_file
from ..read import text as textio
from ..records import Item, Letter, Partial, Patient, Reviewer, Shape, fingerprint
from ..vocab.treatments import SPECIALTIES, analyze_request, canonical_specialty
from . import citations

_WS = re.compile(r"\s+")
_HTML_MARKERS = re.compile(r"^#{2,4} |<b>|\*\*", re.M)
_MARKUP = re.compile(r"</?(?:b|strong|br|p|i|em)\s*/?>|\*\*|^#{1,6} ", re.I)
_PAGE_DEBRIS = re.compile(r"^\s*(?:Page\s+\d+\s*(?:of|/)\s*\d+|-?\s*\d{1,3}\s*-?)\s*$", re.I)

_HEADINGS = (
    ("how", re.compile(r"^HOW\s+THE\s+(?:IMR\s+)?FINAL\s+DETERMINATION\s+WAS\s+MADE\b", re.I)),
    ("summary", re.compile(r"^CLINICAL\s+CASE\s+SUMMARY\b", re.I)),
    ("issues", re.compile(r"^IMR\s+ISSUES,?\s+DECISIONS,?\s+AND\s+RATIONALES?\b", re.I)),
)

_LABEL = re.compile(
    r"^(?:(?P<ca>Claims\s+Administrator(?:'s)?\s+guidelines?)"
    r"|(?P<rg>(?:MAXIMUS|Expert\s+Reviewer|Reviewer|IMR)(?:'s)?\s+guidelines?)"
    r"|(?P<ra>Decision\s+rationale))\s*:\s*",
    re.I,
)
_OUTCOME = re.compile(r"^(?P<title>.*?)\s*:\s*(?P<outcome>Upheld|Overturned)\s*\.?$", re.I)
_ENUMERATION = re.compile(r"^\d{1,2}[.)]\s+(?=\D)")
"""A list number some letters put before each item ("1. ", "2) ")."""
_BARE_OUTCOME = re.compile(r"^(?P<outcome>Upheld|Overturned)\s*\.?$", re.I)
_ISSUES_INTRO = re.compile(r"^The\s+Final\s+Determination\s+was\s+based\s+on\b", re.I)
_SUMMARY_INTRO = re.compile(
    r"^The\s+(?:expert\s+|physician\s+|independent\s+)*reviewer\s+developed\s+the\s+following\s+clinical\s+case\s+summary\b.*?records\s*:\s*",
    re.I,
)
_PARTIAL = re.compile(
    r"^(?P<original>.+?)\s+was\s+the\s+original\s+request\.?\s+"
    r"(?P<authorized>.+?)\s+was\s+(?:authorized|certified|approved|modified)(?:\s+by\s+the\s+Claims\s+Administrator)?\.?\s+"
    r"The\s+remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request,?\s+(?P<remaining>.+?)(?:\s+is)?$",
    re.I | re.S,
)
_PARTIAL_TAIL = re.compile(r"^(?:The\s+remaining\b|.*\bwas\s+(?:authorized|certified|approved|modified)\b)", re.I | re.S)

_DATE = r"(\d{1,2}/\d{1,2}/\d{4})"
_HEADER_FIELDS = {
    "case_number": re.compile(r"Case\s+Number\s*:\s*(CM\d{2}-\d{4,8})", re.I),
    "date_assigned": re.compile(r"Date\s+Assigned\s*:\s*" + _DATE, re.I),
    "date_of_injury": re.compile(r"Date\s+of\s+Injury\s*:\s*" + _DATE, re.I),
    "decision_date": re.compile(r"Decision\s+Date\s*:\s*" + _DATE, re.I),
    "ur_denial_date": re.compile(r"UR\s+Denial\s+Date\s*:\s*" + _DATE, re.I),
    "application_received": re.compile(r"Application\s+Received\s*:\s*" + _DATE, re.I),
}
_PRIORITY = re.compile(r"Priority\s*:\s*(Standard|Expedited)", re.I)
_CASE_IN_NAME = re.compile(r"CM\d{2}-\d{4,8}", re.I)

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
_SENTENCE_END = ('.', '."', '.”', '?', '!', ".'", '.)')


def parse_file(path: str | os.PathLike[str]) -> Letter:
    """Parse one letter file (text, PDF or HTML page); ``LetterError`` names the file and the reason."""
    return parse_bytes(read_file(path), str(path))


def parse_bytes(data: bytes, source: str) -> Letter:
    """Parse a letter file's bytes; the name (``source``) decides PDF and HTML by extension."""
    try:
        text, shape = file_text(data, source)
        return parse_text(text, source=source, shape=shape)
    except LetterError as e:
        raise LetterError(e.reason, source) from None


def parse_text(text: str, source: str = "", shape: Shape | None = None) -> Letter:
    """Parse the text of one letter (any text shape) into a record.

    ``shape`` names where the text came from when it was extracted here
    ("pdf", "html"); by default it is read off the text itself.
    """
    text = textio.clean(text)
    is_html = bool(_HTML_MARKERS.search(text))
    lines, breaks = _lines(text, is_html, unescape=shape is None)
    sections = _sections(lines)
    if "issues" not in sections:
        if not sections and not any(_OUTCOME.match(line) for line in lines):
            raise LetterError("not an IMR letter (no IMR headings or decisions found)")
        raise LetterError("cut short: no 'IMR ISSUES, DECISIONS AND RATIONALES' section")
    header = _header(" ".join(lines[: min(start for start, _ in sections.values())]))
    how = _span(lines, sections, "how")
    items = _items(lines, breaks, *sections["issues"])
    summary_paragraphs = _paragraphs(lines, breaks, *sections.get("summary", (0, 0)))
    if summary_paragraphs:
        summary_paragraphs[0] = _SUMMARY_INTRO.sub("", summary_paragraphs[0])
        summary_paragraphs = [p for p in summary_paragraphs if p]
    summary = "\n\n".join(summary_paragraphs)

    fp = fingerprint(items)
    case_number = header.pop("case_number", None)
    name_case = _CASE_IN_NAME.search(Path(source).name) if source else None
    letter_id = case_number or (name_case.group(0).upper() if name_case else f"h-{fp[:12]}")
    return Letter(
        id=letter_id,
        case_number=case_number,
        fingerprint=fp,
        source=source,
        shape=shape or ("html-text" if is_html else "pdf-text"),
        reviewer=_reviewer(how),
        patient=_patient(summary),
        diagnoses=_diagnoses(summary),
        summary=summary,
        items=items,
        **header,
    )


# -- layout -----------------------------------------------------------------


def _lines(text: str, is_html: bool, unescape: bool = True) -> tuple[list[str], list[bool]]:
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
        if not is_html and _PAGE_DEBRIS.match(stripped) and not _looks_like_content(stripped, lines):
            continue
        lines.append(_WS.sub(" ", stripped) if "  " in stripped or "\t" in stripped else stripped)
        breaks.append(pending)
        pending = False
    return lines, breaks


def _looks_like_content(line: str, before: list[str]) -> bool:
    """A lone number after a line ending in a colon is a value, not a page number."""
    return bool(before) and before[-1].endswith(":")


def _sections(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Where each heading's section starts and ends (line indices, heading excluded)."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if len(line) > 60:
            continue
        for name, rx in _HEADINGS:
            if name not in seen and rx.match(line):
                found.append((i, name))
                seen.add(name)
                break
    out = {}
    for k, (i, name) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(lines)
        out[name] = (i + 1, end)
    return out


def _span(lines: list[str], sections: dict[str, tuple[int, int]], name: str) -> str:
    start, end = sections.get(name, (0, 0))
    return " ".join(lines[start:end])


def _join(lines: list[str]) -> str:
    """Rejoin wrapped lines; a line ending in a hyphen after a letter continues the word."""
    out = ""
    for line in lines:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def _paragraphs(lines: list[str], breaks: list[bool], start: int, end: int) -> list[str]:
    paragraphs: list[list[str]] = []
    for i in range(start, end):
        if breaks[i] or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(lines[i])
    return [_join(p) for p in paragraphs]


# -- header and credentials ---------------------------------------------------


def _iso(us_date: str) -> str | None:
    month, day, year = (int(x) for x in us_date.split("/"))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _header(text: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    if not text:
        return out
    for name, rx in _HEADER_FIELDS.items():
        m = rx.search(text)
        if m:
            out[name] = m.group(1).upper() if name == "case_number" else _iso(m.group(1))
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


def _reviewer(how: str) -> Reviewer:
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


def _patient(summary: str) -> Patient:
    m = _AGE_SEX.search(summary)
    if not m:
        return Patient()
    sex = m.group("sex").lower()
    return Patient(
        age=int(m.group("age")) if m.group("age") else None,
        sex="male" if sex in ("male", "man", "gentleman") else "female",
    )


def _diagnoses(summary: str) -> list[str]:
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
        parts = [p.strip(" .\"\u201c\u201d") for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?", group)]
        head, sep, tail = parts[-1].partition(" and ")
        if sep and not (" " not in head and head.lower() in _REGION_WORDS):
            parts[-1:] = [head, tail]
        out.extend(p for p in parts if p and len(p) < 120)
    return out


# -- items ---------------------------------------------------------------------


def _label(line: str) -> tuple[str, str] | None:
    m = _LABEL.match(line)
    return (m.lastgroup or "", line[m.end() :]) if m else None


def _items(lines: list[str], breaks: list[bool], start: int, end: int) -> list[Item]:
    """One Item per decision line, with the labelled fields that follow it."""
    while start < end and _ISSUES_INTRO.match(lines[start]):
        start += 1
        while start < end and not breaks[start] and not lines[start - 1].endswith(":"):
            start += 1
    labels = [_label(lines[i]) for i in range(len(lines))]
    decisions: list[tuple[int, int, str, str]] = []  # (title start, decision line, title, outcome)
    lo = start
    for j in range(start, end):
        if labels[j]:
            continue
        m = _OUTCOME.match(lines[j])
        if m is None:
            bare = _BARE_OUTCOME.match(lines[j])
            if not (bare and j > lo and lines[j - 1].endswith(":")):
                continue
            m = bare
        s = j
        while s > lo and not breaks[s] and labels[s - 1] is None:
            s -= 1
        if s > lo and not breaks[s] and labels[s - 1] is not None:
            s = _title_start(lines, s, j)
        title = _join(lines[s:j] + ([m.group("title")] if "title" in m.groupdict() else []))
        title = _ENUMERATION.sub("", title.rstrip(": ").strip())
        decisions.append((s, j, title, m.group("outcome").lower()))
        lo = j + 1
    if not decisions:
        raise LetterError("no IMR items: the issues section holds no 'Upheld' or 'Overturned' decision")

    items = []
    for k, (s, j, title, outcome) in enumerate(decisions):
        stop = decisions[k + 1][0] if k + 1 < len(decisions) else end
        fields: dict[str, list[list[str]]] = {}
        current: list[list[str]] | None = None
        for i in range(j + 1, stop):
            lab = labels[i]
            if lab:
                current = fields.setdefault(lab[0], [])
                current.append([lab[1]] if lab[1] else [])
            elif current is not None:
                if breaks[i] and current[-1]:
                    current.append([])
                current[-1].append(lines[i])
        items.append(_item(k + 1, title, outcome, fields))
    last = items[-1].rationale
    if not last.rstrip().endswith(_SENTENCE_END) and not last.rstrip().endswith(('"', "”", ")")):
        raise LetterError(f"cut short: item {len(items)}'s rationale ends mid-sentence")
    return items


def _title_start(lines: list[str], lo: int, j: int) -> int:
    """Where a title starts when no paragraph break separates it from the
    rationale before it: after the last line ending a sentence, unless what
    follows continues a partial-request title."""
    for k in range(j, lo, -1):
        if lines[k - 1].endswith(_SENTENCE_END) and not _PARTIAL_TAIL.match(" ".join(lines[k : j + 1])):
            return k
    return lo


def _item(number: int, title: str, outcome: str, fields: dict[str, list[list[str]]]) -> Item:
    def paragraphs(name: str) -> list[str]:
        return [_join(p) for p in fields.get(name, []) if p]

    rationale = "\n\n".join(paragraphs("ra"))
    if not rationale:
        raise LetterError(f"cut short: item {number} ({title[:40]!r}) has no decision rationale")
    ca = " ".join(paragraphs("ca"))
    rg = " ".join(paragraphs("rg"))
    partial = None
    request = title
    m = _PARTIAL.match(title)
    if m:
        partial = Partial(original=m.group("original").strip(), authorized=m.group("authorized").strip())
        request = m.group("remaining").strip()
    return Item(
        item=number,
        request=request,
        partial=partial,
        **analyze_request(request)._asdict(),  # treatment, category, ..., duration: the same names
        outcome=outcome,  # type: ignore[arg-type]
        claims_administrator_guideline=ca,
        reviewer_guideline=rg,
        citations=citations.extract(ca, "claims_administrator") + citations.extract(rg, "reviewer"),
        rationale=rationale,
    )
