"""The vocabulary of the clinical case summary: who was hurt, how, and what was done since.

Why apart: these are tables, not logic. ``prose.write_summary`` draws from
them; every phrase was written for this project (no sentence of a real
letter may appear, which ``tests/unit/test_synth.py`` checks). Templates hold
``{he}``/``{his}``/``{side}``/``{n}`` slots that ``prose.CaseContext.fill``
fills. Data only.
"""

from __future__ import annotations

INTROS = (
    "This injured worker is {age} {sex} who sustained an industrial injury on {doi}.",
    "The patient is {age} {sex} {job} who reported a work-related injury on {doi}.",
    "The injured worker is {age} {sex} employed as a {job}, with a date of injury of {doi}.",
    "This case concerns {age} {sex} who was hurt at work on {doi}.",
    "The claimant, {age} {sex} {job}, has an accepted claim for an injury on {doi}.",
)
"""The summary's first sentence, which the parser reads the age and sex from: {age} is "a 45-year-old",
"an 81 year old" or, redacted, "a year old"; {sex} "male" or "female"; {doi} the date of injury."""

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


OCCUPATIONS = (
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

MECHANISMS = (
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

CUMULATIVE = (
    "years of repetitive keyboarding and mouse use",
    "repetitive lifting and sorting of parcels",
    "prolonged standing on concrete floors",
    "continuous overhead work",
    "repeated bending and twisting while cleaning rooms",
    "years of operating vibrating power tools",
)

PRIOR_CARE = (
    "oral analgesics", "a course of physical therapy", "chiropractic sessions", "acupuncture",
    "activity modification", "a home exercise program", "epidural steroid injections",
    "topical creams", "a back brace", "work restrictions", "cognitive behavioral therapy",
    "trigger point injections", "a trial of a TENS unit", "ice and heat", "a wrist splint",
    "time off work", "anti-inflammatory medication", "muscle relaxants", "a cortisone injection",
    "massage", "a knee brace", "aquatic therapy", "a cervical pillow", "sleep aids",
    "a functional capacity evaluation", "an orthopedic consultation", "a pain management referral",
)

COMPLAINTS = (
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

FINDINGS = (
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

IMAGING = (
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

WORK_STATUS = (
    "{He} is working with modified duties.",
    "{He} has not returned to work since the injury.",
    "{He} remains off work on temporary total disability.",
    "{He} returned to full duty but reports difficulty keeping up.",
    "The employer could not accommodate the restrictions, so {he} is not working.",
    "{He} is currently working part time.",
)

MEDS_NOW = (
    "hydrocodone with acetaminophen", "tramadol", "naproxen", "ibuprofen", "cyclobenzaprine",
    "gabapentin", "omeprazole", "meloxicam", "a lidocaine patch", "duloxetine", "trazodone",
    "tizanidine", "acetaminophen", "baclofen", "pregabalin", "celecoxib",
)

UR_REASONS = (
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

UR_VERBS = ("non-certified", "denied", "did not certify", "declined")


DX_LEADS = ("Diagnoses include", "The diagnoses include", "Diagnoses included", "The diagnoses included",
            "Current diagnoses include")
