"""The mix of a generated corpus: how common each year, item count, treatment, specialty and file format is.

Why apart: these are the knobs that make a corpus look like the state's
(therapy and MRI disputed most, most letters deciding one item); the code
that draws from them is in ``letters``, ``item_requests`` and ``files``.
Data only.
"""

from __future__ import annotations

YEAR_WEIGHTS = {13: 0.6, 14: 1.0, 15: 1.0, 16: 1.0, 17: 1.0, 18: 1.0, 19: 1.0, 20: 0.9, 21: 1.0, 22: 1.0, 23: 1.0, 24: 1.0, 25: 0.9}
"""Relative number of letters per year assigned (20yy); 2013 started in March, 2025 is partial."""

LAYOUT_WEIGHTS = {
    13: {"notice": 0.3, "maximus": 0.14, "professional-review": 0.12},
    14: {"maximus": 0.08, "professional-review": 0.03},
}
"""Share of each older layout among a year's letters (20yy); the rest are "standard". The 2013 notices
and reports gave way to the standard layout during 2014: a few percent of a corpus spanning 2013 on."""

FORMAT_WEIGHTS = {"text": 8.0, "pdf": 1.0, "html": 1.0}
"""Share of each requested format among the letters (text stays the large majority)."""


ITEM_COUNTS = tuple(range(2, 21))
ITEM_COUNT_WEIGHTS = (50, 24, 10, 5, 3, 2, 1.2, 0.8, 0.6, 0.5, 0.4, 0.3, 0.3, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1)
"""Items in a letter that decides more than one: mostly two or three, rarely up to twenty."""


DISPUTE_WEIGHTS = {
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
"""Treatments disputed far more often than the rest; every other one weighs 1."""


SPECIALTY_SETS = (
    ("Orthopedic Surgery", "Sports Medicine"), ("Anesthesiology", "Pain Management"),
    ("Preventive Medicine", "Occupational Medicine"), ("Physical Medicine & Rehabilitation", "Pain Management"),
    ("Family Practice", "Sports Medicine"), ("Neurology", "Pain Management"), ("Internal Medicine", "Rheumatology"),
    ("Psychiatry", "Addiction Psychiatry"), ("Orthopedic Surgery", "Hand Surgery"),
    ("Physical Medicine & Rehabilitation", "Sports Medicine"), ("Anesthesiology", "Pain Management", "Hospice & Palliative Medicine"),
    ("Physical Medicine & Rehabilitation", "Pain Management", "Occupational Medicine"),
)
COMMON_SPECIALTIES = (
    "Orthopedic Surgery", "Physical Medicine & Rehabilitation", "Occupational Medicine", "Family Practice",
    "Internal Medicine", "Anesthesiology", "Pain Management", "Preventive Medicine", "Chiropractic",
    "Neurology", "Psychology", "Emergency Medicine", "Psychiatry",
)
