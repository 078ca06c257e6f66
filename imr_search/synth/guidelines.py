"""The guideline paragraphs of an item and the citations they make.

Why: the parser reads citations back out of these sentences, so what is
written and what is recorded must agree exactly; both come from one draw
here. The tables are in ``guideline_tables``.

Guideline sentences emitted (what ``claims_administrator_guideline`` and
``reviewer_guideline`` hold, one space between sentences), and the
``Citation`` each ``Decision based on`` clause stands for::

    GUIDELINE  := NONE | [PREAMBLE " "] CLAUSE (" " CLAUSE)*
    NONE       := "The Claims Administrator did not cite any medical evidence for its decision."
                | "The Expert Reviewer did not cite any medical evidence for its decision."
                  -> no citations
    PREAMBLE   := "The <Who> did not base their decision on the MTUS."
                | "The <Who> based its decision on recommendation(s) outside of the MTUS Guidelines."
                | "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines."
                  (<Who> = "Claims Administrator" | "Expert Reviewer"; only before
                  Non-MTUS clauses; cites nothing)
    CLAUSE     := "Decision based on MTUS " REF (", and " REF)? "."
                    -> one Citation(source="MTUS", title=CHAPTER+" "+YEAR, section=SECTION|None, pages=None) per REF
                | "Decision based on MTUS Chronic Pain Treatment Guidelines" [" Section on " SECTION]
                  " Page(s): " PAGES [" of 127"] "."
                    -> Citation("MTUS", "Chronic Pain Treatment Guidelines", SECTION|None, PAGES)
                | "Decision based on Non-MTUS Citation " ODG_TITLE [ODG_SEP ODG_SECTION] "."
                    -> Citation("ODG", "Official Disability Guidelines", ODG_SECTION|None, None)
                | "Decision based on Non-MTUS Citation ACOEM Occupational Medicine Practice Guidelines, 3rd ed., "
                  ACOEM_CHAPTER [", " ACOEM_TOPIC [", pg. " PAGES]] "."
                    -> Citation("ACOEM", "ACOEM Occupational Medicine Practice Guidelines, 3rd ed.",
                                ACOEM_CHAPTER [+ ", " + ACOEM_TOPIC], PAGES|None)
                | "Decision based on Non-MTUS Citation " OTHER_TITLE "."
                    -> Citation("other", OTHER_TITLE, None, None)
    REF        := CHAPTER " " YEAR [", Section(s): " SECTION]
    CHAPTER    := "Chronic Pain Medical Treatment" (2009|2016) | "Low Back Complaints" 2004
                | "Neck and Upper Back Complaints" 2004 | "Shoulder Complaints" 2004
                | "Knee Complaints" 2004 | "Elbow Complaints" 2007 | "Ankle and Foot Complaints" 2004
                | "Forearm, Wrist, and Hand Complaints" 2004 | "Acupuncture Treatment" 2007
                | "General Approaches" 2004 | "Postsurgical Treatment" 2009
    ODG_TITLE  := "Official Disability Guidelines (ODG)" | "Official Disability Guidelines" | "ODG"
    ODG_SEP    := ", " | " " (never after plain "Official Disability Guidelines", which takes ", ")
    ODG_SECTION:= "<Chapter> Chapter, <topic>" | "<Chapter> Chapter" | "<Chapter>, <topic>"
                  (<Chapter> e.g. "Low Back", "Knee & Leg", "Forearm, Wrist & Hand")

SECTION never holds ", and " (but the chapter "Forearm, Wrist, and Hand
Complaints 2004" does, so a chained ", and " is the one followed by a
chapter and year); PAGES is "98-99" or "64"; OTHER_TITLE holds no period.
Citations are listed claims administrator first, then reviewer, in the order
written.
"""

from __future__ import annotations

import random
import re
from typing import Any, Literal, NamedTuple, TypeVar

from ..records import Citation
from .guideline_tables import (
    ACOEM_CHAPTERS,
    ACOEM_TOPICS,
    CPMTG,
    CPMTG_2016,
    GENERAL_SECTIONS,
    MTUS_REGION,
    MTUS_REGION_SECTIONS,
    ODG_DEFAULT_CHAPTER,
    ODG_REGION,
    ODG_SECTION_FORMS,
    ODG_TITLES,
    ODG_TOPICS,
    OTHER_TITLES,
)
from .kinds import DRUG_GROUPS

