"""Data: the common words whose adjacent pairs the index also holds as one term (common grams).

A phrase of two common words ("is not", "of the") intersects two posting
lists that each hold nearly every item; the pair's own term, indexed beside
them, holds only the items where the words stand together, so the query
layer asks it first and checks positions only there (see
``schema.phrase_grams``). A pair with a rarer word gains little: the rarer
word already leads the intersection.

A fixed list, not one counted per build: the writer and the query layer
must agree on it without reading each other, and a list that moved with the
corpus would change the index from one build to the next. Chosen from
document frequencies: every word in at least half of the item documents of
a 20,000-letter generated corpus (every section, as the unstemmed twins
hold them; years and numbers left out), plus the English function words
that real letters' prose leans on. Changing it is changing what the index
holds: bump ``schema.SCHEMA_VERSION``.
"""

from __future__ import annotations

COMMON_WORDS = frozenset(
    """
    a according an and are as at based be been by california care case chronic citation citing current
    decision diagnoses did disability examination for from guidelines had has have he her his if in include
    included independent injury is it male medical medically medications medicine mtus necessary no non not
    notes of old on or page pain patient plan reported request requests review s section she showed that
    the their there therapy this to treating treatment utilization visit was were which who with work year
    """.split()
)
