"""How item requests are written: which body parts a request may name, how often, and the words for counts.

Why apart: these are tables, not logic; ``item_requests`` composes requests
from them. A body part is added only where it makes sense for the
treatment (``PART_RULES``), so "knee brace for the lumbar spine" never
appears. Data only.
"""

from __future__ import annotations

from ..vocab.treatments import BODY_PARTS

NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)


PART_SHARE = {
    "imaging": 0.92, "emg": 0.6, "therapy": 0.75, "injection": 0.7, "surgery": 0.7, "dme": 0.5, "estim": 0.45,
    "topical": 0.25, "consult": 0.3,
}
"""How often a request of each kind names a body part."""
COMMON_PARTS = (
    "lumbar spine", "cervical spine", "shoulder", "knee", "low back", "wrist", "neck", "hand",
    "thoracic spine", "elbow", "ankle", "hip", "foot", "lumbosacral spine",
)


PRIMARY_PARTS = tuple(p for p in COMMON_PARTS if p in BODY_PARTS)
"""Where most injuries are: a letter's primary region is one of these three times in five."""


SMALL_WORDS = frozenset({"of", "the", "for", "to", "a", "an", "and", "with", "without", "per", "x", "in", "on", "at", "or"})


SPINE = ("lumbar spine", "cervical spine", "thoracic spine", "lumbosacral spine", "thoracolumbar spine", "spine",
         "low back", "upper back", "mid back", "back", "neck", "sacroiliac joint")
JOINTS = ("shoulder", "knee", "hip", "elbow", "wrist", "ankle", "hand", "foot", "thumb", "finger", "great toe",
          "temporomandibular joint")
HAND = ("wrist", "hand", "thumb", "finger", "forearm")
LIMBS = ("upper extremity", "lower extremity", "arm", "leg", "hand", "foot", "forearm", "lower leg")
NOT_MSK = frozenset({"brain", "face", "eye", "ear", "abdomen", "head", "chest"})
MSK = tuple(p for p in BODY_PARTS if p not in NOT_MSK)
PART_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
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
      "nerve root", "back brace", "cervical collar", "back school"), SPINE),
    (("carpal", "trigger finger", "quervain", "ganglion", "wrist", "hand therapy", "paraffin"), HAND),
    (("cubital", "epicondyl", "elbow"), ("elbow",)),
    (("rotator", "shoulder"), ("shoulder",)),
    (("acl", "knee"), ("knee",)),
    (("plantar", "orthotic", "orthopedic shoes", "ankle", "walking boot"), ("foot", "ankle", "heel")),
    (("arthroscop", "arthrogram", "arthroplasty", "continuous passive", "hyaluronic", "platelet", "prolotherapy",
      "stem cell", "corticosteroid", "manipulation under", "hardware", "open reduction", "brace", "sling",
      "cold therapy", "vascutherm", "shockwave"), JOINTS),
    (("emg", "ncv", "nerve conduction"), LIMBS + ("lumbar spine", "cervical spine")),
    (("consult", "evaluation", "visit", "examination", "transfer of care"), SPINE[:6] + JOINTS[:8]),
)
"""Which body parts a request for a treatment can name, by words of its canonical name (first match wins)."""
PART_DEFAULTS = {"imaging": BODY_PARTS, "therapy": MSK, "injection": SPINE + JOINTS, "surgery": JOINTS,
                 "estim": MSK, "dme": MSK, "topical": MSK, "consult": (), "adjunct": ()}


PART_PLACEMENTS = (
    "{term}{tail} for the {part}",
    "{term} of the {part}{tail}",
    "{part} {term}{tail}",
    "{term}{tail}, {part}",
    "{term} to the {part}{tail}",
    "{term}{tail} {part}",
)
"""Where a request names its body part; {tail} is what follows the treatment (" 2x4", " rental"), or nothing."""

FREQ_WORDS = {1: "once", 2: "twice", 3: "three times", 4: "four times"}
