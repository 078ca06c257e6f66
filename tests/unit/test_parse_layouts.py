"""The older layouts, read by their headings and labels (letters written here, in the project's own words)."""

from __future__ import annotations

import pytest

from imr_search.errors import LetterError
from imr_search.parse import parse_text
from imr_search.records import Document

NOTICE = """MAXIMUS FEDERAL SERVICES, INC.
Independent Medical Review
P.O. Box 000000 Sample City, CA 90000

Notice of Independent Medical Review Determination

Dated: 11/4/2013

IMR Case Number: CM13-0045678 Date of Injury: 02/14/2011

Dear Claims Adjuster:

MAXIMUS Federal Services, Inc. has finished the review of the disputed treatment. The determination is:

1) MAXIMUS Federal Services, Inc. has determined the request for physical therapy two times a week for
four weeks for the lumbar spine is notmedically necessary and appropriate.

2) MAXIMUS Federal Services, Inc. has determined the request for naproxen 550mg #60 is medically necessary
and appropriate.

This decision is final and binding.

INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE

An application for Independent Medical Review was filed on 9/20/2013 to dispute the Utilization Review Denial dated 9/3/2013. A Notice of Assignment and Request for Information was provided to the parties on 9/27/2013.

Medical Qualifications of the Expert Reviewer:

The expert reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in California and Arizona.

Expert Reviewer Case Summary:

This case summary was taken from the Utilization Review denial of 9/3/2013. The patient is a 47 year old female who lifted a heavy box at work. Diagnoses include lumbar strain and lumbar radiculitis.

Documents Reviewed:

- Application for Independent Medical Review, dated 9/20/2013
- Utilization Review Determination from Golden State Review Services, dated 9/3/2013
- Progress reports by Dr. Avery Lin, 3/1/2013 to 8/15/2013
- Lumbar MRI report (Dr. Pat Gomez), 5/2/2013

1) Regarding the request for physical therapy two times a week for four weeks for the lumbar spine:

Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:

The Claims Administrator based its decision on the MTUS Chronic Pain guidelines. Decision based on MTUS Chronic Pain Medical Treatment Guidelines Physical Medicine Page(s): 98-99.

Rationale for the Decision:

The patient already had twelve visits without measured gains, and a home program should follow. The request is not medically necessary.

2) Regarding the request for naproxen 550mg #60:

Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:

Decision based on MTUS Chronic Pain Medical Treatment Guidelines NSAIDs Page(s): 67-68.

Rationale for the Decision:

Short courses of anti-inflammatory drugs are advised for flares of back pain. The request is medically necessary.
"""


def test_notice():
    letter = parse_text(NOTICE, source="letters/notice.txt")
    assert letter.layout == "notice" and letter.case_number == "CM13-0045678"
    assert (letter.decision_date, letter.application_received, letter.ur_denial_date, letter.date_assigned) == (
        "2013-11-04", "2013-09-20", "2013-09-03", "2013-09-27")
    assert letter.date_of_injury == "2011-02-14"
    assert [(it.request, it.outcome) for it in letter.items] == [
        ("physical therapy two times a week for four weeks for the lumbar spine", "upheld"),
        ("naproxen 550mg #60", "overturned"),
    ]
    first, second = letter.items
    assert first.line.startswith("MAXIMUS Federal Services, Inc. has determined the request for physical")
    assert first.line.endswith("is notmedically necessary and appropriate.")
    assert first.treatment == "physical therapy" and second.quantity == 60
    assert first.claims_administrator_guideline.startswith("The Claims Administrator based its decision on")
    assert first.reviewer_guideline.startswith("Decision based on MTUS")
    assert [c.pages for c in first.citations if c.by == "reviewer"] == ["98-99"]
    assert first.rationale.endswith("is not medically necessary.")
    assert second.rationale.startswith("Short courses")
    assert letter.reviewer.specialties == ["Physical Medicine & Rehabilitation"]
    assert letter.reviewer.licensure == ["California", "Arizona"]
    assert letter.summary.startswith("The patient is a 47 year old female")
    assert (letter.patient.age, letter.patient.sex) == (47, "female")
    assert letter.diagnoses == ["lumbar strain", "lumbar radiculitis"]
    assert letter.documents == [
        Document("Application for Independent Medical Review", None, "2013-09-20"),
        Document("Utilization Review Determination", "Golden State Review Services", "2013-09-03"),
        Document("Progress reports", "Dr. Avery Lin", "2013-03-01", "2013-08-15"),
        Document("Lumbar MRI report", "Dr. Pat Gomez", "2013-05-02"),
    ]
    assert letter.notes == []


