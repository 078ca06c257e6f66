"""Synthetic IMR letters: a ground-truth record and its text in every shape.

Why this exists: the real letters cannot be copied into the project, yet the
parser, the index and the benchmarks need many letters whose every field is
known. ``make_letter`` composes a complete record from a seeded ``Random``;
``render`` writes it in one of the text shapes the state's letters come in
(see ../shared/FORMAT.md); ``expected`` says what the parser must return for
that file; ``write_corpus`` fills a folder. All prose is written here.

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

Other text the parser reads:

- credentials, inline (html-text, mostly): "The expert reviewer is Board
  Certified in A, B and is licensed to practice in California, Ohio and
  Texas." (specialties comma-separated, since names hold "and"/"&"; states
  as a series); listed (pdf shapes, some html): "State(s) of Licensure:
  Florida,California" and "Certification(s)/Specialty: A, B".
- patient: the summary's first sentence holds "<age> year old <sex>",
  "<age>-year-old <sex>" or, age redacted, "a year old <sex>"; one
  sentence "<lead> a, b and c." (or "a, b, and c.") lists the diagnoses,
  <lead> one of "Diagnoses include", "The diagnoses include", "Diagnoses
  included", "The diagnoses included", "Current diagnoses include".
- partial items: "<original> was the original request. <authorized> was
  authorized by the Claims Administrator. The remaining IMR eligible portion
  of the original request, <request> is: Upheld".
- rationales end "<lead> the request for <request> is (not) medically
  necessary." with <lead> "Therefore," (mostly), "As such,", "Accordingly,",
  "Consequently," or "Given the above,".

Dates in records are ISO (``2017-01-12``); in text they are ``MM/DD/YYYY``
(header) or either that or "March 4, 2016" (prose).

Besides the text shapes, a letter can be written as a file the way users
hold them (``FILE_SHAPES``): a PDF laid out like the state's (``synth_pdf``,
needs the optional ``pdf`` extra) or a saved HTML page (``synth_html``).
``render_file`` gives any kind's bytes, ``expected`` covers them too (record
shape "pdf"/"html", header fields present), and ``write_corpus(...,
formats=("text", "pdf", "html"))`` spreads the letters across the formats
asked for, deterministically from the seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import msgspec

from ..records import (
    HEADER_FIELDS,
    Citation,
    Duration,
    Frequency,
    Item,
    Letter,
    Partial,
    Patient,
    Reviewer,
    fingerprint,
)
from ..vocab.treatments import (
    BODY_PARTS,
    DIAGNOSES,
    LATERAL,
    SPECIALTIES,
    STATES,
    TREATMENTS,
    Treatment,
    analyze_request,
)
from . import wording
from .sections import (
    cap,
    header_rows,
    item_fields,
    item_title,
    letter_rng,
    listed_credentials,
    series,
    web_reviewer_paragraphs,
)

SHAPES = ("html-text", "pdf-text", "pdf-text-noheader")
"""Text shapes ``render`` writes; "pdf-text-noheader" is a "pdf-text" record without header fields."""

FILE_SHAPES = ("pdf", "html")
"""File kinds ``render_file`` writes besides the text shapes: a PDF letter and a saved HTML page."""

FORMATS = ("text", "pdf", "html")
"""What ``write_corpus(formats=...)`` and ``synth --formats`` accept."""

_FORMAT_WEIGHTS = {"text": 8.0, "pdf": 1.0, "html": 1.0}
"""Share of each requested format among the letters (text stays the large majority)."""

_SUFFIX = {"pdf": ".pdf", "html": ".html"}

_CASE_RE = re.compile(r"^CM(\d{2})-\d{7}$")

# ---------------------------------------------------------------------------
# small helpers

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)


def _us(d: date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def _prose_date(rng: random.Random, d: date) -> str:
    """Prose dates come both ways in real letters; the parser must not care."""
    if rng.random() < 0.5:
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"
    return _us(d)


# ---------------------------------------------------------------------------
# vocabulary for the prose (all written for this project)

_OCCUPATIONS = (
    "warehouse associate", "school custodian", "home health aide", "delivery driver",
    "correctional officer", "grocery clerk", "licensed vocational nurse", "machine operator",
    "farm laborer", "office assistant", "firefighter", "landscaper", "bus driver", "line cook",
    "electrician", "hotel housekeeper", "carpenter", "police officer", "retail stocker",
    "forklift operator", "instructional aide", "dental assistant", "truck driver",
    "sheet metal worker", "certified nursing assistant", "plumber", "cashier", "security guard",
    "packing line worker", "bank teller", "parking enforcement officer", "welder", "janitor",
    "emergency medical technician", "baggage handler", "painter", "roofer", "meat cutter",
    "payroll clerk", "mail carrier", "caregiver", "mechanic", "dishwasher", "flight attendant",
)

_MECHANISMS = (
    "lifted a case of bottled water from a low pallet",
    "slipped on a freshly mopped floor and landed on {his} {side} side",
    "was struck from behind by a pallet jack",
    "fell from a step stool while reaching for stock on a high shelf",
    "twisted awkwardly while helping move a patient from a bed to a wheelchair",
    "was rear-ended while driving a company van",
    "tripped over an extension cord at the job site",
    "pulled hard on a jammed roll-up door at the loading dock",
    "caught {his} {side} hand between a cart and a door frame",
    "missed the last rung of a ladder and dropped about four feet",
    "was pushing a heavily loaded laundry cart up a ramp",
    "lost footing on a gravel slope while carrying irrigation pipe",
    "was restraining an agitated individual",
    "bent to pick up a toolbox and felt a sudden pull",
    "was hit by a falling box from an overhead rack",
    "stepped into a pothole in the parking lot and rolled {his} {side} ankle",
    "was carrying trays down a narrow staircase and missed a step",
    "repeatedly reached overhead to hang garments for a full shift",
    "was unloading tires from a trailer",
    "slid off the back of a truck bed while unloading furniture",
)

_CUMULATIVE = (
    "years of repetitive keyboarding and mouse use",
    "repetitive lifting and sorting of parcels",
    "prolonged standing on concrete floors",
    "continuous overhead work",
    "repeated bending and twisting while cleaning rooms",
    "years of operating vibrating power tools",
)

_PRIOR_CARE = (
    "oral analgesics", "a course of physical therapy", "chiropractic sessions", "acupuncture",
    "activity modification", "a home exercise program", "epidural steroid injections",
    "topical creams", "a back brace", "work restrictions", "cognitive behavioral therapy",
    "trigger point injections", "a trial of a TENS unit", "ice and heat", "a wrist splint",
    "time off work", "anti-inflammatory medication", "muscle relaxants", "a cortisone injection",
    "massage", "a knee brace", "aquatic therapy", "a cervical pillow", "sleep aids",
    "a functional capacity evaluation", "an orthopedic consultation", "a pain management referral",
)

_COMPLAINTS = (
    "constant aching pain rated {n} out of 10",
    "pain that rose to {n}/10 with prolonged sitting",
    "intermittent pain of {n}/10 that worsened with lifting",
    "sharp pain rated {n}/10 along with stiffness each morning",
    "pain averaging {n}/10 and trouble sleeping through the night",
    "throbbing pain of {n}/10 with radiation into the {side} extremity",
    "numbness and tingling along with pain of {n}/10",
    "burning discomfort rated at {n}/10 and reduced tolerance for standing",
    "pain of {n} on a 10-point scale that limited household chores",
)

_FINDINGS = (
    "tenderness over the paraspinal muscles",
    "guarding with forward flexion",
    "a positive straight leg raise on the {side}",
    "reduced grip strength on the {side}",
    "diminished sensation in a dermatomal pattern",
    "painful arc of motion with abduction",
    "crepitus with flexion and extension",
    "an antalgic gait",
    "spasm in the trapezius",
    "a positive Tinel sign at the wrist",
    "tenderness at the lateral epicondyle",
    "swelling about the joint line",
    "limited rotation with end-range pain",
    "normal reflexes and intact strength",
    "a well-healed surgical incision",
    "mild effusion without instability",
    "tenderness along the sacroiliac joint",
    "reduced range of motion in all planes",
)

_IMAGING = (
    "an MRI showed a {n} mm disc protrusion without nerve root compression",
    "radiographs showed mild degenerative narrowing",
    "an MRI showed a partial-thickness tear with tendinosis",
    "electrodiagnostic testing was read as normal",
    "a CT scan showed solid fusion with hardware in good position",
    "an MRI showed a degenerative meniscal tear",
    "radiographs were unremarkable apart from soft tissue swelling",
    "an ultrasound showed a small effusion",
    "an MRI showed multilevel facet arthropathy",
    "nerve conduction studies suggested mild median neuropathy",
)

_WORK = (
    "{He} is working with modified duties.",
    "{He} has not returned to work since the injury.",
    "{He} remains off work on temporary total disability.",
    "{He} returned to full duty but reports difficulty keeping up.",
    "The employer could not accommodate the restrictions, so {he} is not working.",
    "{He} is currently working part time.",
)

_MEDS_NOW = (
    "hydrocodone with acetaminophen", "tramadol", "naproxen", "ibuprofen", "cyclobenzaprine",
    "gabapentin", "omeprazole", "meloxicam", "a lidocaine patch", "duloxetine", "trazodone",
    "tizanidine", "acetaminophen", "baclofen", "pregabalin", "celecoxib",
)

_UR_REASONS = (
    "the lack of documented functional improvement from prior treatment",
    "the absence of red flag findings",
    "guideline limits on the number of visits",
    "no documented failure of first-line care",
    "insufficient information about the treatment goals",
    "the lack of an objective examination supporting the request",
    "the long duration of use without a documented benefit",
    "the absence of a clear diagnosis that the request would address",
    "an unspecified quantity and duration",
    "concerns that the request duplicates care already under way",
)

_UR_VERBS = ("non-certified", "denied", "did not certify", "declined")

# ---------------------------------------------------------------------------
# rationale prose by kind of request


class _Prose(NamedTuple):
    guide: tuple[str, ...]  # what the guideline says (after "<source> <verb> that")
    deny: tuple[str, ...]  # record facts against
    grant: tuple[str, ...]  # record facts for


_GENERIC_DENY = (
    "The progress notes do not quantify how much earlier care reduced pain or improved daily activities.",
    "Nothing in the file shows a change in work status or a drop in medication use after prior treatment.",
    "The submitted records do not explain what the treating provider expects this request to add.",
    "The most recent note repeats the same complaints and findings as the visits before it.",
    "The request is open ended, with no stated goals or plan for reassessment.",
    "No rationale was offered for departing from the guideline criteria in this case.",
    "The file lacks a recent examination that would support the request.",
)
_GENERIC_GRANT = (
    "The treating physician recorded that pain fell from {a}/10 to {b}/10 with earlier care and that {he} resumed regular duties.",
    "The file shows that first-line measures were tried and failed, and the plan follows the guideline criteria.",
    "The request is limited in scope and comes with a plan to reassess the response.",
    "The records document objective deficits that match the stated indication.",
    "The progress notes describe measurable gains in walking tolerance and self-care with prior treatment.",
)

_PROSE: dict[str, _Prose] = {
    "imaging": _Prose(
        guide=(
            "imaging of the {region} is reserved for red flag conditions, a progressive neurologic deficit, or planning for surgery",
            "routine imaging in the first weeks of symptoms is discouraged unless specific warning signs are present",
            "repeat studies are appropriate only when symptoms or examination findings change significantly",
            "advanced imaging may be considered when a period of conservative care fails and the diagnosis remains unclear",
        ),
        deny=(
            "The notes describe tenderness and reduced motion but no focal weakness, sensory loss or reflex change.",
            "There is no indication that surgery is being considered.",
            "A prior study already defined the anatomy, and no interval change in the clinical picture was described.",
            "Symptoms began only a short time before the request, and conservative care had barely started.",
        ),
        grant=(
            "The latest examination records a new motor deficit that was absent at earlier visits.",
            "The treating surgeon is planning an operation and needs current images to plan it.",
            "Symptoms have lasted more than six weeks despite therapy and medication, and the examination suggests nerve involvement.",
        ),
    ),
    "emg": _Prose(
        guide=(
            "electrodiagnostic testing can help identify subtle focal neurologic dysfunction when symptoms last longer than three or four weeks",
            "nerve conduction studies add little when radiculopathy is already clinically obvious",
            "studies are appropriate when history and examination suggest a peripheral nerve entrapment that has not responded to splinting",
        ),
        deny=(
            "The examination documents normal strength, reflexes and sensation in the affected limbs.",
            "An earlier study found no abnormality, and the symptoms have not changed since then.",
            "The record does not describe a distribution of numbness or weakness that testing would clarify.",
        ),
        grant=(
            "The examination shows a dermatomal sensory loss and a diminished reflex that persisted after six weeks of therapy.",
            "Night numbness and a positive provocative test persisted despite bracing, which meets the indication for testing.",
        ),
    ),
    "lab": _Prose(
        guide=(
            "laboratory monitoring is reasonable for patients on long-term medication with known organ toxicity",
            "tests should be ordered to answer a specific clinical question raised by the history or examination",
            "routine panels without a documented indication are not supported",
        ),
        deny=(
            "The patient was tested recently with consistent results and is considered low risk.",
            "The patient is no longer prescribed a controlled medication.",
            "The request does not name the tests to be run or why they are needed now.",
        ),
        grant=(
            "The patient remains on a scheduled opioid and has not been tested in over a year.",
            "The prescriber documented an inconsistent pill count that warrants confirmation.",
        ),
    ),
    "opioid": _Prose(
        guide=(
            "ongoing opioid therapy requires documentation of pain relief, functional status, side effects and any aberrant behavior at each visit",
            "opioids should be weaned when there is no overall improvement in function",
            "a signed treatment agreement and periodic drug screening are expected for long-term use",
            "doses above 120 mg morphine equivalents per day are generally discouraged",
        ),
        deny=(
            "The notes record the same pain scores before and after each dose and no functional gains.",
            "There is no current treatment agreement or recent drug screen in the file.",
            "The patient has taken this medication for well over a year without documented benefit.",
            "A weaning schedule would be appropriate rather than continued prescribing.",
        ),
        grant=(
            "The prescriber documents a drop in pain from {a}/10 to {b}/10 and the ability to work a full shift on the current regimen.",
            "A recent urine screen was consistent, a signed agreement is on file, and no side effects were reported.",
        ),
    ),
    "nsaid": _Prose(
        guide=(
            "anti-inflammatory drugs are recommended at the lowest effective dose for the shortest period in moderate to severe pain",
            "long-term use raises gastrointestinal, renal and cardiovascular risk and requires monitoring",
            "these agents are a first-line option for acute flares of musculoskeletal pain",
        ),
        deny=(
            "The patient has taken the drug for many months without a record of improved pain or function.",
            "The file notes gastric upset, yet no reassessment of the risk of continued use was made.",
        ),
        grant=(
            "This is a first prescription for a recent flare, which the guidelines support.",
            "The prescriber documented improved tolerance for standing and lifting with the medication.",
        ),
    ),
    "relaxant": _Prose(
        guide=(
            "non-sedating muscle relaxants are a second-line option for short-term treatment of acute exacerbations",
            "the effect of these drugs wanes over time and prolonged use can lead to dependence",
            "use beyond two to three weeks is not supported",
        ),
        deny=(
            "The medication has been prescribed continuously for months rather than for a short flare.",
            "The notes do not describe spasm on examination.",
        ),
        grant=(
            "The request covers a brief course for a documented acute flare with palpable spasm.",
        ),
    ),
    "topical": _Prose(
        guide=(
            "topical analgesics are largely experimental and have few randomized trials supporting their use",
            "any compounded product containing at least one drug or drug class that is not recommended is itself not recommended",
            "topical lidocaine is limited to localized neuropathic pain after a trial of first-line therapy",
        ),
        deny=(
            "The product combines several agents, at least one of which is not supported for topical use.",
            "There is no record that first-line oral agents were tried and failed.",
            "The notes do not describe localized neuropathic pain.",
        ),
        grant=(
            "The patient has localized neuropathic pain and did not tolerate oral agents.",
        ),
    ),
    "gi": _Prose(
        guide=(
            "gastric protection is indicated for patients on anti-inflammatory drugs who have risk factors such as age over 65, prior ulcer or bleeding, or concurrent steroid or anticoagulant use",
            "long-term acid suppression carries its own risks and should be reviewed regularly",
        ),
        deny=(
            "No gastrointestinal symptoms or risk factors are recorded.",
            "The anti-inflammatory drug it was meant to accompany has been discontinued.",
        ),
        grant=(
            "The patient has a history of gastritis and remains on an anti-inflammatory drug.",
        ),
    ),
    "sleep": _Prose(
        guide=(
            "sleep aids are recommended only for short-term treatment of insomnia after the causes of the sleep disturbance have been evaluated",
            "benzodiazepines are not recommended for long-term use because efficacy is unproven and dependence develops quickly",
        ),
        deny=(
            "The record does not describe sleep onset, maintenance, or the effect of the drug on next-day function.",
            "The medication has been used nightly for months without a documented sleep evaluation.",
        ),
        grant=(
            "A short course is requested after sleep hygiene measures failed, which is consistent with the guidelines.",
        ),
    ),
    "drug": _Prose(
        guide=(
            "medications for chronic pain should be started one at a time with an assessment of their effect on pain and function",
            "continued use requires documentation of meaningful benefit",
            "antidepressants and antiepilepsy drugs are first-line options for neuropathic pain",
        ),
        deny=(
            "The notes do not document any benefit since the medication was started.",
            "The indication for the medication is not stated in the records.",
        ),
        grant=(
            "The prescriber documented a thirty percent reduction in neuropathic pain since the drug was started.",
            "The medication is prescribed for a documented indication and the response is recorded.",
        ),
    ),
    "therapy": _Prose(
        guide=(
            "treatment frequency should fade over time with a transition to an active home program",
            "up to ten visits over eight weeks are recommended for myalgia and myositis",
            "a trial of six visits should show objective functional gains before more care is approved",
            "treatment may be extended only when functional improvement is documented",
            "active therapy is preferred over passive modalities for lasting benefit",
        ),
        deny=(
            "The patient already completed {n} sessions with no measured change in strength, motion or function.",
            "There is no explanation why the patient cannot continue with a home exercise program.",
            "Combined with the visits already completed, the request exceeds the recommended number of sessions.",
            "The notes do not report functional goals for the additional visits.",
        ),
        grant=(
            "This is an initial course after a new injury, and no prior visits have been provided.",
            "The therapist documented gains in range of motion and lifting capacity after the first sessions, supporting a short extension.",
        ),
    ),
    "injection": _Prose(
        guide=(
            "epidural injections are an option for radicular pain when radiculopathy is corroborated by imaging or testing and initially unresponsive to conservative care",
            "facet blocks are limited to patients with non-radicular pain at no more than two levels",
            "trigger point injections require circumscribed trigger points with a twitch response and referred pain",
            "repeat injections need at least fifty percent pain relief lasting six weeks after the previous one",
        ),
        deny=(
            "The examination does not document radicular findings that match the imaging.",
            "A previous injection gave only brief relief, which does not support repeating it.",
            "The notes do not identify trigger points with a twitch response.",
        ),
        grant=(
            "Imaging and examination both show nerve root involvement, and six weeks of therapy and medication did not help.",
            "The prior injection gave more than half relief for two months and allowed a reduction in medication.",
        ),
    ),
    "surgery": _Prose(
        guide=(
            "surgical referral is indicated for activity limitation beyond four months, failure of an exercise program, and clear clinical and imaging evidence of a lesion that benefits from repair",
            "surgery is considered only after an adequate course of conservative care has failed",
            "the clinical examination and imaging must agree on the lesion to be treated",
        ),
        deny=(
            "The records show only a few weeks of conservative care before surgery was proposed.",
            "The imaging findings do not match the examination.",
            "There is no documentation of injection or therapy trials before the surgical request.",
        ),
        grant=(
            "The patient failed six months of therapy, injections and medication, and imaging shows a lesion consistent with the examination.",
            "Progressive weakness and imaging evidence of compression meet the criteria for surgery.",
        ),
    ),
    "adjunct": _Prose(
        guide=(
            "services tied to a procedure follow the decision on the procedure itself",
            "preoperative testing is guided by the patient's age, health and the type of surgery",
        ),
        deny=(
            "The associated procedure was not found medically necessary, so this service is not needed either.",
            "The related operation has not been certified.",
        ),
        grant=(
            "The associated procedure has been certified, and this service is a standard part of it.",
        ),
    ),
    "dme": _Prose(
        guide=(
            "equipment qualifies as durable medical equipment when it withstands repeated use, serves a medical purpose, and is of little use to someone without an injury",
            "bracing is an option for a short period after an acute injury but not for prolonged use",
            "home equipment should support an active program rather than replace it",
        ),
        deny=(
            "The item is primarily a convenience rather than a medical device.",
            "The records do not describe a functional deficit that the equipment would address.",
            "The patient is well past the acute phase when this item is recommended.",
        ),
        grant=(
            "The equipment addresses a documented deficit and is part of an active rehabilitation plan.",
            "The patient is recovering from surgery, when this equipment is recommended.",
        ),
    ),
    "estim": _Prose(
        guide=(
            "a one-month home trial of electrical stimulation may be considered as an adjunct to an evidence-based functional restoration program",
            "electrical stimulation is not recommended as a primary treatment",
            "purchase requires documented benefit during the trial period",
        ),
        deny=(
            "There is no record of a one-month trial with documented benefit.",
            "The unit would be used alone rather than alongside an active program.",
        ),
        grant=(
            "A one-month trial cut medication use and improved walking tolerance, as recorded in a usage log.",
        ),
    ),
    "program": _Prose(
        guide=(
            "functional restoration programs are recommended when earlier treatment failed, function is significantly lost, and the patient is motivated to change",
            "participation beyond two weeks requires objective gains",
            "programs should not be offered when surgery or other treatment is still being considered",
        ),
        deny=(
            "A baseline functional evaluation was not completed.",
            "The patient is still being evaluated for surgery.",
            "The notes do not address negative predictors of success.",
        ),
        grant=(
            "A complete evaluation found significant loss of function, and the patient is motivated to return to work.",
        ),
    ),
    "psych": _Prose(
        guide=(
            "psychological evaluation is an established part of managing chronic pain",
            "cognitive behavioral therapy begins with a trial of three to four visits, with up to ten visits if there is objective improvement",
            "behavioral treatment is recommended when chronic pain is accompanied by depression or anxiety",
        ),
        deny=(
            "The patient already completed a course of visits without documented improvement.",
            "Standardized scores were not reported before or after the earlier sessions.",
        ),
        grant=(
            "Screening scores show moderate depression linked to the injury, and no psychological care has been provided.",
            "Depression scores improved by a third during the trial visits.",
        ),
    ),
    "consult": _Prose(
        guide=(
            "referral is appropriate when the diagnosis is uncertain or complex, or when the plan of care may benefit from added expertise",
            "the frequency of office visits should reflect the patient's symptoms, the stability of the condition and the judgment of the treating physician",
        ),
        deny=(
            "The treating physician did not state a question for the consultant to answer.",
            "The patient is already followed by a specialist in the same field.",
        ),
        grant=(
            "The diagnosis remains unclear after several months, and the treating physician asked a specific question of the consultant.",
            "The patient takes medications that require regular monitoring.",
        ),
    ),
    "home": _Prose(
        guide=(
            "home health services are recommended only for medical treatment in patients who are homebound, generally up to 35 hours a week",
            "homemaker services such as shopping, cleaning and laundry are not medical treatment",
        ),
        deny=(
            "The patient drives to appointments and is not homebound.",
            "The services requested are housekeeping rather than medical care.",
        ),
        grant=(
            "The patient is homebound after surgery and needs wound care and medication management.",
        ),
    ),
    "transport": _Prose(
        guide=(
            "transportation to and from appointments is recommended when a disability prevents the patient from travelling alone",
        ),
        deny=(
            "The patient drives and has no condition that would prevent travel by car or public transit.",
        ),
        grant=(
            "The patient cannot bear weight after surgery and lives alone.",
        ),
    ),
}
_PROSE["test"] = _Prose(
    guide=(
        "specialized testing is appropriate when its result will change the plan of care",
        "a functional or physiologic test should answer a specific clinical question rather than repeat what the examination already shows",
    ),
    deny=(
        "The treating provider did not say how the result would change treatment.",
        "The same test was completed recently and nothing has changed since.",
    ),
    grant=(
        "The result will decide whether {he} can return to {his} usual job, and no recent test is on file.",
        "The examination raises a specific question that only this test can answer.",
    ),
)
_PROSE["generic"] = _Prose(
    guide=(
        "treatment should be tied to functional goals and continued only with documented benefit",
        "care must be reasonable and matched to the diagnosis",
    ),
    deny=(),
    grant=(),
)

_REGION_NAMES = {
    "low back": "lumbar spine", "neck": "cervical spine", "shoulder": "shoulder", "knee": "knee",
    "elbow": "elbow", "wrist": "wrist and hand", "ankle": "ankle and foot", "hip": "hip", "head": "head",
}

# ---------------------------------------------------------------------------
# guideline vocabulary

_MTUS_REGION = {
    "low back": "Low Back Complaints 2004",
    "neck": "Neck and Upper Back Complaints 2004",
    "shoulder": "Shoulder Complaints 2004",
    "knee": "Knee Complaints 2004",
    "elbow": "Elbow Complaints 2007",
    "wrist": "Forearm, Wrist, and Hand Complaints 2004",
    "ankle": "Ankle and Foot Complaints 2004",
}
_ODG_REGION = {
    "low back": ("Low Back", "Low Back - Lumbar & Thoracic"),
    "neck": ("Neck and Upper Back", "Neck & Upper Back"),
    "shoulder": ("Shoulder",),
    "knee": ("Knee & Leg", "Knee"),
    "elbow": ("Elbow",),
    "wrist": ("Forearm, Wrist & Hand", "Carpal Tunnel Syndrome"),
    "ankle": ("Ankle & Foot",),
    "hip": ("Hip & Pelvis",),
    "head": ("Head",),
}
# Chronic Pain Medical Treatment Guidelines sections with their 2009 pages.
_CPMTG: dict[str, tuple[tuple[str, str], ...]] = {
    "opioid": (("Opioids, criteria for use", "76-80"), ("Opioids for chronic pain", "80-82"),
               ("Opioids, long-term assessment", "88-89"), ("Opioids, dosing", "86")),
    "nsaid": (("NSAIDs (non-steroidal anti-inflammatory drugs)", "67-73"), ("Anti-inflammatory medications", "22")),
    "relaxant": (("Muscle relaxants (for pain)", "63-66"), ("Antispasmodics", "64-65")),
    "topical": (("Topical Analgesics", "111-113"), ("Lidoderm (lidocaine patch)", "56-57"), ("Capsaicin, topical", "28-29")),
    "gi": (("NSAIDs, GI symptoms & cardiovascular risk", "68-69"),),
    "sleep": (("Benzodiazepines", "24"),),
    "drug": (("Medications for chronic pain", "60"), ("Antiepilepsy drugs (AEDs)", "16-22"),
             ("Antidepressants for chronic pain", "13-16"), ("Weaning of Medications", "124")),
    "therapy": (("Physical Medicine", "98-99"), ("Manual therapy & manipulation", "58-60"),
                ("Aquatic therapy", "22"), ("Massage therapy", "60")),
    "injection": (("Epidural steroid injections (ESIs)", "46"), ("Trigger point injections", "122"),
                  ("Injections with anaesthetics and/or steroids", "39")),
    "estim": (("TENS, chronic pain", "114-116"), ("Interferential Current Stimulation (ICS)", "118-120"),
              ("Neuromuscular electrical stimulation (NMES devices)", "121")),
    "program": (("Functional restoration programs (FRPs)", "49"), ("Chronic pain programs (functional restoration programs)", "30-34"),
                ("Work conditioning, work hardening", "125")),
    "psych": (("Psychological evaluations", "100-101"), ("Behavioral interventions", "23"), ("Psychological treatment", "101-102")),
    "lab": (("Drug testing", "43"), ("Opioids, steps to avoid misuse/addiction", "94")),
    "home": (("Home health services", "51"),),
    "consult": (("Introduction", "1"),),
    "generic": (("Introduction", "1"), ("Functional improvement measures", "48")),
}
# Sections of the 2016 text whose names differ from the 2009 ones.
_CPMTG_2016 = {"Physical Medicine": "Physical medicine treatment", "Topical Analgesics": "Topical analgesics"}
_MTUS_REGION_SECTIONS = {
    "imaging": ("Special Studies", "Special Studies, Summary", "Diagnostic Criteria"),
    "emg": ("Special Studies", "Diagnostic Criteria"),
    "surgery": ("Surgical Considerations", "Surgical Considerations, Summary"),
    "dme": ("Initial Care", "Physical Methods"),
    "therapy": ("Physical Methods", "Initial Care"),
    "injection": ("Physical Methods", "Summary"),
    "estim": ("Physical Methods",),
    "consult": ("Follow-up Visits", "Initial Assessment"),
}
_ODG_TOPICS = {
    "imaging": ("MRIs (magnetic resonance imaging)", "Indications for imaging", "CT (computed tomography)",
                "Radiography", "Imaging studies"),
    "emg": ("EMGs (electromyography)", "Nerve conduction studies (NCS)", "Electrodiagnostic testing"),
    "lab": ("Urine drug testing (UDT)", "Laboratory tests"),
    "opioid": ("Opioids, criteria for use", "Opioids, specific drug list"),
    "nsaid": ("NSAIDs, specific drug list & adverse effects", "Anti-inflammatory medications"),
    "relaxant": ("Muscle relaxants (for pain)",),
    "topical": ("Compound drugs", "Lidocaine topical", "Topical analgesic creams"),
    "gi": ("Proton pump inhibitors (PPIs)",),
    "sleep": ("Insomnia treatment", "Benzodiazepines"),
    "drug": ("Medications for chronic pain", "Antiepilepsy drugs", "Medical food"),
    "therapy": ("Physical therapy (PT)", "Manipulation", "Acupuncture", "Aquatic therapy", "Massage"),
    "injection": ("Epidural steroid injections (ESIs), therapeutic", "Facet joint diagnostic blocks",
                  "Trigger point injections", "Platelet-rich plasma (PRP)", "Steroid injections"),
    "surgery": ("Indications for surgery", "Surgical considerations", "Fusion (spinal)", "Arthroscopic surgery"),
    "adjunct": ("Surgical assistant", "Preoperative testing, general", "Continuous-flow cryotherapy",
                "Postoperative bracing", "Hospital length of stay (LOS)"),
    "dme": ("Durable medical equipment (DME)", "Lumbar supports", "Braces", "Walking aids", "Home exercise kits",
            "Cold/heat packs"),
    "estim": ("TENS (transcutaneous electrical nerve stimulation)", "Interferential current stimulation (ICS)",
              "Neuromuscular electrical stimulation (NMES devices)"),
    "program": ("Functional restoration programs (FRPs)", "Work conditioning, work hardening", "Gym memberships",
                "Chronic pain programs"),
    "psych": ("Cognitive therapy for depression", "Psychotherapy guidelines", "Psychological evaluations"),
    "consult": ("Office visits", "Independent medical examinations and consultations", "Evaluation & management (E&M)"),
    "home": ("Home health services",),
    "transport": ("Transportation (to & from appointments)",),
    "test": ("Functional capacity evaluation (FCE)", "Polysomnography", "Flexibility", "Fitness for duty"),
    "generic": ("Functional improvement measures", "Introduction"),
}
_ODG_DEFAULT_CHAPTER = {"psych": "Mental Illness & Stress", "transport": "Knee & Leg"}
_ACOEM_CHAPTERS = {
    "low back": "Low Back Disorders", "neck": "Cervical and Thoracic Spine Disorders",
    "shoulder": "Shoulder Disorders", "knee": "Knee Disorders", "elbow": "Elbow Disorders",
    "wrist": "Hand, Wrist, and Forearm Disorders", "ankle": "Ankle and Foot Disorders",
    "hip": "Hip and Groin Disorders", None: "Chronic Pain",
}
# ACOEM 3rd edition topics within a chapter, by kind of request.
_ACOEM_TOPICS: dict[str | None, tuple[str, ...]] = {
    "imaging": ("Diagnostic Investigations", "Special Studies and Diagnostic and Treatment Considerations", "Imaging"),
    "emg": ("Diagnostic Investigations", "Electrodiagnostic Studies"),
    "injection": ("Injection Therapies", "Invasive Treatments"),
    "surgery": ("Surgical Considerations", "Operative Treatment"),
    "therapy": ("Allied Health Interventions", "Exercise", "Manipulation and Mobilization"),
    "dme": ("Devices", "Orthoses and Supports"),
    "estim": ("Devices", "Electrical Therapies"),
    None: ("Medications", "Treatment Recommendations", "Follow-up Care", "Work Activities"),
}
_OTHER_TITLES = (
    "Medical Treatment Guidelines, Work Loss Data Institute",
    "FDA prescribing information",
    "American Academy of Orthopaedic Surgeons clinical practice guideline",
    "National Guideline Clearinghouse summary",
    "UpToDate clinical topic review",
    "American Society of Interventional Pain Physicians practice guideline",
    "Colorado Division of Workers' Compensation Medical Treatment Guidelines",
    "Medicare National Coverage Determinations Manual",
)

# ---------------------------------------------------------------------------
# treatments: grouping and request composition


def _group(tx: Treatment) -> str:
    """Which rationale and guideline vocabulary a treatment takes."""
    c = tx.category
    s = tx.subcategory.lower()
    if c == "Pharmaceuticals":
        if s == "opioids":
            return "opioid"
        if s == "nsaids":
            return "nsaid"
        if s == "muscle relaxants":
            return "relaxant"
        if s.startswith("topical"):
            return "topical"
        if s in ("proton pump inhibitors", "h2 blockers"):
            return "gi"
        if s in ("sedative-hypnotics", "benzodiazepines", "barbiturates", "antianxiety"):
            return "sleep"
        return "drug"
    if c == "Diagnostic Testing":
        return {"emg/ncv/ncs": "emg", "lab & pathology": "lab", "imaging": "imaging"}.get(s, "test")
    if c == "DMEPOS":
        return "estim" if s == "electrical stimulation" else "dme"
    if c == "Surgery":
        return {"surgical consult": "consult", "adjunct surgical services": "adjunct"}.get(s, "surgery")
    return _CATEGORY_GROUP.get(c, "generic")


_CATEGORY_GROUP = {
    "Injection": "injection", "Rehabilitation": "therapy", "Therapies": "therapy", "Psych Services": "psych",
    "Programs": "program", "Evaluation & Management": "consult", "Home Health": "home", "Transportation": "transport",
}

_REGION_KEYS = (
    ("neck", ("cervic", "neck", "upper back", "thoracic outlet")),
    ("low back", ("lumbar", "low back", "lower back", "mid back", "thoracic", "sacr", "coccy", "back", "spine",
                  "sciatica", "lumbago", "laminectomy")),
    ("shoulder", ("shoulder", "clavicle", "scapula", "upper arm", "rotator", "capsulitis", "acromio", "bicipital")),
    ("elbow", ("elbow", "epicondyl", "cubital", "ulnar")),
    ("wrist", ("wrist", "hand", "finger", "thumb", "forearm", "upper extremit", "carpal", "radius", "quervain")),
    ("knee", ("knee", "leg", "thigh", "patell", "calf", "lower extremit", "menisc", "cruciate", "tibial")),
    ("ankle", ("ankle", "foot", "feet", "toe", "heel", "achilles", "plantar")),
    ("hip", ("hip", "pelvi", "groin", "buttock", "trochanter")),
    ("head", ("head", "brain", "face", "jaw", "eye", "ear", "temporomandibular", "concussion")),
)


def _region(body_part: str | None) -> str | None:
    """The guideline chapter family a body part belongs to."""
    if body_part:
        for key, words in _REGION_KEYS:
            if any(w in body_part for w in words):
                return key
    return None


_DRUG_GROUPS = frozenset({"opioid", "nsaid", "relaxant", "topical", "gi", "sleep", "drug"})
_SESSION_GROUPS = frozenset({"therapy", "psych", "home", "program"})
# How often a request of each kind names a body part.
_PART_SHARE = {
    "imaging": 0.92, "emg": 0.6, "therapy": 0.75, "injection": 0.7, "surgery": 0.7, "dme": 0.5, "estim": 0.45,
    "topical": 0.25, "consult": 0.3,
}
_COMMON_PARTS = (
    "lumbar spine", "cervical spine", "shoulder", "knee", "low back", "wrist", "neck", "hand",
    "thoracic spine", "elbow", "ankle", "hip", "foot", "lumbosacral spine",
)


_PRIMARY_PARTS = tuple(p for p in _COMMON_PARTS if p in BODY_PARTS)
"""Where most injuries are: a letter's primary region is one of these three times in five."""


