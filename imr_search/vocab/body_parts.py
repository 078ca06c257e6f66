"""Body parts as letters name them: the canonical parts, which take a side, and the other spellings.

Why apart: data shared by the request reader (``treatments``), which finds
the body part in a request, and the letter generator, which writes one in.
Data only.
"""

from __future__ import annotations

BODY_PARTS: tuple[str, ...] = (
    "lumbar spine", "cervical spine", "thoracic spine", "lumbosacral spine", "thoracolumbar spine", "spine",
    "low back", "upper back", "mid back", "back", "neck", "sacroiliac joint", "sacrum", "coccyx", "pelvis",
    "hip", "groin", "buttock", "thigh", "knee", "patella", "lower leg", "leg", "calf", "ankle", "achilles tendon",
    "foot", "heel", "toe", "great toe", "shoulder", "clavicle", "scapula", "upper arm", "arm", "elbow",
    "forearm", "wrist", "hand", "finger", "thumb", "upper extremity", "lower extremity", "head", "brain",
    "face", "jaw", "temporomandibular joint", "eye", "ear", "chest", "chest wall", "rib", "abdomen",
)
"""Canonical body parts and regions, without laterality."""

LATERAL: frozenset[str] = frozenset({
    "sacroiliac joint", "hip", "groin", "buttock", "thigh", "knee", "patella", "lower leg", "leg", "calf",
    "ankle", "achilles tendon", "foot", "heel", "toe", "great toe", "shoulder", "clavicle", "scapula",
    "upper arm", "arm", "elbow", "forearm", "wrist", "hand", "finger", "thumb", "upper extremity",
    "lower extremity", "jaw", "temporomandibular joint", "eye", "ear", "chest wall", "rib",
})
"""The body parts a letter qualifies with "left", "right" or "bilateral"."""

BODY_PART_FORMS: tuple[str, ...] = (
    "lumbar", "cervical", "thoracic", "lumbosacral", "thoracolumbar", "c-spine", "l-spine", "t-spine",
    "ls spine", "lower back", "middle back", "si joint", "brainstem", "brain stem", "tmj",
    "upper and lower extremities", "upper and lower extremity", "feet", "calves",
    "rue", "lue", "bue", "rle", "lle", "ble",
)
"""Other ways letters name a region: recognised, never generated."""

ABBREVIATED_LIMBS: dict[str, str] = {
    "rue": "right upper extremity",
    "lue": "left upper extremity",
    "bue": "bilateral upper extremities",
    "rle": "right lower extremity",
    "lle": "left lower extremity",
    "ble": "bilateral lower extremities",
}
"""The limb abbreviations a body part is written out from ("RUE" -> "right upper extremity")."""