def test_notice_as_pdf_text_unnumbered_without_case_number():
    """PDF text: lone-space paragraph breaks, no enumeration, no case number (the file name gives it)."""
    text = NOTICE.replace("1) ", "").replace("2) ", "").replace("IMR Case Number: CM13-0045678 ", "")
    text = "\n".join(line + " " if line else " " for line in text.split("\n"))
    letter = parse_text(text, source="x/CM13-0045678.txt")
    assert letter.id == "CM13-0045678" and letter.case_number is None and letter.shape == "pdf-text"
    assert [it.outcome for it in letter.items] == ["upheld", "overturned"]
    assert letter.items[1].request == "naproxen 550mg #60"
    assert len(letter.documents) == 4


def test_notice_wrapped_line_opening_with_a_label_is_text():
    """A guideline paragraph wrapped so a line opens with "Medical Treatment Guidelines." (as PDF text
    wraps it) is text, not a second guideline label swallowing the rationale label below it."""
    old = "Decision based on MTUS Chronic Pain Medical Treatment Guidelines NSAIDs Page(s): 67-68."
    wrapped = ("Decision based on Non-MTUS Citation Colorado Division of Workers' Compensation\n"
               "Medical Treatment Guidelines.")
    assert NOTICE.count(old) == 1
    text = NOTICE.replace(old, wrapped)
    for pdf_text in (False, True):
        if pdf_text:
            text = "\n".join(line + " " if line else " " for line in text.split("\n"))
        letter = parse_text(text, source="letters/notice.txt")
        first, second = letter.items
        assert second.reviewer_guideline.endswith("Compensation Medical Treatment Guidelines.")
        assert second.rationale.startswith("Short courses")
        assert first.rationale.endswith("is not medically necessary.")


def test_notice_without_rationale_is_cut_short():
    head = NOTICE.split("2) Regarding")[0]
    with pytest.raises(LetterError, match="cut short: item 2"):
        parse_text(head)


MAXIMUS = """MAXIMUS FEDERAL SERVICES, INC.
Independent Medical Review

Case Number: CM14-0101010
Date of Injury: 07/09/2012 Decision Date: 08/21/2014
UR Denial Date: 06/30/2014 Priority: Standard
Application Received: 07/11/2014

HOW THE IMR FINAL DETERMINATION WAS MADE

MAXIMUS Federal Services sent the file to an expert reviewer. The expert reviewer is Board Certified in Orthopedic Surgery and is licensed to practice in Nevada.

DOCUMENTS REVIEWED

Utilization review letters from 06/30/2014
Treating physician notes from Coastal Spine Group, 01/06/2014 - 06/02/2014

CLINICAL CASE SUMMARY

The injured worker is a 58-year-old male with neck pain after a fall from a ladder.

IMR DECISION(S) AND RATIONALE(S)

Cervical epidural steroid injection at C5-6: Overturned

Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines Epidural steroid injections Page(s): 46.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines Epidural steroid injections Page(s): 46.

Decision rationale: Radicular findings match the imaging, and conservative care failed. The request is medically necessary
"""