class _Composed(NamedTuple):
    request: str
    body_part: str | None
    quantity: int | None
    frequency: Frequency | None
    duration: Duration | None


_SMALL_WORDS = frozenset({"of", "the", "for", "to", "a", "an", "and", "with", "without", "per", "x", "in", "on", "at", "or"})


def _case_variant(rng: random.Random, text: str) -> str:
    """Real requests come in every case: 'Physical therapy', 'Physical Therapy', 'MRI', rarely all caps."""
    r = rng.random()
    if r < 0.5:
        return cap(text)
    if r < 0.85:
        words = text.split(" ")
        return " ".join(
            w if (i and w in _SMALL_WORDS) or not w[:1].islower() else cap(w) for i, w in enumerate(words)
        )
    if r < 0.97:
        return text
    return text.upper()


_ABBREVIATIONS = frozenset(
    w for t in TREATMENTS for a in t.aliases for w in re.split(r"[\s/]+", a)
    if len(w) > 1 and w.isalpha() and w.isupper() and w not in {"IF", "AM", "PM", "HELP", "IN", "ON", "OR", "TO"}
)


def _display_name(tx: Treatment) -> str:
    """The canonical name as letters write it: "CT scan", "EMG/NCV", "TENS unit", not "ct scan"."""
    return "".join(w.upper() if w.upper() in _ABBREVIATIONS else w for w in re.split(r"([\s/]+)", tx.name))


