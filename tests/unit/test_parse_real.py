"""The parser on the real letters in ../shared (skipped where absent).

Expected values were read off the letters by hand: header dates, reviewer
credentials, patient, and each item's request and outcome.
"""

from __future__ import annotations

import re

import pytest

from imr_search.parse import parse_file
from imr_search.vocab.treatments import SPECIALTIES, STATES

from ..conftest import REAL, SEEDS, needs_real, needs_seeds, real_files

# id: (assigned, injury, decided, ur denial, received, specialties, licensure, age, sex, outcomes, requests)
REAL_EXPECTED = {
    "CM16-0219557": ("2016-11-18", "2016-10-10", "2016-12-19", "2016-11-09", "2016-11-14", ["Preventive Medicine", "Occupational Medicine"], ["Texas", "New York", "California"], 34, "male", "U", ["Facet joint injections L4-5, L5-S1"]),
    "CM16-0231745": ("2016-12-07", "2016-10-23", "2017-01-10", "2016-11-30", "2016-12-01", ["Physical Medicine & Rehabilitation"], ["New York"], 52, "female", "UUUUU", ["Physical exam 2 times 8", "Spinal manipulation 1 times 8", "Electrical stimulation 1 times 8", "Ultrasound 1 times 8", "Initial exam"]),
    "CM16-0236380": ("2016-12-12", "2016-10-13", "2017-01-18", "2016-11-15", "2016-12-08", ["Physical Medicine & Rehabilitation"], ["Connecticut"], 27, "male", "UUU", ["Cervical CT scan", "CT scan of the thoracic spine", "TOC to ortho spine surgeon eval and treatment"]),
    "CM16-0242302": ("2016-12-21", "2016-10-15", "2017-01-19", "2016-12-12", "2016-12-16", ["Family Practice", "Sports Medicine"], ["Utah"], 48, "male", "U", ["MRI without contrast of the right elbow"]),
    "CM16-0245295": ("2016-12-27", "2016-10-12", "2017-01-25", "2016-12-16", "2016-12-21", ["Preventive Medicine"], ["Massachusetts", "New Hampshire", "New York"], 28, "male", "UU", ["Additional physical therapy lumbar spine two times a week for three weeks", "MRI of lumbar spine without contrast"]),
    "CM16-0245796": ("2016-12-28", "2016-10-26", "2017-01-30", "2016-12-21", "2016-12-22", ["Anesthesiology", "Pain Management"], ["Florida"], 56, "female", "UU", ["Salonpas pad #60", "Anecream cream 4% #30"]),
    "CM16-0249320": ("2017-01-04", "2016-11-21", "2017-01-27", "2016-12-16", "2016-12-28", ["Preventive Medicine", "Occupational Medicine"], ["Texas"], 24, "female", "U", ["Left knee MRI without contrast"]),
    "CM17-0003591": ("2017-01-10", "2016-10-31", "2017-02-02", "2016-12-09", "2017-01-05", ["Anesthesiology", "Pain Management", "Hospice & Palliative Medicine"], ["California", "Texas", "Florida"], 58, "male", "U", ["MRI of Left lower extremity without contrast"]),
    "CM17-0003917": ("2017-01-18", "2016-11-30", "2017-02-09", "2016-12-21", "2017-01-06", ["Family Practice"], ["Pennsylvania"], 66, "male", "U", ["MRI without contrast for the lumbar spine"]),
    "CM17-0005177": ("2017-01-12", "2016-11-02", "2017-02-03", "2016-12-19", "2017-01-09", ["Family Practice", "Sports Medicine"], ["Utah"], 53, "female", "U", ["Physical therapy additional 3 visits per week for 2 weeks"]),
    "CM17-0005246": ("2017-01-11", "2016-11-28", "2017-02-06", "2016-12-23", "2017-01-09", ["Family Practice"], ["California", "North Carolina"], 29, "female", "U", ["MRI (magnetic resonance imaging) of the lumbar spine"]),
    "CM17-0005344": ("2017-01-12", "2016-12-01", "2017-02-10", "2016-12-27", "2017-01-09", ["Preventive Medicine", "Occupational Medicine"], ["Florida", "California"], 59, "male", "UUUU", ["Re-exam with chiropractor for the lumbar spine flare-up", "Spinal manipulation therapy 2 times a week for 4 weeks", "Pulsed Ultrasound 2 times a week for 4 weeks", "Electrical Muscle Stimulation 2 times a week for 4 weeks"]),
    "CM17-0006797": ("2017-01-19", "2016-11-01", "2017-02-15", "2017-01-05", "2017-01-10", ["Orthopedic Surgery", "Sports Medicine"], ["Texas", "California", "New Mexico"], 63, "male", "UUUUU", ["Right Shoulder Arthroscopy with rotator cuff repair vs debridement, subacromial decompression/acromioplasty and possible proximal biceps tenodynovitis", "Preoperative Medical Clearance", "Associated surgical service: Shoulder Brace", "Associated surgical service: Cryotherapy unit, seven day use", "Associated surgical service: Physical Therapy sessions, 12"]),
    "CM17-0008551": ("2017-01-17", "2016-11-10", "2017-02-16", "2016-12-15", "2017-01-12", ["Physical Medicine & Rehabilitation", "Pain Management", "Occupational Medicine"], ["California"], 62, "male", "O", ["Right shoulder MRI"]),
    "CM17-0009996": ("2017-01-25", "2016-12-12", "2017-02-16", "2016-12-22", "2017-01-14", ["Preventive Medicine", "Occupational Medicine"], ["California"], 60, "female", "U", ["Hospital bed for an unspecified rental"]),
    "CM17-0010021": ("2017-01-19", "2016-10-31", "2017-02-13", "2017-01-13", "2017-01-16", ["Preventive Medicine", "Occupational Medicine"], ["California"], 54, "female", "UU", ["Retrospective TENS unit, purchase, lumbar spine, left hip, lower leg, and knee (DOS 12/29/16)", "Retrospective E-stim (DOS 12/29/16)"]),
    "CM17-0010728": ("2017-01-20", "2016-10-10", "2017-02-14", "2017-01-03", "2017-01-17", ["Internal Medicine"], ["California"], 46, "male", "U", ["MRI (magnetic resonance imaging) of the left shoulder"]),
    "CM17-0011543": ("2017-01-20", "2016-10-26", "2017-02-16", "2017-01-16", "2017-01-17", ["Preventive Medicine", "Occupational Medicine"], ["Texas", "New York", "California"], 33, "male", "U", ["NCS/EMG RUE"]),
    "CM17-0011703": ("2017-01-23", "2016-11-04", "2017-02-17", "2016-12-22", "2017-01-17", ["Physical Medicine & Rehabilitation"], ["California"], 53, "male", "UUUUU", ["MRI of the lumbar spine", "Cervical spine x-rays", "Lumbar spine x-rays", "CT scan of the cervical spine", "Acupuncture of the lumbar and cervical for two sessions"]),
    "CM17-0017693": ("2017-02-01", "2016-10-27", "2017-02-24", "2017-01-05", "2017-01-26", ["Neurology", "Pain Management"], ["Florida"], 57, "male", "U", ["MRI of the bilateral brain/brainstem without contrast"]),
    "CM17-0018279": ("2017-02-02", "2016-10-14", "2017-02-27", "2017-01-26", "2017-01-27", ["Emergency Medicine"], ["California"], 46, "female", "U", ["Physical therapy 2 times a week for 6 weeks low back"]),
    "CM17-0019011": ("2017-02-03", "2016-11-02", "2017-02-28", "2017-01-20", "2017-01-30", ["Preventive Medicine", "Occupational Medicine"], ["Texas", "New York", "California"], 45, "female", "O", ["Naproxen 500mg #60"]),
    "CM17-0019171": ("2017-01-31", "2016-10-29", "2017-02-28", "2017-01-24", "2017-01-30", ["Preventive Medicine", "Occupational Medicine"], ["California", "Virginia"], 45, "female", "U", ["Meloxicam (Mobic) 7.5mg #30"]),
    "CM17-0020728": ("2017-02-01", "2016-10-13", "2017-02-24", "2017-01-23", "2017-01-31", ["Family Practice"], ["Pennsylvania"], 48, "female", "U", ["Physical therapy to the lumbar spine 2 times a week for 2 weeks (4)"]),
}

