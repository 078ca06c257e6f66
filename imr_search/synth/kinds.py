"""The two keys every other table is indexed by: a treatment's kind of request and a body part's region.

Why: the rationale prose, the guideline vocabulary and the request wording
all vary by what is asked for (an opioid, therapy sessions, imaging ...) and
where (low back, knee ...). ``treatment_group`` and ``body_region`` map the
vocabulary's treatments and body parts onto those keys, so the tables
elsewhere stay small.
"""

from __future__ import annotations

from ..vocab.treatments import Treatment


def treatment_group(tx: Treatment) -> str:
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
    return CATEGORY_GROUP.get(c, "generic")


CATEGORY_GROUP = {
    "Injection": "injection", "Rehabilitation": "therapy", "Therapies": "therapy", "Psych Services": "psych",
    "Programs": "program", "Evaluation & Management": "consult", "Home Health": "home", "Transportation": "transport",
}


REGION_KEYS = (
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


def body_region(body_part: str | None) -> str | None:
    """The guideline chapter family a body part belongs to."""
    if body_part:
        for key, words in REGION_KEYS:
            if any(w in body_part for w in words):
                return key
    return None


DRUG_GROUPS = frozenset({"opioid", "nsaid", "relaxant", "topical", "gi", "sleep", "drug"})
"""Kinds written as a drug with dose and count ("Tramadol 50mg #60")."""
SESSION_GROUPS = frozenset({"therapy", "psych", "home", "program"})
"""Kinds written with sessions or a weekly frequency ("PT 2x4", "six sessions of CBT")."""
