"""The headings and labels the parser keys on, per layout. Data only.

Why apart: the layouts differ in their words, not in how a section is read;
keeping every heading and label here lets the readers (``standard``,
``older``) stay small and lets a new wording be added in one place.
Heading patterns match a heading's start only, so a heading that wraps onto
a second line, or that carries text after its colon, is still found.
"""

from __future__ import annotations

import re

OUTCOME_WORDS = r"Upheld|Overturned|Uphold|Overturn"

STANDARD_HEADINGS = (
    ("how", re.compile(r"^HOW\s+THE\s+(?:IMR\s+)?FINAL\s+DETERMINATION\s+WAS\s+MADE\b", re.I)),
    ("documents", re.compile(r"^DOCUMENTS\s+REVIEWED\b", re.I)),
    ("summary", re.compile(r"^CLINICAL\s+CASE\s+SUMMARY\b", re.I)),
    ("issues", re.compile(
        r"^IMR\s+(?:ISSUES,?\s+DECISIONS,?\s+AND\s+RATIONALES?|DECISION\(?S?\)?\s+AND\s+RATIONALE\(?S?\)?)\b", re.I)),
)
"""The standard layout's headings; "maximus" letters name the issues IMR DECISION(S) AND RATIONALE(S)
and add DOCUMENTS REVIEWED."""

ITEM_LABEL = re.compile(
    r"^(?:(?P<ca>Claims\s+Administrator(?:'s)?\s+guidelines?)"
    r"|(?P<rg>(?:MAXIMUS|Expert\s+Reviewer|Reviewer|IMR)(?:'s)?\s+guidelines?)"
    r"|(?P<ra>Decision\s+rationale))\s*:\s*",
    re.I,
)
ISSUES_INTRO = re.compile(r"^The\s+Final\s+Determination\s+was\s+based\s+on\b", re.I)
SUMMARY_INTRO = re.compile(
    r"^The\s+(?:expert\s+|physician\s+|independent\s+)*reviewer\s+developed\s+the\s+following\s+clinical\s+case\s+summary\b.*?records\s*:\s*",
    re.I,
)

# -- the older layouts ------------------------------------------------------------------

NOTICE_MARK = re.compile(r"Notice\s*of\s*Independent\s*Medical\s*Review\s*Determination|has\s*determined\s*(?:that\s*)?the\s*request\s*for", re.I)
REVIEW_MARK = re.compile(r"^(?:MEDICAL\s+PROFESSIONAL\s+REVIEW\b|ISSUE\s+AT\s+DISPUTE\b)", re.I | re.M)

OLDER_HEADINGS = (
    ("decision", re.compile(r"^INDEPENDENT\s+MEDICAL\s+REVIEW\s+DECISION\s+AND\s+RATIONALE\b", re.I), False),
    ("qualifications", re.compile(
        r"^(?:(?:Medical\s+)?Qualifications\s+of\s+the\s+(?:Expert|Professional|Medical)\s+Reviewer|MEDICAL\s+REVIEWER\s+QUALIFICATIONS)\b",
        re.I), True),
    ("documents", re.compile(r"^Documents\s+Reviewed\b", re.I), True),
    ("summary", re.compile(r"^(?:Expert\s+Reviewer(?:'s)?\s+)?(?:Clinical\s+)?Case\s+Summary\b", re.I), True),
    ("guideline", re.compile(r"^Medical\s+Treatment\s+Guideline", re.I), True),
    ("rationale", re.compile(r"^Rationale\s+for\s+(?:the\s+Decision|Why)\b", re.I), True),
    ("issue", re.compile(r"^ISSUE\s+AT\s+DISPUTE\b", re.I), True),
    ("regarding", re.compile(r"^(?:\d{1,2}\s*[).]\s*)?Regarding\s+the\s+request\s+for\b", re.I), False),
)
"""(name, start of the heading, whether the heading ends at a colon, which may be a line or two further on)."""

DETERMINATION = re.compile(
    r"(?:(?<![\w/])(?P<num>\d{1,2})\s*[).]\s*)?(?P<line>(?:MAXIMUS\s*Federal\s*Services,?\s*Inc\.?,?\s*)?has\s*determined\s*"
    r"(?:that\s*)?the\s*request\s*for\s*(?P<request>.+?)\s*(?:is|was)\s*(?P<not>not\s*)?medically\s*necessary"
    r"(?:\s*and\s*appropriate)?\s*\.?)",
    re.I | re.S,
)
"""The notice's "1) MAXIMUS Federal Services, Inc. has determined the request for X is not medically necessary
and appropriate." (PDF text may glue words: "notmedically")."""

DATED = re.compile(r"\bDated\s*:\s*(?P<date>\S+(?:\s+\d{1,2},?\s+\d{4})?)", re.I)
FILED = re.compile(r"\bapplication\b[^.]{0,160}?\bfiled\s*on\s*(?P<date>[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})", re.I)
UR_DENIAL = re.compile(
    r"\bUtilization\s*Review\s*(?:Denial|Determination|decision)\s*(?:letter\s*)?dated\s*(?P<date>[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})",
    re.I)
ASSIGNED = re.compile(
    r"\bNotice\s*of\s*Assignment\b[^.]{0,200}?\bon\s*(?P<date>[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})", re.I)

SUMMARY_DISCLAIMER = re.compile(
    r"^[^.]{0,160}?\b(?:taken|derived|copied|excerpted|adopted)\s+(?:verbatim\s+)?from\b[^.]{0,160}\.\s*", re.I)
"""The notice's summary often opens "This case summary was taken from the Utilization Review denial of ..."."""
ISSUE_QUESTION = re.compile(r"^(?:\d{1,2}\s*[).]\s*)?Is\s+the\s+request\s+for\s+(?P<request>.+?)\s+medically\s*necessary\s*\??$", re.I | re.S)
CLOSING_OUTCOME = re.compile(r"\b(?:is|was)\s*(?P<not>not\s*)?medically\s*necessary", re.I)
CA_SENTENCE = re.compile(r"The\s+Claims\s+Administrator\s+based\s+its\s+decision\s+on\b[^.]*(?:\.(?=\s|$)|$)", re.I)