REAL_TXT = real_files(REAL, "*.txt")


@needs_real
def test_every_real_letter_is_expected():
    assert {p.stem for p in REAL_TXT} == set(REAL_EXPECTED)


@needs_real
@pytest.mark.parametrize("path", REAL_TXT, ids=lambda p: p.stem)
def test_real_letter_fields(path):
    letter = parse_file(path)
    (assigned, injury, decided, denied, received, specialties, states, age, sex, outcomes, requests) = REAL_EXPECTED[path.stem]
    assert letter.id == letter.case_number == path.stem
    assert letter.shape == "pdf-text"
    assert (letter.date_assigned, letter.date_of_injury, letter.decision_date) == (assigned, injury, decided)
    assert (letter.ur_denial_date, letter.application_received, letter.priority) == (denied, received, "standard")
    assert letter.reviewer.specialties == specialties
    assert letter.reviewer.licensure == states
    assert (letter.patient.age, letter.patient.sex) == (age, sex)
    assert "".join(it.outcome[0].upper() for it in letter.items) == outcomes
    assert [it.request for it in letter.items] == requests
    assert [it.item for it in letter.items] == list(range(1, len(requests) + 1))
    raw = path.read_text(encoding="utf-8", errors="replace")
    assert len(re.findall(r":\s*(?:Upheld|Overturned)\s*$", raw, re.M)) == len(letter.items)
    for it in letter.items:
        assert it.rationale and "Decision rationale" not in it.rationale
        assert "guideline:" not in it.rationale
        assert it.claims_administrator_guideline and it.reviewer_guideline
        assert all(c.source in ("MTUS", "ACOEM", "ODG", "other") for c in it.citations)
    # The summary is the narrative only: no boilerplate, no headings.
    assert letter.summary and "developed the following clinical case summary" not in letter.summary
    assert "IMR ISSUES" not in letter.summary and "HOW THE IMR" not in letter.summary
    assert set(letter.reviewer.licensure) <= set(STATES)
    assert set(letter.reviewer.specialties) <= set(SPECIALTIES)


