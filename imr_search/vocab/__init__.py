"""The vocabulary of IMR letters: treatments and the state's categories, body parts, diagnoses, specialties.

Import it from ``imr_search.vocab.treatments``, which reads requests
(``analyze_request``) and re-exports the tables; the tables themselves are
data modules: ``catalog`` (treatments and categories), ``body_parts``,
``diagnoses`` and ``reviewers`` (specialties and states).
"""

from __future__ import annotations
