"""Data: the records a reviewer lists as reviewed, and who wrote them; the older layouts' fixed wording.

Why apart: the generator (``older_letters``) draws from these and the
renderer (``older_layouts``) prints them; neither holds wording of its own.
Data only.
"""

from __future__ import annotations

REPORTS = (
    "Progress report", "Progress reports", "Primary treating physician report", "Initial orthopedic evaluation",
    "Pain management consultation", "Physical therapy notes", "Chiropractic treatment notes",
    "Lumbar spine MRI report", "Cervical spine MRI report", "Electrodiagnostic study report",
    "Operative report", "Qualified medical evaluation", "Agreed medical evaluation", "Request for authorization",
    "Acupuncture treatment records", "Psychological evaluation", "Emergency department record",
    "Functional capacity evaluation", "Urine drug screen results", "Pharmacy records",
)
"""Reports written by a provider: listed with an author."""

RANGED = frozenset({"Progress reports", "Physical therapy notes", "Chiropractic treatment notes",
                    "Acupuncture treatment records", "Pharmacy records"})
"""Reports that span visits: listed with a date range."""

ADMIN = ("Application for Independent Medical Review", "Utilization Review Determination",
         "Employer's First Report of Occupational Injury", "Notice of Assignment")
"""Papers of the dispute itself: listed without an author."""

AUTHORS = (
    "Dr. Avery Lindqvist", "Dr. Marisol Ochoa", "Dr. Kenji Watanabe", "Dr. Priya Raman", "Dr. Tobias Werner",
    "Dr. Helen Achterberg", "Dr. Samuel Okafor", "Dr. Lucia Ferrante", "Dr. Grant Holloway", "Dr. Nadia Petrescu",
    "Valley Orthopedic Associates", "Harbor Pain Institute", "Sierra Physical Therapy", "Central Coast Chiropractic",
    "Redwood Imaging Center", "Pacific Occupational Health",
)

NOTICE_TITLE = "Notice of Independent Medical Review Determination"
COMPANY = "MAXIMUS FEDERAL SERVICES, INC."
COMPANY_SHORT = "MAXIMUS Federal Services, Inc."
IMR_TITLE = "Independent Medical Review"
NOTICE_INTRO = ("{company} has completed the Independent Medical Review of the disputed medical treatment in the "
                "case named above. The determination on each disputed item is as follows:")
NOTICE_FINAL = ("This determination is final and binding on the parties. The reasons for it are set out in the "
                "pages that follow.")
DECISION_HEADING = "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE"
DECISION_DATES = ("An application for Independent Medical Review was filed on {filed}, disputing the "
                  "Utilization Review Denial dated {denied}. A Notice of Assignment and Request for Information "
                  "was provided to the parties on {assigned}.")
QUALIFICATIONS = "Medical Qualifications of the Expert Reviewer:"
CASE_SUMMARY = ("Expert Reviewer Case Summary:", "Case Summary:")
DISCLAIMER = "The following case summary was taken from the Utilization Review Denial of {denied}."
DOCUMENTS = "Documents Reviewed:"
REGARDING = "{n}) Regarding the request for {request}:"
GUIDELINE_LABEL = "Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:"
RATIONALE_LABEL = "Rationale for the Decision:"

REVIEW_TITLE = "MEDICAL PROFESSIONAL REVIEW"
REVIEW_HEADINGS = (
    "ISSUE AT DISPUTE:",
    "CASE SUMMARY:",
    "DOCUMENTS REVIEWED FOR DETERMINATION:",
    "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",
    "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:",
    "MEDICAL REVIEWER QUALIFICATIONS:",
)
REVIEW_QUESTION = "Is the request for {request} medically necessary?"
MAXIMUS_DOCUMENTS = "DOCUMENTS REVIEWED"
MAXIMUS_ISSUES = "IMR DECISION(S) AND RATIONALE(S)"
