"""The fixed wording every generated letter carries, whatever its shape.

Why a module of its own: the text shapes (``text_shapes``), the PDF writer
(``pdf``) and the HTML page writer (``html``) all print the same headings,
boilerplate and field labels, and the parser recognises letters by exactly
these words. Kept here once, the renderers cannot drift apart, and none of
them has to reach into another for its strings. Data only.
"""

from __future__ import annotations

HOW = "HOW THE IMR FINAL DETERMINATION WAS MADE"
SUMMARY_HEADING = "CLINICAL CASE SUMMARY"
ISSUES_HEADING = "IMR ISSUES, DECISIONS AND RATIONALES"

BOILER_A = (
    "MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation with "
    "the employer, employee, providers or the claims administrator."
)
BOILER_B = (
    "He/she has been in active clinical practice for more than five years and currently works at least 24 hours a week "
    "in active practice. The expert reviewer was chosen for his/her clinical experience, education, background and "
    "expertise in the same or similar specialties that evaluate and/or treat the medical condition and the disputed "
    "items/services. He/she is familiar with the governing laws and regulations, including the strength of evidence "
    "hierarchy that applies to Independent Medical Review determinations."
)
SUMMARY_INTRO = (
    "The expert reviewer developed the following clinical case summary from a review of the case file, "
    "including all of the medical records:"
)
ISSUES_INTRO = "The Final Determination was based on decisions for the disputed items/services listed below:"

CREDENTIALS_INTRO = "The Expert Reviewer has the following credentials:"
"""Opens the credentials when they are listed rather than written inline."""
LICENSURE = "State(s) of Licensure"
SPECIALTY = "Certification(s)/Specialty"

CA_GUIDELINE = "Claims Administrator guideline"
REVIEWER_GUIDELINE = "MAXIMUS guideline"
RATIONALE = "Decision rationale"
"""Field labels of an item, in the order an item prints them (each followed by a colon)."""