_DISPLAY = {t.name: _display_name(t) for t in TREATMENTS}
_BODY_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(p) for p in BODY_PARTS), key=len, reverse=True)) + r")\b")
_NAMES_A_PART = frozenset(
    t.name for t in TREATMENTS if any(_BODY_WORD_RE.search(x.lower()) for x in (t.name, *t.aliases))
)
"""Treatments whose own name holds a body part ("knee brace"): no second body part is added."""

_SPINE = ("lumbar spine", "cervical spine", "thoracic spine", "lumbosacral spine", "thoracolumbar spine", "spine",
          "low back", "upper back", "mid back", "back", "neck", "sacroiliac joint")
_JOINTS = ("shoulder", "knee", "hip", "elbow", "wrist", "ankle", "hand", "foot", "thumb", "finger", "great toe",
           "temporomandibular joint")
_HAND = ("wrist", "hand", "thumb", "finger", "forearm")
_LIMBS = ("upper extremity", "lower extremity", "arm", "leg", "hand", "foot", "forearm", "lower leg")
_NOT_MSK = frozenset({"brain", "face", "eye", "ear", "abdomen", "head", "chest"})
_MSK = tuple(p for p in BODY_PARTS if p not in _NOT_MSK)
# Which body parts a request for a treatment can name, by words of its canonical name (first match wins).
_PART_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("vestibular", "speech", "cognitive", "psych", "sleep", "dental", "occlusal", "hernia", "smoking", "weight",
      "detox", "gym", "trainer", "transport", "ambulance", "home health", "nursing", "homemaker", "wheelchair",
      "walker", "cane", "crutch", "shower", "toilet", "bed", "cpap", "pillow", "chair", "inpatient", "clearance",
      "preoperative", "assistant", "labs", "audiogram", "echocardiogram", "electrocardiogram", "pulmonary",
      "internal medicine", "cardiology", "gastroenterology", "ophthalmology", "ent ", "medication", "prosthesis",
      "stockings", "pneumatic", "hyperbaric", "bone growth", "kit", "exercise program", "school", "program",
      "functional capacity", "range of motion", "dexa", "urinalysis", "panel", "genetic", "laboratory", "urine",
      "stellate", "sympathetic", "occipital", "botox", "intrathecal"), ()),
    (("cervical",), ("cervical spine", "neck")),
    (("epidural", "facet", "medial branch", "radiofrequency", "spinal", "disc", "lamin", "kyphoplasty", "fusion",
      "intrathecal", "myelogram", "traction", "manipulat", "chiropract", "osteopathic", "sacroiliac",
      "nerve root", "back brace", "cervical collar", "back school"), _SPINE),
    (("carpal", "trigger finger", "quervain", "ganglion", "wrist", "hand therapy", "paraffin"), _HAND),
    (("cubital", "epicondyl", "elbow"), ("elbow",)),
    (("rotator", "shoulder"), ("shoulder",)),
    (("acl", "knee"), ("knee",)),
    (("plantar", "orthotic", "orthopedic shoes", "ankle", "walking boot"), ("foot", "ankle", "heel")),
    (("arthroscop", "arthrogram", "arthroplasty", "continuous passive", "hyaluronic", "platelet", "prolotherapy",
      "stem cell", "corticosteroid", "manipulation under", "hardware", "open reduction", "brace", "sling",
      "cold therapy", "vascutherm", "shockwave"), _JOINTS),
    (("emg", "ncv", "nerve conduction"), _LIMBS + ("lumbar spine", "cervical spine")),
    (("consult", "evaluation", "visit", "examination", "transfer of care"), _SPINE[:6] + _JOINTS[:8]),
)
_PART_DEFAULTS = {"imaging": BODY_PARTS, "therapy": _MSK, "injection": _SPINE + _JOINTS, "surgery": _JOINTS,
                  "estim": _MSK, "dme": _MSK, "topical": _MSK, "consult": (), "adjunct": ()}