_By = Literal["reviewer", "claims_administrator"]


_GENERIC_WORDS = frozenset({
    "therapy", "unit", "injection", "injections", "program", "test", "tests", "testing", "scan", "care",
    "evaluation", "consultation", "the", "and", "with", "for", "of", "study", "studies", "device",
})
_PREFER_CACHE: dict[tuple[int, str], list[Any]] = {}
_WORD_RE = re.compile(r"[a-z0-9]+")


_O = TypeVar("_O", str, tuple[str, str])


def _prefer(rng: random.Random, options: tuple[_O, ...], treatment: str) -> _O:
    """Pick from ``options`` (strings, or tuples led by one), favouring those naming the treatment.

    "aquatic therapy" gets the "Aquatic therapy" section, "mri" the "MRIs" topic;
    a treatment no option names gets any of them.
    """
    key = (id(options), treatment)
    hits = _PREFER_CACHE.get(key)
    if hits is None:
        words = [w for w in _WORD_RE.findall(treatment.lower()) if w not in _GENERIC_WORDS]
        hits = []
        for o in options:
            tokens = _WORD_RE.findall((o[0] if isinstance(o, tuple) else o).lower())
            if any(t.startswith(w) for w in words for t in tokens):
                hits.append(o)
        _PREFER_CACHE[key] = hits
    return rng.choice(hits) if hits and rng.random() < 0.85 else rng.choice(options)


class _Clause(NamedTuple):
    """One "Decision based on ..." sentence and the citations it makes."""

    text: str
    citations: tuple[Citation, ...]


def _mtus_refs(rng: random.Random, refs: list[tuple[str, str | None]], by: _By) -> _Clause:
    """'Decision based on MTUS A 2004, Section(s): X, and B 2016, Section(s): Y.'"""
    texts = []
    cites = []
    for title, section in refs:
        if section is not None and rng.random() < 0.12:
            section = None
        texts.append(f"{title}, Section(s): {section}" if section else title)
        cites.append(Citation(by=by, source="MTUS", title=title, section=section))
    return _Clause("Decision based on MTUS " + ", and ".join(texts) + ".", tuple(cites))


def _mtus_chronic(rng: random.Random, group: str, year: int, by: _By, treatment: str) -> _Clause:
    """The Chronic Pain guidelines: the older "Page(s):" wording before 2016, chapter-and-year after."""
    section, pages = _prefer(rng, CPMTG.get(group, CPMTG["generic"]), treatment)
    if year <= 2014 or (year == 2015 and rng.random() < 0.5):
        of = " of 127" if rng.random() < 0.2 else ""
        title = "Chronic Pain Treatment Guidelines"
        if rng.random() < 0.15:
            return _Clause(f"Decision based on MTUS {title} Page(s): {pages}{of}.",
                           (Citation(by=by, source="MTUS", title=title, pages=pages),))
        return _Clause(f"Decision based on MTUS {title} Section on {section} Page(s): {pages}{of}.",
                       (Citation(by=by, source="MTUS", title=title, section=section, pages=pages),))
    if year >= 2017 or (year == 2016 and rng.random() < 0.5):
        return _mtus_refs(rng, [("Chronic Pain Medical Treatment 2016", CPMTG_2016.get(section, section))], by)
    return _mtus_refs(rng, [("Chronic Pain Medical Treatment 2009", section)], by)


def _mtus(rng: random.Random, group: str, region: str | None, year: int, by: _By, treatment: str) -> _Clause:
    """One MTUS clause for the request: its body region's chapter, or a general one."""
    if "acupunct" in treatment or "acupress" in treatment:
        return _mtus_refs(rng, [("Acupuncture Treatment 2007", None)], by)
    if group == "adjunct" and rng.random() < 0.4:
        return _mtus_refs(rng, [("Postsurgical Treatment 2009", rng.choice((None, "Postsurgical Treatment Guidelines")))], by)
    chapter = MTUS_REGION.get(region or "")
    sections = MTUS_REGION_SECTIONS.get(group)
    if chapter and sections and (group in ("imaging", "emg", "surgery") or rng.random() < 0.4):
        refs: list[tuple[str, str | None]] = [(chapter, rng.choice(sections))]
        if group not in ("imaging", "emg", "surgery") and year >= 2016 and rng.random() < 0.3:
            section, _ = _prefer(rng, CPMTG.get(group, CPMTG["generic"]), treatment)
            edition = 2016 if year >= 2017 else 2009
            refs.append((f"Chronic Pain Medical Treatment {edition}",
                         CPMTG_2016.get(section, section) if edition == 2016 else section))
        return _mtus_refs(rng, refs, by)
    if group in ("imaging", "emg", "surgery", "consult", "adjunct", "test") and rng.random() < 0.5:
        return _mtus_refs(rng, [("General Approaches 2004", rng.choice(GENERAL_SECTIONS))], by)
    return _mtus_chronic(rng, group, year, by, treatment)


