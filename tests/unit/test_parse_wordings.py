"""Wordings seen across the years that the parser must read the same way."""

from __future__ import annotations

import pytest

from imr_search.parse.common import diagnoses as _diagnoses, patient as _patient, reviewer as _reviewer


@pytest.mark.parametrize(
    "how, specialties, states",
    [
        ("The physician reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed to "
         "practice in California, Ohio and Pennsylvania.", ["Physical Medicine & Rehabilitation"], ["California", "Ohio", "Pennsylvania"]),
        ("The physician reviewer is Board Certified in Orthopedic Surgery and Sports Medicine and is licensed to "
         "practice in California.", ["Orthopedic Surgery", "Sports Medicine"], ["California"]),
        ("The physician reviewer is Board Certified in Internal Medicine, has a subspecialty in Pulmonary Disease and "
         "is licensed to practice in Texas.", ["Internal Medicine", "Pulmonary Disease"], ["Texas"]),
        ("The physician reviewer is Board Certified in Allergy and Immunology and is licensed to practice in Utah.",
         ["Allergy and Immunology"], ["Utah"]),
        ("The Expert Reviewer has the following credentials: State(s) of Licensure: Texas,New York,California "
         "Certification(s)/Specialty: Anesthesiology, Pain Management, Hospice & Palliative Medicine",
         ["Anesthesiology", "Pain Management", "Hospice & Palliative Medicine"], ["Texas", "New York", "California"]),
        ("State(s) of Licensure: California Certification(s)/Specialty: Physical Medicine & Rehabilitation, "
         "Pain Management, Occupational Medicine", ["Physical Medicine & Rehabilitation", "Pain Management", "Occupational Medicine"], ["California"]),
    ],
)
def test_credentials(how, specialties, states):
    r = _reviewer(how)
    assert (r.specialties, r.licensure) == (specialties, states)


@pytest.mark.parametrize(
    "summary, age, sex",
    [
        ("This injured worker is a 27 year old male who fell.", 27, "male"),
        ("The patient is a 53-year-old female with pain.", 53, "female"),
        ("The injured worker is a year old female, who sustained an injury.", None, "female"),
        ("The applicant is a represented [REDACTED] 61-year-old gentleman.", 61, "male"),
        ("The claimant, a 44 year old woman, slipped.", 44, "female"),
        ("No age or sex is given here.", None, None),
    ],
)
def test_patient(summary, age, sex):
    p = _patient(summary)
    assert (p.age, p.sex) == (age, sex)


@pytest.mark.parametrize(
    "summary, diagnoses",
    [
        ("Diagnoses include chronic low back pain, thoracic sprain and lumbosacral disc disease. Later.",
         ["chronic low back pain", "thoracic sprain", "lumbosacral disc disease"]),
        ("The current diagnoses are documented as lumbar sprain, and low back pain. Then.", ["lumbar sprain", "low back pain"]),
        ("She was diagnosed with lumbago and left and right sided sciatica. Treatment.", ["lumbago", "left and right sided sciatica"]),
        ("Diagnoses are tear of the labrum; impingement syndrome. Next.", ["tear of the labrum", "impingement syndrome"]),
        ("He was given diagnoses of neck and shoulder strain.", ["neck and shoulder strain"]),
        (
            "Diagnoses include other intervertebral disc displacement, lumbosacral region, and sprain of ligaments of "
            "lumbar spine, initial encounter.",
            ["other intervertebral disc displacement, lumbosacral region", "sprain of ligaments of lumbar spine, initial encounter"],
        ),
        (
            "The diagnoses include right shoulder impingement, status post arthroscopic debridement and repair on 10-22-16.",
            ["right shoulder impingement", "status post arthroscopic debridement and repair on 10-22-16"],
        ),
        ("Diagnostic studies were normal.", []),
    ],
)
def test_diagnoses(summary, diagnoses):
    assert _diagnoses(summary) == diagnoses


def test_numbered_items_lose_their_numbers():
    from imr_search.parse import parse_text
    from imr_search.synth import make_letter, render
    import random

    letter = make_letter(random.Random(31), "CM16-0000031")
    text = render(letter, "html-text")
    for it in letter.items:
        text = text.replace(f"**{it.request}:**", f"**{it.item}. {it.request}:**", 1)
    assert [it.request for it in parse_text(text).items] == [it.request for it in letter.items]