def _parts_for(tx: Treatment, group: str) -> tuple[str, ...]:
    """The body parts a request for ``tx`` may plausibly name (none for a bed or a psychologist)."""
    if tx.name in _NAMES_A_PART:
        return ()
    for words, parts in _PART_RULES:
        if any(w in tx.name for w in words):
            return parts
    return _PART_DEFAULTS.get(group, ())


_PARTS = {t.name: _parts_for(t, _group(t)) for t in TREATMENTS}


def _treatment_term(rng: random.Random, tx: Treatment) -> str:
    if tx.aliases and rng.random() < 0.4:
        return rng.choice(tx.aliases)
    return _DISPLAY[tx.name]


_FREQ_WORDS = {1: "once", 2: "twice", 3: "three times", 4: "four times"}


def _unit(d: int, unit: str) -> str:
    return unit if d != 1 else unit[:-1]


def _freq_phrase(rng: random.Random, f: int, d: int) -> str:
    """'2 times a week for 4 weeks', '2x4', 'twice a week for six weeks', '3x/week x 4 weeks'."""
    style = rng.randrange(8)
    weeks = _unit(d, "weeks")
    if style == 1:
        return f"{f} times per week for {d} {weeks}"
    if style == 2:
        return f"{f}x{d}"
    if style == 3:
        return f"{f} x {d}"
    if style == 4 and d <= 12:
        return f"{_FREQ_WORDS[f]} a week for {_WORDS[d]} {weeks}"
    if style == 5:
        return f"{f}x/week x {d} {weeks}"
    if style == 6:
        return f"{f} times {d} {weeks}"
    return f"{f} times a week for {d} {weeks}"


def _with_part(rng: random.Random, term: str, part: str, tail: str) -> str:
    """Place a body part in one of the ways real requests do."""
    tail_s = f" {tail}" if tail else ""
    style = rng.randrange(6)
    if style == 0:
        return f"{term}{tail_s} for the {part}"
    if style == 1:
        return f"{term} of the {part}{tail_s}"
    if style == 2:
        return f"{part} {term}{tail_s}"
    if style == 3:
        return f"{term}{tail_s}, {part}"
    if style == 4:
        return f"{term} to the {part}{tail_s}"
    return f"{term}{tail_s} {part}"