def test_maximus_layout():
    letter = parse_text(MAXIMUS)
    assert letter.layout == "maximus" and letter.id == "CM14-0101010"
    assert letter.date_assigned is None and letter.decision_date == "2014-08-21"
    assert letter.reviewer.specialties == ["Orthopedic Surgery"] and letter.reviewer.licensure == ["Nevada"]
    (item,) = letter.items
    assert (item.request, item.line, item.outcome) == (
        "Cervical epidural steroid injection at C5-6", "Cervical epidural steroid injection at C5-6", "overturned")
    assert letter.documents == [
        Document("Utilization review letters", None, "2014-06-30"),
        Document("Treating physician notes", "Coastal Spine Group", "2014-01-06", "2014-06-02"),
    ]
    assert letter.notes == ["item 1: rationale has no closing sentence"]
    assert letter.summary.startswith("The injured worker is a 58-year-old male")


REVIEW = """ 
MEDICAL PROFESSIONAL REVIEW 
 
IMR Case Number: CM13-0023456 
Dated: 10/2/2013 
 
ISSUE AT DISPUTE: 
Is the request for a lumbar support brace medically necessary? 
 
CASE SUMMARY: 
The claimant is a 39 year old man who strained his back moving furniture. Diagnoses include lumbago. 
 
DOCUMENTS REVIEWED FOR DETERMINATION: 
Office visit note by Dr. Kim Osei dated 8/12/2013 
Request for authorization dated 8/14/2013 
 
MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND 
WHY: 
Decision based on ACOEM Practice Guidelines, 2nd ed., Low Back Complaints, page 301. 
 
RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY 
NECESSARY: 
Lumbar supports have not been shown to help beyond the acute phase. The lumbar support brace is not medically necessary. 
 
MEDICAL REVIEWER QUALIFICATIONS: 
The reviewer is Board Certified in Family Practice and is licensed to practice in Oregon. 
"""


def test_professional_review_outcome_from_the_closing_sentence():
    letter = parse_text(REVIEW)
    assert letter.layout == "professional-review" and letter.case_number == "CM13-0023456"
    assert letter.decision_date == "2013-10-02"
    (item,) = letter.items
    assert (item.request, item.outcome) == ("a lumbar support brace", "upheld")
    assert item.line == "Is the request for a lumbar support brace medically necessary?"
    assert item.rationale.startswith("Lumbar supports") and "NECESSARY:" not in item.rationale
    assert item.reviewer_guideline.startswith("Decision based on ACOEM")
    assert letter.reviewer.specialties == ["Family Practice"] and letter.reviewer.licensure == ["Oregon"]
    assert (letter.patient.age, letter.patient.sex) == (39, "male")
    assert [(d.title, d.author, d.date) for d in letter.documents] == [
        ("Office visit note", "Dr. Kim Osei", "2013-08-12"), ("Request for authorization", None, "2013-08-14")]
    overturned = parse_text(REVIEW.replace("is not medically necessary. ", "is medically necessary. "))
    assert overturned.items[0].outcome == "overturned"


def test_professional_review_without_a_decision_is_refused():
    with pytest.raises(LetterError, match="states no decision"):
        parse_text(REVIEW.replace("The lumbar support brace is not medically necessary.", "The brace"))


def test_a_documents_section_in_the_standard_layout():
    text = MAXIMUS.replace("IMR DECISION(S) AND RATIONALE(S)", "IMR ISSUES, DECISIONS AND RATIONALES")
    letter = parse_text(text)
    assert letter.layout == "standard" and len(letter.documents) == 2


def test_a_letter_whose_footers_count_more_pages_than_it_holds_is_cut_short():
    """Page footers are the evidence a PDF lost its last page: 'Page 2 of 3' with no page 3."""
    import random

    from imr_search.synth import make_letter, render

    text = render(make_letter(random.Random(4), "CM16-0000042"), "pdf-text")
    lines = text.splitlines()
    half = len(lines) // 2
    whole = "\n".join(lines[:half] + ["Page 1 of 2"] + lines[half:] + ["Page 2 of 2"])
    assert parse_text(whole).case_number == "CM16-0000042"
    lost = "\n".join(lines[:half] + ["Page 1 of 3"] + lines[half:] + ["Page 2 of 3"])
    with pytest.raises(LetterError, match=r"cut short: the text stops at page 2 of 3"):
        parse_text(lost)
