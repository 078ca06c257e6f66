"""Reviewer credentials: the specialties as the state lists them, their other spellings, and the states.

Why apart: data only; ``treatments.canonical_specialty`` maps what a letter
writes onto the state's names, the query layer offers them as filters, and
the letter generator draws reviewers from them.
"""

from __future__ import annotations

SPECIALTIES: tuple[str, ...] = (
    "Addiction Psychiatry", "Allergy and Immunology", "Anesthesiology", "Cardiovascular Disease",
    "Child and Adolescent Psychiatry", "Chiropractic", "Colon and Rectal Surgery", "Critical Care Medicine",
    "Dentist", "Dermatology", "Diagnostic Radiology", "Emergency Medicine", "Family Practice",
    "Gastroenterology", "General Vascular Surgery", "Geriatric Medicine", "Hand Surgery",
    "Hospice & Palliative Medicine", "Infectious Disease", "Internal Medicine", "Interventional Cardiology",
    "Medical Oncology", "Medical Toxicology", "Nephrology", "Neurological Surgery", "Neurology",
    "Neuromuscular Medicine", "Neuroradiology", "Occupational Medicine", "Oncology", "Ophthalmology",
    "Optometry", "Oriental Medicine", "Orthopedic Surgery", "Otolaryngology", "Pain Management", "Pediatrics",
    "Physical Medicine & Rehabilitation", "Plastic Surgery", "Podiatric Surgery", "Podiatrist",
    "Preventive Medicine", "Psychiatry", "Psychologist", "Psychology",
    "Public Health & General Preventive Medicine", "Pulmonary Disease", "Radiology", "Registered Nurse",
    "Rheumatology", "Sleep Medicine", "Sports Medicine", "Surgery", "Surgical Critical Care",
    "Thoracic Surgery", "Urology",
)
"""Reviewer specialties exactly as the state's decision search lists them."""

SPECIALTY_VARIANTS: dict[str, str] = {
    "family medicine": "Family Practice",
    "orthopaedic surgery": "Orthopedic Surgery",
    "orthopedics": "Orthopedic Surgery",
    "neurosurgery": "Neurological Surgery",
    "pain medicine": "Pain Management",
    "physical medicine and rehab": "Physical Medicine & Rehabilitation",
}
"""Spellings of a listed specialty that are not just "&" for "and"."""

STATES: tuple[str, ...] = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
    "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
    "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "West Virginia", "Wisconsin", "Wyoming",
)
"""The states a reviewer may be licensed in."""