def _pick_part(rng: random.Random, allowed: tuple[str, ...], primary: str) -> str:
    """A body part as written (lower-case), the letter's own region when it fits, with a side where one applies."""
    base = primary if primary in allowed and rng.random() < 0.6 else rng.choice(allowed)
    if base in LATERAL:
        r = rng.random()
        base = ("left " if r < 0.42 else "right " if r < 0.85 else "bilateral ") + base
    return base


def _compose(rng: random.Random, tx: Treatment, group: str, primary: str) -> _Composed:
    """One request for ``tx`` and the facts it states (the ground truth)."""
    term = _treatment_term(rng, tx)
    part: str | None = None
    qty: int | None = None
    freq: Frequency | None = None
    dur: Duration | None = None
    if group in _DRUG_GROUPS:
        text = term
        if tx.doses and rng.random() < 0.75:
            text += " " + rng.choice(tx.doses)
        if tx.forms and rng.random() < 0.25:
            form = rng.choice(tx.forms)
            if form not in term.lower():
                text += " " + form
        if rng.random() < 0.75:
            qty = rng.choice((10, 15, 20, 30, 30, 30, 60, 60, 60, 90, 90, 120, 120, 180, 240))
            text += rng.choice((f" #{qty}", f" #{qty}", f", #{qty}", f" qty {qty}"))
        if _PARTS[tx.name] and rng.random() < _PART_SHARE.get(group, 0.0):
            part = _pick_part(rng, _PARTS[tx.name], primary)
            text = f"{text} for the {part}"
        if rng.random() < 0.08:
            text = rng.choice(("Retrospective ", "Prospective request for ", "Retro: ")) + text
        return _Composed(_case_variant(rng, text), part, qty, None, None)

    text = term
    tail = ""
    if group in _SESSION_GROUPS or (group in ("estim", "injection") and rng.random() < 0.15):
        r = rng.random()
        if r < 0.45:
            f = rng.choice((1, 2, 2, 2, 3, 3))
            d = rng.choice((2, 3, 4, 4, 4, 6, 6, 8))
            freq, dur = Frequency(f, "week"), Duration(d, "weeks")
            tail = _freq_phrase(rng, f, d)
        elif r < 0.75:
            qty = rng.choice((2, 4, 6, 6, 6, 8, 8, 10, 12, 12, 16, 18, 24))
            style = rng.randrange(4)
            if style == 0:
                text = f"{qty} sessions of {term}"
            elif style == 1:
                tail = f"x{qty}"
            elif style == 2:
                tail = f"x {qty} sessions"
            else:
                text = f"{_WORDS[qty] if qty <= 20 and rng.random() < 0.5 else qty} sessions of {term}"
        elif r < 0.85:
            qty = rng.choice((6, 8, 12))
            f = rng.choice((2, 3))
            freq, dur = Frequency(f, "week"), Duration(qty // f, "weeks")
            text = f"{qty} sessions of {term}"
            tail = _freq_phrase(rng, f, qty // f)
    elif group in ("dme", "estim") and rng.random() < 0.25:
        if rng.random() < 0.5:
            tail = rng.choice(("purchase", "(purchase)", "rental"))
        else:
            d = rng.choice((1, 2, 3, 6))
            dur = Duration(d, "months")
            tail = f"rental for {d} {_unit(d, 'months')}"
    if _PARTS[tx.name] and rng.random() < _PART_SHARE.get(group, 0.0):
        part = _pick_part(rng, _PARTS[tx.name], primary)
        text = _with_part(rng, text, part, tail)
    elif tail:
        text = f"{text} {tail}"
    if rng.random() < 0.1:
        text = rng.choice(("Additional ", "Outpatient ", "Retrospective ", "Associated surgical service: ")) + text
    return _Composed(_case_variant(rng, text), part, qty, freq, dur)


def _lower_first(text: str) -> str:
    """'Additional PT' -> 'additional PT', leaving 'MRI ...' and 'Norco ...'-like brands alone when in doubt."""
    head = text.split(" ", 1)[0]
    if not head[:1].isupper() or (len(head) > 1 and (head.isupper() or any(ch.isdigit() or ch.isupper() for ch in head[1:]))):
        return text
    return text[:1].lower() + text[1:]


def _agrees(c: _Composed, tx: Treatment) -> bool:
    """Does the analyzer read the request back as composed? (Never the source of truth.)"""
    info = analyze_request(c.request)
    return (
        info.treatment == tx.name
        and info.category == tx.category
        and info.subcategory == tx.subcategory
        and info.body_part == c.body_part
        and info.quantity == c.quantity
        and info.frequency == c.frequency
        and info.duration == c.duration
    )


def _compose_checked(rng: random.Random, tx: Treatment, group: str, primary: str) -> _Composed | None:
    """A request the analyzer reads as composed, or None after a few tries."""
    for _ in range(8):
        c = _compose(rng, tx, group, primary)
        if _agrees(c, tx):
            return c
    plain = _Composed(cap(_DISPLAY[tx.name]), None, None, None, None)
    return plain if _agrees(plain, tx) else None


def _partial(rng: random.Random, tx: Treatment, group: str, primary: str) -> tuple[_Composed, Partial] | None:
    """A partly authorized request: (remaining portion, Partial(original, authorized))."""
    term = cap(_treatment_term(rng, tx))
    if group in _DRUG_GROUPS:
        dose = f" {rng.choice(tx.doses)}" if tx.doses else ""
        total = rng.choice((60, 90, 120, 180))
        auth = total // rng.choice((2, 3))
        req = _Composed(f"{term}{dose} #{total - auth}", None, total - auth, None, None)
        partial = Partial(f"{term}{dose} #{total}", f"{term}{dose} #{auth}")
    else:
        part = _pick_part(rng, _PARTS[tx.name], primary) if _PARTS[tx.name] else None
        where = f" to the {part}" if part else ""
        if rng.random() < 0.5:
            f = rng.choice((2, 3))
            d = rng.choice((3, 4, 6))
            a = rng.randrange(1, d)
            req = _Composed(f"{term}{where} {f} times a week for {d - a} {_unit(d - a, 'weeks')}", part, None,
                            Frequency(f, "week"), Duration(d - a, "weeks"))
            partial = Partial(f"{term}{where} {f} times a week for {d} weeks",
                              f"{term}{where} {f} times a week for {a} {_unit(a, 'weeks')}")
        else:
            total = rng.choice((6, 8, 10, 12, 18))
            auth = rng.choice([k for k in (2, 3, 4, 6) if k < total])
            words = rng.random() < 0.5

            def n(k: int) -> str:
                return _WORDS[k] if words and k <= 20 else str(k)

            req = _Composed(f"{term}{where}, {n(total - auth)} sessions", part, total - auth, None, None)
            partial = Partial(f"{term}{where}, {n(total)} sessions", f"{term}{where}, {n(auth)} sessions")
    return (req, partial) if _agrees(req, tx) else None


# ---------------------------------------------------------------------------
# guidelines


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
    section, pages = _prefer(rng, _CPMTG.get(group, _CPMTG["generic"]), treatment)
    if year <= 2014 or (year == 2015 and rng.random() < 0.5):
        of = " of 127" if rng.random() < 0.2 else ""
        title = "Chronic Pain Treatment Guidelines"
        if rng.random() < 0.15:
            return _Clause(f"Decision based on MTUS {title} Page(s): {pages}{of}.",
                           (Citation(by=by, source="MTUS", title=title, pages=pages),))
        return _Clause(f"Decision based on MTUS {title} Section on {section} Page(s): {pages}{of}.",
                       (Citation(by=by, source="MTUS", title=title, section=section, pages=pages),))
    if year >= 2017 or (year == 2016 and rng.random() < 0.5):
        return _mtus_refs(rng, [("Chronic Pain Medical Treatment 2016", _CPMTG_2016.get(section, section))], by)
    return _mtus_refs(rng, [("Chronic Pain Medical Treatment 2009", section)], by)


def _mtus(rng: random.Random, group: str, region: str | None, year: int, by: _By, treatment: str) -> _Clause:
    """One MTUS clause for the request: its body region's chapter, or a general one."""
    if "acupunct" in treatment or "acupress" in treatment:
        return _mtus_refs(rng, [("Acupuncture Treatment 2007", None)], by)
    if group == "adjunct" and rng.random() < 0.4:
        return _mtus_refs(rng, [("Postsurgical Treatment 2009", rng.choice((None, "Postsurgical Treatment Guidelines")))], by)
    chapter = _MTUS_REGION.get(region or "")
    sections = _MTUS_REGION_SECTIONS.get(group)
    if chapter and sections and (group in ("imaging", "emg", "surgery") or rng.random() < 0.4):
        refs: list[tuple[str, str | None]] = [(chapter, rng.choice(sections))]
        if group not in ("imaging", "emg", "surgery") and year >= 2016 and rng.random() < 0.3:
            section, _ = _prefer(rng, _CPMTG.get(group, _CPMTG["generic"]), treatment)
            edition = 2016 if year >= 2017 else 2009
            refs.append((f"Chronic Pain Medical Treatment {edition}",
                         _CPMTG_2016.get(section, section) if edition == 2016 else section))
        return _mtus_refs(rng, refs, by)
    if group in ("imaging", "emg", "surgery", "consult", "adjunct", "test") and rng.random() < 0.5:
        return _mtus_refs(rng, [("General Approaches 2004", rng.choice(_GENERAL_SECTIONS))], by)
    return _mtus_chronic(rng, group, year, by, treatment)


_GENERAL_SECTIONS = (
    "Initial Approaches to Treatment", "Cornerstones of Disability Prevention and Management",
    "Independent Medical Examinations and Consultations", "Prevention",
)


def _non_mtus(rng: random.Random, group: str, region: str | None, by: _By, treatment: str) -> _Clause:
    """One "Non-MTUS Citation" clause: mostly ODG, some ACOEM 3rd edition, a few others."""
    r = rng.random()
    if r < 0.72:
        if group in _DRUG_GROUPS or (group in ("lab", "program") and rng.random() < 0.7):
            chapters: tuple[str, ...] = ("Pain",)
        else:
            chapters = _ODG_REGION.get(region or "") or (_ODG_DEFAULT_CHAPTER.get(group, "Pain"),)
        chapter = rng.choice(chapters)
        topic = _prefer(rng, _ODG_TOPICS.get(group, _ODG_TOPICS["generic"]), treatment)
        form = rng.randrange(6)
        section: str | None
        if form <= 2:
            section = f"{chapter} Chapter, {topic}"
        elif form == 3:
            section = f"{chapter}, {topic}"
        elif form == 4:
            section = f"{chapter} Chapter"
        else:
            section = None
        t = rng.randrange(4)
        title_text = ("Official Disability Guidelines (ODG)", "Official Disability Guidelines (ODG)",
                      "Official Disability Guidelines", "ODG")[t]
        if section is None:
            text = f"Decision based on Non-MTUS Citation {title_text}."
        else:
            sep = ", " if t == 2 or rng.random() < 0.5 else " "
            text = f"Decision based on Non-MTUS Citation {title_text}{sep}{section}."
        return _Clause(text, (Citation(by=by, source="ODG", title="Official Disability Guidelines", section=section),))
    if r < 0.92:
        section = _ACOEM_CHAPTERS.get(region, _ACOEM_CHAPTERS[None])
        pages = None
        if rng.random() < 0.75:
            section = f"{section}, {rng.choice(_ACOEM_TOPICS.get(group, _ACOEM_TOPICS[None]))}"
            if rng.random() < 0.8:
                pages = str(rng.randint(40, 700))
        title = "ACOEM Occupational Medicine Practice Guidelines, 3rd ed."
        text = f"Decision based on Non-MTUS Citation {title}, {section}" + (f", pg. {pages}" if pages else "") + "."
        return _Clause(text, (Citation(by=by, source="ACOEM", title=title, section=section, pages=pages),))
    title = rng.choice(_OTHER_TITLES)
    return _Clause(f"Decision based on Non-MTUS Citation {title}.", (Citation(by=by, source="other", title=title),))


def _guideline(rng: random.Random, group: str, region: str | None, year: int, by: _By, treatment: str,
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
                   _mtus_refs(rng, [("General Approaches 2004", rng.choice(_GENERAL_SECTIONS))], by)]
    text = preamble + " ".join(c.text for c in clauses)
    return text, [cite for c in clauses for cite in c.citations]


def _source_name(rng: random.Random, cites: list[Citation]) -> str:
    """How the rationale names the guideline it leans on (a singular noun phrase)."""
    if not cites:
        return rng.choice(("the evidence-based literature", "the applicable guidance", "current practice guidance"))
    c = cites[0]
    if c.source == "MTUS":
        if c.pages:
            return rng.choice((f"the MTUS chronic pain guidance on pages {c.pages}", f"page {c.pages.split('-')[0]} of the MTUS"))
        return rng.choice((f"the MTUS {c.title} chapter", "the California MTUS", "the MTUS"))
    if c.source == "ODG":
        return rng.choice(("the Official Disability Guidelines", "the ODG", "ODG"))
    if c.source == "ACOEM":
        return rng.choice(("the ACOEM practice guideline", "ACOEM"))
    return "the cited reference"


# ---------------------------------------------------------------------------
# the letter


class _Ctx:
    """Per-letter facts the prose refers back to (pronouns, side, region, age wording)."""

    __slots__ = ("He", "age_text", "he", "his", "region", "rng", "sex", "side")

    def __init__(self, rng: random.Random, sex: str, age: int | None, primary: str) -> None:
        self.rng = rng
        self.sex = sex
        self.he, self.his = ("he", "his") if sex == "male" else ("she", "her")
        self.He = cap(self.he)
        self.side = rng.choice(("left", "right"))
        self.region = _REGION_NAMES.get(_region(primary) or "", primary)
        if age is None:
            self.age_text = "a year old"  # the age redacted, as real letters print it
        else:
            art = "an" if age in (11, 18) or str(age).startswith("8") else "a"
            self.age_text = f"{art} {age}{rng.choice(('-year-old', ' year old', ' year old'))}"

    def fill(self, s: str) -> str:
        """Fill a template's {he}/{his}/{He}/{side}/{region}/{n}/{a}/{b} slots."""
        if "{" not in s:
            return s
        rng = self.rng
        a = rng.randint(6, 9)
        return s.format(he=self.he, his=self.his, He=self.He, side=self.side,
                        region=self.region, n=rng.randint(3, 9), a=a, b=rng.randint(2, a - 2))


def _dates(rng: random.Random, year: int, expedited: bool) -> dict[str, date]:
    """Injury < UR denial < application received < assigned < decision, all plausible."""
    start = date(year, 3, 1) if year == 2013 else date(year, 1, 1)
    end = date(year, 11, 10) if year >= 2025 else date(year, 12, 31)
    assigned = start + timedelta(days=rng.randrange((end - start).days + 1))
    gap = rng.randint(8, 70)
    ur = assigned - timedelta(days=gap)
    received = ur + timedelta(days=rng.randint(1, gap - 1))
    decided = assigned + timedelta(days=rng.randint(1, 3) if expedited else rng.randint(14, 44))
    r = rng.random()
    if r < 0.3:
        back = rng.randint(20, 180)
    elif r < 0.75:
        back = rng.randint(180, 3 * 365)
    else:
        back = rng.randint(3 * 365, 15 * 365)
    return {"assigned": assigned, "received": received, "ur": ur, "decided": decided, "injury": ur - timedelta(days=back)}


_SPEC_PAIRS = (
    ("Orthopedic Surgery", "Sports Medicine"), ("Anesthesiology", "Pain Management"),
    ("Preventive Medicine", "Occupational Medicine"), ("Physical Medicine & Rehabilitation", "Pain Management"),
    ("Family Practice", "Sports Medicine"), ("Neurology", "Pain Management"), ("Internal Medicine", "Rheumatology"),
    ("Psychiatry", "Addiction Psychiatry"), ("Orthopedic Surgery", "Hand Surgery"),
    ("Physical Medicine & Rehabilitation", "Sports Medicine"), ("Anesthesiology", "Pain Management", "Hospice & Palliative Medicine"),
    ("Physical Medicine & Rehabilitation", "Pain Management", "Occupational Medicine"),
)
_COMMON_SPECS = (
    "Orthopedic Surgery", "Physical Medicine & Rehabilitation", "Occupational Medicine", "Family Practice",
    "Internal Medicine", "Anesthesiology", "Pain Management", "Preventive Medicine", "Chiropractic",
    "Neurology", "Psychology", "Emergency Medicine", "Psychiatry",
)


def _reviewer(rng: random.Random) -> Reviewer:
    known = set(SPECIALTIES)
    r = rng.random()
    if r < 0.35:
        specs = [s for s in rng.choice(_SPEC_PAIRS) if s in known]
    elif r < 0.75:
        specs = [rng.choice([s for s in _COMMON_SPECS if s in known] or list(SPECIALTIES))]
    else:
        specs = rng.sample(SPECIALTIES, rng.choice((1, 1, 2, 2, 3)))
    if not specs:
        specs = [rng.choice(SPECIALTIES)]
    k = rng.choice((1, 1, 1, 1, 1, 2, 2, 2, 3, 3))
    states = rng.sample(STATES, k)
    if "California" in STATES and "California" not in states and rng.random() < 0.75:
        states[rng.randrange(k)] = "California"
    return Reviewer(specialties=specs, licensure=states)


# Items in a letter that decides more than one: mostly two or three, rarely up to twenty.
_ITEM_COUNTS = tuple(range(2, 21))
_ITEM_CUM: list[float] = []
for _w in (50, 24, 10, 5, 3, 2, 1.2, 0.8, 0.6, 0.5, 0.4, 0.3, 0.3, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1):
    _ITEM_CUM.append((_ITEM_CUM[-1] if _ITEM_CUM else 0) + _w)


def _item_count(rng: random.Random) -> int:
    """About three letters in five decide one item (the state reports two in five decide more)."""
    return 1 if rng.random() < 0.6 else rng.choices(_ITEM_COUNTS, cum_weights=_ITEM_CUM)[0]


# Treatments disputed far more often than the rest; every other one weighs 1.
_OFTEN = {
    "physical therapy": 14, "mri": 10, "hydrocodone/acetaminophen": 8, "acupuncture": 6, "chiropractic care": 5,
    "tramadol": 5, "cyclobenzaprine": 5, "emg/ncv": 5, "epidural steroid injection": 5, "omeprazole": 4,
    "gabapentin": 4, "urine drug screen": 4, "tens unit": 4, "lidocaine": 4, "compounded topical cream": 4,
    "naproxen": 4, "x-ray": 3, "oxycodone": 3, "tizanidine": 3, "pregabalin": 3, "duloxetine": 3,
    "functional restoration program": 3, "cognitive behavioral therapy": 3, "orthopedic consultation": 3,
    "pain management consultation": 3, "facet joint injection": 3, "medial branch block": 3,
    "radiofrequency ablation": 2, "spinal fusion": 2, "knee arthroscopy": 2, "shoulder arthroscopy": 2,
    "home health care": 2, "follow-up visit": 2, "psychotherapy": 2, "zolpidem": 2, "ct scan": 2,
    "trigger point injection": 2, "massage therapy": 2, "aquatic therapy": 2, "work hardening": 2,
}
_TX_CUM: list[float] = []
for _w in (_OFTEN.get(t.name, 1) for t in TREATMENTS):
    _TX_CUM.append((_TX_CUM[-1] if _TX_CUM else 0) + _w)


def _pick_treatment(rng: random.Random) -> Treatment:
    """Weighted so common disputes (therapy, MRI, opioids) recur while all 300+ treatments appear."""
    return rng.choices(TREATMENTS, cum_weights=_TX_CUM)[0]


def make_letter(rng: random.Random, case_number: str) -> Letter:
    """A complete ground-truth letter for ``case_number`` (``CMyy-nnnnnnn``, yy = year assigned)."""
    m = _CASE_RE.match(case_number)
    if not m:
        raise ValueError(f"case number must look like CM17-0005344, not {case_number!r}")
    expedited = rng.random() < 0.03
    d = _dates(rng, 2000 + int(m.group(1)), expedited)
    year = d["decided"].year
    sex = "male" if rng.random() < 0.55 else "female"
    age = None if rng.random() < 0.07 else rng.randint(18, 75)
    primary = rng.choice(_PRIMARY_PARTS) if _PRIMARY_PARTS and rng.random() < 0.6 else rng.choice(BODY_PARTS)
    ctx = _Ctx(rng, sex, age, primary)

    items: list[Item] = []
    n_items = _item_count(rng)
    seen: set[str] = set()
    tries = 0
    while len(items) < n_items and tries < n_items * 6:
        tries += 1
        tx = _pick_treatment(rng)
        group = _group(tx)
        composed: _Composed | None = None
        partial: Partial | None = None
        if rng.random() < 0.09 and (group in _DRUG_GROUPS or group in _SESSION_GROUPS):
            got = _partial(rng, tx, group, primary)
            if got:
                composed, partial = got
        if composed is None:
            composed = _compose_checked(rng, tx, group, primary)
        if composed is None or composed.request.lower() in seen:
            continue
        seen.add(composed.request.lower())
        outcome = "overturned" if rng.random() < 1 / 9 else "upheld"
        region = _region(composed.body_part) or _region(primary)
        # "<Bare Title-Cased Request>: Upheld" followed by a claims administrator who cited nothing
        # reads word for word like a few real letters, so such requests always get a citation.
        bare = composed.body_part is None and composed.quantity is None and composed.frequency is None
        may_cite_nothing = not bare and not composed.request.rsplit(" ", 1)[-1][:1].isupper()
        ca, ca_cites = _guideline(rng, group, region, year, "claims_administrator", tx.name, may_cite_nothing)
        rg, rg_cites = _guideline(rng, group, region, year, "reviewer", tx.name)
        items.append(Item(
            item=len(items) + 1,
            request=composed.request,
            partial=partial,
            treatment=tx.name,
            category=tx.category,
            subcategory=tx.subcategory,
            body_part=composed.body_part,
            quantity=composed.quantity,
            frequency=composed.frequency,
            duration=composed.duration,
            outcome=outcome,  # type: ignore[arg-type]
            claims_administrator_guideline=ca,
            reviewer_guideline=rg,
            citations=ca_cites + rg_cites,
            rationale=_rationale(ctx, group, tx.name, composed.request, outcome, rg_cites),
        ))
    if not items:  # pragma: no cover - only if the analyzer rejects everything
        raise RuntimeError("no request could be composed that analyze_request reads back")

    diagnoses = _diagnoses(rng, _region(primary))
    summary = _summary(ctx, d, diagnoses, items)
    return Letter(
        id=case_number,
        case_number=case_number,
        fingerprint=fingerprint(items),
        source="",
        shape="html-text",
        date_assigned=d["assigned"].isoformat(),
        date_of_injury=d["injury"].isoformat(),
        decision_date=d["decided"].isoformat(),
        ur_denial_date=d["ur"].isoformat(),
        application_received=d["received"].isoformat(),
        priority="expedited" if expedited else "standard",
        reviewer=_reviewer(rng),
        patient=Patient(age=age, sex=sex),  # type: ignore[arg-type]
        diagnoses=diagnoses,
        summary=summary,
        items=items,
    )


_DX_BY_REGION: dict[str | None, tuple[str, ...]] = {}
for _d in DIAGNOSES:
    _DX_BY_REGION.setdefault(_region(_d), ())
    _DX_BY_REGION[_region(_d)] += (_d,)


def _diagnoses(rng: random.Random, region: str | None) -> list[str]:
    """1-5 diagnoses, mostly of the injured region, in the order the summary lists them."""
    n = rng.choice((1, 2, 2, 3, 3, 3, 4, 5))
    local = _DX_BY_REGION.get(region, ()) if region else ()
    out: list[str] = []
    while len(out) < n:
        pool = local if local and rng.random() < 0.6 else DIAGNOSES
        d = rng.choice(pool)
        if d not in out:
            out.append(d)
    return out


_DX_LEADS = ("Diagnoses include", "The diagnoses include", "Diagnoses included", "The diagnoses included",
             "Current diagnoses include")


def _summary(ctx: _Ctx, d: dict[str, date], diagnoses: list[str], items: list[Item]) -> str:
    rng = ctx.rng
    he, He = ctx.he, ctx.He
    doi = _prose_date(rng, d["injury"])
    job = rng.choice(_OCCUPATIONS)
    sex = ctx.sex
    first = rng.randrange(5)
    if first == 0:
        intro = f"This injured worker is {ctx.age_text} {sex} who sustained an industrial injury on {doi}."
    elif first == 1:
        intro = f"The patient is {ctx.age_text} {sex} {job} who reported a work-related injury on {doi}."
    elif first == 2:
        intro = f"The injured worker is {ctx.age_text} {sex} employed as a {job}, with a date of injury of {doi}."
    elif first == 3:
        intro = f"This case concerns {ctx.age_text} {sex} who was hurt at work on {doi}."
    else:
        intro = f"The claimant, {ctx.age_text} {sex} {job}, has an accepted claim for an injury on {doi}."
    p1 = [intro]
    if rng.random() < 0.8:
        mech = ctx.fill(rng.choice(_MECHANISMS))
        p1.append(rng.choice((f"The injury occurred when {he} {mech}.", f"{He} reported that {he} {mech}.",
                              f"According to the first report, {he} {mech}.")))
    else:
        p1.append(f"The claim is for cumulative trauma attributed to {rng.choice(_CUMULATIVE)}.")
    if rng.random() < 0.15:
        p1.append(rng.choice(("The employer is listed as [REDACTED].", "The patient works for [REDACTED].",
                              f"{He} was seen at [REDACTED] after the injury.")))
    dx = f"{rng.choice(_DX_LEADS)} {series(diagnoses, oxford=rng.random() < 0.3)}."

    care = rng.sample(_PRIOR_CARE, rng.randint(2, 5))
    visit = d["ur"] - timedelta(days=rng.randint(5, 40))
    p2 = [
        rng.choice(("Treatment to date has included", "Prior care has consisted of", f"{He} has been treated with",
                    "Conservative care so far has included")) + f" {series(care)}.",
        f"At a visit on {_prose_date(rng, visit)}, {he} reported {ctx.fill(rng.choice(_COMPLAINTS))}.",
        "Examination showed " + series([ctx.fill(f) for f in rng.sample(_FINDINGS, rng.randint(1, 3))]) + ".",
    ]
    p3: list[str] = []
    if rng.random() < 0.6:
        when = _prose_date(rng, d["injury"] + timedelta(days=rng.randint(10, max(11, (d["ur"] - d["injury"]).days))))
        p3.append(f"On {when}, {ctx.fill(rng.choice(_IMAGING))}.")
    if rng.random() < 0.6:
        p3.append(f"Current medications include {series(rng.sample(_MEDS_NOW, rng.randint(1, 4)))}.")
    if rng.random() < 0.7:
        p3.append(ctx.fill(rng.choice(_WORK)))

    reqs = [it.request for it in items]
    listed = series(reqs[:4]) + (" and other items" if len(reqs) > 4 else "")
    noun = "request" if len(reqs) == 1 else "requests"
    p4 = [
        rng.choice((f"A request for authorization asked for {listed}.",
                    f"The treating provider requested {listed}.",
                    f"The treatment plan included {listed}.")),
        (f"On {_prose_date(rng, d['ur'])}, utilization review {rng.choice(_UR_VERBS)} the {noun}, citing "
         f"{rng.choice(_UR_REASONS)}."),
    ]
    for it in items:
        if it.partial:
            p4.append(f"The claims administrator authorized part of the request ({it.partial.authorized}).")
            break
    if rng.random() < 0.4:
        p4.append(rng.choice(("The patient then applied for independent medical review.",
                              "An application for independent medical review followed.",
                              "The decision was appealed through independent medical review.")))

    layout = rng.randrange(4)
    if layout == 0:
        paras = [p1 + [dx], p2 + p3, p4]
    elif layout == 1:
        paras = [p1, [dx] + p2, p3, p4] if p3 else [p1, [dx] + p2, p4]
    elif layout == 2:
        paras = [p1 + [dx] + p2 + p3, p4]
    else:
        paras = [p1 + [dx] + p2, p3 + p4] if p3 else [p1 + [dx] + p2, p4]
    return "\n\n".join(" ".join(p) for p in paras if p)


_CONCLUDE = ("Therefore,", "Therefore,", "Therefore,", "As such,", "Accordingly,", "Given the above,", "Consequently,")


# Guideline statements for particular treatments, tried before the group's own.
_GUIDES_BY_NAME: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("urine", "drug screen", "toxicolog"), (
        "drug testing is an option to assess for illicit substances and to monitor adherence in patients on controlled medications",
        "the frequency of testing should follow the patient's risk of misuse",
        "confirmatory testing is reserved for unexpected results on a point-of-care screen",
    )),
    (("epidural", "nerve root"), (
        "epidural injections are an option for radicular pain when radiculopathy is corroborated by imaging or testing and initially unresponsive to conservative care",
        "no more than two nerve root levels should be injected in one session",
        "repeat injections need at least fifty percent pain relief lasting six weeks after the previous one",
    )),
    (("facet", "medial branch", "radiofrequency"), (
        "facet blocks are limited to patients with non-radicular pain at no more than two levels",
        "neurotomy should follow only a positive diagnostic block with at least seventy percent relief",
        "facet procedures should be part of an active rehabilitation program rather than stand alone",
    )),
    (("trigger point",), (
        "trigger point injections require circumscribed trigger points with a twitch response and referred pain",
        "injections should not be repeated more often than every two months and only with lasting relief",
    )),
    (("acupunct", "acupress", "cupping", "needling"), (
        "acupuncture is an option when pain medication is reduced or not tolerated, or as an adjunct to physical rehabilitation",
        "functional improvement should appear within three to six treatments",
        "treatment may be extended only when functional improvement is documented",
    )),
    (("chiropract", "manipulat"), (
        "manual therapy is an option for chronic pain caused by musculoskeletal conditions",
        "a trial of about six visits over two weeks should show objective gains before further care",
        "elective or maintenance care is not considered medically necessary",
    )),
)