@needs_real
def test_partial_requests():
    letter = parse_file(REAL / "CM17-0020728.txt")
    (item,) = letter.items
    assert item.partial is not None
    assert item.partial.original == "Physical therapy to the lumbar spine 2 times a week for 3 weeks (6)"
    assert item.partial.authorized == "Physical therapy to the lumbar spine 2 times a week for 1 week (2)"
    assert item.quantity == 4
    assert (item.frequency.count, item.frequency.per) == (2, "week")
    assert (item.duration.count, item.duration.unit) == (2, "weeks")
    assert item.treatment == "physical therapy"
    assert item.body_part == "lumbar spine"
    last = parse_file(REAL / "CM17-0011703.txt").items[-1]
    assert last.partial.original == "Acupuncture of the lumbar and cervical for eight sessions"
    assert last.treatment == "acupuncture" and last.quantity == 2


@needs_real
def test_real_citations():
    letter = parse_file(REAL / "CM16-0219557.txt")
    cits = [(c.by, c.source, c.title, c.section, c.pages) for c in letter.items[0].citations]
    assert cits == [
        ("claims_administrator", "MTUS", "Low Back Complaints 2004", None, None),
        ("reviewer", "MTUS", "Low Back Complaints 2004", "Summary", None),
        ("reviewer", "MTUS", "Chronic Pain Medical Treatment 2016", "Facet blocks", None),
        ("reviewer", "ACOEM", "ACOEM Occupational Medicine Practice Guidelines, 3rd ed.", "Low Back Disorders", "607"),
    ]
    none_cited = parse_file(REAL / "CM17-0006797.txt").items[1]
    assert none_cited.citations == []


