"""Data: the ways letters write one guideline, its chapters and sections, and the one name each gets.

Why apart: these are tables, not logic; ``vocab.guidelines.canonical``
applies them, at build time (the index's citator fields) and at query time
alike, so the citator's rows and "why similar" agree on what is the same
guideline.
Patterns are matched case-insensitively, at the start of the text, after
years and a leading "MTUS" are taken off the title.
Data only.
"""

from __future__ import annotations

TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    "MTUS": (
        (r"chronic pain (?:medical )?treatment(?: guidelines?)?\b.*", "Chronic Pain Medical Treatment Guidelines"),
        (r"acupuncture (?:medical )?treatment(?: guidelines?)?\b.*", "Acupuncture Medical Treatment Guidelines"),
        (r"post-?surgical (?:medical )?treatment(?: guidelines?)?\b.*", "Postsurgical Treatment Guidelines"),
    ),
    "ODG": ((r".*", "Official Disability Guidelines"),),
    "ACOEM": (
        (r".*?\b(\d+(?:st|nd|rd|th)) ed(?:ition|\.)?.*", r"ACOEM Occupational Medicine Practice Guidelines, \1 ed."),
        (r"(?:the )?(?:acoem|american college of occupational)\b.*", "ACOEM Occupational Medicine Practice Guidelines"),
    ),
}
"""Source -> (pattern over the whole title, the title it names); a title no pattern names keeps its wording."""

ODG_CHAPTERS: tuple[tuple[str, str], ...] = (
    (r"low back(?:\s*[-,]?\s*lumbar (?:&|and) thoracic)?", "Low Back"),
    (r"neck (?:&|and) upper back", "Neck and Upper Back"),
    (r"knee(?: (?:&|and) leg)?", "Knee & Leg"),
    (r"shoulder", "Shoulder"),
    (r"elbow", "Elbow"),
    (r"forearm,? wrist,? (?:&|and) hand", "Forearm, Wrist & Hand"),
    (r"carpal tunnel syndrome", "Carpal Tunnel Syndrome"),
    (r"ankle (?:&|and) foot", "Ankle & Foot"),
    (r"hip (?:&|and) pelvis", "Hip & Pelvis"),
    (r"head", "Head"),
    (r"mental illness (?:&|and) stress", "Mental Illness & Stress"),
    (r"pain(?: \(chronic\))?", "Pain"),
    (r"preface", "Preface"),
)
"""ODG chapters as letters write them ("Low Back - Lumbar & Thoracic (Acute & Chronic) Chapter") -> the chapter."""

ODG_CHAPTER_TAIL = r"(?:\s*\(acute (?:&|and) chronic\))?(?:\s+(?:chapter|section))?(?:\s*\(online version\))?"
"""What may follow a chapter's name before its topic: "(Acute & Chronic)", "Chapter", "(Online Version)"."""

SECTIONS: dict[str, str] = {
    "physical medicine treatment": "Physical Medicine",
    "topical analgesics": "Topical Analgesics",
}
"""Sections one guideline's editions name differently (by their folded wording) -> one name."""