def _guides(tx_name: str, group: str) -> tuple[str, ...]:
    for keys, guides in _GUIDES_BY_NAME:
        if any(k in tx_name for k in keys):
            return guides
    return _PROSE.get(group, _PROSE["generic"]).guide


_VERBS = ("states that", "notes that", "indicates that", "explains that", "provides that")


def _rationale(ctx: _Ctx, group: str, tx_name: str, request: str, outcome: str, cites: list[Citation]) -> str:
    """1-3 paragraphs: what the cited guideline says, what the record shows, the conclusion."""
    rng = ctx.rng
    prose = _PROSE.get(group, _PROSE["generic"])
    guide_pool = _guides(tx_name, group)
    guides = rng.sample(guide_pool, min(len(guide_pool), rng.choice((1, 2))))
    src = _source_name(rng, cites)
    if rng.random() < 0.5:
        para1 = [f"According to {src}, {ctx.fill(guides[0])}."]
    else:
        para1 = [f"{cap(src)} {rng.choice(_VERBS)} {ctx.fill(guides[0])}."]
    if len(guides) > 1:
        para1.append(rng.choice(("The guidance adds that ", "It further notes that ", "In addition, ")) + ctx.fill(guides[1]) + ".")
    pool = (prose.deny + _GENERIC_DENY) if outcome == "upheld" else (prose.grant + _GENERIC_GRANT)
    facts = [ctx.fill(s) for s in rng.sample(pool, min(len(pool), rng.randint(1, 3)))]
    lead = rng.choice(("In this case, ", "Here, ", "For this patient, ", "In the present case, "))
    facts[0] = lead + _lower_first(facts[0])
    end = f"{rng.choice(_CONCLUDE)} the request for {request} is {'not ' if outcome == 'upheld' else ''}medically necessary."
    r = rng.random()
    if r < 0.5:
        return " ".join(para1 + facts + [end])
    if r < 0.85:
        return " ".join(para1) + "\n\n" + " ".join(facts + [end])
    return " ".join(para1) + "\n\n" + " ".join(facts) + "\n\n" + end