@needs_real
def test_real_treatments_and_numbers():
    naproxen = parse_file(REAL / "CM17-0019011.txt").items[0]
    assert (naproxen.treatment, naproxen.category, naproxen.quantity, naproxen.outcome) == (
        "naproxen", "Pharmaceuticals", 60, "overturned")
    meloxicam = parse_file(REAL / "CM17-0019171.txt").items[0]
    assert (meloxicam.treatment, meloxicam.subcategory, meloxicam.quantity) == ("meloxicam", "NSAIDs", 30)
    mri = parse_file(REAL / "CM16-0242302.txt").items[0]
    assert (mri.treatment, mri.body_part, mri.category) == ("mri", "right elbow", "Diagnostic Testing")
    pt = parse_file(REAL / "CM17-0018279.txt").items[0]
    assert (pt.treatment, pt.body_part, pt.frequency.count, pt.duration.count) == ("physical therapy", "low back", 2, 6)


SEEDS_TXT = real_files(SEEDS, "*.txt")


@needs_seeds
@pytest.mark.parametrize("path", SEEDS_TXT, ids=lambda p: p.stem)
def test_seed_letters_parse(path):
    letter = parse_file(path)
    assert letter.items and all(it.rationale for it in letter.items)
    if letter.shape == "html-text":
        assert letter.case_number and letter.decision_date and letter.priority == "standard"
        assert letter.id == letter.case_number
    else:
        assert letter.case_number is None and letter.decision_date is None
        assert letter.id.startswith("h-")
    assert letter.reviewer.specialties and letter.reviewer.licensure


@needs_seeds
def test_seed_shapes_and_inline_credentials():
    by_name = {p.name[:3]: parse_file(p) for p in SEEDS_TXT}
    assert [by_name[k].shape for k in ("000", "001", "002", "003", "004")] == [
        "html-text", "html-text", "pdf-text", "pdf-text", "html-text"]
    first = by_name["000"]
    assert first.reviewer.specialties == ["Physical Medicine & Rehabilitation"]
    assert first.reviewer.licensure == ["California", "Ohio", "Pennsylvania"]
    assert first.date_of_injury == "2013-01-02" and first.decision_date == "2014-01-27"
    assert [it.treatment for it in by_name["002"].items] == ["gym membership", "personal trainer"]
    assert (by_name["002"].patient.age, by_name["002"].patient.sex) == (27, "male")
    assert by_name["002"].diagnoses == [
        "chronic low back pain", "thoracic sprain", "chronic pain syndrome", "lumbosacral degenerative disc disease"]
    trainer = by_name["001"].items[0]
    assert (trainer.treatment, trainer.body_part, trainer.quantity) == ("personal trainer", "left shoulder", 6)
    assert (trainer.frequency.count, trainer.frequency.per, trainer.duration.count) == (3, "week", 2)
    wh = by_name["004"].items[0]
    assert (wh.treatment, wh.body_part, wh.frequency.count, wh.duration.count) == ("work hardening", "low back", 3, 4)
    cit = by_name["004"].items[0].citations[-1]
    assert (cit.source, cit.pages) == ("MTUS", "58-60")


REAL_PDF = real_files(REAL, "*.pdf")


@needs_real
@pytest.mark.parametrize("path", REAL_PDF, ids=lambda p: p.stem)
def test_real_pdf_gives_the_twins_record(path):
    import msgspec

    from_pdf = msgspec.to_builtins(parse_file(path))
    from_txt = msgspec.to_builtins(parse_file(path.with_suffix(".txt")))
    assert from_pdf.pop("shape") == "pdf"
    assert from_txt.pop("shape") == "pdf-text"
    assert from_pdf.pop("source") == str(path)
    from_txt.pop("source")
    assert from_pdf == from_txt