def _non_mtus(rng: random.Random, group: str, region: str | None, by: _By, treatment: str) -> _Clause:
    """One "Non-MTUS Citation" clause: mostly ODG, some ACOEM 3rd edition, a few others."""
    r = rng.random()
    if r < 0.72:
        if group in DRUG_GROUPS or (group in ("lab", "program") and rng.random() < 0.7):
            chapters: tuple[str, ...] = ("Pain",)
        else:
            chapters = ODG_REGION.get(region or "") or (ODG_DEFAULT_CHAPTER.get(group, "Pain"),)
        chapter = rng.choice(chapters)
        topic = _prefer(rng, ODG_TOPICS.get(group, ODG_TOPICS["generic"]), treatment)
        form = rng.choice(ODG_SECTION_FORMS)
        section = form.format(chapter=chapter, topic=topic) if form else None
        title_text = rng.choice(ODG_TITLES)
        if section is None:
            text = f"Decision based on Non-MTUS Citation {title_text}."
        else:
            sep = ", " if title_text == "Official Disability Guidelines" or rng.random() < 0.5 else " "
            text = f"Decision based on Non-MTUS Citation {title_text}{sep}{section}."
        return _Clause(text, (Citation(by=by, source="ODG", title="Official Disability Guidelines", section=section),))
    if r < 0.92:
        section = ACOEM_CHAPTERS.get(region, ACOEM_CHAPTERS[None])
        pages = None
        if rng.random() < 0.75:
            section = f"{section}, {rng.choice(ACOEM_TOPICS.get(group, ACOEM_TOPICS[None]))}"
            if rng.random() < 0.8:
                pages = str(rng.randint(40, 700))
        title = "ACOEM Occupational Medicine Practice Guidelines, 3rd ed."
        text = f"Decision based on Non-MTUS Citation {title}, {section}" + (f", pg. {pages}" if pages else "") + "."
        return _Clause(text, (Citation(by=by, source="ACOEM", title=title, section=section, pages=pages),))
    title = rng.choice(OTHER_TITLES)
    return _Clause(f"Decision based on Non-MTUS Citation {title}.", (Citation(by=by, source="other", title=title),))


def guideline(rng: random.Random, group: str, region: str | None, year: int, by: _By, treatment: str,
              may_cite_nothing: bool = True) -> tuple[str, list[Citation]]:
    """One guideline paragraph (claims administrator's or reviewer's) and the citations it makes."""
    who = "Claims Administrator" if by == "claims_administrator" else "Expert Reviewer"
    if may_cite_nothing and rng.random() < (0.16 if by == "claims_administrator" else 0.03):
        return f"The {who} did not cite any medical evidence for its decision.", []
    preamble = ""
    r = rng.random()
    if r < 0.55 and group != "transport":
        clauses = [_mtus(rng, group, region, year, by, treatment)]
        if rng.random() < 0.3:
            clauses.append(_non_mtus(rng, group, region, by, treatment))
    elif r < 0.85 or group == "transport":
        clauses = [_non_mtus(rng, group, region, by, treatment)]
        if year <= 2015:
            preamble = f"The {who} did not base their decision on the MTUS. "
        elif by == "reviewer" and rng.random() < 0.5:
            preamble = "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. "
        else:
            preamble = f"The {who} based its decision on recommendation(s) outside of the MTUS Guidelines. "
        if rng.random() < 0.15:
            clauses.append(_non_mtus(rng, group, region, by, treatment))
    else:
        clauses = [_mtus(rng, group, region, year, by, treatment),
                   _mtus_refs(rng, [("General Approaches 2004", rng.choice(GENERAL_SECTIONS))], by)]
    text = preamble + " ".join(c.text for c in clauses)
    return text, [cite for c in clauses for cite in c.citations]