# ---------------------------------------------------------------------------
# rendering


def render(letter: Letter, shape: str) -> str:
    """The letter's text in ``shape`` (one of ``SHAPES``), laid out as real letters of that shape are."""
    if shape == "html-text":
        return _render_html(letter, letter_rng(letter, shape))
    if shape in ("pdf-text", "pdf-text-noheader"):
        return _render_pdf(letter, letter_rng(letter, shape), header=shape == "pdf-text")
    raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")


def _hard_break(rng: random.Random, text: str) -> str:
    """A markdown hard break (two spaces, newline) somewhere inside a long value."""
    if len(text) < 160 or rng.random() > 0.12:
        return text
    lo = len(text) // 3
    i = text.find(" ", lo + rng.randrange(lo))
    if i < 0 or i > len(text) - 20 or text[i + 1] in "#*<":
        return text
    return text[:i] + "  \n" + text[i + 1:]


def _render_html(letter: Letter, rng: random.Random) -> str:
    out = ["", ""]
    for l1, v1, l2, v2 in header_rows(letter):
        out.append("\t".join((f"<b>{l1}</b>", v1, f"<b>{l2}</b>" if l2 else "", v2)))
    out += ["", f"### {wording.HOW}", ""]
    for p in web_reviewer_paragraphs(rng, letter.reviewer):
        out += [p, ""]
    out += [f"### {wording.SUMMARY_HEADING}", "", wording.SUMMARY_INTRO, ""]
    for p in letter.summary.split("\n\n"):
        out += [_hard_break(rng, p), ""]
    out += [f"### {wording.ISSUES_HEADING}", "", wording.ISSUES_INTRO, ""]
    for it in letter.items:
        out += [f"**{item_title(it)}:** {it.outcome.capitalize()}", ""]
        for label, text in item_fields(it):
            out += [f"**{label}:** {_hard_break(rng, text)}" if label else _hard_break(rng, text), ""]
    return "\n".join(out[:-1])


_SENT_END = (".", ".\"", "?")


def _wrap(rng: random.Random, text: str, width: int, double: bool) -> list[str]:
    """Hard-wrap like a PDF text layer: every line keeps the space it broke at.

    Line lengths wander a few characters around ``width`` (the PDF's font is
    proportional). A word with a hyphen between two letters may break after
    the hyphen, and that line then ends in "-" with no space, as extracted
    PDFs do. With ``double``, sentences are followed by two spaces.
    """
    lines: list[str] = []
    cur = ""
    jitter = rng.random
    limit = width - 5 + int(jitter() * 9)
    for w in text.split(" "):
        if not cur:
            cur = w
            continue
        sep = "  " if double and cur.endswith(_SENT_END) else " "
        if len(cur) + len(sep) + len(w) <= limit:
            cur = cur + sep + w
            continue
        k = w.find("-")
        if 0 < k < limit - len(cur) - len(sep) and k + 1 < len(w) and w[k - 1].isalpha() and w[k + 1].isalpha():
            lines.append(cur + sep + w[: k + 1])
            cur = w[k + 1:]
        else:
            lines.append(cur + sep)
            cur = w
        limit = width - 5 + int(jitter() * 9)
    lines.append(cur + " ")
    return lines


def _render_pdf(letter: Letter, rng: random.Random, header: bool) -> str:
    width = rng.randint(92, 97)
    double = rng.random() < 0.3
    blocks: list[list[str]] = []  # paragraphs; a lone-space line goes between consecutive ones

    def para(text: str, tail: str = "") -> list[str]:
        lines = _wrap(rng, text, width, double)
        if tail:
            lines[-1] = lines[-1] + tail
        return lines

    head: list[str] = []
    if header:
        # the header table's text layer: labels wrap inside their cells
        (_, case, _, _), (_, assigned, _, injured), (_, decided, _, denied), (_, priority, _, received) = (
            header_rows(letter))
        head = [
            " ",
            f"Case Number: {case}  ",
            f"Date Assigned: {assigned} Date of Injury:  {injured} ",
            f"Decision Date: {decided} UR Denial Date:  {denied} ",
            f"Priority:  {priority} Application ",
            "Received:  ",
            f"{received} ",
            " ",
        ]
    how_head = f"{wording.HOW} " if header else f" {wording.HOW} "
    blocks.append([how_head] + para(f"{wording.BOILER_A} {wording.BOILER_B}"))
    sep = rng.choice((",", ", ", ", "))
    intro, states, specialties = listed_credentials(letter.reviewer, sep)
    blocks.append([f"{intro} "] + para(states) + para(specialties))
    blocks.append([f"{wording.SUMMARY_HEADING} "] + para(wording.SUMMARY_INTRO))
    for p in letter.summary.split("\n\n"):
        blocks.append(para(p))
    blocks.append([f"{wording.ISSUES_HEADING} "] + para(wording.ISSUES_INTRO))
    for it in letter.items:
        # "<last word>: Upheld" never splits across lines (\x00 is a space the wrap keeps)
        glue = rng.choice((":\x00\x00", ":\x00"))
        blocks.append([x.replace("\x00", " ") for x in para(f"{item_title(it)}{glue}{it.outcome.capitalize()}")])
        for label, text in item_fields(it):
            if label is None:
                blocks.append(para(text))
            elif label == wording.RATIONALE:
                blocks.append(para(f"{label}: {text}"))
            else:  # a guideline paragraph keeps the space after its last sentence
                lines = para(f"{label}: {text}", tail=" ")
                k = text.find(" Decision based on ")
                if label == wording.REVIEWER_GUIDELINE and k > 0 and rng.random() < 0.3:
                    # some reviewers' guidelines break the line before the first citation
                    lines = para(f"{label}: {text[:k]}") + para(text[k + 1:], tail=" ")
                blocks.append(lines)

    lines: list[str] = list(head)
    for i, b in enumerate(blocks):
        if i:
            lines.append(" ")
        lines.extend(b)
    # the very last line often loses its trailing space; some files end with lone-space lines
    end = rng.random()
    if end < 0.5:
        lines[-1] = lines[-1].rstrip(" ")
    tail_lines = [" "] if end < 0.85 else [" ", " ", " ", " "]

    # page breaks: every ~48 lines a run of empty lines, anywhere (mid-paragraph too)
    out: list[str] = []
    page = rng.randint(44, 52)
    n = 0
    for line in lines:
        if n >= page:
            n = 0
            page = rng.randint(44, 52)
            if rng.random() < 0.55:
                out.extend([""] * (1 if header else 2))
        out.append(line)
        if not header:
            out.append("")
        n += 1
    if header:
        out.extend(tail_lines)
        return "\n".join(out)
    out.extend(x for t in tail_lines for x in (t, ""))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# expected parse and corpus


def expected(letter: Letter, shape: str, source: str) -> Letter:
    """What the parser must return for ``render(letter, shape)`` read from ``source``.

    Shares the items and sub-records with ``letter`` (no deep copy): treat
    both as read-only.
    """
    if shape not in SHAPES and shape not in FILE_SHAPES:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES + FILE_SHAPES}")
    changes: dict[str, object] = {
        "id": letter.case_number or letter.id,
        "source": source,
        "shape": shape if shape in FILE_SHAPES else "html-text" if shape == "html-text" else "pdf-text",
    }
    if shape == "pdf-text-noheader":
        changes.update(dict.fromkeys(HEADER_FIELDS))
    return msgspec.structs.replace(letter, **changes)


_YEAR_WEIGHTS = {13: 0.6, 14: 1.0, 15: 1.0, 16: 1.0, 17: 1.0, 18: 1.0, 19: 1.0, 20: 0.9, 21: 1.0, 22: 1.0, 23: 1.0, 24: 1.0, 25: 0.9}


def normalize_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """``"text,pdf"`` or ``("pdf", "text")`` -> ``("text", "pdf")``; ``ValueError`` for an unknown or empty list."""
    names = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = {n.strip().lower() for n in names if n.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; expected some of {', '.join(FORMATS)}")
    if not wanted:
        raise ValueError(f"no format given; expected some of {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in wanted)


def corpus(
    count: int, seed: int = 0, formats: Iterable[str] = ("text",)
) -> Iterator[tuple[Letter, str, str | None]]:
    """The corpus ``write_corpus`` writes, as ``(letter, kind, duplicate kind or None)``.

    A kind is a text shape (``SHAPES``) or, when ``formats`` asks for them,
    "pdf" or "html". Case numbers are distinct (each year's numbers only
    grow), so the letters are too; about one in a hundred is also written in
    a second kind. The letters and their text shapes do not depend on
    ``formats``: which letters become files is drawn from a second generator
    seeded by ``seed``, so asking for PDFs turns some of the same letters
    into PDFs.
    """
    fmts = normalize_formats(formats)
    weights = [_FORMAT_WEIGHTS[f] for f in fmts]
    pick = random.Random(f"formats|{seed}")
    rng = random.Random(seed)
    years = list(_YEAR_WEIGHTS)
    cum: list[float] = []
    for w in _YEAR_WEIGHTS.values():
        cum.append((cum[-1] if cum else 0) + w)
    next_no = {y: rng.randint(1, 400) for y in years}
    for _ in range(count):
        yy = rng.choices(years, cum_weights=cum)[0]
        case = f"CM{yy:02d}-{next_no[yy]:07d}"
        next_no[yy] += rng.randint(1, 60)
        letter = make_letter(rng, case)
        shape = rng.choice(SHAPES)
        dup = rng.choice([s for s in SHAPES if s != shape]) if rng.random() < 0.01 else None
        first_fmt, dup_fmt = pick.choices(fmts, weights, k=2)  # two draws per letter, always
        kind = shape if first_fmt == "text" else first_fmt
        dup_kind = None
        if dup is not None:
            dup_kind = dup if dup_fmt == "text" else dup_fmt
            if dup_kind == kind and "text" in fmts:
                dup_kind = dup  # one case in two formats, as real corpora hold them
        yield letter, kind, dup_kind


def render_file(letter: Letter, kind: str, variant: int = 0) -> bytes:
    """The bytes of ``letter`` as a file of ``kind`` (a text shape, "pdf" or "html").

    ``variant`` > 0 gives another layout of the same letter ("pdf"/"html"
    only), for a duplicate written in the same format. PDF needs the ``pdf``
    extra (``synth_pdf.MissingExtra`` otherwise).
    """
    if kind == "pdf":
        from .pdf import render_pdf

        return render_pdf(letter, variant)
    if kind == "html":
        from .html import render_html

        return render_html(letter, variant).encode("utf-8")
    return render(letter, kind).encode("utf-8")


def suffix(kind: str) -> str:
    """The file name suffix for a kind: ".pdf", ".html", else ".txt"."""
    return _SUFFIX.get(kind, ".txt")


def write_corpus(
    out_dir: Path, count: int, seed: int = 0, formats: Iterable[str] = ("text",)
) -> dict[str, Any]:
    """Write ``count`` distinct letters as ``{case_number}.txt`` (or ``.pdf``/``.html``), ~1% also as
    ``{case_number}_2.*`` in another kind.

    ``formats`` is any of "text", "pdf", "html" (or a comma-separated
    string); with several, about 8 letters in 10 stay text and the rest are
    split evenly among the file formats. Same seed and formats, same bytes:
    every choice comes from ``Random(seed)``, a second generator seeded from
    ``seed`` for the formats, and the renderers' per-letter generators.
    Raises ``synth_pdf.MissingExtra`` before writing anything if PDFs are
    asked for and the ``pdf`` extra is not installed.
    """
    fmts = normalize_formats(formats)
    if "pdf" in fmts:
        from .pdf import require

        require()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    duplicates = 0
    by_format = dict.fromkeys(fmts, 0)
    for letter, kind, dup in corpus(count, seed, fmts):
        _write_kind(out_dir / f"{letter.case_number}{suffix(kind)}", letter, kind, 0)
        by_format[kind if kind in FILE_SHAPES else "text"] += 1
        if dup:
            variant = 1 if dup == kind else 0
            _write_kind(out_dir / f"{letter.case_number}_2{suffix(dup)}", letter, dup, variant)
            by_format[dup if dup in FILE_SHAPES else "text"] += 1
            duplicates += 1
    return {"letters": count, "duplicates": duplicates, "files": count + duplicates, "formats": by_format}


def _write_kind(path: Path, letter: Letter, kind: str, variant: int) -> None:
    if kind in SHAPES:
        _write(path, render(letter, kind))
    else:
        path.write_bytes(render_file(letter, kind, variant))


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
